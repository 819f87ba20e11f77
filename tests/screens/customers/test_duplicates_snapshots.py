"""Pictures of the likely duplicate pairs (`d` on the customer tiers) and of the merge dialog a
pair opens, at 80×24 and 120×40, on tests/customers/fixtures.py with "ACME Inc." (#7) typed
again beside Acme Corp (#3)."""

from __future__ import annotations

import pytest

from tests.screens.customers.test_duplicates_pilot import add_acme_again
from tests.screens.pilot import SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")

SCREENS = {"duplicates": ("d",), "duplicates_merge": ("d", "enter", "enter", "down")}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_duplicates_snapshot(snap_compare, customers_db, screen, size):
    add_acme_again(customers_db)
    app = make_app(customers_db)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressing("2", *SCREENS[screen]))
