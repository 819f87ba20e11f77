"""Pictures of the customer tiers, one customer's detail and the leads in Chinese at 80×24,
120×40 and 200×50 and in English at 200×50, with a long CJK + emoji + Latin customer name
(tests.fixtures.lengthen_names on the customers fixture): the name column takes what the
numbers leave, the detail wraps the long name whole."""

from __future__ import annotations

import pytest

from salestui.kernel.i18n import set_language
from tests.fixtures import lengthen_names
from tests.leads.fixtures import add_leads
from tests.screens.pilot import ALL_SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")

SCREENS = {"tiers": ("2",), "detail": ("2", "enter")}
CASES = [("zh", size) for size in ALL_SIZES] + [("en", "200x50")]


@pytest.mark.parametrize(("lang", "size"), CASES)
@pytest.mark.parametrize("screen", SCREENS)
def test_customers_sized(snap_compare, customers_db, screen, lang, size):
    set_language(lang)
    app = make_app(lengthen_names(customers_db))
    run_before = pressing(*SCREENS[screen])
    assert snap_compare(app, terminal_size=ALL_SIZES[size], run_before=run_before)


@pytest.mark.parametrize(("lang", "size"), CASES)
def test_leads_sized(snap_compare, long_names_db, lang, size):
    set_language(lang)
    app = make_app(add_leads(long_names_db))
    assert snap_compare(app, terminal_size=ALL_SIZES[size], run_before=pressing("6"))
