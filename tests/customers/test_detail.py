"""One customer's detail figures, by hand, and the detail queries on tests/customers/fixtures.py."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from salestui.context import AppContext
from salestui.customers.detail import (
    behaviour_window_start,
    complaint_lines,
    cross_sell,
    customer_warnings,
    invoice_collection_rate,
    invoice_lines,
    monthly_orders,
)
from salestui.db.queries.customer_detail import cross_sell_evidence, customer_detail
from tests.customers import fixtures as fx


def test_monthly_orders_across_a_year():
    today = date(2026, 1, 15)
    orders = [
        (date(2025, 11, 3), 100),
        ("2025-12-30", 50),
        (date(2025, 12, 31), -20),  # a credit note: no order, less amount
        (date(2026, 1, 2), 70),
        (date(2025, 10, 31), 999),  # before the first of the 3 months shown
    ]
    months = monthly_orders(orders, today, months=3)
    assert [(m.month, m.orders, m.amount_minor) for m in months] == [
        (date(2025, 11, 1), 1, 100),
        (date(2025, 12, 1), 1, 30),
        (date(2026, 1, 1), 1, 70),
    ]
    assert len(monthly_orders([], today)) == 36
    # 180 days before 2026-01-15 is 2025-07-19 → July
    assert behaviour_window_start(today) == date(2025, 7, 1)


def test_invoices_and_collection_rate():
    today = date(2026, 1, 15)
    lines = invoice_lines(
        [
            (1, "2025-12-01", "2025-12-31", 1000, 400, None),  # 15 days overdue, 600 open
            (2, "2026-01-10", "2026-02-09", 500, 0, None),  # not yet due
            (3, "2025-10-01", "2025-10-31", 300, 300, "2025-10-20"),  # paid
            (4, "2025-11-01", "2025-12-01", -50, 0, None),  # credit note
        ],
        today,
    )
    assert [(x.status, x.open_minor, x.days_overdue) for x in lines] == [
        ("overdue", 600, 15),
        ("open", 500, 0),
        ("paid", 0, 0),
        ("credit", 0, 0),
    ]
    # due in (2025-01-15, 2026-01-15]: #1 and #3 (#4 is a credit note, not an invoice to collect)
    # → paid 400 + 300 over 1000 + 300 = 700 / 1300
    assert invoice_collection_rate(lines, today) == pytest.approx(700 / 1300)


def test_complaints_48_hours():
    now = datetime(2026, 1, 10, 12, tzinfo=UTC)
    out = complaint_lines(
        [
            (1, "product", "major", "2026-01-01 09:00:00.000000", "2026-01-02 09:00:00", None, "x"),
            (
                2,
                "service",
                "normal",
                datetime(2026, 1, 1, 9),
                "2026-01-04 10:00:00",
                "2026-01-05",
                "",
            ),
            (3, "process", "urgent", datetime(2026, 1, 9, 12), None, None, None),
        ],
        now,
    )
    assert [(c.response_hours, c.late, c.resolved) for c in out] == [
        (24.0, False, False),
        (73.0, True, True),
        (None, False, False),  # 24 h unanswered so far
    ]


def test_cross_sell_ranking():
    products = [(1, "Gateway", "IoT", 2), (2, "Cloud plan", "SaaS", 1), (3, "Cable", "", 2)]
    out = cross_sell(4, products)
    # Cable and Gateway tie on 2 of 4 → by name; Cloud plan 1 of 4 (25 %)
    assert [x.product for x in out] == ["Cable", "Gateway", "Cloud plan"]
    assert out[1].evidence == "bought by 2 of 4 similar customers (50 %)"
    # 1 buyer among 20 similar is under 10 % → not suggested
    assert cross_sell(20, [(2, "Cloud plan", "SaaS", 1)]) == []
    assert cross_sell(0, []) == []


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return fx.build(str(tmp_path_factory.mktemp("detail") / "d.db"))


def test_detail_queries(db):
    ctx = AppContext(db, "boss")
    hx = ctx.read(customer_detail, 1, fx.TODAY)
    assert hx.name == "上海华信科技有限公司" and hx.owner_login == "rep_li"
    assert len(hx.orders) == 6 and len(hx.deals) == 2 and len(hx.nps) == 3
    assert hx.complaints[0][6] == "Gateway firmware crashes"
    assert ctx.read(customer_detail, 999, fx.TODAY) is None
    evidence = ctx.read(cross_sell_evidence, 6)  # Epsilon bought the Sensor only
    assert evidence.similar == 2
    out = cross_sell(evidence.similar, evidence.products)
    assert [(x.product, x.buyers) for x in out] == [("Gateway", 2), ("Cloud plan", 1)]


def test_customer_warnings_in_order():
    today = date(2026, 1, 15)
    invoices = invoice_lines(
        [
            (1, "2025-10-01", "2025-10-31", 1000, 0, None),  # 76 days overdue → high
            (2, "2026-01-10", "2026-02-09", 500, 0, None),  # not due
        ],
        today,
    )
    now = datetime(2026, 1, 15, tzinfo=UTC)
    complaints = complaint_lines(
        [
            (5, "product", "major", datetime(2026, 1, 1), None, None, ""),  # late, open
            (6, "service", "normal", datetime(2026, 1, 1), None, "2026-01-02", ""),  # resolved
        ],
        now,
    )
    out = customer_warnings(
        "Acme", 55, 80, True, "orders 0 in 90 days, usually 2", invoices, complaints
    )
    assert [(w.kind, w.ref, w.priority) for w in out] == [
        ("health", None, "high"),  # 55 < 80 − 20
        ("churn", None, "high"),
        ("overdue", 1, "high"),
        ("complaint", 5, "high"),
    ]
    assert out[2].label == "invoice #1 76 days overdue"
    assert customer_warnings("Acme", 80, 80, False, "", [], []) == []
