"""Forecast accuracy for one past quarter, for the person asking: every person they may see, each
as a level (their subtree today), with the calls, the weighted pipeline and the trend against what
closed. The screen and ``salestui report forecast-accuracy`` both read it here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from salestui.forecast.accuracy import (
    Error,
    closest,
    error,
    flat,
    rolled_up,
    week_starts,
    weekly_calls,
)
from salestui.kernel.errors import DomainError
from salestui.kernel.org import subtree_ids
from salestui.kernel.periods import Period, add_months, parse_period, quarter_start
from salestui.review.metrics import forecast_next_quarter
from salestui.scope import load_scope


@dataclass(frozen=True)
class Line:
    person_id: int
    login: str
    name: str
    depth: int  # 0 = the top of what the viewer sees
    actual: int  # won in the quarter, the person's subtree
    calls: dict[int, int]  # week number → the week's call
    pipeline: dict[int, int]  # week number → won so far + weighted open pipeline at its start
    trend: int | None  # the review's trend forecast, made the day before the quarter
    errors: dict[str, Error] = field(default_factory=dict)

    @property
    def best(self) -> str | None:
        return closest(self.errors)


@dataclass(frozen=True)
class Accuracy:
    quarter: Period
    view: str
    weeks: tuple[date, ...]  # the first days of weeks 1–13
    lines: tuple[Line, ...]  # depth-first, as the org tree reads

    def line(self, person_id: int) -> Line | None:
        return next((x for x in self.lines if x.person_id == person_id), None)


def past_quarter(text: str | None, today: date) -> Period:
    """``last-quarter`` (the default) or ``YYYY-Qn``, a quarter that has ended; else one line."""
    period = parse_period(text or "last-quarter", today)
    if period.kind != "quarter":
        raise DomainError(f"accuracy is judged per quarter (YYYY-Qn or last-quarter), not {text!r}")
    if period.end > today:
        raise DomainError(f"{period.label} has not ended yet: accuracy is for past quarters")
    return period


def recent_quarters(today: date, n: int = 4) -> list[Period]:
    """The ``n`` quarters before today's, newest first."""
    return [Period("quarter", add_months(quarter_start(today), -3 * k)) for k in range(1, n + 1)]


def _tree(people, seen) -> list[tuple[object, int]]:
    """The people seen, depth-first from the top of what is seen, each with its depth."""
    ids = {p.id for p in people if seen is None or p.id in seen}
    below: dict[int | None, list] = {}
    for p in people:
        if p.id in ids:
            top = p.manager_id if p.manager_id in ids else None
            below.setdefault(top, []).append(p)
    out: list[tuple[object, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for p in sorted(below.get(parent, []), key=lambda p: (p.role != "manager", p.display_name)):
            out.append((p, depth))
            walk(p.id, depth + 1)

    walk(None, 0)
    return out


def load_accuracy(conn, login: str, quarter: Period, today: date) -> Accuracy:
    from salestui.db.queries.forecast_accuracy import calls_for, pipeline_by_owner_weeks
    from salestui.db.queries.moments import midnight
    from salestui.db.queries.review import won_by_owner_month

    scope = load_scope(conn, login)
    tree = _tree(scope.people, scope.owners)
    ids = {p.id for p, _ in tree}
    subtree = {p.id: subtree_ids(scope.people, p.id) & ids for p, _ in tree}
    q0, q1 = quarter.start, quarter.end
    weeks = week_starts(q0, scope.first_weekday)
    since = add_months(q0, -24)
    won = won_by_owner_month(conn, scope.owners, since, midnight(q1))
    actual = rolled_up(_sum_by_owner(won, q0, q1), subtree)
    monthly: dict[int, dict[date, int]] = {}
    for pid, members in subtree.items():
        months: dict[date, int] = {}
        for (owner, month), value in won.items():
            if owner in members and month < q0:
                months[month] = months.get(month, 0) + value
        monthly[pid] = months
    raw: dict[int, list] = {}
    for r in calls_for(conn, scope.owners, q0):
        raw.setdefault(int(r.person_id), []).append(
            (_day(r.week_start), r.made_at, int(r.amount_minor))
        )
    moments = [midnight(start) for start in weeks if start <= today]
    prob = scope.rules.probability
    pipe_own = pipeline_by_owner_weeks(conn, scope.owners, moments, midnight(q0), prob)
    lines = []
    for p, depth in tree:
        calls = weekly_calls(raw.get(p.id, []), q0, scope.first_weekday)
        pipeline = {k: sum(v.get(i, 0) for i in subtree[p.id]) for k, v in pipe_own.items()}
        trend = forecast_next_quarter(monthly[p.id], q0 - timedelta(days=1)).total_minor
        a = actual.get(p.id, 0)
        errors = {
            "calls": error(calls, a),
            "pipeline": error(pipeline, a),
            "trend": error(flat(trend), a),
        }
        lines.append(Line(p.id, p.login, p.display_name, depth, a, calls, pipeline, trend, errors))
    return Accuracy(quarter, scope.view, tuple(weeks), tuple(lines))


def _sum_by_owner(won: dict[tuple[int, date], int], q0: date, q1: date) -> dict[int, int]:
    out: dict[int, int] = {}
    for (owner, month), value in won.items():
        if q0 <= month < q1:
            out[owner] = out.get(owner, 0) + value
    return out


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
