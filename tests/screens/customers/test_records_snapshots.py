"""Pictures of the customer form opened to correct one (`e`), the merge's two steps (`m`) and the
likely duplicate pairs (`d`) at 80×24 and 120×40, on tests/customers/fixtures.py with "ACME Inc."
(#7) typed again beside Acme Corp (#3)."""

from __future__ import annotations

import pytest

from tests.screens.customers.test_records_pilot import add_acme_again
from tests.screens.pilot import SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")

ACME_INC = ("slash", *"ACME Inc", "enter")
SCREENS = {
    "edit": ("e",),
    "merge": (*ACME_INC, "m"),
    "merge_confirm": (*ACME_INC, "m", "down", "enter"),
    "duplicates": ("d",),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_customer_records_snapshot(snap_compare, customers_db, screen, size):
    add_acme_again(customers_db)
    app = make_app(customers_db)
    run_before = pressing("2", *SCREENS[screen])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
