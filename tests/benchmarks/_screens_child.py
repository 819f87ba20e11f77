"""One measured run in a fresh interpreter (spawned by bench_screens.py); prints one JSON line.

``screen DB KEY``: salestui opened on the board (120×40, headless) as the demo's top manager;
once the board has every figure in, KEY is pressed and timed until every worker the screen
started is done and what they posted is drawn — its head line no longer says ``reading…``; then
back to the board and KEY again ("again": the same process, the screen already made).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests.screens.pilot


async def measure(db: str, key: str) -> dict:
    from salestui.app import SalestuiApp
    from salestui.context import AppContext
    from salestui.db.engine import check_database
    from tests.screens.pilot import settle  # the pilot tests' (loads chain: three rounds)

    app = SalestuiApp(AppContext(check_database(db), "demo"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await asyncio.sleep(1.0)  # the board's warm-up after its first frame, done
        await settle(pilot)
        t0 = time.perf_counter()
        await pilot.press(key)
        await settle(pilot)
        first = time.perf_counter() - t0
        name = type(app.screen).__name__
        reading = bool(getattr(app.screen, "still_reading", lambda: False)())
        await pilot.press("1")
        await settle(pilot)
        t1 = time.perf_counter()
        await pilot.press(key)
        await settle(pilot)
        again = time.perf_counter() - t1
    return {
        "key": key,
        "screen": name,
        "first_s": first,
        "again_s": again,
        "still_reading": reading,
    }


if __name__ == "__main__":  # spawned worker processes import this module: nothing runs then
    print(json.dumps(asyncio.run(measure(sys.argv[2], sys.argv[3]))))
