"""RFM, ABC, account tier, lifecycle, behaviour change and collections worked out by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from salestui.customers.tiers import (
    abc_classes,
    account_tiers,
    behaviour_changes,
    days_sales_outstanding,
    lifecycle_stages,
    overdue_share,
    quintile_scores,
    revenue_change_pct,
    rfm_scores,
)
from salestui.kernel.invoices import collection_rate

TODAY = date(2026, 1, 15)  # the 12-month window is (2025-01-15, 2026-01-15]
ZERO = {
    "orders_total": 0,
    "orders_12m": 0,
    "revenue_12m": 0,
    "revenue_prev_12m": 0,
    "first_order": None,
    "last_order": None,
    "orders_180d": 0,
    "revenue_180d": 0,
    "orders_180_540d": 0,
    "revenue_180_540d": 0,
}


def frame(rows: dict[int, dict]) -> pd.DataFrame:
    f = pd.DataFrame([{"customer_id": k, **ZERO, **v} for k, v in rows.items()])
    f = f.set_index("customer_id")
    f.attrs["today"] = TODAY
    return f


def test_quintiles_of_ten_and_ties():
    # ten distinct values: ranks 1..10 → ⌈5 r / 10⌉ = 1,1,2,2,3,3,4,4,5,5
    s = pd.Series(range(10, 20))
    assert quintile_scores(s).tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    # ties share the highest rank: [5, 5, 5, 9, 9] → ranks 3,3,3,5,5 → ⌈15/5⌉=3, 3, 3, 5, 5
    assert quintile_scores(pd.Series([5, 5, 5, 9, 9])).tolist() == [3, 3, 3, 5, 5]
    # lower is better (recency): days [10, 40, 40, 300] → negated, ranks 4, (2, 3 → 3), 3, 1
    # → ⌈20/4⌉=5, ⌈15/4⌉=4, 4, ⌈5/4⌉=2
    assert quintile_scores(pd.Series([10, 40, 40, 300]), lower_is_better=True).tolist() == [
        5,
        4,
        4,
        2,
    ]
    # a single customer scores 5
    assert quintile_scores(pd.Series([7])).tolist() == [5]


def o(n, revenue, last, first=date(2023, 1, 1), total=None):
    return {
        "orders_12m": n,
        "revenue_12m": revenue,
        "last_order": last,
        "first_order": first,
        "orders_total": total if total is not None else n,
    }


def test_rfm_segments():
    f = frame(
        {
            1: o(10, 900, date(2026, 1, 10)),  # 5 days
            2: o(6, 700, date(2025, 12, 30)),  # 16 days
            3: o(1, 400, date(2025, 12, 30)),  # 16 days, a single order
            4: o(2, 300, date(2025, 8, 1)),  # 167 days
            5: o(1, -20, date(2025, 3, 1)),  # 320 days; a refund exceeds the order
            6: o(0, 0, date(2024, 6, 1), total=4),  # ordered before, nothing this year
            7: o(0, 0, None, first=None),  # never ordered
        }
    )
    r = rfm_scores(f)
    # five ordering customers. recency days 5,16,16,167,320 → lower better: ranks 5,
    # (3, 4 → 4), 4, 2, 1 → ⌈25/5⌉=5, 4, 4, 2, 1
    assert r.loc[1:5, "r"].tolist() == [5, 4, 4, 2, 1]
    # orders 10,6,1,2,1 → ranks (max on ties) 5,4,2,3,2 → 5,4,2,3,2
    assert r.loc[1:5, "f"].tolist() == [5, 4, 2, 3, 2]
    # revenue 900,700,400,300,-20 → ranks 5,4,3,2,1
    assert r.loc[1:5, "m"].tolist() == [5, 4, 3, 2, 1]
    assert r.loc[6:7, ["r", "f", "m"]].values.tolist() == [[0, 0, 0], [0, 0, 0]]
    # 1: 5/5/5 high value; 2: 4/4/4 high value; 3: R 4, F 2, M 3 → potential;
    # 4: 167 days ago is not yet churned (180), R 2 → general; 5: 320 days → churned;
    # 6: last order 2024 → churned; 7: never ordered → general
    assert r["segment"].tolist() == [
        "high value",
        "high value",
        "potential",
        "general",
        "churned",
        "churned",
        "general",
    ]
    assert r.loc[1, "recency_days"] == 5


def test_abc_by_cumulative_share():
    # total 1000: sorted 500 (ahead 0 %) A, 300 (ahead 50 %) A, 100 (ahead 80 %) B,
    # 60 (ahead 90 %) B, 40 (ahead 96 %) C; 0 and −10 are C
    rev = pd.Series({1: 100, 2: 500, 3: 40, 4: 300, 5: 60, 6: 0, 7: -10})
    assert abc_classes(rev).to_dict() == {
        1: "B",
        2: "A",
        3: "C",
        4: "A",
        5: "B",
        6: "C",
        7: "C",
    }
    # a tie at the 80 % line: 400, 400, 200 → ahead 0 %, 40 % → A, A; 200 ahead 80 % → B
    # (equal revenue is ordered by customer id)
    assert abc_classes(pd.Series({3: 200, 1: 400, 2: 400})).to_dict() == {3: "B", 1: "A", 2: "A"}
    # a single customer is A; no revenue at all is C
    assert abc_classes(pd.Series({9: 5})).tolist() == ["A"]
    assert abc_classes(pd.Series({1: 0, 2: -5})).tolist() == ["C", "C"]


def test_account_tiers_by_annual_revenue():
    minor = pd.Series([500_000_000, 499_999_999, 100_000_000, 99_999_999, 0, -100])
    assert account_tiers(minor).tolist() == [
        "key account",
        "growth",
        "growth",
        "potential",
        "potential",
        "potential",
    ]


def test_lifecycle_stages():
    f = frame(
        {
            1: {},  # never ordered → awareness
            # first order 2025-03-01 is inside the 12 months → development
            2: o(2, 100, date(2025, 12, 1), first=date(2025, 3, 1)),
            # steady: 100 vs 100 → mature
            3: {**o(4, 100, date(2026, 1, 2)), "revenue_prev_12m": 100},
            # 70 vs 100: down exactly 30 % → decline
            4: {**o(4, 70, date(2026, 1, 2)), "revenue_prev_12m": 100},
            # 71 vs 100: down 29 % → mature
            5: {**o(4, 71, date(2026, 1, 2)), "revenue_prev_12m": 100},
            # last order 2025-07-19, 180 days before 2026-01-15 → churned
            6: o(1, 10, date(2025, 7, 19)),
            # first order on 2025-01-15 is the window's excluded edge → not development
            7: o(1, 10, date(2025, 12, 1), first=date(2025, 1, 15)),
        }
    )
    assert lifecycle_stages(f).tolist() == [
        "awareness",
        "development",
        "mature",
        "decline",
        "mature",
        "churned",
        "mature",
    ]


def test_revenue_change():
    now = pd.Series([150, 50, 10])
    before = pd.Series([100, 100, 0])
    change = revenue_change_pct(now, before)
    assert change.tolist()[:2] == [50.0, -50.0]
    assert pd.isna(change.iloc[2])


def test_behaviour_change_for_key_customers():
    f = frame(
        {
            # 2 orders in 180 days vs 8 in the 360 before (usually 4) → 2 ≤ 2.8 → frequency;
            # size 200/2 = 100 vs 800/8 = 100 → same
            1: {
                "orders_180d": 2,
                "revenue_180d": 200,
                "orders_180_540d": 8,
                "revenue_180_540d": 800,
            },
            # 4 vs usually 4; size 280/4 = 70 vs 100 → −30 % → size
            2: {
                "orders_180d": 4,
                "revenue_180d": 280,
                "orders_180_540d": 8,
                "revenue_180_540d": 800,
            },
            # the same fall but not a key customer → nothing
            3: {
                "orders_180d": 2,
                "revenue_180d": 200,
                "orders_180_540d": 8,
                "revenue_180_540d": 800,
            },
            # 3 vs usually 4 (−25 %), size 75 vs 100 (−25 %) → nothing
            4: {
                "orders_180d": 3,
                "revenue_180d": 225,
                "orders_180_540d": 8,
                "revenue_180_540d": 800,
            },
        }
    )
    key = pd.Series({1: True, 2: True, 3: False, 4: True})
    out = behaviour_changes(f, key)
    assert out[1] == "orders 2 in 180 days, usually 4"
    assert out[2] == "average order -30 %"
    assert out[3] == "" and out[4] == ""


def test_collections():
    # due 1000, paid 750 → 75 %; overdue 200 of receivable 500 → 40 %;
    # receivable 500 / revenue 3650 × 365 = 50 days
    assert collection_rate(750, 1000) == 0.75
    assert overdue_share(200, 500) == 0.4
    assert days_sales_outstanding(500, 3650) == pytest.approx(50.0)
    assert collection_rate(0, 0) is None
    assert overdue_share(0, 0) is None
    assert days_sales_outstanding(10, 0) is None
    s = collection_rate(pd.Series([50, 0]), pd.Series([100, 0]))
    assert s.iloc[0] == 0.5 and pd.isna(s.iloc[1])
