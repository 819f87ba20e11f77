"""The team's charts screen in Chinese: every tab, with nothing left in English but data and key
names (issue 17)."""

from __future__ import annotations

import pytest

from salestui.kernel.i18n import set_language
from tests.screens.pilot import make_app, press_each, settle
from tests.screens.untranslated import english_words, screen_text

pytestmark = pytest.mark.usefixtures("utc_zone")


async def test_charts_in_chinese(long_names_db):
    set_language("zh")
    app = make_app(long_names_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_each(pilot, "3", "c")
        for _tab in range(5):
            assert english_words(screen_text(app), long_names_db) == []
            await press_each(pilot, "right")
