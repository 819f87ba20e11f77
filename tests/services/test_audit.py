"""Audit values as text and back (salestui/services/audit.py): what an undo writes back must be
the column's own type, or the database refuses it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from salestui.services.audit import as_text, same, typed


def test_text_back_into_each_column_type():
    assert typed("opportunity", "amount_minor", "12345") == 12_345  # BigInteger
    assert typed("opportunity", "probability", "40") == 40
    assert typed("opportunity", "expected_close", "2026-12-01") == date(2026, 12, 1)
    assert typed("opportunity", "stage", "Won") == "Won"
    assert typed("person", "active", "0") is False
    assert typed("person", "active", "1") is True
    assert typed("opportunity", "lost_reason", None) is None


def test_a_moment_comes_back_aware_and_in_utc_when_it_was_written_without_a_zone():
    # stage_entered_at is SQLModel's UTCDateTime, a TypeDecorator over DateTime
    assert typed("opportunity", "stage_entered_at", "2026-11-20T10:00:00") == datetime(
        2026, 11, 20, 10, 0, tzinfo=UTC
    )
    east8 = timezone(timedelta(hours=8))
    assert typed("customer", "created_at", "2026-11-20T18:00:00+08:00") == datetime(
        2026, 11, 20, 18, 0, tzinfo=east8
    )


def test_as_text_and_typed_round_trip():
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    for table, column, value in [
        ("opportunity", "closed_at", moment),
        ("opportunity", "expected_close", date(2026, 3, 31)),
        ("person", "active", False),
        ("opportunity", "amount_minor", 0),
    ]:
        assert typed(table, column, as_text(value)) == value


def test_same_takes_a_naive_moment_as_utc():
    aware = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert same(aware, datetime(2026, 11, 20, 10, 0))
    assert not same(aware, datetime(2026, 11, 20, 11, 0))
    assert same(aware, datetime(2026, 11, 20, 18, 0, tzinfo=timezone(timedelta(hours=8))))
    assert same("Won", "Won") and not same(1, 2)


# Every writer chains its rows through services.audit.append: a stage move (record), an import's
# batch and bulk rows, its undo; the chain verifies after each and the head follows the last row.


def _chain(session):
    from sqlalchemy import text

    from salestui.db.queries.audit_chain import verify

    conn = session.connection()
    ids = conn.execute(text("SELECT id FROM audit_log ORDER BY id")).scalars().all()
    head = conn.execute(text("SELECT last_id FROM audit_head")).scalar()
    return verify(conn), ids, head


def test_a_stage_move_and_an_import_and_its_undo_are_chained(seeded_db, session_for, tmp_path):
    from sqlalchemy import text

    from salestui.services.deals import move_stage
    from salestui.services.imports.run import ImportOptions, import_file, undo_import
    from tests.fixtures import NOW
    from tests.services.test_deals import ERP

    s = session_for(seeded_db)
    before = s.connection().execute(text("SELECT COUNT(*) FROM audit_log")).scalar()
    move_stage(s, "rep_li", ERP, "Qualified", 1, now=NOW)  # stage, probability, entered, version
    found, ids, head = _chain(s)
    assert (found.entries, found.broken) == (before + 4, None)
    assert ids == list(range(1, before + 5)) and head == before + 4

    path = tmp_path / "c.csv"
    path.write_text("name,industry,owner\nAcme Corp,Machinery,\nZed,Retail,Zoe Z\n")
    summary = import_file(s, path, ImportOptions(kind="customers", create_missing=True),
                          actor="boss", now=NOW, report_dir=tmp_path)  # fmt: skip
    found, ids, head = _chain(s)
    # the batch row, Zoe Z and Zed created, Acme's industry and version changed
    assert (found.entries, found.broken, head) == (before + 9, None, before + 9)
    undo_import(s, summary.batch, actor="boss", now=NOW)
    found, ids, head = _chain(s)
    # Acme's industry and version put back, Zed and Zoe Z deleted
    assert (found.entries, found.broken, head) == (before + 13, None, before + 13)
    assert ids == list(range(1, before + 14))
