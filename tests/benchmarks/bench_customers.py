"""Customer tiers speed, measured in one run against the floor app. Prints a table.

    uv run python tests/benchmarks/bench_customers.py [--runs 3] [--big 1000000]

The demo with 1,000,000 deals holds about 125,000 customers and 1,000,000 orders: the issue's
100,000 customers and 1,000,000 orders. First frame: fresh interpreter → the tiers screen
painted (header and empty list); tiers: the list drawn with the tiers (the first read); filled:
every figure drawn. Figures: the tiers' SQL (customers and their orders) and scoring (RFM, ABC,
account tier, lifecycle) — the issue's "all tiers computed" —, then every per-customer
aggregate (read side by side in worker processes on a large file, and the same reads one by
one for comparison) and the whole table (health, churn, behaviour, collections too) in pandas.
Medians of --runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_board import demo_db, run_child, steady_bytecode  # noqa: E402


def child(script: str, *args: str, cold: bool = False) -> dict:
    return run_child([sys.executable, str(HERE.parent / script), *args], cold)


def main() -> None:
    steady_bytecode()
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--big", type=int, default=1_000_000)
    args = ap.parse_args()
    dbs = {"small": demo_db(args.small), "big": demo_db(args.big)}
    runs: dict[str, list[dict]] = {}
    t = time.perf_counter()
    for _ in range(args.runs):  # interleaved, so a busy moment hits every measure alike
        runs.setdefault("floor", []).append(child("_board_child.py", "floor"))
        runs.setdefault("cold floor", []).append(child("_board_child.py", "floor", cold=True))
        for size, db in dbs.items():
            runs.setdefault(f"cold screen {size}", []).append(
                child("_customers_child.py", "screen", db, cold=True)
            )
            runs.setdefault(f"screen {size}", []).append(child("_customers_child.py", "screen", db))
            runs.setdefault(f"figures {size}", []).append(
                child("_customers_child.py", "figures", db)
            )

    def med(name: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[name])

    floor = med("floor", "process_s")
    big = runs["figures big"][0]
    print(
        f"\n{args.runs} runs each, medians; big = {args.big:,} deals "
        f"({big['customers']:,} customers, {big['orders']:,} orders)\n"
    )
    print(f"{'measure':44} {'small':>9} {'big':>9}  {'big / floor':>11}")
    print(f"{'floor app first frame (s)':44} {floor:9.3f} {floor:9.3f}")
    for label, name, key in (
        ("tiers screen first frame (s)", "screen", "first_s"),
        ("tiers screen showing the tiers (s)", "screen", "tiers_s"),
        ("tiers screen filled with every figure (s)", "screen", "filled_s"),
    ):
        s, b = med(f"{name} small", key), med(f"{name} big", key)
        print(f"{label:44} {s:9.3f} {b:9.3f}  {b / floor:10.2f}×")
    cold = med("cold floor", "process_s")
    s, b = med("cold screen small", "first_s"), med("cold screen big", "first_s")
    print(f"{'floor, compiling every start (s)':44} {cold:9.3f} {cold:9.3f}")
    print(f"{'first frame, compiling every start (s)':44} {s:9.3f} {b:9.3f}  {b / cold:10.2f}×")
    for label, key in (
        ("tiers' SQL (customers, orders) (s)", "tiers_sql_s"),
        ("tiers scored in pandas (s)", "tiers_pandas_s"),
        ("ALL TIERS COMPUTED: SQL + scoring (s)", "tiers_s"),
        ("every per-customer SQL aggregate (s)", "sql_s"),
        ("the same SQL in one process, one by one (s)", "sql_in_one_process_s"),
        ("every figure scored in pandas (s)", "all_pandas_s"),
        ("every figure computed (s)", "all_s"),
    ):
        print(f"{label:44} {med('figures small', key):9.3f} {med('figures big', key):9.3f}")
    print(f"\n(measured in {time.perf_counter() - t:.0f} s)")


if __name__ == "__main__":
    main()
