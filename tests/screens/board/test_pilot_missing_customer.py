"""A new deal for a customer nobody has made yet: the form's refusal offers ctrl+n, the customer
form opens with the typed name (a likely duplicate offered there), and the deal is saved for the
customer just made — real keys, then the database (tests/fixtures.py's org)."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Checkbox, Input

from salestui.db.tables import Customer, Opportunity
from salestui.screens.board.deal_forms import DealFormScreen
from salestui.screens.board.screen import BoardScreen
from salestui.screens.customers.customer_form import CustomerFormScreen
from tests.screens.board.test_pilot import type_text
from tests.screens.pilot import SIZES, make_app, press, read, settle


async def test_ctrl_n_makes_the_missing_customer_and_the_deal_goes_on_with_it(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZES["80x24"]) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        for text in ("华信", "华信 pilot", "80,000", "2026-12-31"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DealFormScreen)
        error = str(app.screen.query_one("#error").render())
        assert error == "no customer named '华信' — ctrl+n makes it"
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, CustomerFormScreen)
        assert app.screen.query_one("#name", Input).value == "华信"
        await press(pilot, "ctrl+s")
        # 华信 is in 上海华信科技有限公司: offered, not silently made
        assert "likely the same as “上海华信科技有限公司”" in str(
            app.screen.query_one("#error").render()
        )
        app.screen.query_one("#alike", Checkbox).focus()
        await press(pilot, "space", "ctrl+s")
        assert isinstance(app.screen, DealFormScreen)
        assert app.screen.query_one("#customer", Input).value == "华信"
        assert "created customer “华信”" in str(app.screen.query_one("#error").render())
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
    made = read(seeded_db, select(Customer).where(Customer.name == "华信"))
    assert len(made) == 1
    deal = read(seeded_db, select(Opportunity).where(Opportunity.title == "华信 pilot"))
    assert [(d.customer_id, d.amount_minor) for d in deal] == [(made[0].id, 8_000_000)]


async def test_escape_from_the_customer_form_makes_nothing(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZES["80x24"]) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await type_text(pilot, "Nowhere Ltd")
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, CustomerFormScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, DealFormScreen)
        assert app.screen.query_one("#customer", Input).value == "Nowhere Ltd"
    assert read(seeded_db, select(Customer).where(Customer.name == "Nowhere Ltd")) == []
