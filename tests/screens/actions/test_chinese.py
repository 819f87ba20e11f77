"""Action plans in Chinese: no English word left in any view, the grouped inbox opened, or the
dialogs (names and key names aside)."""

from __future__ import annotations

import pytest

from salestui.kernel.i18n import set_language
from tests.screens.pilot import SIZE, make_app, press, settle
from tests.screens.untranslated import assert_no_english_after, screen_text

pytestmark = pytest.mark.usefixtures("utc_zone")

# Pressed after `4`.
SCREENS = {
    "items": (),
    "warnings": ("w",),
    "warnings_opened": ("w", "j", "j", "j", "space", "j"),
    "milestones": ("m",),
    "approvals": ("p",),
    "approve": ("p", "y"),
    "decline": ("p", "d"),
    "new_item": ("n",),
    "edit_item": ("e",),
    "reschedule": ("D",),
    "reassign": ("o",),
}


@pytest.mark.parametrize("screen", SCREENS)
async def test_no_english_left(review_db, screen):
    await assert_no_english_after(review_db, ("4", *SCREENS[screen]), size=SIZE)


async def test_help_is_titled_by_the_screen(review_db):
    set_language("zh")
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "question_mark")
        assert "按键 — 行动计划" in screen_text(app)
