"""Pictures of the leads screen and its convert form at 80×24 and 120×40, on
tests/leads/fixtures.py with the clock fixed and the zone UTC."""

from __future__ import annotations

import pytest

from tests.leads.fixtures import add_leads
from tests.screens.pilot import SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")

SCREENS = {
    "list": (),
    # lead #3 (company 华信), the fourth row: 上海华信科技有限公司 is offered to pick
    "convert": ("down", "down", "down", "V"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_leads_snapshot(snap_compare, seeded_db, screen, size):
    app = make_app(add_leads(seeded_db))
    run_before = pressing("6", *SCREENS[screen])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
