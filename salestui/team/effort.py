"""Effort allocation (seed 000: 70 % of effort on the top 20 % of customers): the share of
activities, and separately of visits, that went to the top 20 % of customers.

The top 20 % is the customer ranking the tiers already use (``salestui.customers.tiers``): the
customers whose 12-month revenue scores M = 5 in the RFM quintiles (ranked among those who
ordered in the last 12 months, ``kernel.periods.last_12_months``). Tied revenues share the
highest rank, so a tie on the 20 % edge puts every tied customer in the top (it may hold a
little more than a fifth); a customer with no order in 12 months is never in it.

Counted: the activities in the last ``effort.days`` days (default 90) that reached a customer —
named on the activity or through its deal; a lead's contact reached none and is not counted.
A person or team falls short when either share is below ``effort.target`` % (default 70).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from salestui.kernel.format import percent
from salestui.kernel.periods import Window, last_days
from salestui.kernel.settings import int_setting

DEFAULT_DAYS = 90
DEFAULT_TARGET = 70
TOP_SCORE = 5  # the top quintile of the monetary score: the top 20 %


@dataclass(frozen=True)
class EffortShare:
    name: str
    person_id: int | None  # None: the team
    activities: int
    top_activities: int
    visits: int
    top_visits: int

    @property
    def activity_share(self) -> float | None:
        return 100 * self.top_activities / self.activities if self.activities else None

    @property
    def visit_share(self) -> float | None:
        return 100 * self.top_visits / self.visits if self.visits else None

    def short_of(self, target: int) -> bool:
        """Below ``target`` % on activities or on visits (a share with nothing counted is not)."""
        return any(s is not None and s < target for s in (self.activity_share, self.visit_share))


@dataclass(frozen=True)
class Effort:
    window: Window
    target: int
    team: EffortShare
    people: tuple[EffortShare, ...]  # everyone in scope with a counted activity, by name

    @property
    def short(self) -> tuple[EffortShare, ...]:
        return tuple(p for p in self.people if p.short_of(self.target))


def share_text(share: float | None) -> str:
    """A share as every door shows it: whole percent, "–" with nothing counted."""
    return percent(share, points=True)


def effort_window(today: date, settings: Mapping[str, str]) -> Window:
    return last_days(today, int_setting(settings, "effort.days", DEFAULT_DAYS, lo=7, hi=3660))


def effort_target(settings: Mapping[str, str]) -> int:
    return int_setting(settings, "effort.target", DEFAULT_TARGET, lo=0, hi=100)


def top_customers(table) -> frozenset[int]:
    """The top 20 % from the customer table (indexed by customer id, with the RFM ``m``)."""
    return frozenset(int(c) for c in table.index[table["m"] == TOP_SCORE])


def effort_from(
    counts: Iterable[tuple[int, int, int, int]],
    top: frozenset[int],
    names: Mapping[int, str],
    window: Window,
    target: int,
    team_name: str = "team",
) -> Effort:
    """``counts``: (person id, customer id, activities, visits) of the people in scope."""
    sums: dict[int, list[int]] = {}
    for person, customer, activities, visits in counts:
        s = sums.setdefault(person, [0, 0, 0, 0])
        on_top = customer in top
        s[0] += activities
        s[1] += activities if on_top else 0
        s[2] += visits
        s[3] += visits if on_top else 0
    people = sorted(
        (EffortShare(names.get(pid, f"#{pid}"), pid, *s) for pid, s in sums.items()),
        key=lambda e: (e.name, e.person_id),
    )
    total = [sum(s[i] for s in sums.values()) for i in range(4)]
    return Effort(window, target, EffortShare(team_name, None, *total), tuple(people))


def window_counts(days: int, session, today: date, ids=None):
    """``effort_counts`` over the last ``days`` days before ``today``, of the people ``ids``
    (None: everyone) — one part of a maintained read."""
    from salestui.db.queries.durations import effort_counts
    from salestui.db.queries.executor import Table
    from salestui.db.queries.moments import midnight

    window = last_days(today, days)
    found = effort_counts(session, ids, midnight(window.start), midnight(window.end))
    columns = ("person_id", "customer_id", "activities", "visits")
    return Table(columns, [tuple(int(v) for v in r) for r in found])


def effort_counts_in(conn, owners, today: date, settings) -> list[tuple[int, int, int, int]]:
    """(person id, customer id, activities, visits) of the people in ``owners`` (None: everyone)
    over the effort window ending ``today`` — the reads of :func:`load_effort`, which a caller
    may start early (in a worker process) and hand it.

    Everyone's are kept computed (``salestui.runtime.maintained.kept_per_person``) and brought
    up to date from the people whose activities changed since (migration 0018)."""
    from functools import partial

    from salestui.context import reopened
    from salestui.runtime.columns import NumericPart
    from salestui.runtime.maintained import kept_per_person

    days = effort_window(today, settings)
    length = (days.end - days.start).days
    part = NumericPart(partial(window_counts, length), ("<i8",) * 4)
    found = kept_per_person(reopened(conn), conn, f"effort_counts|{length}", part, today, owners)
    return list(zip(*(a.tolist() for a in found.arrays), strict=True))


def load_effort(
    conn, owners, names, settings, today: date, table, team_name="team", counts=None
) -> Effort:
    """Effort of the people in ``owners`` (None: everyone) against ``table``'s top customers;
    ``counts``: :func:`effort_counts_in` for the same people and day, when read already."""
    if counts is None:
        counts = effort_counts_in(conn, owners, today, settings)
    return effort_from(
        counts,
        top_customers(table),
        names,
        effort_window(today, settings),
        effort_target(settings),
        team_name,
    )
