"""Health score parts and churn warnings on small tables worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from salestui.customers.health import (
    CustomerRules,
    churn_warnings,
    complaint_is_late,
    customer_rules_from,
    health_reasons,
    health_scores,
    nps,
)

ZERO = {
    "orders_12m": 0,
    "orders_prev_12m": 0,
    "new_deals_90d": 0,
    "new_deals_180d": 0,
    "new_deals_365d": 0,
    "nps_answers": 0,
    "promoters": 0,
    "detractors": 0,
    "complaints_12m": 0,
    "complaints_late_12m": 0,
    "lost_to_competitor_12m": 0,
    "competitor_mentions": 0,
    "activities_12m": 0,
    "closed_deals_12m": 0,
    "orders_90d": 0,
    "orders_90_450d": 0,
    "activities_90d": 0,
    "activities_90_450d": 0,
}


def frame(**customers: dict) -> pd.DataFrame:
    data = [{"customer_id": int(k[1:]), **ZERO, **v} for k, v in customers.items()]
    return pd.DataFrame(data).set_index("customer_id")


def test_health_parts_worked_by_hand():
    f = frame(
        # all healthy: 6 orders vs 6 → 25; a deal in 90 days → 25; no NPS, no complaint → 25;
        # nothing lost → 25; health 100
        c1={"orders_12m": 6, "orders_prev_12m": 6, "new_deals_90d": 1, "new_deals_180d": 1},
        # 3 vs 8 orders → 25 × 3/8 = 9.375 → 9; deal 120 days ago → 15;
        # NPS: 1 promoter, 2 detractors of 4 → (1−2)/4 = −25 → 25 × 75/200 = 9.375,
        # less 5 for one complaint and 5 for it being late → −0.625 → clipped 0;
        # 1 of 4 closed deals lost to a competitor, a competitor named in 2 of 8 activities
        # → 25 − 15 × 1/4 − 10 × 2/8 = 18.75 → 19; health 9 + 15 + 0 + 19 = 43
        c2={
            "orders_12m": 3,
            "orders_prev_12m": 8,
            "new_deals_180d": 1,
            "new_deals_365d": 1,
            "nps_answers": 4,
            "promoters": 1,
            "detractors": 2,
            "complaints_12m": 1,
            "complaints_late_12m": 1,
            "lost_to_competitor_12m": 1,
            "competitor_mentions": 2,
            "activities_12m": 8,
            "closed_deals_12m": 4,
        },
        # no orders at all, nothing else → 0 + 0 + 25 + 25 = 50
        c3={},
        # a single order, new this year → 25; deal 300 days ago → 5; NPS 2 promoters of 2 → +100
        # → 25; all 3 closed deals lost to competitors → 25 − 15 = 10; health 65
        c4={
            "orders_12m": 1,
            "new_deals_365d": 1,
            "nps_answers": 2,
            "promoters": 2,
            "lost_to_competitor_12m": 3,
            "closed_deals_12m": 3,
        },
        # more orders than last year is capped: 10 vs 4 → 25; 9 vs 10 → 22.5 → 23 (half up)
        c5={"orders_12m": 10, "orders_prev_12m": 4},
        c6={"orders_12m": 9, "orders_prev_12m": 10, "new_deals_90d": 2, "new_deals_180d": 2},
    )
    h = health_scores(f)
    assert h.loc[1, list(("frequency", "need", "satisfaction", "competition"))].tolist() == [
        25,
        25,
        25,
        25,
    ]
    assert h.loc[1, "health"] == 100 and not h.loc[1, "warning"]
    assert h.loc[2].tolist()[:5] == [9, 15, 0, 19, 43]
    assert h.loc[3, "health"] == 50
    assert h.loc[4].tolist()[:5] == [25, 5, 25, 10, 65]
    assert h.loc[5, "frequency"] == 25
    # c6: 23 + 25 + 25 + 25 = 98
    assert h.loc[6, "frequency"] == 23 and h.loc[6, "health"] == 98
    # seed 003: every customer below 80 is warned, c3 (50, never ordered) too
    assert h["warning"].tolist() == [False, True, True, True, True, False]
    # the setting "only those who ordered in the last 12 months": c3 is left out
    ordered_only = customer_rules_from({"customers.health_warning_ordered_only": "yes"})
    assert ordered_only.health_warning_ordered_only
    warned = health_scores(f, ordered_only)["warning"].tolist()
    assert warned == [False, True, False, True, True, False]


def test_health_warning_threshold_from_settings():
    f = frame(c1={"orders_12m": 1, "new_deals_365d": 1})  # 25 + 5 + 25 + 25 = 80
    assert not health_scores(f).loc[1, "warning"]  # 80 is not below 80
    rules = customer_rules_from({"customers.health_warning_below": "81", "customers.junk": "x"})
    assert health_scores(f, rules).loc[1, "warning"]
    assert customer_rules_from({"customers.churn_drop": "lots"}) == CustomerRules()
    # a yes/no setting reads yes/no words; junk keeps the default (every customer)
    assert not customer_rules_from({"customers.health_warning_ordered_only": "off"}) \
        .health_warning_ordered_only  # fmt: skip
    assert (
        customer_rules_from({"customers.health_warning_ordered_only": "maybe"}) == CustomerRules()
    )


def test_health_reasons_say_why():
    f = frame(c2={"orders_12m": 3, "orders_prev_12m": 8, "nps_answers": 4, "promoters": 1})
    why = health_reasons(f.loc[2])
    assert why["frequency"] == "3 orders in 12 months against 8 the year before"
    assert why["need"] == "no new opportunity in a year"
    assert why["satisfaction"].startswith("NPS +25 from 4 answers")


def test_nps_counts():
    # 10 answers: 5 promoters, 2 detractors → 50 % − 20 % = 30
    assert nps(5, 2, 10) == 30
    assert nps(0, 0, 0) is None
    assert nps(0, 3, 3) == -100


def test_complaint_48_hours():
    opened = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    now = datetime(2026, 1, 10, tzinfo=UTC)
    assert not complaint_is_late(opened, datetime(2026, 1, 3, 9, 0, tzinfo=UTC), now)  # exactly 48h
    assert complaint_is_late(opened, "2026-01-03 09:00:01.000000", now)
    assert complaint_is_late(opened, None, now)  # no answer after 9 days
    assert not complaint_is_late(opened, None, datetime(2026, 1, 2, tzinfo=UTC))


def test_churn_warnings_against_own_history():
    f = frame(
        # 12 orders in the 360 days before → usually 3 per 90 days; 1 now ≤ 1.5 → warning
        c1={"orders_90d": 1, "orders_90_450d": 12},
        # 2 now > 1.5 → no warning
        c2={"orders_90d": 2, "orders_90_450d": 12},
        # 3 orders before is no habit (< 4) → nothing, even with 0 now
        c3={"orders_90d": 0, "orders_90_450d": 3},
        # activities 8 before → usually 2; 1 now ≤ 1 → warning; orders fell too (4 → usually 1, 0)
        c4={"activities_90d": 1, "activities_90_450d": 8, "orders_90_450d": 4},
        c5={},
    )
    warnings = churn_warnings(f)
    assert [w.customer_id for w in warnings] == [1, 4]
    assert warnings[0].reason == "orders 1 in 90 days, usually 3"
    assert (
        warnings[1].reason == "orders 0 in 90 days, usually 1; activities 1 in 90 days, usually 2"
    )
