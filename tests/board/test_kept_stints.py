"""The stints behind stage durations are kept between processes (salestui.board.durations,
migration 0018) and never stale: after a change made elsewhere — a move through the command
line, a deal changing hands, a change slipped in earlier in a deal's history, a deal's history
removed, all by plain SQL but the first — a fresh reader's stints equal the ones worked out here
from the raw stage history, and only the owners the change touched were read again."""

from __future__ import annotations

import sqlite3
from functools import partial

import pytest

from salestui.board.durations import (
    STINT_KINDS,
    DurationRules,
    duration_window,
    load_durations,
    stints_in_window,
    window_stints,
)
from salestui.context import AppContext
from salestui.db.engine import make_engine
from salestui.db.queries.touches import OWNERS
from salestui.kernel.domain import DEFAULT_STALL_DAYS, OPEN_STAGES
from salestui.runtime import maintained
from salestui.runtime.columns import NumericPart
from salestui.runtime.maintained import MaintainedRead
from tests.board.test_durations import plain_durations
from tests.runtime.kept import TODAY, ago, last_90_days, moment
from tests.runtime.test_maintained import plain_sql, salestui

RULES = DurationRules()

pytestmark = pytest.mark.usefixtures("fresh_kept")


@pytest.fixture
def stints_db(seeded_db) -> str:
    """The fixture org with a stage history of its own, ending just before now: deal 1 (rep_li,
    in Prospect), 2 (rep_wang), 3 (rep_south) and 4 (rep_li) with stints in the window, one
    before it."""
    history = [
        (1, None, "Prospect", 30),
        (2, None, "Prospect", 100),
        (2, "Prospect", "Qualified", 95),  # left before the window
        (2, "Qualified", "Proposal", 40),
        (2, "Proposal", "Qualified", 12),
        (3, None, "Prospect", 60),
        (3, "Prospect", "Qualified", 50.5),
        (3, "Qualified", "Proposal", 20.25),
        (4, None, "Prospect", 80),
        (4, "Prospect", "Negotiation", 41),
    ]
    with sqlite3.connect(seeded_db) as c:
        c.execute("DELETE FROM stage_change")
        c.executemany(
            "INSERT INTO stage_change (opportunity_id, from_stage, to_stage, changed_at, "
            "changed_by) VALUES (?, ?, ?, ?, 't')",
            [(deal, was, to, ago(days)) for deal, was, to, days in history],
        )
        c.execute("UPDATE opportunity SET stage = 'Prospect' WHERE id = 1")
    return seeded_db


def scratch(db: str) -> list[tuple[int, int, float]]:
    """The stints by their definition, from the raw history alone (not the kept columns
    entered_at and owner_id): each change with an earlier one of its deal leaves a stint of its
    from-stage, as long as from the latest earlier change; in the window when left in it; its
    deal's owner's now."""
    start, end = last_90_days()  # the default window
    with sqlite3.connect(db) as c:
        owner = dict(c.execute("SELECT id, owner_id FROM opportunity"))
        changes = c.execute(
            "SELECT opportunity_id, from_stage, changed_at FROM stage_change"
        ).fetchall()
    at = [(deal, was, moment(t)) for deal, was, t in changes]
    found = []
    for deal, was, left in at:
        before = [t for d, _, t in at if d == deal and t < left]
        if not before or was not in OPEN_STAGES or not start <= left < end:
            continue
        days = (left - max(before)).total_seconds() / 86400
        found.append((owner[deal], OPEN_STAGES.index(was), round(days, 6)))
    return sorted(found)


def kept(db: str, people=None) -> list[tuple[int, int, float]]:
    """The stints as a fresh process reads them (through the kept ones), for a viewer who sees
    ``people`` alone (None: everyone)."""
    maintained.forget()
    engine = make_engine(db)
    with engine.connect() as conn:
        found = stints_in_window(conn, people, TODAY, RULES)
    engine.dispose()
    maintained.written()
    rows = zip(*(a.tolist() for a in found.arrays), strict=True)
    return sorted((o, s, round(d, 6)) for o, s, d in rows)


def reread(db: str) -> int | None:
    """How many owners a fresh reader reads again (None: everyone's stints)."""
    maintained.forget()
    part = NumericPart(partial(window_stints, RULES.days), STINT_KINDS)
    name = f"stage_stints|{RULES.days}"
    return MaintainedRead(AppContext(db, "boss"), name, [part], TODAY, OWNERS).touched


def test_a_first_reader_keeps_them_and_the_next_reads_nothing_again(stints_db):
    assert reread(stints_db) is None
    # by hand: deal 2's Qualified (95 → 40 days ago) and Proposal (40 → 12); 3's Prospect
    # (60 → 50.5) and Qualified (50.5 → 20.25); 4's Prospect (80 → 41). Deal 2's first
    # Prospect stint was left 95 days ago, before the window.
    li, wang, south = 3, 4, 5
    assert (
        kept(stints_db)
        == scratch(stints_db)
        == sorted(
            [(wang, 1, 55.0), (wang, 2, 28.0), (south, 0, 9.5), (south, 1, 30.25), (li, 0, 39.0)]
        )
    )
    assert reread(stints_db) == 0
    with sqlite3.connect(stints_db) as c:
        stored = [n for (n,) in c.execute("SELECT name FROM figure_store")]
    assert stored == ["stage_stints|90|UTC"]


def test_a_move_through_the_command_line_elsewhere_reads_its_owner_again(stints_db):
    before = kept(stints_db)
    salestui(stints_db, "deal", "move", "1", "--to", "Qualified")
    assert reread(stints_db) == 1  # rep_li's
    after = kept(stints_db)
    assert after == scratch(stints_db)
    assert len(after) == len(before) + 1  # deal 1's Prospect stint, 30 days long
    assert [r for r in after if r not in before] == [(3, 0, pytest.approx(30, abs=0.01))]


def test_a_deal_changing_hands_moves_its_stints_and_reads_both_owners_again(stints_db):
    kept(stints_db)
    plain_sql(stints_db, "UPDATE opportunity SET owner_id = 6 WHERE id = 3")  # south → newbie
    assert reread(stints_db) == 2
    after = kept(stints_db)
    assert after == scratch(stints_db)
    assert [r[1:] for r in after if r[0] == 6] == [(0, 9.5), (1, 30.25)]
    assert not [r for r in after if r[0] == 5]


def test_a_change_slipped_in_earlier_shortens_the_stint_after_it(stints_db):
    kept(stints_db)
    plain_sql(
        stints_db,
        "INSERT INTO stage_change (opportunity_id, from_stage, to_stage, changed_at, changed_by)"
        f" VALUES (3, 'Qualified', 'Qualified', '{ago(30.25)}', 'backfill')",
    )
    assert reread(stints_db) == 1
    after = kept(stints_db)
    assert after == scratch(stints_db)
    assert sorted(r[1:] for r in after if r[0] == 5) == [(0, 9.5), (1, 10.0), (1, 20.25)]


def test_a_deal_s_history_removed_leaves_the_kept_stints(stints_db):
    kept(stints_db)
    plain_sql(stints_db, "DELETE FROM stage_change WHERE opportunity_id = 2")
    assert kept(stints_db) == scratch(stints_db)
    assert not [r for r in kept(stints_db) if r[0] == 4]


def test_damaged_kept_content_is_read_again_from_the_history(stints_db):
    kept(stints_db)
    plain_sql(stints_db, "UPDATE figure_store SET payload = X'00ff'")
    assert reread(stints_db) is None
    assert kept(stints_db) == scratch(stints_db)


def test_the_durations_through_the_kept_stints_are_the_plain_ones(stints_db):
    kept(stints_db)
    salestui(stints_db, "deal", "move", "1", "--to", "Qualified")
    names = {3: "李伟", 4: "Wang Fang", 5: "Sam South"}
    engine = make_engine(stints_db)
    with engine.connect() as conn:
        found = load_durations(conn, None, names, {}, DEFAULT_STALL_DAYS, TODAY)
    engine.dispose()
    stints = [(o, OPEN_STAGES[s], d) for o, s, d in scratch(stints_db)]
    window = duration_window(TODAY, RULES)
    expected = plain_durations(stints, names, DEFAULT_STALL_DAYS, window, RULES)
    assert [(t.stage, t.stints) for t in found.team] == [(t.stage, t.stints) for t in expected.team]
    for mine, theirs in zip(found.team, expected.team, strict=True):
        assert (mine.median is None) == (theirs.median is None)
        if mine.median is not None:  # julianday keeps milliseconds
            assert mine.median == pytest.approx(theirs.median, abs=1e-5)
    assert [(p.person_id, p.time.stage, p.time.stints) for p in found.people] == [
        (p.person_id, p.time.stage, p.time.stints) for p in expected.people
    ]


@pytest.fixture
def reads(monkeypatch) -> list:
    """The owners each read of the stints asked for, in order (sorted; None: everyone)."""
    from salestui.board import durations

    asked: list = []
    real = durations.window_stints

    def spy(days, session, today, ids=None):
        asked.append(None if ids is None else tuple(sorted(ids)))
        return real(days, session, today, ids)

    monkeypatch.setattr(durations, "window_stints", spy)
    return asked


def stored(db: str) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT name, seq FROM figure_store").fetchall()


def test_a_rep_after_everyone_s_changes_reads_only_their_own_again(stints_db, reads):
    """Others touched too (an import of everyone's deals): a rep's reader reads that rep's
    stints again, not everyone's, and leaves the kept ones as they were for the next reader."""
    li, wang = 3, 4
    kept(stints_db)
    kept_before = stored(stints_db)
    salestui(stints_db, "deal", "move", "2", "--to", "Negotiation")  # wang's
    salestui(stints_db, "deal", "move", "1", "--to", "Qualified")  # li's
    reads.clear()
    mine = kept(stints_db, [li])
    assert reads == [(li,)]
    assert stored(stints_db) == kept_before
    assert mine == [r for r in scratch(stints_db) if r[0] == li]
    assert (li, 0, pytest.approx(30, abs=0.01)) in mine  # deal 1's Prospect, left just now
    reads.clear()
    assert kept(stints_db) == scratch(stints_db)  # everyone's reader: both owners again
    assert reads == [(li, wang)]
    assert [r for r in kept(stints_db) if r[0] == wang] == [
        r for r in scratch(stints_db) if r[0] == wang
    ]


def test_a_rep_with_nothing_kept_reads_their_own_alone_and_keeps_nothing(stints_db, reads):
    li = 3
    assert kept(stints_db, [li]) == [r for r in scratch(stints_db) if r[0] == li]
    assert reads == [(li,)]
    assert stored(stints_db) == []


def test_a_rep_whose_own_deals_alone_changed_brings_the_kept_ones_up_to_date(stints_db, reads):
    li = 3
    kept(stints_db)
    salestui(stints_db, "deal", "move", "1", "--to", "Qualified")
    reads.clear()
    assert kept(stints_db, [li]) == [r for r in scratch(stints_db) if r[0] == li]
    assert reads == [(li,)]
    reads.clear()
    assert kept(stints_db) == scratch(stints_db)
    assert reads == [(li,)]  # kept in that process alone (fewer than REWRITE_PEOPLE)
