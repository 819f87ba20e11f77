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
    "review_movement": ("5", *("pagedown",) * 8),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_review_snapshot(snap_compare, review_db, screen, size):
    app = make_app(review_db)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressing(*SCREENS[screen]))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", {"actions_approvals": ("4", "p"), "approve": ("4", "p", "y")})
def test_approvals_snapshot(snap_compare, seeded_db, screen, size):
    """The sign-offs waiting for boss on tests/fixtures.py (deal #4's director), and the prompt."""
    app = make_app(seeded_db)
    keys = {"actions_approvals": ("4", "p"), "approve": ("4", "p", "y")}[screen]
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressing(*keys))
