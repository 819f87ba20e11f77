"""The board's stage totals kept per owner and stage by triggers (migration 0012): after writes
through every door — a move, an edit, an undo, a new deal, an import, plain SQL — the kept sums
are what the deals add up to, and the board's totals read from them are the hand-worked figures
of tests/fixtures.py (amounts in major units: Prospect #1 120,000 and #8 15,000; Qualified #2
80,000; Proposal #3 600,000; Negotiation #4 450,000 and #5 900,000; probabilities 10 / 25 / 50 /
75 %; stalled: #1 (20 days, limit 14) and #4 (40 days, limit 30))."""

from __future__ import annotations

from sqlalchemy import text

from salestui.db.engine import open_database
from salestui.db.queries.board import BoardFilter, stage_totals
from salestui.kernel.domain import DEFAULT_STALL_DAYS, OPEN_STAGES
from salestui.services.deal_create import create_deal
from salestui.services.deal_undo import undo_last
from salestui.services.deals import edit_deal, move_stage
from salestui.services.imports.run import ImportOptions, import_file
from tests.fixtures import NOW

M = 100  # minor units per major unit


def summed_from_the_deals(conn) -> dict[tuple[int, str], tuple[int, int, int]]:
    """The second way: every deal read and added up here, (owner, stage) → (deals, amount,
    amount × probability)."""
    out: dict[tuple[int, str], list[int]] = {}
    for owner, stage, amount, probability in conn.execute(
        text("SELECT owner_id, stage, amount_minor, probability FROM opportunity")
    ):
        sums = out.setdefault((int(owner), stage), [0, 0, 0])
        sums[0] += 1
        sums[1] += int(amount)
        sums[2] += int(amount) * int(probability)
    return {k: tuple(v) for k, v in out.items()}


def kept(conn) -> dict[tuple[int, str], tuple[int, int, int]]:
    """What ``stage_total`` holds, rows summing to nothing left out (a stage emptied)."""
    found = conn.execute(
        text("SELECT owner_id, stage, deals, amount_minor, weighted_x100 FROM stage_total")
    )
    return {
        (int(o), s): (int(d), int(a), int(w)) for o, s, d, a, w in found if (d, a, w) != (0, 0, 0)
    }


def board_totals(session, owners=None) -> dict[str, tuple[int, int, int, int]]:
    flt = BoardFilter(owner_ids=owners)
    return {
        t.stage: (t.count, t.amount_minor, t.weighted_x100, t.stalled)
        for t in stage_totals(session, flt, NOW, dict(DEFAULT_STALL_DAYS))
    }


def _person(session, login: str) -> int:
    return int(
        session.exec(text("SELECT id FROM person WHERE login = :l").bindparams(l=login)).one()[0]
    )


def _version(session, deal_id: int) -> int:
    return int(session.exec(text(f"SELECT version FROM opportunity WHERE id = {deal_id}")).one()[0])


def import_moving_deal_2(s, tmp_path) -> None:
    """An import (as ``boss``) that moves deal #2 to Proposal: every deal given an external id
    first, so the file's row updates #2."""
    s.exec(text("UPDATE opportunity SET external_id = 'D' || id"))
    s.commit()
    path = tmp_path / "deals.csv"
    path.write_text("external_id,customer,stage,expected_close\n"
                    "D2,Acme Corp,Proposal,2026-12-31\n", encoding="utf-8")  # fmt: skip
    summary = import_file(s, path, ImportOptions(kind="opportunities"), actor="boss", now=NOW,
                          report_dir=tmp_path)  # fmt: skip
    assert summary.updated == 1, summary.lines()


def test_the_kept_totals_follow_every_door(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    conn = s.connection()
    assert kept(conn) == summed_from_the_deals(conn)
    assert board_totals(s) == {
        "Prospect": (2, 135_000 * M, 135_000 * M * 10, 1),
        "Qualified": (1, 80_000 * M, 80_000 * M * 25, 0),
        "Proposal": (1, 600_000 * M, 600_000 * M * 50, 0),
        "Negotiation": (2, 1_350_000 * M, (450_000 + 900_000) * M * 75, 1),
    }

    # a move on the board: #8 (15,000) Prospect → Qualified, 25 % there
    move_stage(s, "newbie", 8, "Qualified", _version(s, 8), now=NOW)
    conn = s.connection()
    assert kept(conn) == summed_from_the_deals(conn)
    totals = board_totals(s)
    assert totals["Prospect"] == (1, 120_000 * M, 120_000 * M * 10, 1)
    assert totals["Qualified"] == (2, 95_000 * M, 95_000 * M * 25, 0)

    # an edit of the amount, then its undo: #2 80,000 → 100,000 → 80,000
    edit_deal(s, "rep_wang", 2, _version(s, 2), amount="100000", now=NOW)
    assert board_totals(s)["Qualified"] == (2, 115_000 * M, 115_000 * M * 25, 0)
    undo_last(s, "rep_wang", now=NOW)
    assert board_totals(s)["Qualified"] == (2, 95_000 * M, 95_000 * M * 25, 0)

    # a new deal, then removed in plain SQL (a creation is not undone)
    customer = int(s.exec(text("SELECT customer_id FROM opportunity WHERE id = 2")).one()[0])
    create_deal(s, "rep_wang", customer_id=customer, title="Extra", amount="7000",
                expected_close="2026-12-31", now=NOW)  # fmt: skip
    assert board_totals(s)["Prospect"] == (2, 127_000 * M, 127_000 * M * 10, 1)
    (extra,) = s.exec(text("SELECT id FROM opportunity WHERE title = 'Extra'")).one()
    s.exec(text(f"DELETE FROM stage_change WHERE opportunity_id = {extra}"))
    s.exec(text(f"DELETE FROM opportunity WHERE id = {extra}"))
    s.commit()
    assert board_totals(s)["Prospect"] == (1, 120_000 * M, 120_000 * M * 10, 1)

    # an import moving #2 to Proposal (50 %)
    import_moving_deal_2(s, tmp_path)
    conn = s.connection()
    assert kept(conn) == summed_from_the_deals(conn)
    assert board_totals(s)["Proposal"] == (2, 680_000 * M, 680_000 * M * 50, 0)

    # plain SQL, many rows in one statement: every open deal of rep_li handed to rep_wang
    li, wang = _person(s, "rep_li"), _person(s, "rep_wang")
    s.exec(text(f"UPDATE opportunity SET owner_id = {wang} WHERE owner_id = {li}"))
    s.commit()
    conn = s.connection()
    assert kept(conn) == summed_from_the_deals(conn)
    assert board_totals(s, (li,)) == {stage: (0, 0, 0, 0) for stage in OPEN_STAGES}
    # rep_wang now: #1 120,000 Prospect (stalled), #4 450,000 and #5 900,000 Negotiation (#4
    # stalled), #2 80,000 Proposal (moved by the import)
    assert board_totals(s, (wang,)) == {
        "Prospect": (1, 120_000 * M, 120_000 * M * 10, 1),
        "Qualified": (0, 0, 0, 0),
        "Proposal": (1, 80_000 * M, 80_000 * M * 50, 0),
        "Negotiation": (2, 1_350_000 * M, 1_350_000 * M * 75, 1),
    }


def test_a_region_month_or_search_still_sums_the_deals_that_match(seeded_db, session_for):
    """Those filters are not kept per owner: the totals come from the matching deals."""
    s = session_for(seeded_db)
    s.exec(text("DELETE FROM stage_total"))  # were the kept sums read, this would show 0
    s.commit()
    totals = {
        t.stage: (t.count, t.amount_minor)
        for t in stage_totals(s, BoardFilter(text="acme"), NOW, dict(DEFAULT_STALL_DAYS))
    }
    # Acme: #8 training 15,000 Prospect, #2 renewal 80,000 Qualified, #5 expansion 900,000
    assert totals == {
        "Prospect": (1, 15_000 * M),
        "Qualified": (1, 80_000 * M),
        "Proposal": (0, 0),
        "Negotiation": (1, 900_000 * M),
    }


def test_an_upgraded_database_has_its_totals_summed(tmp_path):
    """Migration 0012 fills the table from the deals already there."""
    from tests.fixtures import build, downgrade_to

    path = build(str(tmp_path / "up.db"))
    downgrade_to(path, "0011")
    engine = open_database(path)  # upgrades to the head
    with engine.connect() as conn:
        assert kept(conn) == summed_from_the_deals(conn)
        assert sum(d for d, _a, _w in kept(conn).values()) == 8  # all 8 deals, closed ones too
    engine.dispose()


def test_changes_made_in_other_processes_show_in_the_pipeline_report(seeded_db, cli):
    """Another person's move (the command line) and a plain-SQL edit elsewhere, then `report
    pipeline` in a process of its own: the kept totals include both."""
    import json
    import os
    import subprocess
    import sys

    def elsewhere(*argv: str) -> str:
        done = subprocess.run(argv, capture_output=True, text=True,
                              env=os.environ | {"NO_COLOR": "1"})  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    salestui = (sys.executable, "-m", "salestui")
    elsewhere(*salestui, "deal", "move", "8", "--to", "Qualified", "--db", seeded_db)
    elsewhere(sys.executable, "-c", "import sqlite3; c = sqlite3.connect(" + repr(seeded_db) + "); "
              "c.execute('UPDATE opportunity SET amount_minor = amount_minor * 2 WHERE id = 3'); "
              "c.commit()")  # fmt: skip
    report = json.loads(elsewhere(*salestui, "report", "pipeline", "--format", "json",
                                  "--db", seeded_db))  # fmt: skip
    shown = {r["stage"]: (r["deals"], r["amount"], r["weighted"]) for r in report["rows"]}
    # #8 15,000 moved Prospect → Qualified (25 %); #3 600,000 → 1,200,000 in Proposal (50 %);
    # the stalled counts follow the real clock of that process and are not asserted here
    assert shown["Prospect"] == (1, "120000.00", "12000.00")
    assert shown["Qualified"] == (2, "95000.00", "23750.00")
    assert shown["Proposal"] == (1, "1200000.00", "600000.00")
    assert shown["Negotiation"] == (2, "1350000.00", "1012500.00")
    assert shown["Total"] == (6, "2765000.00", "1648250.00")
