"""Pictures of the accuracy screen (a screen of its own) at 80×24 (SSH) and 120×40: the demo's
2026-Q3 seen by boss, the top line's calls converging on what closed."""

from __future__ import annotations

import pytest

from salestui.screens.forecast.accuracy import AccuracyScreen
from tests.screens.pilot import SIZES, make_app, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


@pytest.mark.parametrize("size", SIZES)
def test_accuracy_snapshot(snap_compare, calls_db, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(AccuracyScreen())
        await settle(pilot)

    assert snap_compare(make_app(calls_db), terminal_size=SIZES[size], run_before=run_before)
