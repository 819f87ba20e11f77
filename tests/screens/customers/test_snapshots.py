"""Pictures of the customer tiers list and one customer's detail at 80×24 and 120×40, on
tests/customers/fixtures.py with the clock fixed and the zone UTC."""

from __future__ import annotations

import pytest

from tests.screens.pilot import SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")


SCREENS = {
    "list": (),
    "detail": ("enter",),
    "filter": ("slash",),
    "warning_item": ("a",),
    "reassign": ("R",),
    "new": ("n",),
    "contact_new": ("enter", "c"),
    "edit": ("e",),
    # 上海华信科技有限公司 into…: typing 北 narrows to 北方机械, chosen: what would move is shown
    "merge": ("M", "北", "enter", "down"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_customer_snapshot(snap_compare, customers_db, screen, size):
    app = make_app(customers_db)
    run_before = pressing("2", *SCREENS[screen])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_contact_remove_snapshot(snap_compare, customers_db, size):
    """X on a customer's detail with two contacts: the one to remove chosen at the top."""
    from sqlmodel import Session

    from salestui.db.engine import make_engine
    from salestui.services.contacts import add_contact

    engine = make_engine(customers_db)
    with Session(engine) as s:
        add_contact(s, "rep_li", customer_id=1, name="张伟", title="CIO")
        add_contact(s, "rep_li", customer_id=1, name="Li Na", title="buyer")
    engine.dispose()
    app = make_app(customers_db)
    run_before = pressing("2", "enter", "X")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
