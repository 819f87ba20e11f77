"""One measured run in a fresh interpreter (spawned by bench_board.py); prints one JSON line.

``floor``: a bare Textual app showing one line. ``board DB``: salestui's board on DB.
``move DB N``: N stage moves with ``]``, each timed from the key to the card redrawn.
"""

from __future__ import annotations

import json
import resource
import sys
import time

T_START = time.perf_counter()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def floor() -> None:
    from textual.app import App
    from textual.widgets import Static

    class Floor(App):
        def compose(self):
            yield Static("salestui")

        def on_mount(self) -> None:
            self.t_app = time.perf_counter()
            self.call_after_refresh(self.done)

        def done(self) -> None:
            t = time.perf_counter()
            self.exit((t - T_START, t - self.t_app0))

    app = Floor()
    app.t_app0 = time.perf_counter()
    result = app.run(headless=True, size=(120, 40))
    print(json.dumps({"process_s": result[0], "app_s": result[1], "rss_mb": rss_mb()}))


def board(db: str) -> None:
    # in the order `salestui --db DB` takes: the opening board is read while Textual imports
    from salestui.board.load import opening_board
    from salestui.context import AppContext
    from salestui.db.engine import check_database
    from salestui.runtime.startup import start_prefetch

    ctx = AppContext(check_database(db), "demo")
    start_prefetch(ctx, opening_board)
    from salestui.app import SalestuiApp
    from salestui.screens.board.screen import BoardScreen

    original = BoardScreen.on_board_screen_loaded

    def loaded(self, event):
        original(self, event)
        self.app.call_after_refresh(lambda: self.app.exit(time.perf_counter()))

    BoardScreen.on_board_screen_loaded = loaded
    # as `salestui --db DB` does it: a current SQLite file opens without SQLAlchemy
    t_app0 = time.perf_counter()
    app = SalestuiApp(ctx)
    t = app.run(headless=True, size=(120, 40))
    print(json.dumps({"process_s": t - T_START, "app_s": t - t_app0, "rss_mb": rss_mb()}))


def moves(db: str, n: int) -> None:
    import asyncio
    import statistics

    from salestui.app import SalestuiApp
    from salestui.context import AppContext
    from salestui.db.engine import check_database
    from salestui.screens.board.screen import BoardScreen

    redrawn = asyncio.Event()
    stamps: list[float] = []
    original = BoardScreen.on_board_screen_changed

    def changed(self, event):
        original(self, event)

        def painted() -> None:
            stamps.append(time.perf_counter())
            redrawn.set()

        self.app.call_after_refresh(painted)

    BoardScreen.on_board_screen_changed = changed

    async def run() -> list[float]:
        app = SalestuiApp(AppContext(check_database(db), "demo"))
        timings = []
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await asyncio.sleep(1.0)  # the board warms up the write path after its first frame
            await app.workers.wait_for_complete()
            await pilot.pause()
            for _ in range(n):
                redrawn.clear()
                t0 = time.perf_counter()
                await pilot.press("right_square_bracket")
                await asyncio.wait_for(redrawn.wait(), 10)
                # the moment the moved card was painted (Pilot's press also waits for the
                # background totals refresh, which the person does not wait for)
                timings.append(stamps[-1] - t0)
                await app.workers.wait_for_complete()
                await pilot.pause()
        return timings

    timings = asyncio.run(run())
    print(json.dumps({"median_s": statistics.median(timings), "all": timings}))


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "floor":
        floor()
    elif kind == "board":
        board(sys.argv[2])
    else:
        moves(sys.argv[2], int(sys.argv[3]))
