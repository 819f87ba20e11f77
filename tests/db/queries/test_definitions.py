"""One definition per figure, whichever query and screen shows it (issue 13, items 1–4): the last
12 months, credit notes, the collection rate and the weighted total, each on a tiny database
written here whose right answer is worked out by hand (see tests/db/queries/tiny.py for the days).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from salestui.board.metrics import pipeline_total
from salestui.context import AppContext
from salestui.customers.health import CustomerRules, customer_frame
from salestui.customers.load import load_detail
from salestui.customers.table import customer_table, tier_summary
from salestui.db.queries.board import BoardFilter, stage_totals
from salestui.db.queries.customers import customer_inputs
from salestui.kernel.periods import Period
from salestui.review.load import load_funnel, load_kpis
from salestui.scope import load_scope
from salestui.team.load import load_team
from tests.db.queries.tiny import INSIDE, NOW, OUTSIDE, TODAY, Tiny, at


def ctx_of(path: str) -> AppContext:
    return AppContext(path, "boss", clock=lambda: NOW)


def kpis(ctx: AppContext) -> dict:
    scope = ctx.read(load_scope, "boss")
    return {k.key: k.value for k in ctx.read(load_kpis, scope, NOW)}


# --- 1. the last 12 months -----------------------------------------------------------------------


@pytest.fixture
def window_db(tmp_path) -> str:
    t = Tiny(str(tmp_path / "window.db"))
    for day in (OUTSIDE, INSIDE):
        t.order(day, day + timedelta(days=30), 1000)
        t.deal(at(day))  # created at midnight of the day
        t.activity(at(day), note="the competitor called")
        t.complaint(at(day))
        t.deal(
            at(day - timedelta(days=20)),
            stage="Lost",
            lost_reason="competitor",
            closed_at=at(day),
            stage_entered_at=at(day),
        )
    t.deal(at(OUTSIDE, 12))  # within 365 days of NOW (2025-11-20 10:00) but not of the 12 months
    return t.done()


def test_every_12_month_figure_counts_the_same_days(window_db):
    ctx = ctx_of(window_db)
    frame = customer_frame(ctx.read(customer_inputs, TODAY), NOW)
    acme = frame.iloc[0]
    # of each pair written on 2025-11-20 and 2025-11-21, only the 21st is in the 12 months
    assert (acme["orders_12m"], acme["revenue_12m"]) == (1, 1000)
    assert (acme["orders_prev_12m"], acme["revenue_prev_12m"]) == (1, 1000)
    assert acme["new_deals_365d"] == 1  # the deal of the 21st; the lost ones began earlier
    assert acme["activities_12m"] == 1 and acme["competitor_mentions"] == 1
    assert acme["complaints_12m"] == 1
    assert acme["closed_deals_12m"] == 1 and acme["lost_to_competitor_12m"] == 1
    # the weekly's funnel of the last 12 months: the deal created at midnight of the 21st
    scope = ctx.read(load_scope, "boss")
    assert ctx.read(load_funnel, scope, NOW, "year").deals == 1


def test_the_last_90_and_180_days_are_the_same_days_for_orders_deals_and_activities(tmp_path):
    """On 2026-11-20 the last 90 days are 2026-08-23 … 2026-11-20 and the last 180 days
    2026-05-25 … 2026-11-20 (N days, today included); the day before each is outside, for an
    order (a day), a deal and an activity (moments from midnight) alike."""
    t = Tiny(str(tmp_path / "days.db"))
    for first in (date(2026, 8, 23), date(2026, 5, 25)):
        for day in (first - timedelta(days=1), first):
            t.order(day, day + timedelta(days=30), 100)
            t.deal(at(day))
            t.activity(at(day))
    frame = customer_frame(ctx_of(t.done()).read(customer_inputs, TODAY), NOW).iloc[0]
    # 90 days: the three of 08-23; 180 days: those and the three of 05-25
    assert (frame["orders_90d"], frame["new_deals_90d"], frame["activities_90d"]) == (1, 1, 1)
    assert (frame["orders_180d"], frame["revenue_180d"], frame["new_deals_180d"]) == (3, 300, 3)
    # the 360 days before the last 90: 2025-08-28 … 2026-08-22
    assert (frame["orders_90_450d"], frame["activities_90_450d"]) == (3, 3)


# --- 2 and 3. the collection rate and credit notes -----------------------------------------------


@pytest.fixture
def invoices_db(tmp_path) -> str:
    t = Tiny(str(tmp_path / "invoices.db"))

    def invoice(due: date, amount: int, paid: int = 0):
        t.order(due - timedelta(days=30), due, amount, paid)

    invoice(date(2026, 10, 15), 1000, 1000)  # Q4, paid
    invoice(date(2026, 11, 10), 2000, 500)  # Q4, part paid, overdue 1,500
    invoice(date(2026, 12, 15), 3000)  # Q4, not due yet
    invoice(date(2026, 11, 1), -500)  # a credit note in Q4
    invoice(date(2026, 1, 10), 1000, 1000)  # 12 months, not Q4
    invoice(OUTSIDE, 4000)  # before the 12 months, overdue
    return t.done()


def test_one_collection_rate_and_credit_notes_never_owed(invoices_db):
    ctx = ctx_of(invoices_db)
    # Q4 to date: the invoices due 2026-10-15 and 2026-11-10 (the one due in December cannot
    # be late yet; the credit note is not an invoice): (1000 + 500) / (1000 + 2000) = 50 %
    team = ctx.read(load_team, "boss", Period("quarter", date(2026, 10, 1)), TODAY)
    company = {ln.label: ln.figures for ln in team.board.lines(set())}["Company"]
    assert company.collection_rate == pytest.approx(0.5)
    weekly = kpis(ctx)
    assert weekly["collection"] == pytest.approx(50.0)
    # overdue: 1,500 + 4,000; the credit note neither lowers it nor what is receivable
    # (+ 3,000 not yet due)
    assert weekly["overdue"] == 5500
    frame = customer_frame(ctx.read(customer_inputs, TODAY), NOW)
    assert (frame.iloc[0]["overdue"], frame.iloc[0]["receivable"]) == (5500, 8500)
    # the customer screens: the 12 months' invoices (2026-01-10, 10-15, 11-10):
    # (1000 + 1000 + 500) / (1000 + 1000 + 2000) = 62.5 %, in the header and in the detail
    table = customer_table(ctx.read(customer_inputs, TODAY), NOW)
    assert tier_summary(table).collection_rate == pytest.approx(0.625)
    detail = load_detail(ctx, int(table.index[0]), table, CustomerRules())
    assert detail.collection_rate == pytest.approx(0.625)
    assert [x.status for x in detail.invoices if x.amount_minor < 0] == ["credit"]


def test_a_past_quarter_counts_every_invoice_due_in_it(invoices_db):
    # Q3 is over: nothing fell due in it here, so there is no rate (not 0 %)
    ctx = ctx_of(invoices_db)
    team = ctx.read(load_team, "boss", Period("quarter", date(2026, 7, 1)), TODAY)
    company = {ln.label: ln.figures for ln in team.board.lines(set())}["Company"]
    assert company.collection_rate is None
    # November: the invoice due on the 10th (500 of 2,000), the credit note of the 1st left out
    team = ctx.read(load_team, "boss", Period("month", date(2026, 11, 1)), TODAY)
    company = {ln.label: ln.figures for ln in team.board.lines(set())}["Company"]
    assert company.collection_rate == pytest.approx(0.25)


# --- 4. one rounding ------------------------------------------------------------------------------


def test_the_board_and_the_weekly_show_one_weighted_total(tmp_path):
    t = Tiny(str(tmp_path / "weighted.db"))
    # 1.01 × 50 % + 2.00 × 50 % = 0.505 + 1.00 = 1.505: 150.5 minor units, rounded once, half
    # up: 151 (Python's round() on 150.5 gives 150, half to even)
    t.deal(at(TODAY - timedelta(days=3)), amount=101, probability=50)
    t.deal(at(TODAY - timedelta(days=3)), amount=200, probability=50)
    ctx = ctx_of(t.done())
    limits = dict.fromkeys(("Prospect", "Qualified", "Proposal", "Negotiation"), 99)
    board = pipeline_total(ctx.read(stage_totals, BoardFilter(), NOW, limits))
    assert board.weighted_minor == 151
    assert kpis(ctx)["weighted"] == 151


# --- what is open, now and at a past day, from the orders' indexes (migration 0013) --------------


def test_the_collection_kpis_now_and_a_week_ago_worked_by_hand(tmp_path):
    """Now is 2026-11-20, a week ago 2026-11-13, the quarter Q4 (from 2026-10-01).

    A  ordered 10-01, due 10-20, 1,000, paid 10-25           open at neither day
    B  ordered 10-05, due 11-05, 2,000, paid in full 11-16   open (overdue) on 11-13 only
    C  ordered 10-10, due 11-10, 3,000, 1,000 paid 11-18     now 2,000 open; on 11-13 all 3,000
    D  ordered 11-15, due 12-15, 4,000, unpaid               not yet ordered on 11-13
    E  a credit note of 500 ordered 10-01, due 10-30         never owed, never due
    F  ordered 05-01, due 06-01, 800, paid, no paid date     counts as paid (open at neither)
    G  ordered 09-01, due 09-20, 600, unpaid                 overdue at both, not due in Q4

    Now: due in Q4 to date A + B + C = 6,000, paid of it 1,000 + 2,000 + 1,000 = 4,000;
    overdue C 2,000 + G 600 = 2,600; receivable that and D 4,000 = 6,600.
    On 11-13: due A + B + C = 6,000, paid by then 1,000 (A's); overdue B 2,000 + C 3,000 + G 600
    = 5,600, receivable the same (D not ordered yet)."""
    import sqlite3

    from salestui.db.queries.review import kpi_aggregates
    from salestui.kernel.domain import OPEN_STAGES

    t = Tiny(str(tmp_path / "open.db"))
    d = date
    t.order(d(2026, 10, 1), d(2026, 10, 20), 1000, 1000, d(2026, 10, 25))
    t.order(d(2026, 10, 5), d(2026, 11, 5), 2000, 2000, d(2026, 11, 16))
    t.order(d(2026, 10, 10), d(2026, 11, 10), 3000, 1000, d(2026, 11, 18))
    t.order(d(2026, 11, 15), d(2026, 12, 15), 4000)
    t.order(d(2026, 10, 1), d(2026, 10, 30), -500)
    t.order(d(2026, 5, 1), d(2026, 6, 1), 800, 800)
    t.order(d(2026, 9, 1), d(2026, 9, 20), 600)
    rep, boss = t.rep.id, t.boss.id
    path = t.done()
    with sqlite3.connect(path) as c:
        c.execute("UPDATE sales_order SET paid_date = NULL WHERE amount_minor = 800")
    ctx = ctx_of(path)
    keys = ("due_minor", "paid_of_due_minor", "overdue_minor", "receivable_minor")
    probability = {s: 0 for s in OPEN_STAGES}
    for owners in (None, (rep,)):
        now = ctx.read(kpi_aggregates, owners, NOW, d(2026, 10, 1), probability, current=True)
        assert tuple(now[k] for k in keys) == (6000, 4000, 2600, 6600)
        then = ctx.read(
            kpi_aggregates, owners, NOW - timedelta(days=7), d(2026, 10, 1), probability,
            current=False,
        )  # fmt: skip
        assert tuple(then[k] for k in keys) == (6000, 1000, 5600, 5600)
    nobody = ctx.read(kpi_aggregates, (boss,), NOW, d(2026, 10, 1), probability, current=True)
    assert tuple(nobody[k] for k in keys) == (0, 0, 0, 0)
