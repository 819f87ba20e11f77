"""Pipeline movement (the week's waterfall) against the raw SQL it needs, in one run. Prints a table.

    uv run python tests/benchmarks/bench_movement.py [--runs 7] [--big 1000000]

Every statement ``load_movement`` sends is recorded once, then replayed straight through sqlite3
(the baseline: the bare SQL, rows fetched) and timed against ``load_movement`` itself (the same
SQL + everything Python does: the touched deals, the buckets, the roll-up), in the same process,
interleaved, medians of --runs. The scope (the viewer rule) is read once beforehand, as the
review does before its sections. Target: the waterfall ≤ 2× the raw SQL.
Demo databases come from bench_board.demo_db (built once, shared).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[2]))

from bench_board import demo_db, steady_bytecode  # noqa: E402


def timed(fn, *args) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def main() -> None:
    steady_bytecode()
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--big", type=int, default=1_000_000)
    ap.add_argument("--user", default="demo")
    args = ap.parse_args()
    db = demo_db(args.big)
    now = datetime.now(UTC)

    from sqlalchemy import event

    from salestui.context import AppContext
    from salestui.review.waterfall import load_movement
    from salestui.scope import load_scope

    ctx = AppContext(db, args.user, clock=lambda: now)
    scope = ctx.read(load_scope, args.user)
    seen: list[tuple[str, object]] = []

    def sent(_conn, _cursor, statement, parameters, _context, _many) -> None:
        seen.append((statement, parameters))

    event.listen(ctx.engine, "before_cursor_execute", sent)
    try:
        movement = ctx.read(load_movement, scope, now)
    finally:
        event.remove(ctx.engine, "before_cursor_execute", sent)
    statements = [(s, p) for s, p in seen if not s.startswith("PRAGMA")]

    def replay() -> list[float]:
        conn = sqlite3.connect(db)
        each = []
        for sql, params in statements:
            t = time.perf_counter()
            conn.execute(sql, params).fetchall()
            each.append(time.perf_counter() - t)
        conn.close()
        return each

    replay()  # warm the page cache
    raw, waterfall, parts = [], [], []
    for _ in range(args.runs):
        t, each = timed(replay)
        raw.append(t)
        parts.append(each)
        waterfall.append(timed(ctx.read, load_movement, scope, now)[0])
    r, w = statistics.median(raw), statistics.median(waterfall)
    total = movement.total
    print(
        f"\nPipeline movement, {args.big:,} deals, viewer {args.user} ({scope.label}), "
        f"week from {movement.week_start}, median of {args.runs} (same process, interleaved)"
    )
    print(
        f"  pipeline start {total.start_deals:,} deals → end {total.end_deals:,}; "
        f"touched this week: {sum(total.deals.values()):,} in a bucket; "
        f"{len(movement.lines):,} roll-up lines"
    )
    for i, (sql, _) in enumerate(statements):
        what = " ".join(sql.split())[:70]
        print(f"  SQL {i + 1}: {statistics.median(p[i] for p in parts):6.3f}s  {what}…")
    print(f"  {'raw SQL (' + str(len(statements)) + ' statements via sqlite3)':44} {r:7.3f}s")
    print(f"  {'load_movement (same SQL + Python)':44} {w:7.3f}s  {w / r:5.2f}× raw (target ≤ 2×)")


if __name__ == "__main__":
    main()
