"""Stage durations (DOMAIN.md "Forecasting", seed 000's stage monitoring): how long deals stayed
in each stage before they left it, against the stage's stall limit, for a team and each person.

The window is the last ``stage_durations.days`` days (default 90, ``last_days``), so the figure
does not start empty on a quarter's first day. A stint is counted in the window it was left in
(``salestui.db.queries.durations``) and belongs to the deal's owner now. The team is the org
subtree in scope. A person's stage is *much longer* when their median is more than
``stage_durations.much_longer`` (default 1.5) × the team's median, on at least
:data:`MIN_STINTS` stints of theirs — fewer are one deal's story, not a habit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from salestui.kernel.domain import OPEN_STAGES
from salestui.kernel.periods import Window, last_days
from salestui.kernel.settings import int_setting

if TYPE_CHECKING:
    from salestui.runtime.columns import Columns

DEFAULT_DAYS = 90
DEFAULT_MUCH_LONGER = 1.5
MIN_STINTS = 3


@dataclass(frozen=True)
class DurationRules:
    days: int = DEFAULT_DAYS
    much_longer: float = DEFAULT_MUCH_LONGER


def duration_rules_from(settings: Mapping[str, str]) -> DurationRules:
    """Junk or a factor ≤ 1 falls back to the default (a factor of 1 would flag half the team)."""
    try:
        factor = float(str(settings.get("stage_durations.much_longer", "")).strip())
    except ValueError:
        factor = DEFAULT_MUCH_LONGER
    if not factor > 1 or factor > 100:
        factor = DEFAULT_MUCH_LONGER
    days = int_setting(settings, "stage_durations.days", DEFAULT_DAYS, lo=7, hi=3660)
    return DurationRules(days, factor)


def duration_window(today: date, rules: DurationRules) -> Window:
    return last_days(today, rules.days)


@dataclass(frozen=True)
class StageTime:
    """One stage's stints, for the team or one person; days are None without a stint."""

    stage: str
    stints: int
    average: float | None
    median: float | None
    limit: int


@dataclass(frozen=True)
class PersonStage:
    person_id: int
    name: str
    time: StageTime
    team_median: float | None
    much_longer: bool


@dataclass(frozen=True)
class Durations:
    window: Window
    rules: DurationRules
    team: tuple[StageTime, ...]  # every open stage, in order
    people: tuple[PersonStage, ...]  # by person name, then stage order

    @property
    def flagged(self) -> tuple[PersonStage, ...]:
        return tuple(p for p in self.people if p.much_longer)


def stage_time(stage: str, days: list[float], limit: int) -> StageTime:
    """Average and median (of an even count: the mean of the two middle stints)."""
    import statistics  # not at the top: the board's headers import this module for its words

    if not days:
        return StageTime(stage, 0, None, None, limit)
    return StageTime(stage, len(days), statistics.fmean(days), statistics.median(days), limit)


def _sorted_stage_time(stage: str, days, limit: int) -> StageTime:
    """:func:`stage_time` of a sorted array (the same sum and middle, without sorting a list)."""
    import math

    n = len(days)
    if not n:
        return StageTime(stage, 0, None, None, limit)
    middle = (float(days[(n - 1) // 2]) + float(days[n // 2])) / 2
    return StageTime(stage, n, math.fsum(days.tolist()) / n, middle, limit)


def durations_from(
    stints: Iterable[tuple[int, str, float]],
    names: Mapping[int, str],
    stall_days: Mapping[str, int],
    window: Window,
    rules: DurationRules,
) -> Durations:
    """``stints``: (owner id, stage, days) of the stints left in the window, the team's only;
    see :func:`durations_of`."""
    import numpy as np

    index = {s: i for i, s in enumerate(OPEN_STAGES)}
    found = [(o, index.get(s, -1), d) for o, s, d in stints]
    owner, stage, days = (np.array([r[i] for r in found]) for i in range(3))
    return durations_of(owner, stage, days, names, stall_days, window, rules)


def durations_of(
    owner, stage, days, names, stall_days, window: Window, rules: DurationRules
) -> Durations:
    """One stint per place of the arrays ``owner`` (id), ``stage`` (its place in
    ``OPEN_STAGES``; another place is no open stage and counts nowhere) and ``days``.

    Each stage's and each (person, stage)'s figures are :func:`stage_time`'s, worked out on the
    whole column at once (430,000 stints at 1,000,000 deals: grouped once by person and stage,
    each group's middle picked, its exact sum taken over its slice)."""
    import math

    import numpy as np

    owner = np.asarray(owner, dtype=np.int64)
    stage = np.asarray(stage, dtype=np.int64)
    days = np.asarray(days, dtype=np.float64)
    kept = (stage >= 0) & (stage < len(OPEN_STAGES))
    owner, days, stage = owner[kept], days[kept], stage[kept]
    team = tuple(
        _sorted_stage_time(s, np.sort(days[stage == i]), stall_days[s])
        for i, s in enumerate(OPEN_STAGES)
    )
    median = {t.stage: t.median for t in team}
    people = []
    if len(days):
        # grouped by (person, stage) in one number, stably; within a group the middle is
        # picked by a partial sort and the sum taken exactly (any order: math.fsum)
        width = len(OPEN_STAGES)
        group = owner * width + stage
        by = np.argsort(group, kind="stable")
        group, days = group[by], days[by]
        starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
        counts = np.diff(np.r_[starts, len(days)])
        values = days.tolist()
        for start, n in zip(starts.tolist(), counts.tolist(), strict=True):
            lo, hi = (n - 1) // 2, n // 2
            part = np.partition(days[start : start + n], (lo, hi))
            mid = (float(part[lo]) + float(part[hi])) / 2
            pid, place = divmod(int(group[start]), width)
            s = OPEN_STAGES[place]
            mean = math.fsum(values[start : start + n]) / n  # statistics.fmean's exact sum
            mine = StageTime(s, n, mean, mid, stall_days[s])
            ref = median[s]
            longer = n >= MIN_STINTS and ref is not None and mid > rules.much_longer * ref
            people.append(PersonStage(pid, names.get(pid, f"#{pid}"), mine, ref, longer))
    order = {s: i for i, s in enumerate(OPEN_STAGES)}
    people.sort(key=lambda p: (p.name, p.person_id, order[p.time.stage]))
    return Durations(window, rules, team, tuple(people))


def load_durations(conn, owners, names, settings, stall_days, today: date) -> Durations:
    """The team's and each person's stage times over the window ending ``today``."""
    rules = duration_rules_from(settings)
    found = stints_in_window(conn, owners, today, rules)
    window = duration_window(today, rules)
    return durations_of(*found.arrays, names, stall_days, window, rules)


def window_stints(days: int, session, today: date, ids=None):
    """The stints left in the last ``days`` days before ``today`` (:func:`duration_window`), of
    the owners ``ids`` (None: everyone's) — one part of a maintained read."""
    from salestui.db.queries.durations import stage_stints
    from salestui.db.queries.moments import midnight

    window = last_days(today, days)
    return stage_stints(session, ids, midnight(window.start), midnight(window.end), few=True)


STINT_KINDS = ("<i8", "<i8", "<f8")  # owner id, stage's place, days


def stints_in_window(conn, owners, today: date, rules: DurationRules) -> Columns:
    """(owner id, stage's place, days) of the stints in the window ending ``today``, of
    ``owners`` (``salestui.db.queries.durations.stage_stints``), as columns.

    Everyone's are kept computed (``salestui.runtime.maintained.kept_per_person``) and brought
    up to date from the owners whose stage history changed since (migration 0018): a review
    after a teammate's move reads that teammate's stints, not the 430,000 of 1,000,000 deals."""
    from functools import partial

    from salestui.context import reopened
    from salestui.runtime.columns import NumericPart
    from salestui.runtime.maintained import kept_per_person

    part = NumericPart(partial(window_stints, rules.days), STINT_KINDS)
    return kept_per_person(reopened(conn), conn, f"stage_stints|{rules.days}", part, today, owners)


def load_stage_averages(conn, owners, settings, today: date) -> dict[str, tuple[int, float]]:
    """Per stage: (stints, average days) for the board's headers — the same stints as
    :func:`load_durations`, summed by the database (the board wants no medians, nor rows)."""
    from salestui.db.queries.durations import stage_day_sums
    from salestui.db.queries.moments import midnight

    window = duration_window(today, duration_rules_from(settings))
    found = stage_day_sums(conn, owners, midnight(window.start), midnight(window.end))
    return {r.stage: (int(r.stints), float(r.days) / int(r.stints)) for r in found if r.stints}


def days_text(days: float | None) -> str:
    """Whole days, rounded half up; "–" without a stint."""
    return "–" if days is None else f"{int(days + 0.5)}d"
