"""The weekly review's figures: funnel, revenue trend, forecast, KPI deltas.

Pure functions over plain rows (no database, no Textual): every number the review shows comes
from here, so each is tested on a small table worked out by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from salestui.kernel.domain import OPEN_STAGES, STAGE_BIT, WON
from salestui.kernel.format import percent, points_of
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import divide_half_up, half_up, weighted_minor
from salestui.kernel.periods import add_months, quarter_start
from salestui.kernel.periods import week_bounds as week_bounds  # screens/review imports it here

FUNNEL_STAGES: tuple[str, ...] = OPEN_STAGES + (WON,)


# --- the funnel ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    next_stage: str
    entered: int  # deals that entered ``stage`` (strict) / reached it or beyond (any-stage)
    advanced: int  # of those, deals that entered ``next_stage`` / reached it or beyond
    conversion: float | None  # advanced / entered; None when no deal entered
    drop_off: int  # entered - advanced


@dataclass(frozen=True)
class Funnel:
    deals: int
    strict: tuple[FunnelStep, ...]
    any_stage: tuple[FunnelStep, ...]
    reached: tuple[tuple[str, int], ...]  # per stage, deals that reached it or beyond
    entered: tuple[tuple[str, int], ...]  # per stage, deals whose history shows it

    def counts(self, mode: str) -> tuple[tuple[str, int], ...]:
        return self.entered if mode == "strict" else self.reached

    def steps(self, mode: str) -> tuple[FunnelStep, ...]:
        return self.strict if mode == "strict" else self.any_stage

    def rows(self, mode: str) -> list[FunnelRow]:
        """One row per stage, its deals the chart's bar: what went on to the next stage, and
        (strict) how many of its deals skipped the stage before — so a Won bar of 319 beside
        318 that came from Negotiation says the 1 that did not."""
        counts, steps = self.counts(mode), self.steps(mode)
        out = []
        for i, (stage, deals) in enumerate(counts):
            step = steps[i] if i < len(steps) else None
            came = steps[i - 1].advanced if i > 0 else deals
            out.append(FunnelRow(stage, deals, step, deals - came))
        return out


@dataclass(frozen=True)
class FunnelRow:
    stage: str
    deals: int  # the bar: entered (strict) / reached (any-stage) the stage
    step: FunnelStep | None  # on to the next stage; None for the last
    skipped_in: int  # of ``deals``, those that did not come through the stage before


def funnel(masks: Mapping[int, int] | Iterable[tuple[int, int]]) -> Funnel:
    """Stage-to-stage conversion from stage history.

    ``masks``: (bitmask of the stages a deal ever entered, number of deals with that mask).
    *Strict*: of the deals that entered stage k, the share that also entered k+1 (a deal that
    skipped k+1 does not count). *Any-stage*: of the deals that reached k or any later stage, the
    share that reached k+1 or later (skips count as passing). A deal that moved backwards counts
    once per stage it entered, never twice.
    """
    pairs = list(masks.items()) if isinstance(masks, Mapping) else list(masks)
    deals = sum(n for _s, n in pairs)

    def highest(mask: int) -> int:
        top = -1
        for i, stage in enumerate(FUNNEL_STAGES):
            if mask & STAGE_BIT[stage]:
                top = i
        return top

    reached = [sum(n for m, n in pairs if highest(m) >= i) for i in range(len(FUNNEL_STAGES))]
    entered = [sum(n for m, n in pairs if m & STAGE_BIT[s]) for s in FUNNEL_STAGES]
    strict, any_stage = [], []
    for i in range(len(FUNNEL_STAGES) - 1):
        a, b = FUNNEL_STAGES[i], FUNNEL_STAGES[i + 1]
        both = sum(n for m, n in pairs if m & STAGE_BIT[a] and m & STAGE_BIT[b])
        strict.append(_step(a, b, entered[i], both))
        any_stage.append(_step(a, b, reached[i], reached[i + 1]))
    return Funnel(
        deals,
        tuple(strict),
        tuple(any_stage),
        tuple(zip(FUNNEL_STAGES, reached, strict=True)),
        tuple(zip(FUNNEL_STAGES, entered, strict=True)),
    )


def _step(a: str, b: str, entered: int, advanced: int) -> FunnelStep:
    return FunnelStep(
        a, b, entered, advanced, advanced / entered if entered else None, entered - advanced
    )


# --- revenue trend and forecast ------------------------------------------------------------------


@dataclass(frozen=True)
class TrendMonth:
    month: date
    revenue_minor: int
    mom: float | None  # change against the month before, as a fraction
    yoy: float | None  # change against the same month last year
    last_year_minor: int | None  # the same month last year (seasonal reference)


def _change(now: int, before: int | None) -> float | None:
    if before is None or before == 0:
        return None
    return (now - before) / before


def revenue_trend(monthly: Mapping[date, int], through: date, months: int = 36) -> list[TrendMonth]:
    """The ``months`` months up to ``through``'s month, empty months as 0, with MoM and YoY."""
    last = date(through.year, through.month, 1)
    first = add_months(last, -(months - 1))
    known_from = min(monthly, default=last)

    def value(m: date) -> int | None:
        return monthly.get(m, 0) if m >= date(known_from.year, known_from.month, 1) else None

    out = []
    for i in range(months):
        m = add_months(first, i)
        rev = monthly.get(m, 0)
        prev, year_ago = value(add_months(m, -1)), value(add_months(m, -12))
        out.append(TrendMonth(m, rev, _change(rev, prev), _change(rev, year_ago), year_ago))
    return out


METHOD_NAMES = (N_("seasonal naive"), N_("3-month mean"))  # ``method_name``, shown with _()


@dataclass(frozen=True)
class Forecast:
    method: str
    months: tuple[tuple[date, int], ...]
    total_minor: int
    growth: str | None = None  # the seasonal method's 12-month growth, as its words say it

    def method_words(self) -> str:
        """The method as a person reads it, in their language (``method`` stays English for
        the JSON report)."""
        if self.growth is not None:
            return _("seasonal naive: same quarter last year × 12-month growth ({growth})").format(
                growth=self.growth
            )
        return _(
            "3-month mean: the last 3 complete months, flat (no won revenue in the year before)"
        )

    @property
    def method_name(self) -> str:
        """The method's short name, as the chart's title says it."""
        return self.method.split(":")[0]


def forecast_next_quarter(monthly: Mapping[date, int], today: date) -> Forecast:
    """The next calendar quarter's revenue, with the method named.

    When the 12 complete months before the last 12 have won revenue: the same three months last
    year × the growth of the last 12 complete months over those 12 (seasonal naive with trend).
    Else: the mean of the last 3 complete months, flat (README, "Weekly review").
    """
    this_month = date(today.year, today.month, 1)
    q_next = add_months(quarter_start(today), 3)
    targets = [add_months(q_next, i) for i in range(3)]
    complete = [add_months(this_month, -k) for k in range(1, 25)]
    recent = sum(monthly.get(m, 0) for m in complete[:12])
    before = sum(monthly.get(m, 0) for m in complete[12:])
    if before > 0:
        growth = Fraction(recent, before)
        months = tuple((m, half_up(monthly.get(add_months(m, -12), 0) * growth)) for m in targets)
        growth_text = percent(float(growth - 1), signed=True)
        method = f"seasonal naive: same quarter last year × 12-month growth ({growth_text})"
    else:
        growth_text = None
        last3 = [monthly.get(m, 0) for m in complete[:3]]
        mean = divide_half_up(sum(last3), 3)
        months = tuple((m, mean) for m in targets)
        method = (
            "3-month mean: the last 3 complete months, flat (no won revenue in the year before)"
        )
    return Forecast(method, months, sum(v for _m, v in months), growth_text)


# --- KPIs ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiInputs:
    """Raw aggregates at one moment, for one scope (money in minor units)."""

    won_qtd_minor: int
    target_quarter_minor: int
    open_minor: int
    weighted_x100: int
    won_count: int  # closed in the quarter to date
    lost_count: int
    new_customers: int  # created in the quarter to date
    new_customer_target: int
    due_minor: int  # invoices due to date in the quarter
    paid_of_due_minor: int
    overdue_minor: int  # past due and unpaid at the moment
    receivable_minor: int  # all unpaid


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    unit: str  # "money" / "pct" / "count"
    value: float | None
    last_week: float | None
    plan: float | None
    basis: str = ""  # what the figure is over where it could be read two ways

    @property
    def vs_week(self) -> float | None:
        return kpi_delta(self.value, self.last_week)

    @property
    def vs_plan(self) -> float | None:
        return kpi_delta(self.value, self.plan)


def kpi_delta(value: float | None, reference: float | None) -> float | None:
    """Difference in the KPI's own unit (points for a percentage); None when either is unknown."""
    if value is None or reference is None:
        return None
    return value - reference


PLAN_DEFAULTS = {"plan.win_rate": 30.0, "plan.collection_rate": 95.0, "plan.coverage": 3.0}


def _plan_setting(settings: Mapping[str, str], key: str) -> float:
    try:
        return float(settings.get(key, PLAN_DEFAULTS[key]))
    except ValueError:
        return PLAN_DEFAULTS[key]


def review_kpis(
    now: KpiInputs,
    week_ago: KpiInputs | None,
    elapsed: float,
    settings: Mapping[str, str],
    collection_basis: str = "",
) -> list[Kpi]:
    """The core KPIs with last week's value and the plan's.

    Plans: attainment — the share of the quarter gone by (a straight line to 100 %); pipeline —
    ``plan.coverage`` × the target still to win (weighted: 1×); win rate and collection rate —
    settings ``plan.win_rate`` / ``plan.collection_rate``; new customers — the quarter's target ×
    the share gone by; overdue — none.
    """

    def figures(k: KpiInputs) -> dict[str, float | None]:
        return {
            "attainment": points_of(k.won_qtd_minor, k.target_quarter_minor),
            "open": k.open_minor,
            "weighted": weighted_minor(k.weighted_x100),
            "win_rate": points_of(k.won_count, k.won_count + k.lost_count),
            "new_customers": float(k.new_customers),
            "collection": points_of(k.paid_of_due_minor, k.due_minor),
            "overdue": k.overdue_minor,
        }

    cur = figures(now)
    old = figures(week_ago) if week_ago is not None else {}
    to_win = max(0, now.target_quarter_minor - now.won_qtd_minor)
    has_target = now.target_quarter_minor > 0
    plan = {
        "attainment": 100.0 * elapsed if has_target else None,
        "open": half_up(Decimal(str(_plan_setting(settings, "plan.coverage"))) * to_win)
        if has_target
        else None,
        "weighted": to_win if has_target else None,
        "win_rate": _plan_setting(settings, "plan.win_rate"),
        "new_customers": now.new_customer_target * elapsed if now.new_customer_target else None,
        "collection": _plan_setting(settings, "plan.collection_rate"),
        "overdue": 0.0,
    }
    labels = {
        "attainment": (N_("Attainment to date"), "pct"),
        "open": (N_("Open pipeline"), "money"),
        "weighted": (N_("Weighted pipeline"), "money"),
        "win_rate": (N_("Win rate (quarter)"), "pct"),
        "new_customers": (N_("New customers"), "count"),
        "collection": (N_("Collection rate"), "pct"),
        "overdue": (N_("Overdue"), "money"),
    }
    basis = {"collection": collection_basis}
    return [
        Kpi(key, label, unit, cur[key], old.get(key), plan[key], basis.get(key, ""))
        for key, (label, unit) in labels.items()
    ]
