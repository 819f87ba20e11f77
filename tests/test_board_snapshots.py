"""Pictures of the board and its dialogs at 80×24 (SSH) and 120×40, on the hand-written org.

The data arrives from thread workers, so every picture waits for them before it is taken; the
clock is fixed and the zone is UTC, so the same code draws the same picture on any machine.
"""

from __future__ import annotations

import os
import time

import pytest

from salestui.app import SalestuiApp
from salestui.context import AppContext
from salestui.db.engine import open_database
from tests import fixtures

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}

# What is pressed on the loaded board before the picture is taken.
SCREENS = {
    "board": (),
    "after_advance": ("right_square_bracket",),
    "lost_reason": ("x",),
    "detail": ("enter",),
    "new_deal": ("n",),
    "filter": ("slash",),
    "keys": ("question_mark",),
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
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_board_snapshot(snap_compare, tmp_path, screen, size):
    db = fixtures.build(str(tmp_path / "seeded.db"))
    app = SalestuiApp(AppContext(open_database(db), "boss", clock=lambda: fixtures.NOW))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressing(*SCREENS[screen]))
