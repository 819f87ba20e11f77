"""The new-deal form's missing customer, when the name typed is likely a customer already there
(tests/fixtures.py: 上海华信科技有限公司 #1): the customer form lists it, enter takes it instead of
making a new one, and the deal is saved for it — real keys, then the database."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Input, OptionList

from salestui.db.tables import Customer, Opportunity
from salestui.screens.board.deal_forms import DealFormScreen
from salestui.screens.board.screen import BoardScreen
from salestui.screens.customers.customer_form import CustomerFormScreen
from tests.screens.board.test_pilot import type_text
from tests.screens.pilot import SIZES, make_app, press, read, settle


async def test_an_alike_customer_is_offered_and_taken_instead(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZES["80x24"]) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        for text in ("华信", "华信 pilot", "80,000", "2026-12-31"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await press(pilot, "ctrl+s", "ctrl+n", "ctrl+s")
        form = app.screen
        assert isinstance(form, CustomerFormScreen)
        offered = form.query_one("#alike-list", OptionList)
        assert offered.has_focus
        assert [
            str(offered.get_option_at_index(i).prompt) for i in range(offered.option_count)
        ] == ["use “上海华信科技有限公司” (#1) instead"]
        await press(pilot, "enter")
        assert isinstance(app.screen, DealFormScreen)
        assert app.screen.query_one("#customer", Input).value == "上海华信科技有限公司"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, BoardScreen)
    assert read(seeded_db, select(Customer).where(Customer.name == "华信")) == []
    deal = read(seeded_db, select(Opportunity).where(Opportunity.title == "华信 pilot"))
    assert [(d.customer_id, d.amount_minor) for d in deal] == [(1, 8_000_000)]


async def test_a_rep_is_offered_only_the_alike_customers_they_may_see(seeded_db):
    # rep_wang may not see 上海华信科技有限公司 (rep_li's): counted in the refusal, not offered
    app = make_app(seeded_db, "rep_wang")
    async with app.run_test(size=SIZES["80x24"]) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await type_text(pilot, "华信")
        await press(pilot, "ctrl+s", "ctrl+n", "ctrl+s")
        form = app.screen
        assert isinstance(form, CustomerFormScreen)
        assert "1 of another team's" in str(form.query_one("#error").render())
        assert form.query_one("#alike-list", OptionList).option_count == 0
        await press(pilot, "escape", "escape")
    assert read(seeded_db, select(Customer).where(Customer.name == "华信")) == []
