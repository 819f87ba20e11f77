"""The audit log's hash chain (db/queries/audit_chain.py, migration 0003): an attacker who drops
the triggers and edits, deletes or forges a row is found at the first broken row; the triggers
refuse UPDATE and DELETE; an upgraded database's old rows are chained. SQLite and PostgreSQL
(each in a schema of its own, so that it never meets tests/db/test_postgres.py's)."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from salestui.db.engine import make_engine, open_database
from salestui.db.queries.audit_chain import GENESIS, at_text, link, verify
from salestui.services.audit import append

PG_URL = os.environ.get("SALESTUI_TEST_PG_URL", "")
AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def _pg_schema_url() -> str:
    schema = f"audit_chain_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    engine = make_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "chain.db")
    if not PG_URL:
        pytest.skip("SALESTUI_TEST_PG_URL is not set")
    return _pg_schema_url()


def forged_params(n: int) -> dict:
    """``entry(n)`` with its moment as the chain hashes it, as the forger binds it."""
    return {**entry(n), "at": at_text(entry(n)["at"])}


def entry(n: int) -> dict:
    return {"at": AT + timedelta(minutes=n), "by_login": "rep_li", "table_name": "opportunity",
            "row_id": 100 + n, "field": "stage", "old": "Prospect", "new": f"step {n}",
            "batch": f"b{n}"}  # fmt: skip


@pytest.fixture
def engine(url):
    """A database holding five audit rows, ids 1–5, written one transaction each."""
    engine = open_database(url)
    for n in range(1, 6):
        with engine.begin() as conn:
            assert append(conn, [entry(n)]) == [n]
    yield engine
    engine.dispose()


def drop_triggers(conn) -> None:
    """What an attacker with write access does first."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))
    else:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))


def tamper(engine, *statements: str, **params) -> None:
    with engine.begin() as conn:
        drop_triggers(conn)
        for sql in statements:
            conn.execute(text(sql), params)


def verdict(engine):
    with engine.connect() as conn:
        return verify(conn)


def test_a_whole_chain_verifies(engine):
    found = verdict(engine)
    assert (found.entries, found.broken) == (5, None)


def test_the_first_rows_hash_is_sha256_over_the_start_and_its_canonical_form(engine):
    # written out by hand: id, then every text length-prefixed, None as ~ (no batch here)
    form = "1|26:2026-11-20 10:01:00.000000|6:rep_li|11:opportunity|101|5:stage|8:Prospect|6:step 1|2:b1"
    expected = hashlib.sha256(("0" * 64 + "\n" + form).encode()).hexdigest()
    with engine.connect() as conn:
        row = conn.execute(text("SELECT prev_hash, hash FROM audit_log WHERE id = 1")).one()
        second = conn.execute(text("SELECT prev_hash FROM audit_log WHERE id = 2")).scalar()
        head = conn.execute(text("SELECT last_id FROM audit_head")).scalar()
    assert tuple(row) == (GENESIS, expected)
    assert second == expected and head == 5


def test_an_edited_row_is_named(engine):
    tamper(engine, "UPDATE audit_log SET new = 'Won' WHERE id = 3")
    found = verdict(engine)
    assert found.broken.id == 3 and found.broken.what.startswith("edited")
    assert found.broken.by_login == "rep_li" and found.entries == 2


def test_a_renumbered_row_is_edited(engine):
    tamper(engine, "UPDATE audit_log SET id = 50 WHERE id = 5")
    found = verdict(engine)
    assert found.broken.id == 50 and found.broken.what.startswith("edited")


def test_a_row_deleted_in_the_middle_names_the_row_after_it(engine):
    tamper(engine, "DELETE FROM audit_log WHERE id = 3")
    found = verdict(engine)
    assert found.broken.id == 4 and found.entries == 2
    assert found.broken.what == "rows deleted before it: it does not link to #2, the row before"


def test_the_first_row_deleted(engine):
    tamper(engine, "DELETE FROM audit_log WHERE id = 1")
    found = verdict(engine)
    assert found.broken.id == 2 and "the start of the log" in found.broken.what


def test_a_deleted_tail_shows_by_the_head(engine):
    tamper(engine, "DELETE FROM audit_log WHERE id >= 4")
    found = verdict(engine)
    assert found.entries == 3 and found.broken.id is None
    assert found.broken.what == "tail deleted: the log ends at #3, the last entry written was #5"


def test_a_forged_row_after_the_last_is_found_even_with_a_good_hash(engine):
    with engine.connect() as conn:
        last = conn.execute(text("SELECT hash FROM audit_log WHERE id = 5")).scalar()
    forged = forged_params(6)
    h = link(last, 6, *forged.values())
    tamper(
        engine,
        "INSERT INTO audit_log (id, at, by_login, table_name, row_id, field, old, new, batch, "
        "prev_hash, hash) VALUES (6, :at, :by_login, :table_name, :row_id, :field, :old, :new, "
        ":batch, :prev, :hash)",
        **forged,
        prev=last,
        hash=h,
    )
    found = verdict(engine)
    assert found.broken.id == 6 and found.entries == 5
    assert found.broken.what == "inserted: it comes after the last entry written (#5)"


def test_a_forged_row_before_the_first_is_found(engine):
    forged = forged_params(0)
    tamper(
        engine,
        "INSERT INTO audit_log (id, at, by_login, table_name, row_id, field, old, new, batch, "
        "prev_hash, hash) VALUES (0, :at, 'boss', :table_name, :row_id, :field, :old, :new, "
        ":batch, :prev, :hash)",
        **forged,
        prev=GENESIS,
        hash=link(GENESIS, 0, forged["at"], "boss", *list(forged.values())[2:]),
    )
    found = verdict(engine)
    assert (found.broken.id, found.broken.by_login, found.entries) == (0, "boss", 0)
    assert found.broken.what.startswith("inserted")


def test_a_row_written_around_the_chain_is_found(engine):
    tamper(
        engine,
        "INSERT INTO audit_log (id, at, by_login, table_name, row_id, field) "
        "VALUES (6, :at, 'boss', 'opportunity', 1, 'stage')",
        at=AT,
    )
    found = verdict(engine)
    assert found.broken.id == 6 and "no hash" in found.broken.what


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_log SET new = 'Won' WHERE id = 3",
        "DELETE FROM audit_log WHERE id = 3",
        "DELETE FROM audit_log",
        "DELETE FROM audit_head",
        "UPDATE audit_head SET last_id = 2",
    ],
)
def test_the_triggers_refuse_changing_the_log(engine, sql):
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(sql))
    assert verdict(engine).entries == 5


def test_postgresql_refuses_truncate(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_log"))


def test_two_writers_on_postgresql_chain_one_after_the_other(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("on SQLite the write lock serializes writers")
    first = engine.connect()
    first.begin()
    append(first, [entry(6), entry(7)])  # holds the head until it commits
    done: list[list[int]] = []

    def second() -> None:
        with engine.begin() as conn:
            done.append(append(conn, [entry(8)]))

    thread = threading.Thread(target=second)
    thread.start()
    time.sleep(0.5)
    assert done == []  # waiting on the head
    first.commit()
    first.close()
    thread.join(10)
    assert done == [[8]]
    found = verdict(engine)
    assert (found.entries, found.broken) == (8, None)


def test_a_migrated_old_database_is_chained(url):
    engine = make_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", "salestui.db:migrations")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    with engine.begin() as conn:  # rows as older salestui wrote them, with a gap in the ids
        for i, new in [(1, "Qualified"), (2, "Proposal"), (4, None), (9, "Won")]:
            conn.execute(
                text(
                    "INSERT INTO audit_log (id, at, by_login, table_name, row_id, field, old, new) "
                    "VALUES (:i, :at, 'rep', 'opportunity', 1, 'stage', 'Prospect', :new)"
                ),
                {"i": i, "at": AT + timedelta(hours=i), "new": new},
            )
    engine.dispose()
    engine = open_database(url)
    try:
        assert (verdict(engine).entries, verdict(engine).broken) == (4, None)
        with engine.begin() as conn:
            assert append(conn, [entry(1)]) == [10]
        assert (verdict(engine).entries, verdict(engine).broken) == (5, None)
        tamper(engine, "UPDATE audit_log SET by_login = 'boss' WHERE id = 2")
        assert verdict(engine).broken.id == 2
    finally:
        engine.dispose()


def test_log_verify_says_whole_or_names_the_first_broken_row(seeded_db, cli, utc_zone):
    from salestui.db.queries.audit_chain import verify as walk

    engine = open_database(seeded_db)
    with engine.begin() as conn:
        append(conn, [entry(n) for n in range(1, 4)])
        count = conn.execute(text("SELECT COUNT(*) FROM audit_log")).scalar()
    result = cli("log", "--verify", "--db", seeded_db)
    assert (result.code, result.out) == (0, f"verified {count} entries, the chain is whole\n")

    with engine.connect() as conn:
        second = conn.execute(text("SELECT id FROM audit_log WHERE new = 'step 2'")).scalar()
    tamper(engine, "UPDATE audit_log SET new = 'Won' WHERE id = :i", i=second)
    with engine.connect() as conn:
        assert walk(conn).broken.id == second
    engine.dispose()
    result = cli("log", "--verify", "--db", seeded_db)
    assert result.code == 1 and result.out == ""
    assert result.err == (
        f"salestui: the audit log's chain is broken at entry #{second} (2026-11-20 10:02, by "
        f"rep_li): edited: its content no longer matches its hash; the {count - 2} entries "
        "before it are whole\n"
    )
    assert cli("log", "--verify", "--limit", "3", "--db", seeded_db).code == 2


def test_log_verify_names_the_break_in_chinese(seeded_db, cli, utc_zone):
    engine = open_database(seeded_db)
    with engine.begin() as conn:
        append(conn, [entry(n) for n in range(1, 4)])
        second = conn.execute(text("SELECT id FROM audit_log WHERE new = 'step 2'")).scalar()
    tamper(engine, "UPDATE audit_log SET new = 'Won' WHERE id = :i", i=second)
    engine.dispose()
    result = cli("--lang", "zh", "log", "--verify", "--db", seeded_db)
    assert result.code == 1
    assert f"#{second}" in result.err
    assert "被改过：内容与其哈希不再相符" in result.err  # the reason too, not only the frame
    assert "edited" not in result.err
