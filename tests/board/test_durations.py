"""Stage durations, worked by hand on the org of tests/fixtures.py (NOW 2026-11-20 10:00 UTC).

The fixture's stage history is replaced by this one (days before NOW unless a date is given):

deal #3 (rep_south): Prospect 80 → Qualified 70 → Proposal 50 → back to Qualified 40 →
  Proposal 34 → Negotiation 4. Stints: Prospect 10 d, Qualified 20 d, Proposal 10 d,
  Qualified 6 d, Proposal 30 d — the deal that went back has two stints in each stage.
deal #1 (rep_li): Prospect from 2026-08-10 00:00, left 2026-08-23 00:00 = the first moment
  of the last 90 days (2026-08-23 … 2026-11-20): counted, 13 d.
deal #2 (rep_wang): Prospect from 2026-08-01 00:00, left 2026-08-22 23:59 — a minute before
  the window: not counted. Then Qualified until 2 days ago: 90 d less 2 d and 1 minute.
deal #8 (newbie): Prospect entered 1 day ago, still there: no stint.

Team (everyone): Prospect 10, 13 → average 11.5, median 11.5 (even count: the mean of the two);
Qualified 20, 6, 89.9993 → median 20; Proposal 10, 30 → median 20; Negotiation none.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import delete
from sqlmodel import Session

from salestui.board.durations import (
    DurationRules,
    Durations,
    PersonStage,
    days_text,
    duration_rules_from,
    durations_from,
    load_durations,
    load_stage_averages,
    stage_time,
)
from salestui.db.engine import open_database
from salestui.db.tables import StageChange
from salestui.kernel.domain import DEFAULT_STALL_DAYS, OPEN_STAGES
from salestui.kernel.periods import last_days
from tests.fixtures import NOW, TODAY, days_ago

EDGE = datetime(2026, 8, 23, tzinfo=UTC)
WANG_QUALIFIED = (NOW - timedelta(days=2) - (EDGE - timedelta(minutes=1))).total_seconds() / 86400


def history(path: str) -> None:
    engine = open_database(path)
    with Session(engine) as s:
        s.exec(delete(StageChange))
        rows = [
            (3, None, "Prospect", days_ago(80)),
            (3, "Prospect", "Qualified", days_ago(70)),
            (3, "Qualified", "Proposal", days_ago(50)),
            (3, "Proposal", "Qualified", days_ago(40)),
            (3, "Qualified", "Proposal", days_ago(34)),
            (3, "Proposal", "Negotiation", days_ago(4)),
            (1, None, "Prospect", datetime(2026, 8, 10, tzinfo=UTC)),
            (1, "Prospect", "Qualified", EDGE),
            (2, None, "Prospect", datetime(2026, 8, 1, tzinfo=UTC)),
            (2, "Prospect", "Qualified", EDGE - timedelta(minutes=1)),
            (2, "Qualified", "Proposal", days_ago(2)),
            (8, None, "Prospect", days_ago(1)),
        ]
        for deal, was, to, at in rows:
            s.add(
                StageChange(
                    opportunity_id=deal, from_stage=was, to_stage=to, changed_at=at, changed_by="t"
                )
            )
        s.commit()
    engine.dispose()


@pytest.fixture
def durations_db(seeded_db):
    history(seeded_db)
    return seeded_db


def read(path, fn, *args):
    engine = open_database(path)
    with engine.connect() as conn:
        return fn(conn, *args)


NAMES = {1: "Bo Boss", 3: "李伟", 4: "Wang Fang", 5: "Sam South", 6: "Nia New"}


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two():
    t = stage_time("Proposal", [1, 11, 3, 5], 30)
    assert (t.stints, t.average, t.median) == (4, 5.0, 4.0)
    assert stage_time("Proposal", [], 30).median is None


def test_stints_left_in_the_window_per_stage_for_the_team(durations_db):
    d = read(durations_db, load_durations, None, NAMES, {}, DEFAULT_STALL_DAYS, TODAY)
    assert d.window == last_days(TODAY, 90)
    team = {t.stage: t for t in d.team}
    assert (team["Prospect"].stints, team["Prospect"].average) == (2, 11.5)
    assert team["Prospect"].median == 11.5
    assert team["Qualified"].stints == 3
    assert team["Qualified"].median == pytest.approx(20)
    assert team["Qualified"].average == pytest.approx((20 + 6 + WANG_QUALIFIED) / 3)
    assert (team["Proposal"].stints, team["Proposal"].median) == (2, 20)
    assert (team["Negotiation"].stints, team["Negotiation"].median) == (0, None)
    assert team["Proposal"].limit == 30


def test_a_team_is_the_org_subtree_in_scope(durations_db):
    # mgr_east's team: rep_li, rep_wang, newbie (ids 3, 4, 6) — rep_south's deal is not theirs
    d = read(durations_db, load_durations, (2, 3, 4, 6), NAMES, {}, DEFAULT_STALL_DAYS, TODAY)
    team = {t.stage: t for t in d.team}
    assert (team["Prospect"].stints, team["Prospect"].median) == (1, 13)
    assert team["Qualified"].median == pytest.approx(WANG_QUALIFIED)
    assert team["Proposal"].stints == 0


def test_the_board_averages_are_the_same_stints(durations_db):
    found = read(durations_db, load_stage_averages, None, {}, TODAY)
    assert found["Prospect"] == (2, 11.5)
    assert found["Qualified"][0] == 3
    assert found["Qualified"][1] == pytest.approx((20 + 6 + WANG_QUALIFIED) / 3)
    assert "Negotiation" not in found
    assert days_text(found["Prospect"][1]) == "12d"  # 11.5 rounds half up


def test_a_person_much_longer_than_the_team():
    # team Proposal stints: ann 10, 12, 14 (median 12); bob 40, 50, 60 (median 50); cy 100 alone.
    # Team median of 10, 12, 14, 40, 50, 60, 100 = 40. bob 50 > 1.5 × 40 = 60? no.
    # cy 100 > 60 but one stint (< 3): not flagged. With factor 1.2: bob 50 > 48 → flagged.
    stints = [(1, "Proposal", d) for d in (10, 12, 14)] + [(2, "Proposal", d) for d in (40, 50, 60)]
    stints.append((3, "Proposal", 100))
    names = {1: "ann", 2: "bob", 3: "cy"}
    window = last_days(TODAY, 90)
    d = durations_from(stints, names, DEFAULT_STALL_DAYS, window, DurationRules())
    assert [p.time.median for p in d.people] == [12, 50, 100]
    assert d.people[0].team_median == 40
    assert d.flagged == ()
    d = durations_from(stints, names, DEFAULT_STALL_DAYS, window, DurationRules(90, 1.2))
    assert [p.name for p in d.flagged] == ["bob"]


def test_the_settings_and_their_junk():
    assert duration_rules_from({}) == DurationRules(90, 1.5)
    assert duration_rules_from(
        {"stage_durations.days": "30", "stage_durations.much_longer": "2"}
    ) == DurationRules(30, 2.0)
    assert duration_rules_from(
        {"stage_durations.days": "lots", "stage_durations.much_longer": "0.5"}
    ) == DurationRules(90, 1.5)


def plain_durations(stints, names, stall_days, window, rules) -> Durations:
    """The definition done the plain way, one list per stage and per (person, stage), each
    through stage_time: the second way :func:`durations_from`'s column-wise work must agree with."""
    by_stage: dict[str, list[float]] = {s: [] for s in OPEN_STAGES}
    by_person: dict[tuple[int, str], list[float]] = {}
    for owner, stage, days in stints:
        if stage not in by_stage:
            continue
        by_stage[stage].append(float(days))
        by_person.setdefault((owner, stage), []).append(float(days))
    team = tuple(stage_time(s, by_stage[s], stall_days[s]) for s in OPEN_STAGES)
    median = {t.stage: t.median for t in team}
    people = []
    for (owner, stage), days in by_person.items():
        mine = stage_time(stage, days, stall_days[stage])
        ref = median[stage]
        longer = mine.stints >= 3 and ref is not None and mine.median > rules.much_longer * ref
        people.append(PersonStage(owner, names.get(owner, f"#{owner}"), mine, ref, longer))
    order = {s: i for i, s in enumerate(OPEN_STAGES)}
    people.sort(key=lambda p: (p.name, p.person_id, order[p.time.stage]))
    return Durations(window, rules, team, tuple(people))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 6),
            st.sampled_from([*OPEN_STAGES, "Won", "Lost"]),
            st.floats(0, 400, allow_nan=False) | st.integers(0, 400).map(float),
        ),
        max_size=60,
    ),
    st.sampled_from([1.2, 1.5, 3.0]),
)
def test_the_column_wise_durations_are_the_plain_ones(stints, factor):
    names = {1: "ann", 2: "bob", 3: "cy", 4: "ann", 5: "dee"}  # two anns; 6 has no name
    window = last_days(TODAY, 90)
    rules = DurationRules(90, factor)
    fast = durations_from(stints, names, DEFAULT_STALL_DAYS, window, rules)
    assert fast == plain_durations(stints, names, DEFAULT_STALL_DAYS, window, rules)
