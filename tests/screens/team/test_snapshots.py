"""Pictures of the team screen, a person, the charts and the target form at 80×24 and 120×40,
on the team fixture with the clock fixed and the zone UTC (data waits for the workers)."""

from __future__ import annotations

import pytest

from tests.screens.pilot import SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")


# Pressed after `3` (the team screen, this quarter) before the picture is taken.
SCREENS = {
    "team": (),
    "team_month_unfolded": ("g", "g", "plus"),
    "ranking": ("v",),
    "person": ("plus", "down", "down", "down", "down", "enter"),
    "charts": ("c",),
    "target_form": ("plus", "down", "down", "down", "down", "t"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_team_snapshot(snap_compare, team_db, screen, size):
    app = make_app(team_db)
    run_before = pressing("3", *SCREENS[screen])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
