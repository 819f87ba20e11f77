"""The board, the deal's detail and the category dialog in Chinese: no English word left but the
team's own data and key names; the whole names in the status line, the stall reasons whole."""

from __future__ import annotations

import pytest

from salestui.kernel.i18n import set_language
from salestui.screens.board.category import CategoryChoiceScreen
from salestui.screens.board.deal_detail import DealDetailScreen
from tests.screens.board.test_pilot import status
from tests.screens.pilot import ALL_SIZES, make_app, press, settle
from tests.screens.untranslated import data_words, english_words, screen_text

pytestmark = pytest.mark.usefixtures("utc_zone")


def left_in_english(text: str, db: str) -> list[str]:
    """``english_words`` less a data word cropped by display width (``Tencen…``): what is left
    of a name is still the name."""
    whole = data_words(db)
    return [
        w
        for w in english_words(text, db)
        if not any(d.startswith(w) or d.endswith(w) for d in whole)
    ]


@pytest.mark.parametrize("size", ALL_SIZES)
async def test_board_in_chinese_has_no_english(long_names_db, size):
    set_language("zh")
    app = make_app(long_names_db)
    async with app.run_test(size=ALL_SIZES[size]) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "销售管道" in text and "初步接触" in text
        assert left_in_english(text, long_names_db) == []


async def test_detail_and_category_in_chinese_have_no_english(long_names_db):
    set_language("zh")
    app = make_app(long_names_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "right", "right", "right")  # Negotiation: approvals pending
        await press(pilot, "enter")
        assert isinstance(app.screen, DealDetailScreen)
        text = screen_text(app)
        assert "阶段历史" in text
        assert left_in_english(text, long_names_db) == []
        await press(pilot, "f")
        assert isinstance(app.screen, CategoryChoiceScreen)
        assert left_in_english(screen_text(app), long_names_db) == []


async def test_status_line_holds_the_whole_names_and_reasons_at_80(long_names_db):
    import sqlite3

    with sqlite3.connect(long_names_db) as conn:
        customer, title, owner = conn.execute(
            "SELECT c.name, o.title, p.display_name FROM opportunity o "
            "JOIN customer c ON c.id = o.customer_id JOIN person p ON p.id = o.owner_id "
            "WHERE o.id = 1"
        ).fetchone()
    app = make_app(long_names_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        said = status(app)
        assert customer in said and title in said and owner in said
        assert "20d in Prospect (limit 14d), last activity 18d ago" in said
        # the status line wraps: the reasons are on the screen, not cut with an ellipsis
        picture = screen_text(app).replace(" ", "")
        assert "lastactivity18dago" in picture
