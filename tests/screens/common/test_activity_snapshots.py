"""Pictures of the activity form (`L`) at 80×24 and 120×40: on a deal from the board (with the
next step and its date) and on a customer from the customer list (without them)."""

from __future__ import annotations

import pytest

from tests.screens.pilot import SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")

SCREENS = {
    "on_deal": ("L",),
    "on_customer": ("2", "L"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_activity_form_snapshot(snap_compare, seeded_db, screen, size):
    app = make_app(seeded_db)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressing(*SCREENS[screen]))
