"""A teammate's odd text crashes nobody's app (issue 12): markup, brackets, ANSI escapes, RTL
and zero-width marks, combining characters, emoji and 10,000-character strings in every free
text of the data, and every key of every screen pressed on it."""

from __future__ import annotations

import html
import re
import sqlite3

import pytest

from tests.screens.pilot import make_app, settle

HOSTILE = [
    "Pilot [/] [bold]x[/bold]",
    "Renewal [Q3]",
    "[red]red[/red] \x1b[31mansi\x1b[0m \x1b]52;c;ZXZpbA==\x07",
    "\u202eRTL mark \u200f",
    "zero\u200bwidth e\u0301\u0301",
    "emoji 👩‍👩‍👧‍👦🇨🇳",
    "x" * 10_000,
    "[@click=app.quit]quit[/]",
    "$name [link=http://x]l[/link] :smile:",
]
FREE_TEXT = {
    "product": ["name", "product_line"],
    "region": ["name"],
    "person": ["display_name", "title"],
    "action_item": ["title"],
    "customer": ["name", "industry"],
    "complaint": ["summary"],
    "opportunity": ["title"],
    "activity": ["note"],
    "lead": ["name", "company", "industry"],
}
QUIT = {"q", "ctrl+q", "ctrl+c", "ctrl+z"}


def poison(db: str) -> None:
    conn = sqlite3.connect(db)
    for table, columns in FREE_TEXT.items():
        for i, (row_id,) in enumerate(conn.execute(f"SELECT id FROM {table}").fetchall()):
            for column in columns:
                text = HOSTILE[(i + len(column)) % len(HOSTILE)] + f" #{row_id}"
                conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (text, row_id))
    conn.commit()
    conn.close()


def keys_of(screen) -> list[str]:
    return [b.key.split(",")[0] for b in type(screen).BINDINGS if b.key.split(",")[0] not in QUIT]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_key_of_every_screen_on_hostile_text(seeded_db, size):
    poison(seeded_db)
    app = make_app(seeded_db)
    pressed = 0
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for screen_key in "12345":
            await pilot.press(screen_key)
            await settle(pilot)
            home = app.screen
            for key in keys_of(home):
                for step in (key, "down", "enter"):
                    await pilot.press(step)
                    await settle(pilot)
                    pressed += 1
                for _ in range(3):  # close whatever the key opened
                    if app.screen is not home:
                        await pilot.press("escape")
                        await settle(pilot)
                if app.screen is not home:
                    await pilot.press(screen_key)
                    await settle(pilot)
                assert app.is_running, f"the app ended on {key!r} of screen {screen_key}"
    assert pressed > 100  # the walk did walk


async def test_brackets_in_a_title_show_as_typed(seeded_db):
    conn = sqlite3.connect(seeded_db)
    deal = conn.execute(
        "SELECT id FROM opportunity WHERE stage = 'Prospect' ORDER BY id"
    ).fetchone()[0]
    conn.execute("UPDATE opportunity SET title = 'Renewal [Q3] [/]' WHERE id = ?", (deal,))
    conn.commit()
    conn.close()
    app = make_app(seeded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Renewal [Q3]", "enter")
        await settle(pilot)
        picture = html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot()))
        assert "Renewal [Q3] [/]" in picture.replace("\xa0", " ")
