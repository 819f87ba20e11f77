"""Forecast screen speed at 1,000,000 deals, against the board's first frame in the same run.
Prints a table.

    uv run python tests/benchmarks/bench_forecast.py [--runs 5] [--big 1000000] [--db PATH]

1. Fully drawn: from a fresh interpreter's start (and from the App's start) to the forecast
   screen (mode 7) drawn with every line of the roll-up; the board's first full frame
   (tests/benchmarks/_board_child.py) is the baseline, interleaved run by run. Target ≤ 1.5 s.
2. The roll-up's figures (salestui.forecast.load) against the raw SQL they send, replayed
   straight through sqlite3, in one process, interleaved.
The demo database comes from bench_board.demo_db (or --db); weekly calls are added to it once
(every active person, every week of the quarter so far) so the calls are read as in use.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(ROOT))

from bench_board import demo_db, run_child, steady_bytecode  # noqa: E402

FORECAST = [sys.executable, str(HERE.parent / "_forecast_child.py"), "forecast"]
BOARD = [sys.executable, str(HERE.parent / "_board_child.py"), "board"]


def add_calls(db: str, today) -> int:
    """One call per active person per week of this quarter so far, once (idempotent)."""
    from salestui.kernel.periods import quarter_start

    q0 = quarter_start(today)
    conn = sqlite3.connect(db)
    if conn.execute("SELECT COUNT(*) FROM forecast_call").fetchone()[0]:
        return 0
    people = [r[0] for r in conn.execute("SELECT id FROM person WHERE active")]
    week = q0 - timedelta(days=q0.weekday())
    rows = []
    while week <= today:
        for i, pid in enumerate(people):
            made = datetime(week.year, week.month, week.day, 9, tzinfo=UTC) + timedelta(days=1)
            rows.append((pid, q0.isoformat(), week.isoformat(), (500_000 + 1_000 * i) * 100,
                         "", made.strftime("%Y-%m-%d %H:%M:%S.%f"), "demo"))  # fmt: skip
        week += timedelta(days=7)
    conn.executemany(
        "INSERT INTO forecast_call (person_id, period_start, week_start, amount_minor, note, "
        "made_at, made_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.commit()
    conn.close()
    return len(rows)


def figures(ctx, period, today):
    from salestui.forecast.load import load_forecast

    return ctx.read(load_forecast, "demo", period, today)


def main() -> None:
    steady_bytecode()
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--big", type=int, default=1_000_000)
    ap.add_argument("--db", default=None)
    args = ap.parse_args()
    big = args.db or demo_db(args.big)

    from salestui.context import AppContext
    from salestui.db.engine import open_database
    from salestui.forecast.load import read_quarter
    from salestui.kernel.clock import local_day

    open_database(big).dispose()  # brought up to date once, outside the timings
    now = datetime.now(UTC)
    today = local_day(now)
    print(f"added {add_calls(big, today):,} weekly calls", flush=True)
    deals = sqlite3.connect(big).execute("SELECT COUNT(*) FROM opportunity").fetchone()[0]

    # 1. fully drawn against the board ---------------------------------------------------------
    runs: dict[str, list[dict]] = {"board": [], "forecast": []}
    run_child(BOARD + [big]), run_child(FORECAST + [big])  # warm the disk cache
    for _ in range(args.runs):
        runs["board"].append(run_child(BOARD + [big]))
        runs["forecast"].append(run_child(FORECAST + [big]))

    def med(name: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[name])

    print(f"\nFirst full frame with {deals:,} deals, median of {args.runs} runs "
          "(120×40, headless, fresh process)")  # fmt: skip
    print(f"{'':44} {'process':>9} {'× board':>8} {'in-app':>8} {'× board':>8} {'peak RSS':>9}")
    for label, name in (
        ("board: first full frame (baseline)", "board"),
        (f"forecast: roll-up drawn ({runs['forecast'][0]['lines']} lines)", "forecast"),
    ):
        p, a = med(name, "process_s"), med(name, "app_s")
        print(f"{label:44} {p:8.3f}s {p / med('board', 'process_s'):7.2f}× {a:7.3f}s "
              f"{a / med('board', 'app_s'):7.2f}× {med(name, 'rss_mb'):7.1f}MB")  # fmt: skip
    print("target: the forecast fully drawn ≤ 1.5 s (process)")

    # 2. the figures against the raw SQL ---------------------------------------------------------
    from sqlalchemy import event

    ctx = AppContext(big, "demo", clock=lambda: now)
    seen: list = []

    def sent(_c, _cur, statement, parameters, _ctx, _many) -> None:
        seen.append((statement, parameters))

    for quarter in ("this-quarter", "next-quarter"):
        period = read_quarter(quarter, today)
        figures(ctx, period, today)  # warm
        seen.clear()
        event.listen(ctx.engine, "before_cursor_execute", sent)
        figures(ctx, period, today)
        event.remove(ctx.engine, "before_cursor_execute", sent)
        statements = [(s, p) for s, p in seen if not s.startswith("PRAGMA")]
        raw, loaded = [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            conn = sqlite3.connect(big)
            for sql, params in statements:
                conn.execute(sql, params).fetchall()
            conn.close()
            raw.append(time.perf_counter() - t)
            t = time.perf_counter()
            figures(ctx, period, today)
            loaded.append(time.perf_counter() - t)
        r, f = statistics.median(raw), statistics.median(loaded)
        print(f"\n{quarter}: raw SQL ({len(statements)} statements via sqlite3) {r:6.3f}s; "
              f"the roll-up (same SQL + Python) {f:6.3f}s = {f / r:4.2f}× raw")  # fmt: skip


if __name__ == "__main__":
    main()
