"""While any figure of a screen is still being read its head line says `reading…` (`读取中…`),
and once every figure is in nothing on the screen says so: a person, and a script reading the
terminal, can tell a finished screen from a filling one (issue 18).

The reads are held back at a gate: every read made off the UI thread waits until the test opens
it, so the test sees the screen exactly while its figures are being read."""

from __future__ import annotations

import threading

import pytest

from salestui.context import AppContext
from salestui.kernel.i18n import set_language
from tests.screens.pilot import SCREEN_KEYS, SIZE, make_app, settle
from tests.screens.untranslated import screen_text

# each screen's key, pressed once the board is up (on the board: reload)
SCREENS = {**SCREEN_KEYS, "board": "r"}


@pytest.fixture
def gate(monkeypatch):
    """Reads off the UI thread wait while the gate is shut (at most 10 s: never a hung test)."""
    opened = threading.Event()
    opened.set()
    for name in ("read", "read_light"):
        plain = getattr(AppContext, name)

        def held(self, query, *args, _plain=plain, **kwargs):
            if threading.current_thread() is not threading.main_thread():
                opened.wait(10)
            return _plain(self, query, *args, **kwargs)

        monkeypatch.setattr(AppContext, name, held)
    return opened


def head_line(app) -> str:
    """The screen's first line, as drawn."""
    return screen_text(app).split("\n")[0]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("screen", SCREENS)
async def test_the_head_line_says_reading_until_every_figure_is_in(
    seeded_db, gate, screen, language
):
    set_language(language)
    word = "读取中…" if language == "zh" else "reading…"
    key = SCREENS[screen]
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert word not in screen_text(app)
        gate.clear()
        await pilot.press(key)
        for _ in range(5):
            await pilot.pause()
        assert word in head_line(app), screen_text(app)
        gate.set()
        await settle(pilot)
        assert word not in screen_text(app)
