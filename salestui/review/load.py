"""The weekly review's data, gathered section by section on one read connection.

The screen and ``salestui report weekly`` call the same functions, so both show the same figures.
Every function takes a read connection (``ctx.read`` passes one) and returns plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from salestui.customers.health import CustomerRules, customer_rules_from
from salestui.kernel.domain import COMPLAINT_RESPONSE_HOURS
from salestui.kernel.i18n import N_
from salestui.kernel.invoices import collection_basis
from salestui.kernel.periods import (
    Period,
    add_months,
    last_12_months,
    quarter_start,
    share_elapsed,
    week_bounds,
)
from salestui.kernel.sla import sla_hours
from salestui.review.changes import Changes, Snapshot, build_changes, snapshot_key
from salestui.review.metrics import (
    Forecast,
    Funnel,
    Kpi,
    KpiInputs,
    TrendMonth,
    forecast_next_quarter,
    funnel,
    revenue_trend,
    review_kpis,
)
from salestui.runtime.reads import LatestOnly
from salestui.scope import Scope, teams_by_month

PERIODS: dict[str, str] = {
    "quarter": N_("deals created this quarter"),
    "year": N_("deals created in the last 12 months"),
    "all": N_("all deals"),
}


def _inputs(raw: dict[str, int]) -> KpiInputs:
    return KpiInputs(**{k: raw[k] for k in KpiInputs.__dataclass_fields__})


def quarter_targets(conn, scope: Scope, q0: date, today: date) -> tuple[dict[str, int], dict]:
    """The quarter's targets as the team screen resolves them for the same viewer (one truth):
    the top line's revenue and new-customer targets, and each region line's revenue target by
    name — a company, team or region target of its own where one is set, else the roll-up."""
    from salestui.db.queries.board import data_version
    from salestui.team.load import load_team

    where = getattr(getattr(conn, "engine", None), "url", None) or id(conn)
    key = (str(where), scope.login, data_version(conn))
    known = _TEAM_TARGETS.get(key)
    if known is None:
        known = {}
        _TEAM_TARGETS.put(key, known)
    found = known.get((q0, today))
    if found is not None:  # the KPIs (now and a week ago) and the problems of one load ask
        return found
    team = load_team(conn, scope.login, Period("quarter", q0), today, figures=False)
    lines = team.board.lines(set())
    top = lines[0].figures
    regions = {ln.label: ln.figures.target or 0 for ln in lines if ln.kind == "region"}
    totals = {
        "target_quarter_minor": top.target or 0,
        "new_customer_target": top.new_customers_target or 0,
    }
    known[(q0, today)] = (totals, regions)
    return totals, regions


# one data version's targets, per (quarter, day) asked
_TEAM_TARGETS: LatestOnly[dict] = LatestOnly()


def load_kpis(conn, scope: Scope, now: datetime) -> list[Kpi]:
    from salestui.db.queries.review import kpi_aggregates

    today = now.date()
    q0 = quarter_start(today)
    prob = scope.rules.probability
    raw = kpi_aggregates(conn, scope.owners, now, q0, prob, current=True)
    cur = _inputs({**raw, **quarter_targets(conn, scope, q0, today)[0]})
    week_ago = now - timedelta(days=7)
    q_then = quarter_start(week_ago.date())
    raw = kpi_aggregates(conn, scope.owners, week_ago, q_then, prob, current=False)
    old = _inputs({**raw, **quarter_targets(conn, scope, q_then, week_ago.date())[0]})
    elapsed = share_elapsed(q0, add_months(q0, 3), today)
    quarter = Period("quarter", q0)
    basis = collection_basis(quarter.label, quarter.start, quarter.end, today)
    return review_kpis(cur, old, elapsed, scope.settings, basis)


def period_start(period: str, now: datetime) -> datetime | None:
    """The first moment of the funnel's period: midnight of the quarter's first day, or of the
    first day of the last 12 months (``salestui.kernel.periods.last_12_months``)."""
    if period == "quarter":
        first = quarter_start(now.date())
    elif period == "year":
        first = last_12_months(now.date()).start
    else:
        return None
    return datetime(first.year, first.month, first.day, tzinfo=now.tzinfo)


def load_funnel(conn, scope: Scope, now: datetime, period: str) -> Funnel:
    from salestui.db.queries.review import funnel_masks

    return funnel(funnel_masks(conn, scope.owners, period_start(period, now), now))


def load_trend(conn, scope: Scope, now: datetime) -> tuple[list[TrendMonth], Forecast]:
    """36 months of won revenue (and the 12 before, for the first year's YoY) and the forecast."""
    from salestui.db.queries.review import won_by_month

    today = now.date()
    since = add_months(date(today.year, today.month, 1), -47)
    me = next((p for p in scope.people if p.login == scope.login), None)
    if scope.owners is None or me is None:
        monthly = won_by_month(conn, scope.owners, since, now)
    else:  # a manager's closed months are the team they had at each month's end
        months = [add_months(since, i) for i in range(48)]
        teams = teams_by_month(conn, scope.people, me.id, months, today)
        monthly = {}
        for team in set(teams.values()):
            won = won_by_month(conn, team, since, now)
            monthly |= {m: v for m, v in won.items() if teams.get(m) == team}
    return revenue_trend(monthly, today, 36), forecast_next_quarter(monthly, today)


@dataclass(frozen=True)
class Problems:
    stalled: tuple
    stalled_total: int
    sla: tuple
    sla_total: int
    overdue: tuple
    overdue_total: int
    complaints: tuple
    complaints_total: int
    region_gaps: tuple[tuple[str, int, int, float], ...]  # name, won, target, gap in points
    health: tuple = ()  # the first ``limit`` of them, as the other kinds
    health_total: int = 0
    churn: tuple = ()
    churn_total: int = 0
    customers_known: bool = True  # False until health and churn have been worked out
    # the thresholds the warnings were judged by, for the words beside them
    health_below: int = CustomerRules.health_warning_below
    complaint_hours: int = COMPLAINT_RESPONSE_HOURS


def region_gaps(
    regions: list[tuple[str, int, int]], elapsed: float
) -> list[tuple[str, int, int, float]]:
    """Regions whose attainment trails the share of the quarter gone by, widest gap first.

    Gap = elapsed share − attainment, in percentage points (a region with no target is skipped).
    """
    out = []
    for name, won, target in regions:
        if target <= 0:
            continue
        gap = 100.0 * elapsed - 100.0 * won / target
        if gap > 0:
            out.append((name, won, target, gap))
    return sorted(out, key=lambda r: -r[3])


def load_problems(
    conn, scope: Scope, now: datetime, limit: int = 10, *, customers: bool = True, table=None
) -> Problems:
    """``customers=False`` leaves health and churn empty (see :func:`load_customer_problems`);
    ``table``: the customer table when the caller has it (else computed from ``conn``)."""
    from salestui.db.queries.actions import (
        overdue_invoices,
        sla_breaches,
        stalled_deals,
        unanswered_complaints,
    )
    from salestui.db.queries.review import region_attainment

    st, st_n = stalled_deals(conn, scope.owners, now, scope.rules.stall_days, limit)
    sl, sl_n = sla_breaches(conn, scope.owners, now, sla_hours(scope.settings), limit)
    od, od_n = overdue_invoices(conn, scope.owners, now.date(), limit)
    cp, cp_n = unanswered_complaints(conn, scope.owners, now, COMPLAINT_RESPONSE_HOURS, limit)
    q0 = quarter_start(now.date())
    elapsed = share_elapsed(q0, add_months(q0, 3), now.date())
    regions = region_attainment(conn, scope.owners, q0, now)
    targets = quarter_targets(conn, scope, q0, now.date())[1]
    won = {r.region: int(r.won_minor) for r in regions}
    gaps = region_gaps(
        [(name, won.get(name, 0), targets.get(name, 0)) for name in sorted({*won, *targets})],
        elapsed,
    )
    problems = Problems(
        tuple(st),
        st_n,
        tuple(sl),
        sl_n,
        tuple(od),
        od_n,
        tuple(cp),
        cp_n,
        tuple(gaps),  # every one: the count said beside them is how many are listed
        customers_known=False,
        health_below=customer_rules_from(scope.settings).health_warning_below,
    )
    if not customers:
        return problems
    return load_customer_problems(conn, scope, now, problems, table, limit)


def load_problems_first(conn, scope: Scope, now: datetime) -> Problems:
    """:func:`load_problems` without health and churn (for a worker process: the customer table
    is this process's; :func:`load_customer_problems` adds them)."""
    return load_problems(conn, scope, now, customers=False)


def load_kpis_and_problems(conn, scope: Scope, now: datetime) -> tuple[list[Kpi], Problems]:
    """:func:`load_kpis` and :func:`load_problems_first` on one connection, which lets the
    problems' region targets come from the KPIs' load of the team (one worker, not two)."""
    return load_kpis(conn, scope, now), load_problems_first(conn, scope, now)


def load_customer_problems(
    conn, scope: Scope, now: datetime, problems: Problems, table=None, limit: int = 10
) -> Problems:
    """``problems`` with its health and churn warnings filled in (``table`` as above)."""
    from dataclasses import replace

    from salestui.actions.inbox import customer_warnings

    customer = customer_warnings(conn, scope.owners, now, scope.settings, table, limit)
    return replace(
        problems,
        health=tuple(customer.of("health")),
        health_total=customer.totals["health"],
        churn=tuple(customer.of("churn")),
        churn_total=customer.totals["churn"],
        customers_known=True,
    )


def load_snapshot(conn, login: str) -> Snapshot | None:
    from salestui.db.queries.executor import first

    row = first(
        conn, "SELECT value AS value FROM setting WHERE key = :k", {"k": snapshot_key(login)}
    )
    return Snapshot.from_json(row.value if row else None)


@dataclass(frozen=True)
class DealChanges:
    """The deal-level reads behind "since the last review" (:func:`load_deal_changes`): they
    need neither the KPIs nor the forecast, so a caller starts them with the other big reads."""

    snapshot: Snapshot | None
    moves: tuple
    slips: tuple
    new_deals: tuple


def load_deal_changes(conn, scope: Scope, now: datetime) -> DealChanges:
    from salestui.db.queries.moments import later_than
    from salestui.db.queries.review import close_date_slips, deals_moved_since
    from salestui.review.changes import changes_since

    snap = load_snapshot(conn, scope.login)
    since = changes_since(now, snap)
    moved = deals_moved_since(conn, scope.owners, since)
    moves = tuple((r.id, r.title, r.owner, r.amount_minor, r.stage_then, r.stage) for r in moved)
    created_since = later_than(since)
    new_deals = tuple(
        (r.id, r.title, r.owner, int(r.amount_minor)) for r in moved if created_since(r.created_at)
    )
    slips = tuple(
        (r.id, r.title, r.old, r.new) for r in close_date_slips(conn, scope.owners, since)
    )
    return DealChanges(snap, moves, slips, new_deals)


def changes_from(
    scope: Scope, now: datetime, deals: DealChanges, kpis: list[Kpi], forecast: Forecast
) -> Changes:
    """ "Since the last review": the deal-level reads with the KPIs and the forecast now."""
    big = int(scope.settings.get("review.big_deal_minor", 500_000 * 100) or 0)
    return build_changes(
        now,
        deals.snapshot,
        deals.moves,
        deals.slips,
        deals.new_deals,
        {k.key: k.value for k in kpis},
        forecast.total_minor,
        big,
    )


def load_changes(conn, scope: Scope, now: datetime, kpis: list[Kpi], forecast: Forecast) -> Changes:
    return changes_from(scope, now, load_deal_changes(conn, scope, now), kpis, forecast)


def load_week_items(conn, scope: Scope, now: datetime):
    """The open items due by the end of this week (overdue ones included)."""
    from salestui.db.queries.actions import open_items

    end = week_bounds(now.date(), scope.first_weekday)[1]
    return open_items(conn, scope.owners, until=end, limit=200)
