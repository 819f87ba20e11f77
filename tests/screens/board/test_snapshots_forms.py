"""Pictures of the deal form, the board's filter and the customers' reassign dialog with the long
CJK + emoji + Latin names: in Chinese at 80×24, 120×40 and 200×50, in English at 200×50 (issue
17: the keys said on the box's edge, the chosen scope marked ● / ○, the owner now)."""

from __future__ import annotations

import pytest

from salestui.kernel.i18n import set_language
from tests.screens.pilot import ALL_SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")

DIALOGS = {
    "deal_form": ("boss", ("n",)),
    "deal_edit": ("boss", ("e",)),
    "filter": ("boss", ("slash",)),
    "reassign": ("mgr_east", ("2", "R")),
}
PICTURES = [(d, s, "zh") for d in DIALOGS for s in ALL_SIZES] + [
    (d, "200x50", "en") for d in DIALOGS
]


@pytest.mark.parametrize(("dialog", "size", "lang"), PICTURES)
def test_form_snapshot(snap_compare, long_names_db, dialog, size, lang):
    set_language(lang)
    user, keys = DIALOGS[dialog]
    app = make_app(long_names_db, user)
    assert snap_compare(app, terminal_size=ALL_SIZES[size], run_before=pressing(*keys))
