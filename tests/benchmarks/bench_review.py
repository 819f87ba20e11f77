"""Weekly review speed, measured in one run against its own baselines. Prints a table.

    uv run python tests/benchmarks/bench_review.py [--runs 5] [--big 1000000]

1. First frame: salestui opened on the review (mode 5) against a bare Textual app (the floor),
   fresh interpreters, interleaved; also when the KPIs and every section have been drawn.
2. Figures against the raw SQL: every statement the review's loaders send is recorded once, then
   replayed straight through sqlite3 (the baseline) and timed against the loaders themselves
   (SQL + everything Python does around it), in the same process, interleaved.
3. `salestui report weekly` end to end (a fresh process, Markdown to a file).
Health and churn come from the customer figures (issue 3); they are timed on their own line.
Medians of --runs. Demo databases come from bench_board.demo_db (built once, shared).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(ROOT))

from bench_board import demo_db, run_child, steady_bytecode  # noqa: E402

CHILD = [sys.executable, str(HERE.parent / "_review_child.py")]


def child(*args: str, cold: bool = False) -> dict:
    return run_child(CHILD + list(args), cold)


_contexts: dict = {}


def context(db: str, now: datetime):
    """One context per database and moment, as the app keeps one (its engine made once)."""
    from salestui.context import AppContext

    return _contexts.setdefault((db, now), AppContext(db, "demo", clock=lambda: now))


def review_figures(db: str, now: datetime, *, customers: bool = False):
    from salestui.review import load as rd
    from salestui.scope import load_scope

    ctx = context(db, now)
    scope = ctx.read(load_scope, "demo")
    kpis = ctx.read(rd.load_kpis, scope, now)
    ctx.read(rd.load_funnel, scope, now, "year")
    trend = ctx.read(rd.load_trend, scope, now)
    problems = ctx.read(rd.load_problems, scope, now, customers=False)
    ctx.read(rd.load_changes, scope, now, kpis, trend[1])
    ctx.read(rd.load_week_items, scope, now)
    if customers:
        ctx.read(rd.load_customer_problems, scope, now, problems)


def record_sql(db: str, now: datetime) -> list[tuple[str, object]]:
    """The statements (with their parameters, as sqlite3 receives them) the loaders send."""
    from sqlalchemy import event

    seen: list[tuple[str, object]] = []

    def sent(_conn, _cursor, statement, parameters, _context, _many) -> None:
        seen.append((statement, parameters))

    engine = context(db, now).engine
    event.listen(engine, "before_cursor_execute", sent)
    try:
        review_figures(db, now)
    finally:
        event.remove(engine, "before_cursor_execute", sent)
    return [(s, p) for s, p in seen if not s.startswith("PRAGMA")]


def replay(db: str, statements) -> None:
    conn = sqlite3.connect(db)
    for sql, params in statements:
        conn.execute(sql, params).fetchall()
    conn.close()


def timed(fn, *args, **kw) -> float:
    t = time.perf_counter()
    fn(*args, **kw)
    return time.perf_counter() - t


def main() -> None:
    steady_bytecode()
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--big", type=int, default=1_000_000)
    args = ap.parse_args()
    small, big = demo_db(args.small), demo_db(args.big)
    now = datetime.now(UTC)

    # 1. first frame ---------------------------------------------------------------------------
    frames: dict[str, list[dict]] = {"floor": [], "small": [], "big": []}
    child("floor"), child("review", big)  # warm the disk cache
    for _ in range(args.runs):
        frames["floor"].append(child("floor"))
        frames["small"].append(child("review", small))
        frames["big"].append(child("review", big))
        for name, cmd in (
            ("floor", ("floor",)),
            ("small", ("review", small)),
            ("big", ("review", big)),
        ):
            frames.setdefault(f"cold {name}", []).append(child(*cmd, cold=True))

    sections = ("kpis", "items", "trend", "changes", "problems", "funnel", "movement", "durations")
    for runs in frames.values():
        for r in runs:  # every section drawn but health, churn and the effort; then those too
            if "kpis_s" in r:
                r["sections_s"] = max(r[f"{k}_s"] for k in sections)
                r["all_s"] = max(r["sections_s"], r["customers_s"], r["effort_s"])

    def med(name: str, key: str) -> float:
        return statistics.median(r[key] for r in frames[name])

    print(f"\nReview first frame, median of {args.runs} runs (120×40, headless, fresh process)")
    print(
        f"{'':34} {'process':>9} {'× floor':>8} {'in-app':>8} {'× floor':>8} "
        f"{'KPIs':>7} {'all but health':>15} {'all':>7}"
    )
    for label, name in (
        ("floor: bare Textual app, 1 line", "floor"),
        (f"review, {args.small:,} deals", "small"),
        (f"review, {args.big:,} deals", "big"),
    ):
        p, a = med(name, "process_s"), med(name, "app_s")
        extra = ""
        if name != "floor":
            extra = (
                f" {med(name, 'kpis_s'):6.2f}s {med(name, 'sections_s'):14.2f}s "
                f"{med(name, 'all_s'):6.2f}s"
            )
        print(
            f"{label:34} {p:8.3f}s {p / med('floor', 'process_s'):7.2f}× "
            f"{a:7.3f}s {a / med('floor', 'app_s'):7.2f}×{extra}"
        )

    cold = med("cold floor", "process_s")
    print(f"compiling every start (PYTHONDONTWRITEBYTECODE, as here): floor {cold:.3f}s", end="")
    for name in ("small", "big"):
        p = med(f"cold {name}", "process_s")
        print(f", review {name} {p:.3f}s ({p / cold:.2f}×)", end="")
    print()

    # 2. figures against the raw SQL -------------------------------------------------------------
    statements = record_sql(big, now)
    raw, figures = [], []
    replay(big, statements)  # warm
    for _ in range(args.runs):
        raw.append(timed(replay, big, statements))
        figures.append(timed(review_figures, big, now))
    r, f = statistics.median(raw), statistics.median(figures)
    health = statistics.median(
        timed(review_figures, big, now, customers=True) - f for _ in range(max(1, args.runs // 2))
    )
    print(f"\nReview figures with {args.big:,} deals, median of {args.runs} (same process)")
    print(f"  raw SQL aggregates ({len(statements)} statements via sqlite3) {r:7.2f}s")
    print(f"  the review's figures (loaders, same SQL + Python)     {f:7.2f}s  {f / r:5.2f}× raw")
    print(f"  + health and churn (issue 3's customer figures)      ~{health:6.2f}s more")

    # 3. report weekly ---------------------------------------------------------------------------
    bind_top_person(big)
    out = Path("/tmp/salestui-bench/weekly.md")
    cmd = [
        "uv",
        "run",
        "salestui",
        "report",
        "weekly",
        "--db",
        big,
        "--user",
        "demo",
        "--out",
        str(out),
    ]
    reports = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        reports.append(time.perf_counter() - t)
    print(
        f"\n`salestui report weekly` with {args.big:,} deals, median of 3: "
        f"{statistics.median(reports):.2f}s (target ≤ 5 s)"
    )


def bind_top_person(db: str) -> None:
    """The command line acts as the person bound to this OS account: the demo's top one (a demo
    file made by another account, or left by another benchmark, has nobody bound to it)."""
    import sqlite3

    from salestui.identity import os_account

    with sqlite3.connect(db) as c:
        c.execute("UPDATE person SET os_user = NULL WHERE os_user = ?", (os_account(),))
        c.execute("UPDATE person SET os_user = ?, admin = 1 WHERE login = 'demo'", (os_account(),))


if __name__ == "__main__":
    main()
