"""The team screens in Chinese: no English word left on the leaderboard (tree and ranking), a
person's screen, the target form and the people form (names and key names aside)."""

from __future__ import annotations

import pytest

from tests.screens.pilot import SIZE
from tests.screens.untranslated import assert_no_english_after

pytestmark = pytest.mark.usefixtures("utc_zone")

# Pressed after `3`: each leaves one screen or dialog open.
SCREENS = {
    "leaderboard": (),
    "unfolded_by_month": ("g", "plus", "s", "s"),
    "scrolled": ("plus", "greater_than_sign"),
    "ranking": ("v", "j", "j"),
    "person": ("plus", "down", "down", "down", "down", "enter"),
    "target_form": ("plus", "down", "down", "down", "down", "t"),
    "people_form": ("plus", "down", "down", "P"),
    "add_person": ("plus", "down", "N"),
}


@pytest.mark.parametrize("screen", SCREENS)
async def test_no_english_left(team_db, screen):
    await assert_no_english_after(team_db, ("3", *SCREENS[screen]), size=SIZE)
