"""Pictures of the customer form opened from the new-deal form (ctrl+n) offering the customer
the typed name is likely the same as, at 80×24 and 120×40 (tests/fixtures.py)."""

from __future__ import annotations

import pytest

from tests.screens.pilot import SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")


@pytest.mark.parametrize("size", SIZES)
def test_alike_offered_snapshot(snap_compare, seeded_db, size):
    app = make_app(seeded_db)
    keys = ("n", *"华信", "ctrl+s", "ctrl+n", "ctrl+s")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressing(*keys))
