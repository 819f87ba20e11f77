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
