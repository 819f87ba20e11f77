"""Pictures of the new-deal form's customer form at 80×24 and 120×40: opened with ctrl+n on a
customer not there yet, and offering the alike customer to pick instead (tests/fixtures.py)."""

from __future__ import annotations

import pytest

from tests.screens.pilot import SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")

SCREENS = {
    "refused": ("n", *"华信", "ctrl+s"),
    "customer_form": ("n", *"华信", "ctrl+s", "ctrl+n"),
    "alike_offered": ("n", *"华信", "ctrl+s", "ctrl+n", "ctrl+s"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_new_customer_from_a_deal_snapshot(snap_compare, seeded_db, screen, size):
    app = make_app(seeded_db)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressing(*SCREENS[screen]))
