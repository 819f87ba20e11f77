"""Every screen after its key (issue 18: "every screen fully drawn ≤ 1.0 s after its key at
1,000,000 deals, in a fresh process"): for each of `2`–`7`, a fresh process opens the board,
waits until it has every figure, presses the key and times until every worker of the screen
is done and drawn; then `1` and the key again in the same process.

    uv run python tests/benchmarks/bench_screens.py [--deals 1000000] [--runs 3] [--after-change]

``--after-change``: before every open (and every report), another person moves a deal through
the command line (the issue's "including right after another person's change"); the table then
also times `report weekly` and `report customers --format csv` end to end, fresh processes.

Runs a copy of the benchmark demo (a screen may keep what it computed for the next reader),
compiled bytecode (see bench_board.steady_bytecode); medians, the keys interleaved. The first
run of each key is not counted when --runs > 1 (it finds the copy's pages cold).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[2]))

from bench_board import run_child, working_bench  # noqa: E402
from bench_maintained import move_one, timed  # noqa: E402

KEYS = ("2", "3", "4", "5", "6", "7")
CHILD = [sys.executable, str(HERE.parent / "_screens_child.py"), "screen"]


REPORTS = {
    "report weekly": ["report", "weekly", "--out", "/tmp/salestui-bench/screens-weekly.md"],
    "report customers --format csv": [
        "report", "customers", "--format", "csv", "--out", "/tmp/salestui-bench/screens-c.csv"
    ],
}  # fmt: skip


def _after_change(ap) -> None:
    ap.add_argument("--after-change", action="store_true")


def main() -> None:
    args, db = working_bench("screens", _after_change)
    if args.after_change:
        import sqlite3

        from salestui.identity import os_account

        with sqlite3.connect(db) as c:  # the reports run as the demo's top manager
            c.execute("UPDATE person SET os_user = ? WHERE login = 'demo'", (os_account(),))
    t0 = time.perf_counter()
    found: dict[str, list[dict]] = {}
    reports: dict[str, list[float]] = {}
    deal: dict = {}
    for run in range(args.runs + (1 if args.runs > 1 else 0)):
        for key in KEYS:
            if args.after_change:
                move_one(db, deal)
            result = run_child([*CHILD, db, key])
            if run or args.runs == 1:
                found.setdefault(key, []).append(result)
        for name, argv in REPORTS.items() if args.after_change else ():
            move_one(db, deal)
            took = timed([sys.executable, "-m", "salestui", *argv, "--db", db])
            if run or args.runs == 1:
                reports.setdefault(name, []).append(took)
    print(f"\n{args.deals:,} deals, medians of {args.runs} (fresh process each, compiled)\n")
    print(f"{'key':4} {'screen':22} {'first open (s)':>15} {'again (s)':>10}  still reading")
    for key, results in found.items():
        first = statistics.median(r["first_s"] for r in results)
        again = statistics.median(r["again_s"] for r in results)
        reading = sum(r["still_reading"] for r in results)
        print(f"{key:4} {results[0]['screen']:22} {first:15.3f} {again:10.3f}  {reading}")
    for name, took in reports.items():
        print(f"{name:27} {statistics.median(took):15.3f}  (end to end, a fresh process)")
    if args.after_change:
        print("\n(another person's `deal move` through the command line before each)")
    print(f"\n(measured in {time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
