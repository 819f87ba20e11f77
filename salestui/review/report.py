"""`salestui report weekly`: the weekly review as Markdown (tables, charts as text) or JSON.

The same sections in the same order as the review screen, from the same loaders.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from salestui.kernel.clock import local_day
from salestui.kernel.dates import MONTH, local, shown_date
from salestui.kernel.format import number, percent
from salestui.kernel.money import format_amount, half_up, money_plain
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
) -> WeeklyReview:
    """``customer_table`` (health and churn), ``funnel`` and ``movement``: callables giving
    them, when the caller has them read elsewhere meanwhile; called after the sections read
    here."""
    from salestui.review import load as rd

    scope = load_scope(conn, login)
    kpis = rd.load_kpis(conn, scope, now)
    trend, forecast = rd.load_trend(conn, scope, now)
    funnel = funnel() if funnel is not None else rd.load_funnel(conn, scope, now, period)
    changes = rd.load_changes(conn, scope, now, kpis, forecast)
    items = rd.load_week_items(conn, scope, now)
    table = customer_table() if customer_table is not None else None
    problems = rd.load_problems(conn, scope, now, table=table)
    from salestui.review import stage_effort as se
    from salestui.review.waterfall import load_movement

    movement = movement() if movement is not None else load_movement(conn, scope, now)
    durations = se.load_review_durations(conn, scope, now)
    effort = se.load_review_effort(conn, scope, now, table)
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
        unit_text = " pts" if delta else " %"
        return percent(value, points=True, decimals=1, signed=bool(sign), unit=unit_text)
    return sign + number(value, grouped=True)


def _table(head: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    def cell(v: str) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(head) + " |"]
    lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(head))) + "|")
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def render_md(r: WeeklyReview) -> str:
    from salestui.review.charts import chart_text, draw_trend, funnel_text

    start, end = week_bounds(r.now.date(), r.scope.first_weekday)
    out = [
        f"# Weekly review — {r.scope.label}\n",
        *([view_line(r.scope.view)[:-1]] if r.scope.view else []),
        f"Week {shown_date(start)} – {shown_date(end)} (exclusive); as of {local(r.now)}.\n",
        "## 1. Core KPIs\n",
        _table(
            ["KPI", "Now", "Last week", "Δ week", "Plan", "Δ plan"],
            [
                [
                    f"{k.label} ({k.basis})" if k.basis else k.label,
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
        f"## 2. Funnel — {PERIODS[r.period]}\n",
    ]
    rows = []
    for strict, anys in zip(r.funnel.strict, r.funnel.any_stage, strict=True):
        rows.append(
            [
                f"{strict.stage} → {strict.next_stage}",
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
            ["Step", "Entered", "Strict", "Drop-off", "Reached", "Any-stage", "Drop-off"],
            rows,
            {1, 2, 3, 4, 5, 6},
        )
    )
    out.append("\n```text\n" + funnel_text(r.funnel, "strict") + "\n```\n")
    out.append("## 3. Revenue trend (won, by month)\n")
    out.append("```text\n" + chart_text(draw_trend, r.trend, r.forecast) + "\n```\n")
    out.append(
        _table(
            ["Month", "Revenue", "MoM", "YoY", "Same month last year"],
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
    out.append(
        f"\nForecast for next quarter: **{format_amount(r.forecast.total_minor)}** "
        f"({', '.join(f'{shown_date(m, MONTH)} {format_amount(v)}' for m, v in r.forecast.months)}). "
        f"Method: {r.forecast.method}.\n"
    )
    out.append("## 4. Problems\n")
    p = r.problems
    out.append(
        _table(
            ["Problem", "Count"],
            [
                ["Stalled deals", f"{p.stalled_total:,}"],
                ["Lead first-contact SLA breaches", f"{p.sla_total:,}"],
                ["Overdue invoices", f"{p.overdue_total:,}"],
                [
                    f"Complaints without a response after {p.complaint_hours} h",
                    f"{p.complaints_total:,}",
                ],
                [f"Customers with health below {p.health_below}", f"{len(p.health):,}"],
                ["Churn warnings", f"{len(p.churn):,}"],
                ["Regions behind plan", f"{len(p.region_gaps):,}"],
            ],
            {1},
        )
    )
    if p.stalled:
        out.append("\nLongest stalled:\n")
        out.append(
            _table(
                ["Deal", "Stage", "Since", "Amount"],
                [
                    [
                        w.subject,
                        w.detail,
                        shown_date(local_day(w.since)),
                        format_amount(w.amount_minor),
                    ]
                    for w in p.stalled[:5]
                ],
                {3},
            )
        )
    if p.region_gaps:
        out.append("\nRegions behind plan:\n")
        out.append(
            _table(
                ["Region", "Won", "Target", "Gap"],
                [
                    [
                        n,
                        format_amount(w),
                        format_amount(t),
                        percent(g, points=True, decimals=1, unit=" pts"),
                    ]
                    for n, w, t, g in p.region_gaps
                ],
                {1, 2, 3},
            )
        )
    from salestui.review import stage_effort as se

    short = se.effort_problem(r.effort) if r.effort is not None else None
    out.append(f"\nBelow target: {short}.\n" if short else "")
    out.append("\n## 5. Since the last review\n")
    c = r.changes
    if c.first_review:
        out.append("No review has been marked done yet: changes over the last 7 days.\n")
    else:
        out.append(f"Since {local(c.since)}.\n")
    out.append(
        _table(
            ["Change", "Deals"],
            [
                ["Moved forward", str(sum(m.direction == "forward" for m in c.moved))],
                ["Moved backwards", str(sum(m.direction == "backward" for m in c.moved))],
                ["Won", f"{len(c.won):,} · {format_amount(sum(m.amount_minor for m in c.won))}"],
                ["Lost", f"{len(c.lost):,} · {format_amount(sum(m.amount_minor for m in c.lost))}"],
                ["Close date slipped", f"{len(c.slipped):,}"],
                ["New big deals", f"{len(c.new_big):,}"],
            ],
            {1},
        )
    )
    if c.forecast is not None:
        out.append(
            f"\nForecast: {format_amount(c.forecast[0])} → {format_amount(c.forecast[1])}.\n"
        )
    out.append("\n## 6. This week's action items\n")
    if r.items:
        out.append(
            _table(
                ["Due", "Item", "Owner", "Priority", "Status", "Linked to"],
                [
                    [shown_date(i.due), i.title, i.owner_name, i.priority, i.status, i.link_label]
                    for i in r.items
                ],
            )
        )
    else:
        out.append("None due this week.\n")
    if r.movement is not None:
        from salestui.review.movement import movement_md

        out.append("\n## 7. Pipeline movement this week\n")
        out.append(movement_md(r.movement, _table))
    out.append(se.render_md(r.durations, r.effort))
    return "\n".join(out)


def _step(s) -> dict:
    return {
        "from": s.stage,
        "to": s.next_stage,
        "entered": s.entered,
        "advanced": s.advanced,
        "conversion": s.conversion,
        "drop_off": s.drop_off,
    }


def render_json(r: WeeklyReview) -> str:
    def money(v):
        return None if v is None else money_plain(half_up(v))

    body = {
        "report": "weekly",
        "scope": r.scope.label,
        "view": r.scope.view,
        "as_of": r.now.isoformat(),
        "money": "major units, two decimals, as strings",
        "kpis": [
            {
                "key": k.key,
                "unit": k.unit,
                **({"basis": k.basis} if k.basis else {}),
                **{
                    name: (money(v) if k.unit == "money" else v)
                    for name, v in (
                        ("value", k.value),
                        ("last_week", k.last_week),
                        ("plan", k.plan),
                        ("vs_week", k.vs_week),
                        ("vs_plan", k.vs_plan),
                    )
                },
            }
            for k in r.kpis
        ],
        "funnel": {
            "period": r.period,
            "deals": r.funnel.deals,
            "strict": [_step(s) for s in r.funnel.strict],
            "any_stage": [_step(s) for s in r.funnel.any_stage],
        },
        "trend": [
            {
                "month": t.month.strftime("%Y-%m"),
                "revenue": money(t.revenue_minor),
                "mom": t.mom,
                "yoy": t.yoy,
                "same_month_last_year": money(t.last_year_minor),
            }
            for t in r.trend
        ],
        "forecast": {
            "method": r.forecast.method,
            "total": money(r.forecast.total_minor),
            "months": {m.strftime("%Y-%m"): money(v) for m, v in r.forecast.months},
        },
        "problems": {
            "stalled_deals": r.problems.stalled_total,
            "sla_breaches": r.problems.sla_total,
            "overdue_invoices": r.problems.overdue_total,
            "unanswered_complaints": r.problems.complaints_total,
            "health_warnings": len(r.problems.health),
            "churn_warnings": len(r.problems.churn),
            "region_gaps": [
                {"region": n, "won": money(w), "target": money(t), "gap_pts": g}
                for n, w, t, g in r.problems.region_gaps
            ],
        },
        "since_last_review": {
            "since": r.changes.since.isoformat(),
            "first_review": r.changes.first_review,
            "moved_forward": sum(m.direction == "forward" for m in r.changes.moved),
            "moved_backwards": sum(m.direction == "backward" for m in r.changes.moved),
            "won": len(r.changes.won),
            "lost": len(r.changes.lost),
            "slipped": len(r.changes.slipped),
            "new_big_deals": len(r.changes.new_big),
        },
        "action_items": [
            {
                "id": i.id,
                "due": i.due.isoformat(),
                "title": i.title,
                "owner": i.owner_login,
                "priority": i.priority,
                "status": i.status,
            }
            for i in r.items
        ],
    }
    if r.movement is not None:
        from salestui.review.movement import movement_json

        body["pipeline_movement"] = movement_json(r.movement)
    from salestui.review.stage_effort import render_json as durations_json

    body.update(durations_json(r.durations, r.effort))
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
