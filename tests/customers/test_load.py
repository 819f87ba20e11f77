"""The customer figures in two steps (the tiers first, then every figure) and read side by side,
on tests/customers/fixtures.py.

Expected tiers, from the fixture's docstring at NOW: 12-month revenue 华信 560,000, Delta 150,000,
北方 60,000, 腾达 50,000 (820,000 in all); ABC by the share held by those ahead: 华信 0 % → A,
Delta 560 / 820 = 68.3 % → A, 北方 710 / 820 = 86.6 % → B, 腾达 770 / 820 = 93.9 % → B; Acme and
Epsilon without revenue → C. All below 1,000,000 a year: potential accounts.
"""

from __future__ import annotations

import math

import pytest
from sqlmodel import Session, select

from salestui.app import SalestuiApp
from salestui.context import AppContext
from salestui.customers.health import CustomerRules
from salestui.customers.load import InputsReading, load_tables
from salestui.customers.table import customer_table, is_partial, tier_table
from salestui.db.engine import open_database
from salestui.db.queries.customers import INPUT_PARTS, customer_inputs
from salestui.db.tables import ActionItem
from salestui.runtime import reads
from salestui.screens.customers.screen import CustomersScreen
from tests.customers import fixtures as fx

TIER_COLUMNS = ("segment", "rfm", "abc", "tier", "lifecycle", "revenue_12m", "last_order")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return fx.build(str(tmp_path_factory.mktemp("first") / "c.db"))


def test_the_tiers_alone_are_the_whole_tables_tiers(db):
    ctx = AppContext(db, "boss")
    reading = InputsReading(ctx, fx.TODAY)
    tiers = tier_table(reading.tiers(), fx.NOW)
    whole = customer_table(reading.inputs(), fx.NOW)
    assert is_partial(tiers) and not is_partial(whole)
    assert list(tiers.index) == list(whole.index)
    for col in TIER_COLUMNS:
        assert tiers[col].tolist() == whole[col].tolist(), col
    # worked by hand (docstring of the fixture): 华信 560,000 is class A, a potential account
    assert tiers.loc[1, "revenue_12m"] == 560_000 * 100
    assert tiers["abc"].to_dict() == {1: "A", 2: "B", 3: "C", 4: "B", 5: "A", 6: "C"}
    assert set(tiers["tier"]) == {"potential"}
    # what the first read does not know is missing, never a made-up zero
    assert math.isnan(tiers.loc[2, "overdue"]) and whole.loc[2, "overdue"] == 50_000 * 100
    assert math.isnan(tiers.loc[1, "health"]) and not tiers["health_warning"].any()


def test_reading_in_worker_processes_gives_what_one_connection_reads(db):
    ctx = AppContext(db, "boss")
    apart = [r.result() for r in ctx.submit_reads(INPUT_PARTS, fx.TODAY, processes=True)]
    if reads._cpus() > 1:
        assert reads._pool is not None  # it went to the worker processes
    together = ctx.read(customer_inputs, fx.TODAY)
    assert apart[1] == together.orders and apart[3] == together.deals
    assert [sorted(part) for part in apart] == [
        sorted(getattr(together, name))
        for name in (
            "customers",
            "orders",
            "more_orders",
            "deals",
            "activities",
            "nps",
            "complaints",
        )
    ]


def test_the_table_comes_in_two_steps_then_from_the_cache(db):
    import sqlite3

    from salestui.customers.load import forget_tables
    from salestui.runtime import maintained

    maintained.forget()
    forget_tables()
    with sqlite3.connect(db) as c:
        c.execute("DELETE FROM figure_store")  # nothing kept: every customer is read
    ctx = AppContext(db, "boss", clock=lambda: fx.NOW)
    steps = list(load_tables(ctx, CustomerRules()))
    assert [is_partial(t) for t in steps] == [True, False]
    again = list(load_tables(ctx, CustomerRules()))
    assert len(again) == 1 and again[0] is steps[1]
    maintained.forget()  # a fresh process: the whole table at once, kept in the database
    forget_tables()
    kept = list(load_tables(ctx, CustomerRules()))
    assert len(kept) == 1 and not is_partial(kept[0]) and kept[0] is not steps[1]
    assert kept[0].equals(steps[1])


async def test_while_only_the_tiers_are_in_the_screen_says_so_and_writes_nothing(
    db, tmp_path, monkeypatch
):
    """The worker stopped after the first step: health shows …, and `enter` and `a` (which need
    health and invoices) say to wait instead of acting on missing figures."""
    import salestui.customers.load as view

    path = fx.build(str(tmp_path / "partial.db"))

    def tiers_only(ctx, rules, now=None):
        yield next(load_tables(ctx, rules, now))

    monkeypatch.setattr(view, "load_tables", tiers_only)
    app = SalestuiApp(AppContext(open_database(path), "boss", clock=lambda: fx.NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CustomersScreen) and screen.partial
        story = str(screen.query_one("#story").render())
        assert "reading…" in story
        assert "still being read" in str(screen.query_one("#status").render())
        assert "…" in str(screen.query_one("#list").get_row_at(0)[5])
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, CustomersScreen)  # no form opened
        assert "still being read" in str(screen.query_one("#status").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CustomersScreen)
    engine = open_database(path)
    with Session(engine) as s:
        assert s.exec(select(ActionItem)).all() == []
    engine.dispose()


def test_the_customer_screen_shows_one_nps_the_health_parts(db):
    from salestui.customers.load import load_detail, load_table

    ctx = AppContext(db, "boss", clock=lambda: fx.NOW)
    rules = CustomerRules()
    table = load_table(ctx, rules, fx.NOW)
    acme = load_detail(ctx, 3, table, rules)
    # Acme's answers in the 12 months: one 7 (passive) → NPS 0 of 1 answer; the 0 of 2025-06-01
    # is older (over every answer it would read (0 − 1) / 2 = −50)
    assert (acme.nps, acme.nps_answers) == (0, 1)
    assert acme.reasons["satisfaction"].startswith("NPS +0 from 1 answer;")
    # 华信: 9, 10, 3 → (2 − 1) / 3 = +33.3
    huaxin = load_detail(ctx, 1, table, rules)
    assert huaxin.nps == pytest.approx(100 / 3) and huaxin.nps_answers == 3


def test_the_health_warning_follows_its_setting_in_the_table_and_the_detail(db):
    from salestui.customers.health import customer_rules_from
    from salestui.customers.load import load_detail, load_table

    ctx = AppContext(db, "boss", clock=lambda: fx.NOW)
    # Acme: health 33 (tests/db/queries/test_customers.py), no order in 12 months
    for rules, warned in (
        (CustomerRules(), True),  # seed 003: every customer below 80
        (customer_rules_from({"customers.health_warning_ordered_only": "true"}), False),
    ):
        table = load_table(ctx, rules, fx.NOW)
        acme = load_detail(ctx, 3, table, rules)
        assert bool(table.loc[3, "health_warning"]) is warned
        assert ("health" in [w.kind for w in acme.warnings]) is warned
