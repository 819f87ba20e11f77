"""The org as it stood at a moment, undone by hand from a short history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from salestui.kernel.org_history import (
    AS_NOW,
    AS_THEN,
    attribution_day,
    last_day,
    org_as_of,
    org_view,
)


@dataclass(frozen=True)
class P:
    id: int
    manager_id: int | None
    region_id: int | None


@dataclass(frozen=True)
class C:
    person_id: int
    at: datetime
    field: str
    old: str | None
    new: str | None
    batch: str | None


def on(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 9, 30, tzinfo=UTC)


# Rep 7 was created under manager 1 in region 10, moved to manager 2 on 1 March, to region 11 on
# 1 June, to manager 3 on 1 September. Rep 8 was added under manager 2 in region 11 on 1 May.
# Rep 9 moved in August and has been deleted since. Rep 7's title change is not a move.
NOW_PEOPLE = [P(7, 3, 11), P(8, 2, 11), P(1, None, 10), P(2, None, 11), P(3, None, 11)]
HISTORY = sorted(
    [
        C(7, on(2026, 1, 5), "*created*", None, "r7", "c7"),
        C(7, on(2026, 1, 5), "manager_id", None, "1", "c7"),
        C(7, on(2026, 1, 5), "region_id", None, "10", "c7"),
        C(7, on(2026, 3, 1), "manager_id", "1", "2", "b1"),
        C(8, on(2026, 5, 1), "*created*", None, "r8", "c8"),
        C(8, on(2026, 5, 1), "manager_id", None, "2", "c8"),
        C(8, on(2026, 5, 1), "region_id", None, "11", "c8"),
        C(7, on(2026, 6, 1), "region_id", "10", "11", "b2"),
        C(9, on(2026, 8, 1), "manager_id", "1", "3", "b4"),
        C(7, on(2026, 9, 1), "manager_id", "2", "3", "b3"),
        C(7, on(2026, 9, 2), "title", "Rep", "Senior rep", "b5"),
    ],
    key=lambda c: c.at,
    reverse=True,
)


def since(moment: datetime) -> list[C]:
    return [c for c in HISTORY if c.at >= moment]


@pytest.mark.parametrize(
    ("moment", "rep7", "rep8"),
    [
        (on(2026, 1, 1), (1, 10), (2, 11)),  # before rep 7's creation: their first values
        (on(2026, 2, 1), (1, 10), (2, 11)),  # rep 8 not yet there: kept as added
        (on(2026, 4, 1), (2, 10), (2, 11)),
        (on(2026, 7, 1), (2, 11), (2, 11)),
        (on(2026, 10, 1), (3, 11), (2, 11)),  # nothing since: as now
    ],
)
def test_the_org_at_moments_between_the_changes(moment, rep7, rep8):
    org = org_as_of(NOW_PEOPLE, since(moment))
    assert org[7] == rep7 and org[8] == rep8
    assert 9 not in org  # deleted: left out
    assert org[1] == (None, 10) and org[3] == (None, 11)


def test_a_change_exactly_at_the_moment_is_undone():
    assert org_as_of(NOW_PEOPLE, since(on(2026, 9, 1)))[7] == (2, 11)


def test_the_rule_a_closed_period_its_end_a_running_one_now():
    q3_end = date(2026, 10, 1)  # exclusive
    assert attribution_day(q3_end, date(2026, 11, 20)) == date(2026, 10, 1)
    assert attribution_day(q3_end, date(2026, 10, 1)) == date(2026, 10, 1)  # Q3 closed last night
    assert attribution_day(q3_end, date(2026, 9, 30)) is None  # Q3's last day: still running
    assert last_day(q3_end) == date(2026, 9, 30)


@pytest.mark.parametrize(
    ("raw", "view"),
    [(None, AS_THEN), ("as_then", AS_THEN), (" NOW ", AS_NOW), ("junk", AS_THEN)],
)
def test_the_setting(raw, view):
    assert org_view({} if raw is None else {"org.history": raw}) == view
