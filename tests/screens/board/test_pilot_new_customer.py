"""The new-deal form with a customer that is not there yet (tests/fixtures.py: 上海华信科技有限公司
#1, 深圳腾达电子 #2, Acme Corp #3): ctrl+n makes it and the deal is saved with it, or one of the
alike customers is picked instead. Real keys, then the database."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import OptionList

from salestui.db.tables import Customer, Opportunity
from salestui.screens.board.deal_forms import DealFormScreen
from salestui.screens.board.screen import BoardScreen
from salestui.screens.customers.customer_form import CustomerFormScreen
from tests.screens.board.test_pilot import type_text
from tests.screens.pilot import SIZE, make_app, press, read, settle

TENCENT = "深圳市腾讯计算机系统有限公司"


async def new_deal_for(pilot, customer: str) -> None:
    await press(pilot, "n")
    assert isinstance(pilot.app.screen, DealFormScreen)
    for text in (customer, "Cloud seats", "80,000", "2026-12-31"):
        await type_text(pilot, text)
        await pilot.press("enter")
    await press(pilot, "ctrl+s")


def deals_titled(db: str) -> list[tuple]:
    rows = read(db, select(Opportunity).where(Opportunity.title == "Cloud seats"))
    return [(o.customer_id, o.amount_minor) for o in rows]


async def test_ctrl_n_makes_the_customer_and_the_deal_goes_on_with_it(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await new_deal_for(pilot, TENCENT)
        assert isinstance(app.screen, DealFormScreen)
        error = str(app.screen.query_one("#error").render())
        assert error == f"no customer named '{TENCENT}' — ctrl+n adds it as a new customer"
        assert deals_titled(seeded_db) == []
        await press(pilot, "ctrl+n")
        form = app.screen
        assert isinstance(form, CustomerFormScreen)
        assert form.query_one("#name").value == TENCENT
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, BoardScreen), "the deal was saved with the new customer"
    made = read(seeded_db, select(Customer).where(Customer.name == TENCENT))
    assert [(c.id, c.owner_id) for c in made] == [(4, 1)]  # the fourth customer, boss's
    assert deals_titled(seeded_db) == [(4, 8_000_000)]


async def test_an_alike_customer_is_offered_and_picked_instead(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await new_deal_for(pilot, "华信")
        await press(pilot, "ctrl+n", "ctrl+s")
        form = app.screen
        assert isinstance(form, CustomerFormScreen)
        assert "“华信” is likely the same as “上海华信科技有限公司”" in str(
            form.query_one("#error").render()
        )
        offered = form.query_one("#alike-list", OptionList)
        assert (
            str(offered.get_option_at_index(0).prompt) == "use “上海华信科技有限公司” (#1) instead"
        )
        assert offered.has_focus
        await press(pilot, "enter")
        assert isinstance(app.screen, BoardScreen)
    assert read(seeded_db, select(Customer).where(Customer.name == "华信")) == []
    assert deals_titled(seeded_db) == [(1, 8_000_000)]


async def test_escape_from_the_customer_form_leaves_the_deal_form_as_it_was(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await new_deal_for(pilot, TENCENT)
        await press(pilot, "ctrl+n", "escape")
        assert isinstance(app.screen, DealFormScreen)
        assert app.screen.query_one("#customer").value == TENCENT
    assert read(seeded_db, select(Customer).where(Customer.name == TENCENT)) == []
    assert deals_titled(seeded_db) == []
