"""Pictures of the forecast screen and its call form at 80×24 and 120×40, on
tests/forecast/fixtures.py with the clock fixed and the zone UTC."""

from __future__ import annotations

import pytest

from tests.forecast.fixtures import add_forecast
from tests.screens.pilot import SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")

SCREENS = {
    "rollup": (),
    "call": ("c",),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_forecast_snapshot(snap_compare, seeded_db, screen, size):
    app = make_app(add_forecast(seeded_db))
    run_before = pressing("7", *SCREENS[screen])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
