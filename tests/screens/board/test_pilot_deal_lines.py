"""The deal detail's products and the lines editor (key ``p``): real keys, then the database
(the org of tests/fixtures.py with two products added; deal #1 is rep_li's 华信 ERP rollout in
Prospect at 120,000, #4 华信 data platform in Negotiation at 450,000; boss is acting)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlmodel import select

from salestui.db.tables import Approval, Opportunity, OpportunityLine
from salestui.screens.board.deal_detail import DealDetailScreen
from salestui.screens.board.deal_forms import DealFormScreen
from salestui.screens.board.deal_lines import DealLinesScreen
from tests.screens.board.test_pilot import shown, type_text
from tests.screens.pilot import SIZES, make_app, press, press_each, read, settle


def with_products(db: str) -> str:
    with sqlite3.connect(db) as con:
        con.execute("INSERT INTO product (sku, name, product_line, list_price_minor, "
                    "unit_cost_minor) VALUES ('ERP-1', 'ERP seat', 'software', 1000000, 0), "
                    "('SVC-9', 'Onsite day', 'services', 99, 0)")  # fmt: skip
    con.close()
    return db


def deal(db: str, deal_id: int) -> Opportunity:
    return read(db, select(Opportunity).where(Opportunity.id == deal_id))[0]


def lines(db: str) -> list[tuple]:
    found = read(db, select(OpportunityLine).order_by(OpportunityLine.id))
    return [(n.opportunity_id, n.product_id, n.quantity, n.unit_price_minor, n.discount_bp)
            for n in found]  # fmt: skip


async def add(pilot, product: str, quantity: str, price: str, discount: str) -> None:
    """``a``, then each field in the order ``enter`` walks them; ``enter`` in the last saves."""
    await press(pilot, "a")
    await type_text(pilot, product)
    await pilot.press("enter")
    for text in (quantity, price, discount):
        await pilot.press("ctrl+a", "ctrl+k")  # the field's own text goes first
        await type_text(pilot, text)
        await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
async def test_p_adds_changes_and_removes_lines(seeded_db, size):
    db = with_products(seeded_db)
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(DealDetailScreen(1))
        await settle(pilot)
        await press(pilot, "p")
        assert isinstance(app.screen, DealLinesScreen)
        await add(pilot, "erp seat", "2", "", "12.5")
        await add(pilot, "SVC-9", "3", "", "12.5")
        # 2 × 10,000.00 × 0.875 = 17,500.00 and 3 × 0.99 × 0.875 = 2.59875 → 2.60
        assert lines(db) == [(1, 1, 2, 1_000_000, 1250), (1, 2, 3, 99, 1250)]
        assert (deal(db, 1).amount_minor, deal(db, 1).version) == (1_750_260, 3)
        # e on the first line: 100 % off
        await press_each(pilot, "up", "up", "e")
        for _ in range(3):
            await pilot.press("enter")  # product, qty, price as they are
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "100")
        await press(pilot, "enter")
        assert deal(db, 1).amount_minor == 260
        # x on the second line
        await press_each(pilot, "down", "x")
        assert [n[1] for n in lines(db)] == [1]
        assert deal(db, 1).amount_minor == 0
        await press(pilot, "escape")
        assert isinstance(app.screen, DealDetailScreen)
        text = shown(app.screen.query_one("#detail").content)
        assert "Products (the amount is their sum)" in text
        assert "ERP seat" in text


async def test_a_product_that_does_not_exist_writes_nothing(seeded_db):
    db = with_products(seeded_db)
    app = make_app(db)
    async with app.run_test(size=SIZES["80x24"]) as pilot:
        await settle(pilot)
        app.push_screen(DealDetailScreen(1))
        await settle(pilot)
        await press(pilot, "p")
        await add(pilot, "NOPE", "1", "", "")
        assert isinstance(app.screen, DealLinesScreen)
        said = str(app.screen.query_one("#error").content)
        assert said == "no product with SKU or name 'NOPE' (salestui product list)"
        assert lines(db) == []
        assert deal(db, 1).version == 1


async def test_a_raised_negotiation_deal_asks_its_sign_offs(seeded_db):
    db = with_products(seeded_db)
    app = make_app(db)
    async with app.run_test(size=SIZES["80x24"]) as pilot:
        await settle(pilot)
        app.push_screen(DealDetailScreen(4))
        await settle(pilot)
        await press(pilot, "p")
        await add(pilot, "ERP-1", "60", "", "")  # 600,000: over the 500,000 threshold
        roles = {a.approver_role for a in read(db, select(Approval).where(
            Approval.opportunity_id == 4))}  # fmt: skip
        assert {"finance", "legal", "vp"} <= roles
        assert deal(db, 4).approval == "pending"


async def test_the_deal_form_refuses_a_typed_amount_once_lines_exist(seeded_db):
    db = with_products(seeded_db)
    with sqlite3.connect(db) as con:
        con.execute("INSERT INTO opportunity_line (opportunity_id, product_id, quantity, "
                    "unit_price_minor, discount_bp) VALUES (1, 1, 12, 1000000, 0)")  # fmt: skip
    con.close()
    app = make_app(db)
    async with app.run_test(size=SIZES["80x24"]) as pilot:
        await settle(pilot)
        from salestui.db.queries.deals import deal_detail

        card = app.ctx.read(deal_detail, 1).card
        app.push_screen(DealFormScreen(card))
        await settle(pilot)
        field = app.screen.query_one("#amount")
        field.focus()
        field.value = "5"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DealFormScreen)
        said = str(app.screen.query_one("#error").content)
        assert said == "the amount follows its 1 product line; change the lines"
        assert deal(db, 1).amount_minor == 12_000_000
