"""A deal's contacts on its detail, by the real keys, checked in the database: ``c`` links one
of its customer's contacts, and unlinks it again. Deal #1 华信 ERP rollout (rep_li's) is the one
selected when the board opens; its customer is 上海华信科技有限公司 (#1)."""

from __future__ import annotations

from sqlmodel import Session, select

from salestui.db.engine import make_engine
from salestui.db.tables import OpportunityContact
from salestui.screens.board.deal_contacts import DealContactScreen
from salestui.screens.board.deal_detail import DealDetailScreen
from salestui.services.contacts import add_contact
from tests import fixtures
from tests.screens.board.test_pilot import shown
from tests.screens.pilot import SIZE, make_app, press, read, settle


def links(db: str) -> list[tuple]:
    return [(x.opportunity_id, x.contact_id) for x in read(db, select(OpportunityContact))]


async def test_c_links_a_contact_of_the_deals_customer_and_unlinks_it(seeded_db):
    with Session(make_engine(seeded_db)) as s:
        add_contact(s, "rep_li", customer_id=1, name="Zhang Wei", title="CIO", now=fixtures.NOW)
        add_contact(s, "rep_li", customer_id=1, name="Wu Fang", now=fixtures.NOW)
        add_contact(s, "rep_wang", customer_id=3, name="Bob", now=fixtures.NOW)  # Acme's
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, DealDetailScreen)
        assert "Contacts (0)" in shown(app.screen.query_one("#detail").content)
        await press(pilot, "c")
        assert isinstance(app.screen, DealContactScreen)
        # the customer's contacts by name: Wu Fang, Zhang Wei (never Acme's Bob)
        await press(pilot, "enter", "down", "enter", "ctrl+s")
        assert isinstance(app.screen, DealDetailScreen)
        assert links(seeded_db) == [(1, 1)]
        text = shown(app.screen.query_one("#detail").content)
        assert "linked Zhang Wei to “华信 ERP rollout”" in text
        assert "Contacts (1)" in text and "Zhang Wei · CIO" in text
        await press(pilot, "c", "enter", "down", "enter", "ctrl+s")
        assert links(seeded_db) == []
        assert "unlinked Zhang Wei from" in shown(app.screen.query_one("#detail").content)
