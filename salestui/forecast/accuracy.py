"""How right the forecast calls were: a past quarter's calls week by week against what closed.

Pure functions over plain numbers (no database, no Textual), so the screen, the report and the
tests share one definition (README, "Forecast accuracy"):

- week *k* of a quarter starts ``7 × (k − 1)`` days after the first day of the week holding the
  quarter's first day (the team's first weekday); weeks 1–13 are judged, later ones are not;
- the week's call is the last one made in that week;
- the error is the mean absolute percentage error over the weeks that have a figure:
  ``|figure − actual| / actual``; the bias the mean signed one, ``(figure − actual) / actual``
  (+ = over-called); a quarter where nothing closed (actual 0) has neither and says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from salestui.kernel.i18n import N_
from salestui.kernel.periods import week_bounds

WEEKS = 13
METHODS: tuple[str, ...] = (N_("calls"), N_("pipeline"), N_("trend"))  # ties go to the first


@dataclass(frozen=True)
class Error:
    mape: float | None  # a fraction (0.12 = 12 %); None: nothing to judge
    bias: float | None
    weeks: int  # how many weeks had a figure
    why_none: str = ""  # why there is no figure, in words


def first_week(q0: date, first_weekday: int = 0) -> date:
    """The first day of the quarter's week 1 (it may lie in the quarter before)."""
    return week_bounds(q0, first_weekday)[0]


def week_starts(q0: date, first_weekday: int = 0) -> list[date]:
    """The first days of weeks 1–13."""
    w1 = first_week(q0, first_weekday)
    return [w1 + timedelta(days=7 * k) for k in range(WEEKS)]


def week_number(week_start: date, q0: date, first_weekday: int = 0) -> int:
    """1 for the week holding the quarter's first day; below 1 / above 13: outside the quarter."""
    return (week_start - first_week(q0, first_weekday)).days // 7 + 1


def weekly_calls(
    calls: Iterable[tuple[date, datetime, int]], q0: date, first_weekday: int = 0
) -> dict[int, int]:
    """(week_start, made_at, amount) → {week number: the last call made in that week}, weeks 1–13."""
    last: dict[int, tuple[datetime, int]] = {}
    for week, made, amount in calls:
        k = week_number(week, q0, first_weekday)
        if 1 <= k <= WEEKS and (k not in last or made >= last[k][0]):
            last[k] = (made, amount)
    return {k: v[1] for k, v in sorted(last.items())}


def error(figures: Mapping[int, int], actual: int) -> Error:
    """The error and bias of ``figures`` (week number → amount) against ``actual``."""
    judged = [v for k, v in figures.items() if 1 <= k <= WEEKS]
    if not judged:
        return Error(None, None, 0, N_("no call in weeks 1–13"))
    if actual <= 0:
        return Error(None, None, len(judged), N_("nothing closed: left out"))
    signed = [(v - actual) / actual for v in judged]
    return Error(sum(abs(s) for s in signed) / len(signed), sum(signed) / len(signed), len(signed))


def flat(amount: int | None) -> dict[int, int]:
    """One figure for every week (the trend forecast does not move within the quarter)."""
    return {} if amount is None else dict.fromkeys(range(1, WEEKS + 1), amount)


def closest(errors: Mapping[str, Error]) -> str | None:
    """The method with the smallest error (ties: calls, then pipeline, then trend); None when
    none could be judged."""
    judged = [(e.mape, METHODS.index(m), m) for m, e in errors.items() if e.mape is not None]
    return min(judged)[2] if judged else None


def pooled(errors: Iterable[Error]) -> Error:
    """Several quarters as one figure: every judged week weighs the same; quarters without a
    figure are left out (and counted in ``why_none``)."""
    errors = list(errors)
    used = [e for e in errors if e.mape is not None]
    skipped = len(errors) - len(used)
    note = f"{skipped} quarter(s) left out" if skipped else ""
    weeks = sum(e.weeks for e in used)
    if not weeks:
        return Error(None, None, 0, note or N_("no quarter"))
    mape = sum(e.mape * e.weeks for e in used) / weeks  # type: ignore[operator]
    bias = sum(e.bias * e.weeks for e in used) / weeks  # type: ignore[operator]
    return Error(mape, bias, weeks, note)


def rolled_up(own: Mapping[int, int], subtree: Mapping[int, Iterable[int]]) -> dict[int, int]:
    """Each person's scope figure: the sum of ``own`` over the ids of their subtree
    (``salestui.kernel.org.subtree_ids``)."""
    return {pid: sum(own.get(i, 0) for i in ids) for pid, ids in subtree.items()}
