"""What a person reading Chinese would still see in English: the words on the screen that are
neither Chinese nor the team's own data (names, titles, notes) nor a key's or a unit's name.

A Pilot test in Chinese takes the screen's text with :func:`screen_text` and asserts that
:func:`english_words` finds none; a string shown without ``_()`` fails it, naming the words.
"""

from __future__ import annotations

import html
import re
import sqlite3

# Words that are the same in both languages: key names, units and the abbreviations a Chinese
# sales team writes in Latin letters too.
SAME_IN_BOTH = frozenset(
    {
        "ctrl", "esc", "enter", "tab", "shift", "space", "home", "end", "pgup", "pgdn",
        "up", "down", "left", "right", "del", "backspace",
        "MAPE", "RFM", "SKU", "CSV", "JSON", "ID", "KPI", "CRM", "VIP", "OK", "YoY", "MoM",
        "salestui", "NPS",
    }
)  # fmt: skip
# Identifiers a person types as written, like a key name: a time zone's id (``Asia/Shanghai``)
# and an email address (``name@example.com``).
_IDENTIFIER = re.compile(
    r"\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z_]+\b"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
_LINE = re.compile(r'<text [^>]*clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>(.*?)</text>', re.S)


def screen_text(app) -> str:
    """The screen as the person sees it, line by line (from the picture Textual would save)."""
    svg = app.export_screenshot()
    lines: dict[int, list[str]] = {}
    for number, text in _LINE.findall(svg):
        lines.setdefault(int(number), []).append(html.unescape(text).replace("\xa0", " "))
    # spans are joined with a space: two cells side by side ("20d" "no …") never read as one word
    return "\n".join(" ".join(lines[n]) for n in sorted(lines))


def data_words(db: str) -> set[str]:
    """Every Latin word in the database's text: a name or note a teammate wrote is shown as
    written, in any language."""
    words: set[str] = set()
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for column in conn.execute(f'PRAGMA table_info("{table}")').fetchall():
                if "CHAR" not in column[2].upper() and "TEXT" not in column[2].upper():
                    continue
                for (value,) in conn.execute(f'SELECT DISTINCT "{column[1]}" FROM "{table}"'):
                    if isinstance(value, str):
                        words.update(_WORD.findall(value))
    return words


def english_words(text: str, db: str, *, cropped: bool = False) -> list[str]:
    """The words of ``text`` that should have been translated, in the order they appear.
    ``cropped``: a data word cut by a cell or a box in front of it (``Tencen…``, ``firmwar``) is
    still data, from four letters on."""
    whole = data_words(db)
    allowed = whole | SAME_IN_BOTH
    found = []
    for word in _WORD.findall(_IDENTIFIER.sub(" ", text)):
        if word in allowed or word.lower() in allowed or word in found:
            continue
        if (
            cropped
            and len(word) >= 4
            and any(d.startswith(word) or d.endswith(word) for d in whole)
        ):
            continue
        found.append(word)
    return found


async def assert_no_english_after(
    db: str, keys, *, size=(120, 40), user: str = "boss", text_of=screen_text
) -> str:
    """Open the app in Chinese on ``db``, press ``keys`` (settling after each) and assert that the
    screen (``text_of(app)``) has no English word left (a data word cropped by a dialog in front
    aside); returns that text."""
    from salestui.kernel.i18n import set_language
    from tests.screens.pilot import make_app, press_each, settle

    set_language("zh")
    app = make_app(db, user)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press_each(pilot, *keys)
        text = text_of(app)
        words = english_words(text, db, cropped=True)
        assert words == [], f"{words}\n{text}"
    return text
