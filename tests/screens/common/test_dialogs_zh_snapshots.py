"""Pictures of the common dialogs in Chinese at 80×24, 120×40 and 200×50, opened on the board with
long CJK + emoji + Latin names: the activity form (`L`) and the keys help (`?`)."""

from __future__ import annotations

import pytest

from salestui.kernel.i18n import set_language
from tests.screens.pilot import ALL_SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")

SCREENS = {"activity_form": ("L",), "keys": ("question_mark",)}


@pytest.mark.parametrize("size", ALL_SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_common_dialog_in_chinese(snap_compare, long_names_db, screen, size):
    set_language("zh")
    app = make_app(long_names_db)
    assert snap_compare(app, terminal_size=ALL_SIZES[size], run_before=pressing(*SCREENS[screen]))
