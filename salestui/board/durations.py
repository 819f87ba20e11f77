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

from salestui.kernel.domain import OPEN_STAGES
from salestui.kernel.periods import Window, last_days
from salestui.kernel.settings import int_setting

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


def durations_from(
    stints: Iterable[tuple[int, str, float]],
    names: Mapping[int, str],
    stall_days: Mapping[str, int],
    window: Window,
    rules: DurationRules,
) -> Durations:
    """``stints``: (owner id, stage, days) of the stints left in the window, the team's only.

    Each stage's and each (person, stage)'s figures are :func:`stage_time`'s, worked out on the
    whole column at once (430,000 stints at 1,000,000 deals: sorted once by person, stage and
    days, each group's middle picked, its exact sum taken over its slice)."""
    import math

    import numpy as np

    width = max(len(s) for s in OPEN_STAGES)  # a longer name is no open stage, whole or cut
    rows = np.fromiter(stints, dtype=[("owner", "i8"), ("stage", f"U{width + 1}"), ("days", "f8")])
    stage = np.full(len(rows), -1, dtype=np.int64)
    for i, s in enumerate(OPEN_STAGES):
        stage[rows["stage"] == s] = i
    kept = stage >= 0
    owner, days, stage = rows["owner"][kept], rows["days"][kept], stage[kept]
    team = tuple(
        stage_time(s, days[stage == i].tolist(), stall_days[s]) for i, s in enumerate(OPEN_STAGES)
    )
    median = {t.stage: t.median for t in team}
    people = []
    if len(days):
        by = np.lexsort((days, stage, owner))  # person, then stage, then days
        owner, stage, days = owner[by], stage[by], days[by]
        new = np.r_[True, (owner[1:] != owner[:-1]) | (stage[1:] != stage[:-1])]
        starts = np.flatnonzero(new)
        counts = np.diff(np.r_[starts, len(days)])
        middles = (days[starts + (counts - 1) // 2] + days[starts + counts // 2]) / 2
        values = days.tolist()
        for start, n, mid in zip(starts.tolist(), counts.tolist(), middles.tolist(), strict=True):
            s = OPEN_STAGES[int(stage[start])]
            mean = math.fsum(values[start : start + n]) / n  # statistics.fmean's exact sum
            mine = StageTime(s, n, mean, mid, stall_days[s])
            ref = median[s]
            longer = n >= MIN_STINTS and ref is not None and mid > rules.much_longer * ref
            pid = int(owner[start])
            people.append(PersonStage(pid, names.get(pid, f"#{pid}"), mine, ref, longer))
    order = {s: i for i, s in enumerate(OPEN_STAGES)}
    people.sort(key=lambda p: (p.name, p.person_id, order[p.time.stage]))
    return Durations(window, rules, team, tuple(people))


def load_durations(conn, owners, names, settings, stall_days, today: date) -> Durations:
    """The team's and each person's stage times over the window ending ``today``."""
    from salestui.db.queries.durations import stage_stints
    from salestui.db.queries.moments import midnight

    rules = duration_rules_from(settings)
    window = duration_window(today, rules)
    found = stage_stints(conn, owners, midnight(window.start), midnight(window.end))
    return durations_from(found.rows, names, stall_days, window, rules)  # (owner, stage, days)


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
