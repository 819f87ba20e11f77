"""Customer figures kept between processes (issue 18): the tiers screen filled with every figure
and `report customers --format csv` end to end, each in a fresh process, in three conditions:

- **from scratch**: nothing kept (``figure_store`` emptied first) — how every start was before;
- **kept**: kept at the last change, nothing to read again;
- **after a change**: another process moved one deal just before (its customer is read again).

Also the write itself: `deal move` end to end, whose transaction now stamps its customer.

    uv run python tests/benchmarks/bench_maintained.py [--deals 1000000] [--runs 3]

Runs a copy of the benchmark demo (the copy's top person is bound to this OS account), compiled
bytecode (see bench_board.steady_bytecode); medians, the conditions interleaved.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[2]))

from bench_board import working_bench  # noqa: E402


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_COLOR"] = "1"
    return env


def timed(argv: list[str]) -> float:
    t = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=_env())
    if done.returncode != 0:
        raise SystemExit(f"{argv} failed: {done.stderr}")
    return time.perf_counter() - t


def screen(db: str) -> float:
    argv = [sys.executable, str(HERE.parent / "_customers_child.py"), "screen", db]
    done = subprocess.run(argv, capture_output=True, text=True, env=_env())
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])["filled_s"]


def report(db: str) -> float:
    out = "/tmp/salestui-bench/maintained-report.csv"
    cmd = [sys.executable, "-m", "salestui", "report", "customers", "--format", "csv"]
    return timed([*cmd, "--out", out, "--db", db])


def forget(db: str) -> None:
    with sqlite3.connect(db) as c:
        c.execute("DELETE FROM figure_store")


def move_one(db: str, deal: dict) -> float:
    """Move one deal back and forth between two open stages, as another person would."""
    if "id" not in deal:
        with sqlite3.connect(db) as c:
            (deal["id"],) = c.execute(
                "SELECT MIN(id) FROM opportunity WHERE stage = 'Prospect'"
            ).fetchone()
        deal["stage"] = "Prospect"
    deal["stage"] = "Qualified" if deal["stage"] == "Prospect" else "Prospect"
    cmd = [sys.executable, "-m", "salestui", "deal", "move", str(deal["id"])]
    return timed([*cmd, "--to", deal["stage"], "--db", db])


def main() -> None:
    args, db = working_bench("maintained")
    from salestui.identity import os_account

    with sqlite3.connect(db) as c:
        c.execute("UPDATE person SET os_user = ?, admin = 1 WHERE login = 'demo'", (os_account(),))
    results: dict[str, list[float]] = {}
    deal: dict = {}
    t0 = time.perf_counter()
    for _ in range(args.runs):
        for what, measure in (("tiers screen filled", screen), ("report customers csv", report)):
            forget(db)
            results.setdefault(f"{what} | from scratch", []).append(measure(db))
            results.setdefault(f"{what} | kept", []).append(measure(db))
            results.setdefault("deal move (with the stamping)", []).append(move_one(db, deal))
            results.setdefault(f"{what} | after a change", []).append(measure(db))
    print(f"\n{args.deals:,} deals, medians of {args.runs} (fresh process each, compiled)\n")
    print(f"{'measure':52} {'s':>7}")
    for name, values in results.items():
        print(f"{name:52} {statistics.median(values):7.3f}")
    print(f"\n(measured in {time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
