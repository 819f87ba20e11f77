"""Pictures of the customer tiers list and one customer's detail at 80×24 and 120×40, on
tests/fixtures_customers.py with the clock fixed and the zone UTC."""

from __future__ import annotations

import os
import time

import pytest

from salestui.app import SalestuiApp
from salestui.context import AppContext
from salestui.db.engine import open_database
from tests import fixtures_customers as fx

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}

SCREENS = {
    "list": (),
    "detail": ("enter",),
    "filter": ("slash",),
    "warning_item": ("a",),
}


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


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def pressing(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_customer_snapshot(snap_compare, tmp_path, screen, size):
    db = fx.build(str(tmp_path / "snap.db"))
    app = SalestuiApp(AppContext(open_database(db), "boss", clock=lambda: fx.NOW))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressing(*SCREENS[screen]))
