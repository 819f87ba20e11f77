"""What triggers keep from the stage history: each change's entering moment (migration 0014) and
deal's owner (0017), each deal's stages reached (0016). After writes through every door — a move
and its undo, a new deal, an import, a deal handed to another rep, plain SQL adding a change
back in time, removing one, moving one in time or to another deal — every row's ``entered_at``
and ``owner_id`` and every deal's ``stages_reached`` are what the definitions give, worked out a
second way here: the latest of the deal's changes strictly before the row's own moment (none
for its first); the deal's ``owner_id``; the stages the deal's changes entered, one bit each in
the order of ``STAGES`` (None with no history). The durations read from them are hand-worked
in tests/board/test_durations.py, the funnel in tests/review."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text
from sqlmodel import select

from salestui.db.engine import open_database
from salestui.db.tables import StageChange
from salestui.kernel.domain import STAGES
from salestui.services.deal_create import create_deal
from salestui.services.deal_undo import undo_last
from salestui.services.deals import edit_deal, move_stage
from tests.board.test_stage_totals_kept import _version, import_moving_deal_2
from tests.fixtures import NOW


def by_definition(conn) -> dict[int, object]:
    """id → the latest changed_at of the same deal strictly before the row's, or None."""
    found = conn.execute(text("SELECT id, opportunity_id, changed_at FROM stage_change")).all()
    times: dict[int, list] = {}
    for _id, deal, at in found:
        times.setdefault(int(deal), []).append(at)
    return {
        int(i): max((t for t in times[int(deal)] if t < at), default=None) for i, deal, at in found
    }


def kept(conn) -> dict[int, object]:
    return {int(i): e for i, e in conn.execute(text("SELECT id, entered_at FROM stage_change"))}


def reached_by_definition(conn) -> dict[int, int | None]:
    """deal id → the OR of 2**(index in STAGES) over the stages its changes entered (an unknown
    stage adds no bit), or None for a deal with no change."""
    entered: dict[int, set[str]] = {int(d): set() for (d,) in conn.execute(
        text("SELECT id FROM opportunity"))}  # fmt: skip
    for deal, stage in conn.execute(text("SELECT opportunity_id, to_stage FROM stage_change")):
        entered[int(deal)].add(stage)
    masks: dict[int, int | None] = {}
    for deal, stages in entered.items():
        bits = [1 << STAGES.index(s) for s in stages if s in STAGES]
        masks[deal] = sum(bits) if stages else None
    return masks


def reached(conn) -> dict[int, int | None]:
    found = conn.execute(text("SELECT id, stages_reached FROM opportunity"))
    return {int(i): None if m is None else int(m) for i, m in found}


def owners_by_definition(conn) -> dict[int, int]:
    """stage change id → its deal's owner now."""
    owner = {int(i): int(o) for i, o in conn.execute(text("SELECT id, owner_id FROM opportunity"))}
    found = conn.execute(text("SELECT id, opportunity_id FROM stage_change"))
    return {int(i): owner[int(deal)] for i, deal in found}


def owners(conn) -> dict[int, int | None]:
    found = conn.execute(text("SELECT id, owner_id FROM stage_change"))
    return {int(i): None if o is None else int(o) for i, o in found}


def agree(session) -> int:
    conn = session.connection()
    found = kept(conn)
    assert found == by_definition(conn)
    assert reached(conn) == reached_by_definition(conn)
    assert owners(conn) == owners_by_definition(conn)
    return sum(e is not None for e in found.values())


def test_the_entering_moments_follow_every_door(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    before = agree(s)
    assert before > 0

    move_stage(s, "newbie", 8, "Qualified", _version(s, 8), now=NOW)  # a move on the board
    assert agree(s) == before + 1
    (moved_in,) = s.exec(text(
        "SELECT entered_at FROM stage_change WHERE opportunity_id = 8 ORDER BY changed_at DESC, "
        "id DESC LIMIT 1"
    )).one()  # fmt: skip
    assert moved_in is not None  # #8 left Prospect, entered when it was created or moved there
    undo_last(s, "newbie", now=NOW)  # its undo: a change back
    agree(s)

    customer = int(s.exec(text("SELECT customer_id FROM opportunity WHERE id = 2")).one()[0])
    create_deal(s, "rep_wang", customer_id=customer, title="Extra", amount="7000",
                expected_close="2026-12-31", now=NOW)  # fmt: skip
    agree(s)

    import_moving_deal_2(s, tmp_path)  # an import
    agree(s)

    # a deal handed to another rep through the form, and its undo; many in one SQL statement
    (owner_before,) = s.exec(text("SELECT owner_id FROM opportunity WHERE id = 2")).one()
    edit_deal(s, "mgr_east", 2, _version(s, 2), owner_login="newbie", now=NOW)
    agree(s)
    (owner_now,) = s.exec(
        text("SELECT DISTINCT owner_id FROM stage_change WHERE opportunity_id = 2")
    ).one()
    assert owner_now != owner_before
    undo_last(s, "mgr_east", now=NOW)
    agree(s)
    s.exec(text(
        "UPDATE opportunity SET owner_id = (SELECT MIN(id) FROM person) WHERE id IN (3, 4)"
    ))  # fmt: skip
    s.commit()
    agree(s)

    # a change added back in time, between a deal's first two (the row after it now entered at
    # it), then moved to the end in plain SQL
    history = s.exec(select(StageChange).where(StageChange.opportunity_id == 3)
                     .order_by(StageChange.changed_at)).all()  # fmt: skip
    assert len(history) >= 2
    first, second = history[0].changed_at, history[1].changed_at
    s.add(StageChange(opportunity_id=3, from_stage="Prospect", to_stage="Qualified",
                      changed_at=first + (second - first) / 2, changed_by="sql"))  # fmt: skip
    s.commit()
    agree(s)
    (after,) = s.exec(text(
        "SELECT entered_at FROM stage_change WHERE opportunity_id = 3 AND changed_by <> 'sql' "
        "ORDER BY changed_at LIMIT 1 OFFSET 1"
    )).one()  # fmt: skip
    (inserted,) = s.exec(text(
        "SELECT changed_at FROM stage_change WHERE changed_by = 'sql'"
    )).one()  # fmt: skip
    assert after == inserted  # the second change now entered at the one added before it
    s.exec(text(
        "UPDATE stage_change SET changed_at = (SELECT MAX(changed_at) FROM stage_change "
        "WHERE opportunity_id = 3) WHERE changed_by = 'sql'"
    ))  # fmt: skip
    s.commit()
    agree(s)
    # … removed again, a middle one of #4 removed, and one handed to another deal
    s.exec(text("DELETE FROM stage_change WHERE changed_by = 'sql'"))
    s.exec(text(
        "DELETE FROM stage_change WHERE id = (SELECT id FROM stage_change WHERE opportunity_id = 4 "
        "ORDER BY changed_at LIMIT 1 OFFSET 1)"
    ))  # fmt: skip
    s.exec(text(
        "UPDATE stage_change SET opportunity_id = 5 WHERE id = (SELECT MAX(id) FROM stage_change "
        "WHERE opportunity_id = 2)"
    ))  # fmt: skip
    s.commit()
    agree(s)
    # a change's stage rewritten (a stage the deal never entered), and a deal's whole history
    # removed: it has no stages reached at all, not an empty set
    conn = s.connection()
    mask_before = reached(conn)[6]
    s.exec(text(
        "UPDATE stage_change SET to_stage = 'Lost' WHERE id = (SELECT MAX(id) FROM stage_change "
        "WHERE opportunity_id = 6)"
    ))  # fmt: skip
    s.exec(text("DELETE FROM stage_change WHERE opportunity_id = 7"))
    s.commit()
    agree(s)
    conn = s.connection()
    assert reached(conn)[6] != mask_before and reached(conn)[6] & 32  # Lost is the sixth bit
    assert reached(conn)[7] is None


def downgraded(tmp_path, revision: str, table: str, column: str) -> str:
    """The hand-written organisation at ``revision``, where ``table`` has no ``column`` yet."""
    from tests.fixtures import build, downgrade_to

    path = build(str(tmp_path / "up.db"))
    downgrade_to(path, revision)
    with sqlite3.connect(path) as c:
        assert column not in [row[1] for row in c.execute(f"PRAGMA table_info({table})")]
    return path


def triggers_of(path: str) -> set[str]:
    with sqlite3.connect(path) as c:
        return {n for (n,) in c.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}


@pytest.mark.parametrize(
    ("revision", "table", "column"),
    [("0013", "stage_change", "entered_at"), ("0016", "stage_change", "owner_id")],
)
def test_an_upgraded_database_has_its_history_kept(tmp_path, revision, table, column):
    """Migrations 0014 and 0017 set each stage change's entering moment and its deal's owner
    from the history and the deals already there."""
    path = downgraded(tmp_path, revision, table, column)
    engine = open_database(path)  # upgrades to the head
    with engine.connect() as conn:
        if column == "entered_at":
            found = kept(conn)
            assert found == by_definition(conn)
            assert any(e is not None for e in found.values())
        else:
            found = owners(conn)
            assert found == owners_by_definition(conn)
            assert len(set(found.values())) > 1
    engine.dispose()


def test_an_upgraded_database_has_its_stages_reached_set(tmp_path):
    """Migration 0016 works each deal's stages reached out from the history already there."""
    path = downgraded(tmp_path, "0015", "opportunity", "stages_reached")
    assert {"stamp_opportunity_insert", "tally_opportunity_update"} <= triggers_of(path)
    stamps = "SELECT customer_id, seq FROM customer_touch ORDER BY customer_id"
    with sqlite3.connect(path) as c:
        stamped = c.execute(stamps).fetchall()
    engine = open_database(path)  # upgrades to the head
    with engine.connect() as conn:
        found = reached(conn)
        assert found == reached_by_definition(conn)
        assert any(m is not None and m > 1 for m in found.values())
        # no customer stamped as changed by the upgrade (their figures do not read the mask)…
        assert [tuple(r) for r in conn.execute(text(stamps))] == stamped
    engine.dispose()
    # … and the deal table's stamping triggers are back
    assert {"stamp_opportunity_update_new", "stamp_opportunity_update_old"} <= triggers_of(path)
