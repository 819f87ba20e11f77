"""Pictures of the board and a deal's detail with long CJK + emoji + Latin names: in Chinese at
80×24, 120×40 and 200×50, in English at 200×50 (cards take the column's width, names are cropped
by display cells, the status line holds them whole)."""

from __future__ import annotations

import pytest

from salestui.kernel.i18n import set_language
from tests.screens.pilot import ALL_SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")

SCREENS = {"board": (), "detail": ("enter",)}
PICTURES = [("zh", size) for size in ALL_SIZES] + [("en", "200x50")]


@pytest.mark.parametrize(("language", "size"), PICTURES)
@pytest.mark.parametrize("screen", SCREENS)
def test_board_picture(snap_compare, long_names_db, screen, language, size):
    set_language(language)
    app = make_app(long_names_db)
    assert snap_compare(app, terminal_size=ALL_SIZES[size], run_before=pressing(*SCREENS[screen]))
