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
        "salestui",
    }
)  # fmt: skip
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


def english_words(text: str, db: str) -> list[str]:
    """The words of ``text`` that should have been translated, in the order they appear."""
    allowed = data_words(db) | SAME_IN_BOTH
    found = []
    for word in _WORD.findall(text):
        if word not in allowed and word.lower() not in allowed and word not in found:
            found.append(word)
    return found
