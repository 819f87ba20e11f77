"""The CPU a screen switch costs the person's own process (issue 18, the team load): twenty apps
on two cores spend most of their CPU outside their workers' threads (``bench_team_load.py``
counts it), and every key `1`–`7` shows another screen.

    uv run python tests/benchmarks/bench_switch.py [--deals 100000] [--rounds 4]

A rep's app (headless, 120×40, compiled) visits `1`–`7` once (each screen loads), then
``--rounds`` times more, each switch followed by the pilot's settling and 0.3 s of rest; the
process's CPU per switch of those later rounds (screens already made, nothing changed since:
what is left is Textual's switching — styles, the footer, a full paint — and salestui's own).
Beside it, in the same run, the floor: a bare Textual app with seven modes, each a head line,
a 30-row table of 8 columns and a footer with seven keys, switched the same way.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[2]))

KEYS = "1234567"


async def _switches(app, rounds: int) -> dict:
    async with app.run_test(size=(120, 40)) as pilot:

        async def settle() -> None:
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()

        await settle()
        for key in KEYS:  # first visits: each screen made and loaded
            await pilot.press(key)
            await settle()
        await asyncio.sleep(1.0)
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(rounds):
            for key in KEYS:
                await pilot.press(key)
                await settle()
                await asyncio.sleep(0.3)
        n = rounds * len(KEYS)
        return {
            "cpu_ms": (time.process_time() - cpu) / n * 1000,
            "wall_ms": ((time.perf_counter() - wall) / n - 0.3) * 1000,
        }


def _bare_app():
    from textual.app import App
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Static

    class Mode(Screen):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.title_text = name

        def compose(self):
            yield Static(self.title_text)
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns(*(f"column {i}" for i in range(8)))
            for r in range(30):
                table.add_row(*(f"row {r} cell {c}" for c in range(8)))

    class Bare(App):
        MODES = {k: (lambda k=k: Mode(f"screen {k}")) for k in KEYS}
        BINDINGS = [Binding(k, f"switch_mode('{k}')", f"screen {k}") for k in KEYS]

        def on_mount(self) -> None:
            self.switch_mode("1")

    return Bare()


def child(kind: str, db: str, login: str, rounds: int) -> None:
    if kind == "bare":
        app = _bare_app()
    else:
        from salestui.app import SalestuiApp
        from salestui.context import AppContext
        from salestui.db.engine import open_database

        app = SalestuiApp(AppContext(open_database(db), login))
    print(json.dumps(asyncio.run(_switches(app, rounds))))


def main() -> None:
    import argparse
    import sqlite3

    from bench_board import demo_db, start_env, steady_bytecode

    ap = argparse.ArgumentParser()
    ap.add_argument("--deals", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    steady_bytecode()
    db = demo_db(args.deals)
    with sqlite3.connect(db) as c:
        (login,) = c.execute("SELECT login FROM person WHERE role = 'rep' ORDER BY id").fetchone()
    found: dict[str, list[dict]] = {"salestui": [], "bare": []}
    for _ in range(args.runs):
        for kind in found:
            cmd = [sys.executable, str(HERE), "--child", kind, db, login, str(args.rounds)]
            done = subprocess.run(cmd, capture_output=True, text=True, env=start_env(False))
            if done.returncode != 0:
                raise SystemExit(done.stderr)
            found[kind].append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"\n{args.deals:,} deals, a rep ({login}), {args.rounds} rounds of 1–7 after the first "
          f"visits, medians of {args.runs} runs\n")  # fmt: skip
    print("| per switch | CPU | wall (rest taken off) |\n|---|---:|---:|")
    for kind, runs in found.items():
        cpu = statistics.median(r["cpu_ms"] for r in runs)
        wall = statistics.median(r["wall_ms"] for r in runs)
        print(f"| {kind} | {cpu:.0f} ms | {wall:.0f} ms |")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        main()
