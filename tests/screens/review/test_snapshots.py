"""Pictures of action plans (4) and the weekly review (5) at 80×24 (SSH) and 120×40.

Fixed clock, UTC, the review fixture; every picture waits for the workers before it is taken.
"""

from __future__ import annotations

import pytest

from tests.screens.pilot import SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")


SCREENS = {
    "actions_items": ("4",),
    "actions_warnings": ("4", "w"),
    "actions_milestones": ("4", "m"),
    "actions_new": ("4", "n"),
    "review": ("5",),
    "review_funnel": ("5", "pagedown"),
    "review_lower": ("5", "pagedown", "pagedown", "pagedown"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_review_snapshot(snap_compare, review_db, screen, size):
    app = make_app(review_db)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressing(*SCREENS[screen]))
