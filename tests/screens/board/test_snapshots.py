"""Pictures of the board and its dialogs at 80×24 (SSH) and 120×40, on the hand-written org.

The data arrives from thread workers, so every picture waits for them before it is taken; the
clock is fixed and the zone is UTC, so the same code draws the same picture on any machine.
"""

from __future__ import annotations

import pytest

from tests.screens.pilot import SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")


# What is pressed on the loaded board before the picture is taken.
SCREENS = {
    "board": (),
    "after_advance": ("right_square_bracket",),
    "lost_reason": ("x",),
    "detail": ("enter",),
    "new_deal": ("n",),
    "filter": ("slash",),
    "keys": ("question_mark",),
    "category": ("f",),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_board_snapshot(snap_compare, seeded_db, screen, size):
    app = make_app(seeded_db)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressing(*SCREENS[screen]))
