"""Contacts on a customer's detail, by the real keys, checked in the database: ``c`` adds one
(a malformed email is one line in the form, nothing saved), ``C`` changes one. On
tests/customers/fixtures.py as mgr_east: 上海华信科技有限公司 (#1) is rep_li's, their report."""

from __future__ import annotations

import pytest
from sqlmodel import select
from textual.widgets import Input

from salestui.db.tables import Contact
from salestui.screens.customers.contact_form import ContactFormScreen
from salestui.screens.customers.detail import CustomerDetailScreen
from tests.screens.pilot import SIZE, make_app, press, read, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


def contacts(db: str) -> list[tuple]:
    return [(c.customer_id, c.name, c.title, c.phone, c.email, c.role, c.version)
            for c in read(db, select(Contact).order_by(Contact.id))]  # fmt: skip


def text_of(app, selector: str) -> str:
    from tests.screens.board.test_pilot import shown

    return shown(app.screen.query_one(selector).content)


async def test_c_adds_a_contact_and_C_changes_it(customers_db):
    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await press(pilot, "enter")
        assert isinstance(app.screen, CustomerDetailScreen)
        assert "Contacts (0)" in text_of(app, "#sections")
        await press(pilot, "c")
        assert isinstance(app.screen, ContactFormScreen)
        # enter walks the fields: name, title, phone, email
        await pilot.press(*"张伟", "enter", *"CIO", "enter", *"+86 138 0013 8000", "enter")
        await pilot.press(*"zw@huaxin")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ContactFormScreen)
        assert "'zw@huaxin' is not an email address" in text_of(app, "#error")
        assert contacts(customers_db) == []
        await pilot.press(*".cn", "tab")  # to the role: open it, the first role, choose
        await press(pilot, "enter", "down", "enter", "ctrl+s")
        assert isinstance(app.screen, CustomerDetailScreen)
        assert contacts(customers_db) == [
            (1, "张伟", "CIO", "+86 138 0013 8000", "zw@huaxin.cn", "decision maker", 1)
        ]
        assert "added 张伟 to “上海华信科技有限公司”" in text_of(app, "#status")
        sections = text_of(app, "#sections")
        assert "Contacts (1)" in sections
        assert "张伟 · CIO · decision maker · +86 138 0013 8000 · zw@huaxin.cn" in sections

        await press(pilot, "C")
        assert isinstance(app.screen, ContactFormScreen)
        assert app.screen.query_one("#title", Input).value == "CIO"
        app.screen.query_one("#title", Input).focus()
        await pilot.press("ctrl+u", *"CTO")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CustomerDetailScreen)
        assert contacts(customers_db)[0][2::4] == ("CTO", 2)
        assert "changed 张伟: title" in text_of(app, "#status")


async def test_X_removes_the_contact_chosen_and_its_deal_links(customers_db):
    from sqlmodel import Session

    from salestui.db.engine import make_engine
    from salestui.db.tables import AuditLog, Opportunity, OpportunityContact
    from salestui.screens.customers.contact_form import ContactRemoveScreen
    from salestui.services.contacts import add_contact, link_contact

    engine = make_engine(customers_db)
    with Session(engine) as s:
        add_contact(s, "rep_li", customer_id=1, name="张伟", title="CIO")
        gone = s.exec(select(Contact.id)).one()
        add_contact(s, "rep_li", customer_id=1, name="Li Na", title="buyer")
        kept = s.exec(select(Contact.id).where(Contact.name == "Li Na")).one()
        deal = s.exec(select(Opportunity.id).where(Opportunity.customer_id == 1)).first()
        link_contact(s, "rep_li", gone, deal)
        link_contact(s, "rep_li", kept, deal)
        s.commit()
    engine.dispose()
    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await press(pilot, "enter")
        await press(pilot, "X")
        assert isinstance(app.screen, ContactRemoveScreen)
        await press(pilot, "enter", "down", "enter")  # the second by name: 张伟
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CustomerDetailScreen)
        assert "removed 张伟 and its 1 deal link" in text_of(app, "#status")
        assert "Contacts (1)" in text_of(app, "#sections")
    assert [c[1] for c in contacts(customers_db)] == ["Li Na"]
    links = read(customers_db, select(OpportunityContact.contact_id))
    assert links == [kept]
    audit = read(
        customers_db,
        select(AuditLog.field).where(AuditLog.row_id == gone, AuditLog.table_name == "contact"),
    )
    assert "*removed*" in audit
