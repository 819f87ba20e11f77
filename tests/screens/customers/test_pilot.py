"""The customer tiers screen driven by its real keys on tests/customers/fixtures.py, checked in
the database after."""

from __future__ import annotations

import pytest
from sqlmodel import select
from textual.widgets import Static

from salestui.db.tables import ActionItem, AuditLog, Customer, Opportunity
from salestui.screens.customers.detail import CustomerDetailScreen
from salestui.screens.customers.forms import WarningItemScreen
from salestui.screens.customers.screen import CustomersScreen
from tests.screens.pilot import SIZE, make_app, press, read, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


def listed(app) -> list[int]:
    screen = next(s for s in app.screen_stack if isinstance(s, CustomersScreen))
    return [int(k) for k in screen.rows.index[: screen.pages.shown]]


def selected(app) -> int | None:
    return next(s for s in app.screen_stack if isinstance(s, CustomersScreen)).selected_id()


async def test_sort_and_filter_with_keys(customers_db):
    app = make_app(customers_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        assert isinstance(app.screen, CustomersScreen)
        # most 12-month revenue first: 华信 560k, Delta 150k, 北方 60k, 腾达 50k, then 0s by id
        assert listed(app) == [1, 5, 4, 2, 3, 6]
        assert selected(app) == 1
        await press(pilot, "o")  # reverse: least first, ties still by id
        assert listed(app) == [3, 6, 2, 4, 5, 1]
        await press(pilot, "s")  # next column: change year on year, largest first
        assert app.screen.sort_column == "revenue_change"
        assert listed(app)[0] == 1  # the only customer with revenue the year before
        # health warnings only (seed 003: every customer below 80): Delta and 北方 (25 + 0 + 25
        # + 25 = 75: no deal in a year), Acme 33 and Epsilon (0 + 0 + 25 + 25 = 50: no order,
        # no deal in two years), though these two have no order in 12 months
        await press(pilot, "w")
        assert sorted(listed(app)) == [3, 4, 5, 6]
        await press(pilot, "w", "slash")
        await pilot.press(*"delta")
        await press(pilot, "enter")
        assert listed(app) == [5]
        assert "“delta”" in str(app.screen.query_one("#tiers").render())


async def test_open_customer_and_make_one_item_from_a_warning(customers_db):
    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        assert listed(app) == [1, 5, 4, 3, 6]  # mgr_east's tree: not 腾达 (rep_south)
        await press(pilot, "enter")
        assert isinstance(app.screen, CustomerDetailScreen)
        head = str(app.screen.query_one("#head").render())
        assert "上海华信科技有限公司" in head and "class A" in head
        # 华信: no order in 90 days against 4 in the 360 before (churn), and a complaint answered
        # after 73 hours that is still open
        await press(pilot, "a")
        assert isinstance(app.screen, WarningItemScreen)
        assert [w.kind for w in app.screen.warnings] == ["churn", "complaint"]
        await press(pilot, "ctrl+s")  # the highlighted one: churn
        assert isinstance(app.screen, CustomerDetailScreen)
        items = read(customers_db, select(ActionItem))
        assert [(i.warning_key, i.owner_id, i.link_id, i.origin) for i in items] == [
            ("churn:1", 3, 1, "churn")
        ]
        assert str(items[0].due) == "2026-11-27"
        # the same warning again is refused and nothing is written
        await press(pilot, "a")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, WarningItemScreen)
        assert "already has an open item" in str(app.screen.query_one("#error").render())
        assert len(read(customers_db, select(ActionItem))) == 1
        # the complaint is a warning of its own
        await press(pilot, "down", "ctrl+s")
        assert isinstance(app.screen, CustomerDetailScreen)
        assert sorted(i.warning_key for i in read(customers_db, select(ActionItem))) == [
            "churn:1",
            "complaint:1",
        ]
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, CustomersScreen)


async def test_manager_reassigns_and_a_rep_sees_only_their_own(customers_db):
    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await press(pilot, "R")
        await pilot.press(*"rep_wang")
        await press(pilot, "enter")
        said = str(app.screen.query_one("#status").render())
        assert "上海华信科技有限公司 now belongs to Wang Fang; 2 open deals went along" in said
    owners = {c.id: c.owner_id for c in read(customers_db, select(Customer))}
    assert owners[1] == 4
    # rep_li's open deals on 华信 (#1 Prospect, #4 Negotiation) went along (the tick's default)
    deals = read(customers_db, select(Opportunity).where(Opportunity.customer_id == 1))
    assert {d.id: d.owner_id for d in deals if d.stage not in ("Won", "Lost")} == {1: 4, 4: 4}
    audit = [a for a in read(customers_db, select(AuditLog)) if a.table_name == "customer"]
    assert [(a.field, a.old, a.new, a.by_login) for a in audit][0] == (
        "owner_id",
        "3",
        "4",
        "mgr_east",
    )

    app = make_app(customers_db, "rep_li")  # 华信 went to rep_wang: rep_li keeps 北方 and Epsilon
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        assert listed(app) == [4, 6]
        await press(pilot, "R")
        await pilot.press(*"rep_wang")
        await press(pilot, "enter")
        error = str(app.screen.query_one("#error").render())
        assert "only to yourself or people who report to you" in error
    assert {c.id: c.owner_id for c in read(customers_db, select(Customer))}[4] == 3


async def test_reassigning_with_the_tick_off_leaves_the_open_deals(customers_db):
    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await press(pilot, "R")
        assert "Owner now: 李伟" in [str(w.render()) for w in app.screen.query(Static)]
        await pilot.press(*"rep_wang")
        await press(pilot, "tab", "space", "ctrl+s")
        said = str(app.screen.query_one("#status").render())
        assert said.endswith("上海华信科技有限公司 now belongs to Wang Fang")
    assert {c.id: c.owner_id for c in read(customers_db, select(Customer))}[1] == 4
    deals = read(customers_db, select(Opportunity).where(Opportunity.id.in_((1, 4))))
    assert {d.owner_id for d in deals} == {3}


async def test_n_adds_a_customer_and_a_likely_duplicate_only_when_ticked(customers_db):
    from textual.widgets import Checkbox

    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2", "n")
        await pilot.press(*"华信", "enter", *"manufacturing")
        await press(pilot, "ctrl+s")
        error = str(app.screen.query_one("#error").render())
        assert (
            "“华信” is likely the same as “上海华信科技有限公司” (#1, same company name)" in error
        )
        assert read(customers_db, select(Customer).where(Customer.name == "华信")) == []
        app.screen.query_one("#alike", Checkbox).focus()
        await press(pilot, "space", "ctrl+s")
        assert isinstance(app.screen, CustomersScreen)
        assert "created customer “华信” for Mei East" in str(
            app.screen.query_one("#status").render()
        )
    made = read(customers_db, select(Customer).where(Customer.name == "华信"))
    assert [(c.industry, c.channel, c.owner_id) for c in made] == [("manufacturing", "direct", 2)]


async def test_the_health_threshold_shown_is_the_setting(customers_db, session_for):
    from salestui.db.tables import Setting
    from salestui.screens.customers.forms import CustomerFilterScreen

    s = session_for(customers_db)
    s.add(Setting(key="customers.health_warning_below", value="70"))
    s.commit()
    app = make_app(customers_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2", "w")
        # Delta and 北方 are at 75 (see the first test): warned below 80, not below 70;
        # Acme 33 and Epsilon 50 are below both
        assert sorted(listed(app)) == [3, 6]
        tiers = str(app.screen.query_one("#tiers").render())
        assert "health<70" in tiers and "health<80" not in tiers
        await press(pilot, "slash")
        assert isinstance(app.screen, CustomerFilterScreen)
        assert str(app.screen.query_one("#health").label) == "Health below 70"


async def test_e_changes_a_customer_on_the_list_and_on_its_detail_then_R_still_reassigns(
    customers_db,
):
    from textual.widgets import Input

    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await settle(pilot)
        await press(pilot, "e")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#name", Input).value == "上海华信科技有限公司"
        assert form.query_one("#owner", Input).disabled  # the owner changes by reassigning
        form.query_one("#industry", Input).focus()
        await press(pilot, "ctrl+a", "ctrl+k")
        await pilot.press(*"semiconductors")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CustomersScreen)
        said = str(app.screen.query_one("#status").render())
        assert said == "changed “上海华信科技有限公司”: industry"
        # on its detail: a rename, then R at the version the rename left
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerDetailScreen)
        await press(pilot, "e")
        await settle(pilot)
        await press(pilot, "ctrl+a", "ctrl+k")
        await pilot.press(*"华信科技")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerDetailScreen)
        await press(pilot, "R")
        await pilot.press(*"rep_wang")
        await press(pilot, "enter")
        await settle(pilot)
        said = str(app.screen.query_one("#status").render())
        assert said.startswith("华信科技 now belongs to Wang Fang")
    got = read(customers_db, select(Customer).where(Customer.id == 1))[0]
    assert (got.name, got.industry, got.owner_id) == ("华信科技", "semiconductors", 4)
    fields = [a.field for a in read(customers_db, select(AuditLog)) if a.table_name == "customer"]
    assert fields.count("version") == 3 and "name" in fields and "industry" in fields


async def test_e_refuses_a_rename_to_another_customers_name_and_writes_nothing(customers_db):
    app = make_app(customers_db, "boss")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        first = selected(app)
        await press(pilot, "e")
        await settle(pilot)
        await press(pilot, "ctrl+a", "ctrl+k")
        other = next(c.name for c in read(customers_db, select(Customer)) if c.id != first)
        await pilot.press(*other.upper())
        await press(pilot, "ctrl+s")
        error = str(app.screen.query_one("#error").render())
        assert "is likely the same as" in error
    names = {c.id: c.name for c in read(customers_db, select(Customer))}
    assert list(names.values()).count(other) == 1 and names[first] != other.upper()
