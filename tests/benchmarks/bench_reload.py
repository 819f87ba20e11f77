"""A screen's customer table read again in the same process after teammates' changes (issue 18,
the team load): brought up to date from the table the process holds (the few customers touched
since it) against from the database's kept one (read whole, with every customer touched since
it: up to ``REWRITE_AFTER`` before someone keeps it again).

    uv run python tests/benchmarks/bench_reload.py [--deals 1000000] [--runs 5]

For each distance of the database's kept table (50, 250, 450 customers touched since it), the
process's own is 5 behind: five customers touched (their rows updated, as a teammate's move
stamps its customer) before each read. Both reads in one process, alternated; medians.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[2]))

from bench_board import working_bench  # noqa: E402

OWN_BEHIND = 5


def main() -> None:
    args, db = working_bench("reload")
    from salestui.context import AppContext
    from salestui.customers import kept, load
    from salestui.customers.load import customer_rules, load_table
    from salestui.runtime import maintained

    kept.REWRITE_AFTER = 10**9  # the database's kept table stays where each round put it
    ctx = AppContext(db, "demo")
    rules = customer_rules(ctx)
    with sqlite3.connect(db) as c:
        ids = [i for (i,) in c.execute("SELECT id FROM customer ORDER BY id")]
    cursor = 0

    def touch(n: int) -> None:
        nonlocal cursor
        some = ids[cursor : cursor + n]
        cursor += n
        with sqlite3.connect(db) as c:
            marks = ",".join("?" * len(some))
            c.execute(f"UPDATE customer SET industry = industry WHERE id IN ({marks})", some)

    def timed_read() -> float:
        t = time.perf_counter()
        load_table(ctx, rules)
        maintained.written()
        return time.perf_counter() - t

    rows: list[tuple[int, float, float, float]] = []
    t0 = time.perf_counter()
    for behind in (50, 250, 450):
        with sqlite3.connect(db) as c:  # kept afresh at the current change
            c.execute("DELETE FROM figure_store WHERE name LIKE 'customer_table|%'")
        load.forget_tables()
        table = load_table(ctx, rules)
        maintained.written()
        touch(behind - OWN_BEHIND)
        timed_read()  # this process's table: now OWN_BEHIND behind before each read below
        own, store = [], []
        for _ in range(args.runs):
            touch(OWN_BEHIND)
            own.append(timed_read())
            touch(OWN_BEHIND)
            load.forget_tables()  # this process's forgotten: from the database's kept one
            store.append(timed_read())
        t = time.perf_counter()
        table.copy()
        rows.append(
            (behind, statistics.median(store), statistics.median(own), time.perf_counter() - t)
        )
    print(f"\n{args.deals:,} deals, {len(ids):,} customers, medians of {args.runs}\n")
    print("| database's kept table behind | from it | from this process's (5 behind) | copy |")
    print("|---:|---:|---:|---:|")
    for behind, store, own, copy in rows:
        print(f"| {behind} customers | {store:.3f} s | {own:.3f} s | {copy:.3f} s |")
    print(f"\n(measured in {time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
