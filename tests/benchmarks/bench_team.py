"""Team leaderboard speed against the raw SQL aggregates it needs, measured in the same run, and
the time of each chart's redraw. Prints a table (median of --runs).

    uv run python tests/benchmarks/bench_team.py [--runs 3] [--big 1000000]

The raw baseline runs the same five GROUP BY statements (closes, new customers, activities,
collections, targets) straight through sqlite3 and fetches their rows; the leaderboard adds the
org, the settings, the rollups along the tree and the sorted lines of the fully unfolded tree.
A chart redraw is a plotext draw + build at 120×40 of data already loaded (what `replot()` does).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_board import demo_db, steady_bytecode  # noqa: E402

TODAY = date(2026, 11, 20)  # the demo's today


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


RAW = (
    "SELECT owner_id, stage, COUNT(*), COALESCE(SUM(amount_minor), 0), "
    "COALESCE(SUM(julianday(closed_at) - julianday(created_at)), 0) FROM opportunity "
    "WHERE stage IN ('Won', 'Lost') AND closed_at >= :s AND closed_at < :e "
    "GROUP BY owner_id, stage",
    "SELECT owner_id, COUNT(*) FROM customer WHERE created_at >= :s AND created_at < :e "
    "AND owner_id IS NOT NULL GROUP BY owner_id",
    "SELECT person_id, SUM(CASE WHEN kind = 'visit' THEN 1 ELSE 0 END), COUNT(*) FROM activity "
    "WHERE occurred_at >= :s AND occurred_at < :e GROUP BY person_id",
    "SELECT c.owner_id, COALESCE(SUM(o.amount_minor), 0), COALESCE(SUM(o.paid_minor), 0) "
    "FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE o.due_date >= :ds "
    "AND o.due_date < :de AND c.owner_id IS NOT NULL GROUP BY c.owner_id",
    "SELECT scope_type, scope_id, period_type, period_start, metric, value FROM target "
    "WHERE period_start >= :ds AND period_start < :de",
)


def raw_aggregates(path: str, period) -> None:
    con = sqlite3.connect(path)
    params = {
        "s": f"{period.start} 00:00:00.000000",
        "e": f"{period.end} 00:00:00.000000",
        "ds": period.start.isoformat(),
        "de": period.end.isoformat(),
    }
    for sql in RAW:
        con.execute(sql, params).fetchall()
    con.close()


_contexts: dict = {}


def context(path: str):
    """One context per database for the run, as the app keeps one (its engine made once)."""
    from salestui.context import AppContext

    return _contexts.setdefault(path, AppContext(path, "demo"))


def leaderboard(path: str, period) -> int:
    from salestui.team.load import load_team

    data = context(path).read(load_team, "demo", period, TODAY)
    return len(data.board.lines(set()))


def chart_times(path: str, runs: int) -> dict[str, float]:
    from textual_plotext import PlotextPlot

    from salestui.kernel.periods import Period
    from salestui.team import charts as draw
    from salestui.team.load import load_charts, load_person, load_team

    period = Period.containing("quarter", TODAY)
    ctx = context(path)
    data = ctx.read(load_team, "demo", period, TODAY)
    reps = [p.id for p in data.board.people if p.role == "rep"]
    charts = ctx.read(load_charts, None, period, data.board.parts, reps)
    person = ctx.read(load_person, data.viewer_id, period, TODAY)
    plt = PlotextPlot().plt
    jobs = {
        "months vs target": lambda: draw.revenue_vs_target(plt, person.months, person.name),
        "MoM / YoY": lambda: draw.month_on_month(plt, person.months),
        "new-hire ramp": lambda: draw.ramp(plt, charts.ramp),
        "quadrants": lambda: draw.quadrants(
            plt, charts.quadrant_points, charts.ability_median, charts.effort_median
        ),
        "region concentration": lambda: draw.concentration(plt, charts.concentration),
        "product lines": lambda: draw.product_lines(plt, charts.product_lines),
        "channels": lambda: draw.channels(plt, charts.channels),
    }

    def redraw(job):
        def run():
            job()
            plt.plotsize(120, 30)
            plt.build()

        return run

    return {name: median_time(redraw(job), runs) for name, job in jobs.items()}


def main() -> None:
    steady_bytecode()
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--big", type=int, default=1_000_000)
    args = ap.parse_args()
    from salestui.kernel.periods import Period

    periods = {
        "this month": Period.containing("month", TODAY),
        "last quarter": Period.containing("quarter", TODAY).step(-1),
        "this year": Period.containing("year", TODAY),
        "last year": Period.containing("year", TODAY).step(-1),
    }
    print(f"{'deals':>9} {'period':<13} {'raw SQL ms':>10} {'leaderboard ms':>14} {'ratio':>6}")
    for deals in (args.small, args.big):
        path = demo_db(deals)
        for name, period in periods.items():
            raw_aggregates(path, period)  # warm the page cache for both alike
            raw = median_time(lambda p=period, db=path: raw_aggregates(db, p), args.runs)
            board = median_time(lambda p=period, db=path: leaderboard(db, p), args.runs)
            print(
                f"{deals:>9,} {name:<13} {raw * 1000:>10.0f} {board * 1000:>14.0f} "
                f"{board / raw:>6.2f}",
                flush=True,
            )
    print()
    print(f"{'chart redraw (120x40)':<24} {'ms':>6}   (data of the {args.big:,}-deal demo)")
    for name, seconds in chart_times(demo_db(args.big), max(args.runs, 5)).items():
        print(f"{name:<24} {seconds * 1000:>6.1f}")


if __name__ == "__main__":
    main()
