"""Pictures of action plans (4) and the weekly review (5) at 80×24 (SSH) and 120×40.

Fixed clock, UTC, the review fixture; every picture waits for the workers before it is taken.
"""

from __future__ import annotations

import os
import time

import pytest

from salestui.app import SalestuiApp
from salestui.context import AppContext
from salestui.db.engine import open_database
from tests import fixtures_review
from tests.fixtures import NOW

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}

SCREENS = {
    "actions_items": ("4",),
    "actions_warnings": ("4", "w"),
    "actions_milestones": ("4", "m"),
    "actions_new": ("4", "n"),
    "review": ("5",),
    "review_funnel": ("5", "pagedown"),
    "review_lower": ("5", "pagedown", "pagedown", "pagedown"),
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
    from textual.worker import WorkerCancelled

    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        await pilot.pause()


def pressing(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_review_snapshot(snap_compare, tmp_path, screen, size):
    db = fixtures_review.build(str(tmp_path / "review.db"))
    app = SalestuiApp(AppContext(open_database(db), "boss", clock=lambda: NOW))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressing(*SCREENS[screen]))
