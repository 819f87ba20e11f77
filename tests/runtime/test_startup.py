"""The opening board read while the app starts (what `salestui` does before importing Textual),
on the hand-written organisation of tests/fixtures.py (figures in tests/cli/test_cli.py's docstring:
2 Prospect deals 135,000.00, 6 open deals 2,165,000.00 in all)."""

from __future__ import annotations

import pytest

import salestui.board.load as board_view
from salestui.app import SalestuiApp
from salestui.board.load import opening_board
from salestui.context import AppContext
from salestui.db.engine import check_database
from salestui.runtime.startup import start_prefetch
from salestui.screens.board.screen import BoardScreen
from tests.fixtures import NOW
from tests.screens.pilot import SIZE, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


def _ctx(db: str) -> AppContext:
    return AppContext(check_database(db), "boss", clock=lambda: NOW)


async def test_a_finished_prefetch_is_in_the_first_frame_without_reading_again(
    seeded_db, monkeypatch
):
    ctx = _ctx(seeded_db)
    start_prefetch(ctx, opening_board)
    ctx.prefetch.result(timeout=10)
    reads = []
    monkeypatch.setattr(board_view, "load_board", lambda *a, **k: reads.append(a))
    app = SalestuiApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert screen.data is not None  # before any worker ran or any pause
        assert screen.data.total.count == 6 and screen.data.total.amount_minor == 2_165_000_00
        assert [c.id for c in screen.columns[0].cards] == [1, 8]
        await settle(pilot)
        assert reads == []  # the board was not read a second time
    assert ctx.prefetch is None  # taken once


async def test_a_prefetch_finishing_just_after_the_mount_is_still_in_the_first_frame(
    seeded_db, monkeypatch
):
    """At 1,000,000 deals the read ends a few tens of milliseconds after the board mounts: the
    mount waits for it (up to MOUNT_WAIT_S) rather than lay out an empty board first."""
    import threading
    import time

    ctx = _ctx(seeded_db)

    def slow(ctx):
        time.sleep(0.1)
        return opening_board(ctx)

    start_prefetch(ctx, slow)
    assert not ctx.prefetch.done()
    reads = []
    real = board_view.load_board

    def counted(*args, **kwargs):
        if threading.current_thread().name != "salestui-prefetch":  # the screen's own read
            reads.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(board_view, "load_board", counted)
    app = SalestuiApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.data is not None  # at mount, no worker needed
        assert screen.data.total.count == 6
        await settle(pilot)
        assert reads == []


async def test_a_failed_prefetch_leaves_the_screen_to_read_the_board_itself(seeded_db, monkeypatch):
    real = board_view.load_board
    calls = []

    def once_broken(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("disk went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(board_view, "load_board", once_broken)
    ctx = _ctx(seeded_db)
    start_prefetch(ctx, opening_board)
    app = SalestuiApp(ctx)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert len(calls) == 2  # the prefetch failed; the screen read it again
        assert screen.data is not None and screen.data.total.count == 6


async def test_a_prefetched_board_sizes_its_summary_to_the_terminal(seeded_db, monkeypatch):
    """The summary is written before the first layout when the board was read meanwhile: its
    amounts are exact or compact by the terminal's width, not by a guess of 80 columns."""
    import salestui.screens.board.screen as board_screen

    widths = []
    real = board_screen.summary_text

    def sized(total, words, width):
        widths.append(width)
        return real(total, words, width)

    monkeypatch.setattr(board_screen, "summary_text", sized)
    ctx = _ctx(seeded_db)
    start_prefetch(ctx, opening_board)
    ctx.prefetch.result(timeout=10)
    async with SalestuiApp(ctx).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert widths and widths[0] == 118  # the line spans the terminal, one cell either side


async def test_the_first_frame_written_to_the_terminal_is_the_whole_board(seeded_db):
    """Textual lays the opening screen out inside its start-up batch and dropped that frame: the
    terminal first got the footer alone and the board a layout pass or two later. The first
    frame written holds the summary and the cards (the footer's keys follow: Textual's Footer
    lists them after it mounts, as in a bare app)."""
    import re

    from textual.drivers.headless_driver import HeadlessDriver

    written: list[str] = []

    class Terminal(HeadlessDriver):
        """The headless driver, but the app writes to it as to a terminal, and it keeps all."""

        @property
        def is_headless(self) -> bool:
            return False

        def write(self, data: str) -> None:
            written.append(data)

    ctx = _ctx(seeded_db)
    start_prefetch(ctx, opening_board)
    ctx.prefetch.result(timeout=10)
    app = SalestuiApp(ctx)
    app.driver_class = Terminal
    async with app.run_test(headless=False, size=(120, 40)) as pilot:
        await settle(pilot)
    escapes = re.compile(
        r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07"
    )
    shown = [text for w in written if (text := escapes.sub("", w)).strip()]
    assert shown, "nothing was written to the terminal"
    first = shown[0]
    assert "weighted" in first  # the summary line
    assert "Acme renewal" in first  # a card of the Qualified column


def test_the_board_screen_leaves_the_forms_until_after_its_first_frame():
    """The activity form (its input, radio and table widgets: 13–16 ms) is imported by the
    board's warm-up after the first frame, not by the board screen's module on the way to it."""
    import subprocess
    import sys

    code = (
        "import sys, salestui.app, salestui.screens.board.screen; "
        "print('salestui.screens.common.activity_form' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_the_board_s_warm_up_imports_what_the_other_screens_need(seeded_db):
    """Half a second after the board's first frame its warm-up imports the other screens'
    modules, their loads, pandas and plotext (``runtime.startup.WARM_UP_MODULES``): the first
    `2`–`7` does not wait for them. In a fresh interpreter: none of them before the app, all
    after the board settled — and pressing each of `2`–`7` then imports no module of salestui,
    pandas, numpy or plotext (the list kept by hand is checked here, screen by screen)."""
    import subprocess
    import sys

    code = f"""
import asyncio, sys
from salestui.runtime.startup import WARM_UP_MODULES
wanted = ("pandas", "plotext", "salestui.screens.customers.screen", "salestui.screens.team.screen",
          "salestui.screens.actions.screen", "salestui.screens.review.screen",
          "salestui.screens.leads.screen", "salestui.screens.forecast.screen")
print(sorted(m for m in wanted if m in sys.modules))
from tests.screens.pilot import make_app, settle
async def main():
    app = make_app({seeded_db!r})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await asyncio.sleep(0.7)  # the warm-up starts 0.5 s after the first frame
        await settle(pilot)
        print(sorted(m for m in wanted if m not in sys.modules))
        for key in "234567":
            before = set(sys.modules)
            await pilot.press(key)
            await settle(pilot)
            print(key, sorted(m for m in set(sys.modules) - before
                              if m.split(".")[0] in ("salestui", "pandas", "numpy", "plotext")))
asyncio.run(main())
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd="."
    )
    assert out.stdout.splitlines() == ["[]", "[]", *(f"{k} []" for k in "234567")], out.stderr[
        -2000:
    ]
