"""The forecast screen's and ``salestui report forecast``'s data: one quarter's roll-up for the
people the viewer sees (``salestui.kernel.viewer``, as the board and the review ask it), read on
one connection with four grouped queries and summed up the tree in Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from salestui.db.queries.moments import aware, day
from salestui.forecast.rollup import Call, Figures, Line, roll_up, week_call
from salestui.kernel.errors import DomainError
from salestui.kernel.forecast import call_week, category_rules_from, effective_category
from salestui.kernel.periods import Period, add_months, parse_period, quarter_start
from salestui.review.metrics import forecast_next_quarter

# what --period and the screen's switch accept besides YYYY-Qn
QUARTER_WORDS = ("this-quarter", "next-quarter")


def read_quarter(text: str | None, today: date) -> Period:
    """``this-quarter`` (the default), ``next-quarter`` or ``YYYY-Qn``; anything else refused in
    one line."""
    raw = (text or "this-quarter").strip().lower().replace(" ", "-").replace("_", "-")
    this = Period.containing("quarter", today)
    if raw in QUARTER_WORDS:
        return this.step(QUARTER_WORDS.index(raw))
    try:
        found = parse_period(raw)
    except DomainError:
        found = None
    if found is None or found.kind != "quarter":
        raise DomainError(
            f"the forecast period is this-quarter, next-quarter or YYYY-Qn, not {text!r}"
        )
    return found


@dataclass(frozen=True)
class ForecastView:
    period: Period
    today: date
    week: date  # the first day of this week's calls
    login: str
    person_id: int | None
    lines: tuple[Line, ...]
    history: tuple[Call, ...]  # the viewer's own calls for the quarter, newest first
    trend_method: str  # how the trend column was worked out ("" when not shown)

    def mine(self) -> Line | None:
        """The viewer's own line (their scope)."""
        return next((ln for ln in self.lines if ln.key == f"person:{self.person_id}"), None)


def trend_day(period: Period, today: date) -> date | None:
    """The day the review's trend forecast (``forecast_next_quarter``, which forecasts the
    quarter after a day's) is taken at for ``period``: today for the next quarter; for this
    quarter or an earlier one, its eve, from the months complete then. None further ahead."""
    this = quarter_start(today)
    if period.start == add_months(this, 3):
        return today
    if period.start <= this:
        return period.start - timedelta(days=1)
    return None


def load_forecast(conn, login: str, period: Period, today: date) -> ForecastView:
    from salestui.db.queries.forecast import (
        calls_in_quarter,
        open_in_quarter,
        won_by_owner,
        won_by_owner_month,
    )
    from salestui.db.queries.settings import settings_map
    from salestui.scope import viewer_for

    viewer = viewer_for(conn, login)
    owners = viewer.seen_owner_ids()
    people = viewer.people
    seen = {p.id for p in people} if owners is None else set(owners)
    settings = settings_map(conn)
    rules = category_rules_from(settings)

    own: dict[int, Figures] = {}
    for owner, won in won_by_owner(conn, owners, period.start, period.end).items():
        own[owner] = own.get(owner, Figures()).plus("closed", won, 0)
    for r in open_in_quarter(conn, owners, period.start, period.end, today):
        close = today - timedelta(days=1) if int(r.past_due) else today
        category = effective_category(r.category, r.stage, close, today, rules)
        owner = int(r.owner_id)
        fig = own.get(owner, Figures())
        own[owner] = fig.plus(category, int(r.amount_minor), int(r.weighted_x100))

    week = call_week(today, settings)
    made: dict[int, list[Call]] = {}
    for r in calls_in_quarter(conn, owners, period.start):
        made.setdefault(int(r.person_id), []).append(
            Call(
                int(r.amount_minor),
                day(r.week_start),
                aware(r.made_at),
                r.note or "",
                r.made_by,
                False,
            )  # fmt: skip
        )
    calls = {pid: c for pid, cs in made.items() if (c := week_call(cs, week)) is not None}

    trend, method = None, ""
    at = trend_day(period, today)
    if at is not None:
        month0 = date(at.year, at.month, 1)
        won = won_by_owner_month(conn, owners, add_months(month0, -24), month0)
        method = forecast_next_quarter({}, at).method_name
        by_owner: dict[int, dict[date, int]] = {}
        for (owner, month), value in won.items():
            by_owner.setdefault(owner, {})[month] = value

        def trend(ids: set[int]) -> int:
            monthly: dict[date, int] = {}
            for i in ids:
                for month, value in by_owner.get(i, {}).items():
                    monthly[month] = monthly.get(month, 0) + value
            return forecast_next_quarter(monthly, at).total_minor

    has_reports = {p.manager_id for p in people}
    kept = {
        p.id
        for p in people
        if p.id in seen and (p.active or p.id in own or p.id in made or p.id in has_reports)
    }
    lines = roll_up(people, kept, own, calls, trend)
    me = viewer.person
    history = tuple(reversed(made.get(me.id, []))) if me is not None else ()
    if lines and trend is not None:
        method = _method_of(lines[0], by_owner, at, kept) or method
    return ForecastView(period, today, week, login, me.id if me else None, tuple(lines),
                        history, method)  # fmt: skip


def _method_of(top: Line, by_owner, at: date, ids: set[int]) -> str:
    """The trend's method as the top line's figures decide it (the seasonal one needs a year
    of won revenue before the last)."""
    monthly: dict[date, int] = {}
    for i in ids:
        for month, value in by_owner.get(i, {}).items():
            monthly[month] = monthly.get(month, 0) + value
    return forecast_next_quarter(monthly, at).method_name
