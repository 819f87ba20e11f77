"""`salestui report weekly --format json`: the weekly review with machine keys and values only,
the same whatever the reader's language (no words to translate)."""

from __future__ import annotations

import json

from salestui.kernel.money import half_up, money_plain


def _step(s) -> dict:
    return {
        "from": s.stage,
        "to": s.next_stage,
        "entered": s.entered,
        "advanced": s.advanced,
        "conversion": s.conversion,
        "drop_off": s.drop_off,
    }


def render_json(r) -> str:
    """``r``: a ``salestui.review.report.WeeklyReview`` (not imported: report imports this)."""

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
            "health_warnings": r.problems.health_total,
            "churn_warnings": r.problems.churn_total,
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
