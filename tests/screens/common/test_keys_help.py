"""`?` names each key as a person presses it (``>``, ``+``, ``/``), never Textual's key name
(``greater_than_sign``), in both languages."""

from __future__ import annotations

import re

import pytest

from salestui.kernel.i18n import set_language
from salestui.screens.common.keys import KeysScreen
from tests.screens.pilot import make_app, press_each, settle
from tests.screens.untranslated import screen_text

pytestmark = pytest.mark.usefixtures("utc_zone")

# Textual's names of the keys the screens bind
RAW_NAMES = re.compile(r"greater_than_sign|less_than_sign|plus|minus|equals_sign|slash|question_mark|escape|square_bracket")  # fmt: skip

# (language, screen key, what the help's row begins with → its words), worked out from the
# bindings: the team's scroll "shift+right,greater_than_sign" / "shift+left,less_than_sign", fold
# "minus", unfold "plus,equals_sign"; the board's filter "slash".
ROWS = {
    "en": {
        "3": [
            ("shift+right >", "Show the columns further right; the names stay"),
            ("shift+left <", "Show the columns further left"),
            ("- ", "Fold every region and team"),
            ("+ =", "Unfold the whole tree"),
        ],
        "1": [("/ ", None)],
    },
    "zh": {
        "3": [
            ("shift+right >", "显示右侧的列；姓名列保持不动"),
            ("shift+left <", "显示左侧的列"),
            ("- ", "折叠所有区域和团队"),
            ("+ =", "展开整棵树"),
        ],
        "1": [("/ ", None)],
    },
}


def rows_of(text: str) -> list[str]:
    """The help box's lines, without its frame."""
    return [line.strip(" │╭╮╰╯─").strip() for line in text.splitlines()]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("screen", ["3", "1"])
async def test_help_shows_the_keys_a_person_presses(seeded_db, lang, screen):
    set_language(lang)
    app = make_app(seeded_db)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await press_each(pilot, screen, "question_mark")
        assert isinstance(app.screen, KeysScreen)
        text = screen_text(app)
        assert RAW_NAMES.search(text) is None, text
        lines = rows_of(text)
        for start, words in ROWS[lang][screen]:
            found = [line for line in lines if line.startswith(start)]
            assert found, f"no row starting {start!r}\n{text}"
            if words is not None:
                assert any(words in line for line in found), f"{start!r} {words!r}\n{text}"
