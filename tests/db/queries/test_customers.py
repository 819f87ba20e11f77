"""The per-customer inputs from SQL and the whole table, on tests/customers/fixtures.py."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from salestui.context import AppContext
from salestui.customers.health import customer_frame
from salestui.customers.table import (
    TableFilter,
    customer_table,
    filter_table,
    sort_table,
    tier_summary,
)
from salestui.db.queries.customers import customer_inputs, year_before
from tests.customers import fixtures as fx


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return fx.build(str(tmp_path_factory.mktemp("cust") / "c.db"))


@pytest.fixture(scope="module")
def table(db):
    inputs = AppContext(db, "boss").read(customer_inputs, fx.TODAY)
    return customer_table(inputs, fx.NOW)


def test_year_before_handles_leap_day():
    assert year_before(date(2024, 2, 29)) == date(2023, 2, 28)
    assert year_before(date(2026, 1, 15)) == date(2025, 1, 15)


def test_inputs_window_crossing_a_year(db):
    frame = customer_frame(AppContext(db, "boss").read(customer_inputs, fx.TODAY), fx.NOW)
    hx = frame.loc[1]
    # 2025-12-15, 2026-02-10, 2026-06-01; the credit note is not an order, the edge day is not in
    assert hx["orders_12m"] == 3
    assert hx["revenue_12m"] == 560_000_00  # 200k + 300k + 80k − 20k
    assert hx["orders_prev_12m"] == 2 and hx["revenue_prev_12m"] == 410_000_00
    assert hx["last_order"] == pd.Timestamp(2026, 6, 1)
    assert hx["first_order"] == pd.Timestamp(2025, 3, 1)
    assert hx["promoters"] == 2 and hx["detractors"] == 1 and hx["nps_answers"] == 3
    assert hx["complaints_12m"] == 1 and hx["complaints_late_12m"] == 1
    assert hx["complaints_open"] == 1
    assert frame.loc[2, "overdue"] == 50_000_00 and frame.loc[2, "receivable"] == 50_000_00
    acme = frame.loc[3]
    assert acme["nps_answers"] == 1 and acme["complaints_late_12m"] == 0  # 46 h so far
    assert acme["competitor_mentions"] == 1 and acme["lost_to_competitor_12m"] == 1
    assert acme["orders_total"] == 0


def test_table_figures(table):
    hx, acme = table.loc[1], table.loc[3]
    # 华信: 25 (3 vs 2 orders, capped) + 25 (deal 20 days old)
    # + satisfaction 25 × (33.3 + 100) / 200 = 16.67 − 5 − 5 = 6.67 → 7 + 25 = 82
    assert [hx[c] for c in ("frequency", "need", "satisfaction", "competition")] == [25, 25, 7, 25]
    assert hx["health"] == 82 and not hx["health_warning"]
    # Acme: 0 + 25 + (12.5 − 5 = 7.5 → 8) + (its 1 closed deal lost to a competitor, named in
    # its 1 activity: 25 − 15 − 10 = 0) = 33 < 80: warned, though it has no order in 12 months
    # (seed 003: every customer below 80; the setting health_warning_ordered_only leaves it out)
    assert acme["health"] == 33 and acme["health_warning"]
    assert hx["revenue_change"] == pytest.approx(100 * 150_000 / 410_000)
    # revenue: 华信 560k, Delta 150k, 北方 60k, 腾达 50k → total 820k; 华信 ahead 0 → A;
    # Delta ahead 68.3 % → A; 北方 ahead 86.6 % → B; 腾达 ahead 93.9 % → B; the rest C
    assert table["abc"].to_dict() == {1: "A", 2: "B", 3: "C", 4: "B", 5: "A", 6: "C"}
    assert set(table["tier"]) == {"potential"}
    assert table["lifecycle"].to_dict() == {
        1: "mature",  # first order 2025-03-01, +36.6 %
        2: "development",
        3: "awareness",
        4: "development",
        5: "development",
        6: "churned",
    }
    assert table.loc[6, "segment"] == "churned"
    # 华信 collection: due in 12 months 2025-11-20 (→ 2025-12-20) 10k, 2025-12-15 (→ 2026-01-14)
    # 200k, 2026-02-10 300k, 2026-06-01 80k, all paid; the credit note is no invoice to collect
    # → 590 / 590
    assert hx["collection_rate"] == pytest.approx(1.0)


def test_summary_and_filters(table):
    summary = tier_summary(table)
    assert summary.customers == 6
    assert summary.revenue_12m == 820_000_00
    assert summary.by_class["A"] == (2, 710_000_00)
    assert summary.a_share == pytest.approx(710 / 820)
    assert summary.overdue == 50_000_00
    mine = filter_table(table, TableFilter(owner_ids=frozenset({3})))  # rep_li
    assert sorted(mine.index) == [1, 4, 6]
    assert list(filter_table(table, TableFilter(text="delta")).index) == [5]
    assert list(filter_table(table, TableFilter(abc="A", health_below=True)).index) == [5]
    by_revenue = sort_table(table, "revenue_12m", descending=True)
    assert list(by_revenue.index) == [1, 5, 4, 2, 3, 6]
    by_last = sort_table(table, "last_order", descending=True)
    # 腾达 10-11, Delta 09-07, 北方 08-04, 华信 06-01, Epsilon 2024; Acme (no order) last
    assert list(by_last.index) == [2, 5, 4, 1, 6, 3]
