"""The board's first frame in Chinese against English (issue 17: within 5 %).

    uv run python tests/benchmarks/bench_languages.py [--runs 7] [--deals 100000]

Each run is a fresh interpreter that opens the board headless (Textual's test driver, 120×40)
in one language and reports the seconds from the start of the process to the board settled
with its figures drawn; the two languages alternate, so the machine's noise hits both alike.
Chinese costs loading the catalogues (about 3 ms) and wider text to lay out.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[2]))

from tests.benchmarks.bench_board import ROOT, demo_db, steady_bytecode  # noqa: E402

CHILD = r"""
import asyncio, json, sys, time
t0 = time.perf_counter()
from salestui.kernel.i18n import set_language
set_language(sys.argv[2])
from salestui.app import SalestuiApp
from salestui.context import AppContext
from salestui.db.engine import check_database

async def main():
    app = SalestuiApp(AppContext(check_database(sys.argv[1]), "demo"))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = time.perf_counter() - t0
    print(json.dumps({"s": shown}))

asyncio.run(main())
"""


def once(db: str, lang: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, db, lang], capture_output=True, text=True, cwd=ROOT,
        check=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])["s"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--deals", type=int, default=100_000)
    args = ap.parse_args()
    steady_bytecode()
    db = demo_db(args.deals)
    once(db, "en")  # the disk cache warm
    times: dict[str, list[float]] = {"en": [], "zh": []}
    for run in range(args.runs):
        for lang in ("en", "zh") if run % 2 == 0 else ("zh", "en"):  # neither always first
            times[lang].append(once(db, lang))
    en, zh = statistics.median(times["en"]), statistics.median(times["zh"])
    print(f"\nBoard first frame headless, {args.deals:,} deals, median of {args.runs}")
    print(f"English {en:.3f} s · Chinese {zh:.3f} s · Chinese / English {zh / en:.3f}")


if __name__ == "__main__":
    main()
