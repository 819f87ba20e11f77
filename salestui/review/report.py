"""`salestui report weekly`: the weekly review as Markdown (tables, charts as text) or JSON.

The same sections in the same order as the review screen, from the same loaders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from salestui.kernel.clock import local_day
from salestui.kernel.dates import MONTH, local, shown_date
from salestui.kernel.format import number, percent
from salestui.kernel.i18n import N_, _
from salestui.kernel.invoices import basis_words
from salestui.kernel.money import format_amount, half_up
from salestui.kernel.periods import week_bounds
from salestui.kernel.report_table import view_line
from salestui.review.changes import Changes
from salestui.review.load import PERIODS, Problems
from salestui.review.metrics import Forecast, Funnel, Kpi, TrendMonth
from salestui.scope import Scope, load_scope


@dataclass(frozen=True)
class WeeklyReview:
    scope: Scope
    now: datetime
    period: str
    kpis: list[Kpi]
    funnel: Funnel
    trend: list[TrendMonth]
    forecast: Forecast
    problems: Problems
    changes: Changes
    items: list
    movement: object = None  # salestui.review.waterfall.Movement
    durations: object = None  # salestui.board.durations.Durations
    effort: object = None  # salestui.team.effort.Effort


def load_weekly(
    conn,
    login: str,
    now: datetime,
    period: str = "year",
    customer_table=None,
    funnel=None,
    movement=None,
    durations=None,
    kpis=None,
    trend=None,
    problems=None,
    effort_counts=None,
    deal_changes=None,
) -> WeeklyReview:
    """``customer_table`` (health and churn), ``funnel``, ``movement``, ``durations``,
    ``kpis``, ``trend``, ``problems`` (without health and churn: ``load_problems_first``),
    ``effort_counts`` (``stage_effort.load_review_effort_counts``) and ``deal_changes``
    (``load.load_deal_changes``): callables giving them, when the caller has them read elsewhere
    meanwhile; each called when its section is needed."""
    from salestui.review import load as rd

    def given(section, read, *args):
        return section() if section is not None else read(conn, scope, now, *args)

    scope = load_scope(conn, login)
    kpis = given(kpis, rd.load_kpis)
    trend, forecast = given(trend, rd.load_trend)
    deals = given(deal_changes, rd.load_deal_changes)
    changes = rd.changes_from(scope, now, deals, kpis, forecast)
    items = rd.load_week_items(conn, scope, now)
    table = customer_table() if customer_table is not None else None
    if problems is not None:
        problems = rd.load_customer_problems(conn, scope, now, problems(), table)
    else:
        problems = rd.load_problems(conn, scope, now, table=table)
    from salestui.review import stage_effort as se
    from salestui.review.waterfall import load_movement

    counts = effort_counts() if effort_counts is not None else None
    effort = se.load_review_effort(conn, scope, now, table, counts)
    funnel = given(funnel, rd.load_funnel, period)
    movement = given(movement, load_movement)
    durations = given(durations, se.load_review_durations)
    return WeeklyReview(
        scope,
        now,
        period,
        kpis,
        funnel,
        trend,
        forecast,
        problems,
        changes,
        items,
        movement=movement,
        durations=durations,
        effort=effort,
    )


def kpi_text(unit: str, value: float | None, *, delta: bool = False) -> str:
    """A KPI value (or a change of one) as people read it: money, % / points, count."""
    if value is None:
        return "–"
    sign = "+" if delta and value > 0 else ""
    if unit == "money":
        return sign + format_amount(half_up(value))
    if unit == "pct":
        unit_text = _(" pts") if delta else " %"
        return percent(value, points=True, decimals=1, signed=bool(sign), unit=unit_text)
    return sign + number(value, grouped=True)


def _table(head: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    def cell(v: str) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(_(h) for h in head) + " |"]
    lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(head))) + "|")
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def render_md(r: WeeklyReview) -> str:
    from salestui.review.charts import chart_text, draw_trend, funnel_text

    start, end = week_bounds(r.now.date(), r.scope.first_weekday)
    out = [
        "# " + _("Weekly review — {scope}").format(scope=r.scope.label) + "\n",
        *([view_line(r.scope.view)[:-1]] if r.scope.view else []),
        _("Week {start} – {end} (exclusive); as of {when}.").format(
            start=shown_date(start), end=shown_date(end), when=local(r.now)
        )
        + "\n",
        "## " + _("1. Core KPIs") + "\n",
        _table(
            ["KPI", N_("Now"), N_("Last week"), N_("Δ week"), N_("Plan"), N_("Δ plan")],
            [
                [
                    f"{_(k.label)} ({basis_words(k.basis)})" if k.basis else _(k.label),
                    kpi_text(k.unit, k.value),
                    kpi_text(k.unit, k.last_week),
                    kpi_text(k.unit, k.vs_week, delta=True),
                    kpi_text(k.unit, k.plan),
                    kpi_text(k.unit, k.vs_plan, delta=True),
                ]
                for k in r.kpis
            ],
            {1, 2, 3, 4, 5},
        ),
        "## " + _("2. Funnel — {period}").format(period=_(PERIODS[r.period])) + "\n",
    ]
    rows = []
    for strict, anys in zip(r.funnel.strict, r.funnel.any_stage, strict=True):
        rows.append(
            [
                f"{_(strict.stage)} → {_(strict.next_stage)}",
                f"{strict.entered:,}",
                percent(strict.conversion),
                f"{strict.drop_off:,}",
                f"{anys.entered:,}",
                percent(anys.conversion),
                f"{anys.drop_off:,}",
            ]
        )
    out.append(
        _table(
            [
                N_("Step"),
                N_("Entered"),
                N_("Strict"),
                N_("Drop-off"),
                N_("Reached"),
                N_("Any-stage"),
                N_("Drop-off"),
            ],
            rows,
            {1, 2, 3, 4, 5, 6},
        )
    )
    out.append("\n```\n" + funnel_text(r.funnel, "strict") + "\n```\n")
    out.append("## " + _("3. Revenue trend (won, by month)") + "\n")
    out.append("```\n" + chart_text(draw_trend, r.trend, r.forecast) + "\n```\n")
    out.append(
        _table(
            [N_("Month"), N_("Revenue"), "MoM", "YoY", N_("Same month last year")],
            [
                [
                    shown_date(t.month, MONTH),
                    format_amount(t.revenue_minor),
                    percent(t.mom, signed=True),
                    percent(t.yoy, signed=True),
                    format_amount(t.last_year_minor) if t.last_year_minor is not None else "–",
                ]
                for t in r.trend[-13:]
            ],
            {1, 2, 3, 4},
        )
    )
    months = _(", ").join(
        f"{shown_date(m, MONTH)} {format_amount(v)}" for m, v in r.forecast.months
    )
    out.append(
        "\n"
        + _("Forecast for next quarter: **{total}** ({months}). Method: {method}.").format(
            total=format_amount(r.forecast.total_minor),
            months=months,
            method=r.forecast.method_words(),
        )
        + "\n"
    )
    out.append("## " + _("4. Problems") + "\n")
    p = r.problems
    out.append(
        _table(
            [N_("Problem"), N_("Count")],
            [
                [_("Stalled deals"), f"{p.stalled_total:,}"],
                [_("Lead first-contact SLA breaches"), f"{p.sla_total:,}"],
                [_("Overdue invoices"), f"{p.overdue_total:,}"],
                [
                    _("Complaints without a response after {hours} h").format(
                        hours=p.complaint_hours
                    ),
                    f"{p.complaints_total:,}",
                ],
                [
                    _("Customers with health below {limit}").format(limit=p.health_below),
                    f"{p.health_total:,}",
                ],
                [_("Churn warnings"), f"{p.churn_total:,}"],
                [_("Regions behind plan"), f"{len(p.region_gaps):,}"],
            ],
            {1},
        )
    )
    if p.stalled:
        out.append("\n" + _("Longest stalled:") + "\n")
        out.append(
            _table(
                [N_("Deal"), N_("Stage"), N_("Since"), N_("Amount")],
                [
                    [
                        w.subject,
                        _(w.detail),
                        shown_date(local_day(w.since)),
                        format_amount(w.amount_minor),
                    ]
                    for w in p.stalled[:5]
                ],
                {3},
            )
        )
    if p.region_gaps:
        out.append("\n" + _("Regions behind plan:") + "\n")
        out.append(
            _table(
                [N_("Region"), N_("Won"), N_("Target"), N_("Gap")],
                [
                    [
                        n,
                        format_amount(w),
                        format_amount(t),
                        percent(g, points=True, decimals=1, unit=_(" pts")),
                    ]
                    for n, w, t, g in p.region_gaps
                ],
                {1, 2, 3},
            )
        )
    from salestui.review import stage_effort as se

    short = se.effort_problem(r.effort) if r.effort is not None else None
    out.append("\n" + _("Below target: {what}.").format(what=short) + "\n" if short else "")
    out.append("\n## " + _("5. Since the last review") + "\n")
    c = r.changes
    if c.first_review:
        out.append(_("No review has been marked done yet: changes over the last 7 days.") + "\n")
    else:
        out.append(_("Since {when}.").format(when=local(c.since)) + "\n")
    won = format_amount(sum(m.amount_minor for m in c.won))
    lost = format_amount(sum(m.amount_minor for m in c.lost))
    out.append(
        _table(
            [N_("Change"), N_("Deals")],
            [
                [_("Moved forward"), f"{sum(m.direction == 'forward' for m in c.moved):,}"],
                [_("Moved backwards"), f"{sum(m.direction == 'backward' for m in c.moved):,}"],
                [_("Won"), f"{len(c.won):,} · {won}"],
                [_("Lost"), f"{len(c.lost):,} · {lost}"],
                [_("Close date slipped"), f"{len(c.slipped):,}"],
                [_("New big deals"), f"{len(c.new_big):,}"],
            ],
            {1},
        )
    )
    if c.forecast is not None:
        out.append(
            "\n"
            + _("Forecast: {before} → {after}.").format(
                before=format_amount(c.forecast[0]), after=format_amount(c.forecast[1])
            )
            + "\n"
        )
    out.append("\n## " + _("6. This week's action items") + "\n")
    if r.items:
        out.append(
            _table(
                [N_("Due"), N_("Item"), N_("Owner"), N_("Priority"), N_("Status"), N_("Linked to")],
                [
                    [
                        shown_date(i.due),
                        i.title,
                        i.owner_name,
                        _(i.priority),
                        _(i.status),
                        i.link_label,
                    ]
                    for i in r.items
                ],
            )
        )
    else:
        out.append(_("None due this week.") + "\n")
    if r.movement is not None:
        from salestui.review.movement import movement_md

        out.append("\n## " + _("7. Pipeline movement this week") + "\n")
        out.append(movement_md(r.movement, _table))
    out.append(se.render_md(r.durations, r.effort))
    return "\n".join(out)


# JSON lives in its own module (machine keys, no words); imported here for callers.
from salestui.review.report_json import render_json  # noqa: E402

__all__ = ["WeeklyReview", "kpi_text", "load_weekly", "render_json", "render_md"]
