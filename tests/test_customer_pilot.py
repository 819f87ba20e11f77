"""The customer tiers screen driven by its real keys on tests/fixtures_customers.py, checked in
the database after."""

from __future__ import annotations

import os
import time

import pytest
from sqlmodel import Session, select

from salestui.app import SalestuiApp
from salestui.context import AppContext
from salestui.db.engine import open_database
from salestui.db.tables import ActionItem, AuditLog, Customer
from salestui.screens.customer_detail import CustomerDetailScreen
from salestui.screens.customer_forms import WarningItemScreen
from salestui.screens.customers import CustomersScreen
from tests import fixtures_customers as fx

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def utc_zone():
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


@pytest.fixture
def db(tmp_path) -> str:
    return fx.build(str(tmp_path / "pilot.db"))


def make_app(db: str, user: str = "boss") -> SalestuiApp:
    return SalestuiApp(AppContext(open_database(db), user, clock=lambda: fx.NOW))


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def listed(app) -> list[int]:
    screen = next(s for s in app.screen_stack if isinstance(s, CustomersScreen))
    return [int(k) for k in screen.rows.index[: screen.shown]]


def selected(app) -> int | None:
    return next(s for s in app.screen_stack if isinstance(s, CustomersScreen)).selected_id()


def rows_of(db: str, model):
    engine = open_database(db)
    with Session(engine) as s:
        found = s.exec(select(model)).all()
    engine.dispose()
    return found


async def test_sort_and_filter_with_keys(db):
    app = make_app(db)
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
        # health warnings only: Delta and 北方 (25 + 0 + 25 + 25 = 75: no deal in a year)
        await press(pilot, "w")
        assert sorted(listed(app)) == [4, 5]
        await press(pilot, "w", "slash")
        await pilot.press(*"delta")
        await press(pilot, "enter")
        assert listed(app) == [5]
        assert "“delta”" in str(app.screen.query_one("#tiers").render())


async def test_open_customer_and_make_one_item_from_a_warning(db):
    app = make_app(db, "mgr_east")
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
        items = rows_of(db, ActionItem)
        assert [(i.warning_key, i.owner_id, i.link_id, i.origin) for i in items] == [
            ("churn:1", 3, 1, "churn")
        ]
        assert str(items[0].due) == "2026-11-27"
        # the same warning again is refused and nothing is written
        await press(pilot, "a")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, WarningItemScreen)
        assert "already has an open item" in str(app.screen.query_one("#error").render())
        assert len(rows_of(db, ActionItem)) == 1
        # the complaint is a warning of its own
        await press(pilot, "down", "ctrl+s")
        assert isinstance(app.screen, CustomerDetailScreen)
        assert sorted(i.warning_key for i in rows_of(db, ActionItem)) == [
            "churn:1",
            "complaint:1",
        ]
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, CustomersScreen)


async def test_manager_reassigns_and_a_rep_sees_only_their_own(db):
    app = make_app(db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await press(pilot, "R")
        await pilot.press(*"rep_wang")
        await press(pilot, "enter")
        assert "now belongs to rep_wang" in str(app.screen.query_one("#status").render())
    owners = {c.id: c.owner_id for c in rows_of(db, Customer)}
    assert owners[1] == 4
    audit = [a for a in rows_of(db, AuditLog) if a.table_name == "customer"]
    assert [(a.field, a.old, a.new, a.by_login) for a in audit][0] == (
        "owner_id",
        "3",
        "4",
        "mgr_east",
    )

    app = make_app(db, "rep_li")  # 华信 went to rep_wang: rep_li keeps 北方 and Epsilon
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        assert listed(app) == [4, 6]
        await press(pilot, "R")
        await pilot.press(*"rep_wang")
        await press(pilot, "enter")
        error = str(app.screen.query_one("#error").render())
        assert "only to yourself or people who report to you" in error
    assert {c.id: c.owner_id for c in rows_of(db, Customer)}[4] == 3
