"""Twenty people on one database at once: a team load test (issue 18).

    uv run python tests/benchmarks/bench_team_load.py [--people 20] [--seconds 300]
        [--deals 100000] [--import-rows 100000] [--pg URL]

Each person is a process of their own running salestui's app headless (Textual's test driver
presses the real keys: ``]`` on the board, ``1``–``7`` for the screens) as a person on the demo
database, with think time between actions (1–4 s), for ``--seconds``:

- a stage move: ``]`` on one of their deals, timed from the key to its commit being drawn;
- a screen open: a mode key, timed until every thread worker of the screen is done (every
  figure in);
- an edit (the deal's next step) and an activity logged, through the services the forms call;
- a report: ``salestui report weekly --format json`` as a process of its own (end to end).

Half way through, one more process imports ``--import-rows`` opportunities from a CSV file
(``salestui import opportunities``). Reported per action: count, p50 / p95 / max; and the
"locked" waits (a write that had to wait for another's lock: salestui says so on the screen)
and failures (an exception, or a worker that failed) — the target for failures is 0. A change
refused by a rule (the deal changed since the person read it) is counted apart: it is the
optimistic lock doing its work, not a failure.
``--pg URL`` runs the same against PostgreSQL (the demo is built there first; the URL's
database is emptied).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import inspect
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

ACTIONS = ("stage move", "screen open", "edit", "activity", "report weekly", "import")
SCREENS = "1234567"


def people_of(url: str, n: int) -> list[str]:
    """``n`` people who own open deals: mostly reps, a few managers (who see more)."""
    from sqlalchemy import text

    from salestui.db.engine import open_database

    engine = open_database(url)
    with engine.connect() as conn:
        reps = (
            conn.execute(
                text(
                    "SELECT p.login FROM person p WHERE p.role = 'rep' AND EXISTS (SELECT 1 FROM "
                    "opportunity o WHERE o.owner_id = p.id AND o.stage IN ('Prospect', 'Qualified'))"
                    " ORDER BY p.id"
                )
            )
            .scalars()
            .all()
        )
        managers = (
            conn.execute(text("SELECT login FROM person WHERE role = 'manager' ORDER BY id"))
            .scalars()
            .all()
        )
    engine.dispose()
    k = max(1, n // 5)
    return (list(managers[:k]) + list(reps))[:n]


async def _person(url: str, login: str, seconds: float, seed: int) -> dict:
    from sqlalchemy import text
    from textual.worker import WorkerCancelled

    from salestui.app import SalestuiApp
    from salestui.context import AppContext
    from salestui.db.engine import open_database
    from salestui.kernel.errors import DomainError
    from salestui.screens.common.base import BaseScreen
    from salestui.services.activities import log_activity
    from salestui.services.deals import edit_deal

    times: dict[str, list[float]] = {a: [] for a in ACTIONS}
    failures: list[str] = []
    refused: list[str] = []  # a rule said no (a deal changed since it was read): not a failure
    waits = [0]
    ctx = AppContext(open_database(url), login)
    app = SalestuiApp(ctx)
    shown_wait = app.show_waiting

    def counted_wait(line: str) -> None:
        waits[0] += 1
        shown_wait(line)

    app.show_waiting = counted_wait  # type: ignore[method-assign]
    groups: dict[str, int] = {}  # the workers this person's app ran, by group
    group_cpu: dict[str, float] = {}  # and the CPU their own threads used (not the read pools')
    add_worker = app.workers.add_worker

    def counted_worker(worker, *args, **kwargs):
        group = worker.group
        groups[group] = groups.get(group, 0) + 1
        work = worker._work
        if worker._thread_worker and callable(work) and not inspect.iscoroutinefunction(work):

            def timed():
                t = time.thread_time()
                try:
                    return work()
                finally:
                    group_cpu[group] = group_cpu.get(group, 0.0) + time.thread_time() - t

            worker._work = timed
        return add_worker(worker, *args, **kwargs)

    app.workers.add_worker = counted_worker  # type: ignore[method-assign]
    cpu0 = time.process_time()
    failed = BaseScreen.worker_failed

    def failing(screen, worker) -> None:
        said = f"{type(screen).__name__}: {worker.error!r}"[:200]
        (refused if isinstance(worker.error, DomainError) else failures).append(said)
        failed(screen, worker)

    BaseScreen.worker_failed = failing  # type: ignore[method-assign]
    rng = random.Random(seed)

    def my_deal() -> tuple[int, int] | None:
        with ctx.engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT o.id, o.version FROM opportunity o JOIN person p ON p.id = o.owner_id"
                    " WHERE p.login = :login AND o.stage IN ('Prospect', 'Qualified', 'Proposal')"
                    " ORDER BY o.id LIMIT 1 OFFSET :k"
                ),
                {"login": login, "k": rng.randrange(20)},
            ).first()
        return None if row is None else (int(row[0]), int(row[1]))

    async with app.run_test(size=(120, 40)) as pilot:

        async def settle() -> None:
            for _ in range(3):
                try:
                    await app.workers.wait_for_complete()
                except WorkerCancelled:
                    pass
                await pilot.pause()

        await settle()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            await asyncio.sleep(rng.uniform(1.0, 4.0))  # think time
            roll = rng.random()
            try:
                if roll < 0.35:
                    await pilot.press("1")
                    await settle()
                    await pilot.press(*rng.choice(["", "j", "jj", "l", "lj"]))
                    t0 = time.perf_counter()
                    await pilot.press("right_square_bracket")
                    await settle()
                    times["stage move"].append(time.perf_counter() - t0)
                elif roll < 0.70:
                    key = rng.choice(SCREENS)
                    t0 = time.perf_counter()
                    await pilot.press(key)
                    await settle()
                    took = time.perf_counter() - t0
                    times["screen open"].append(took)
                    times.setdefault(f"screen {key}", []).append(took)
                elif roll < 0.80:
                    deal = my_deal()
                    if deal is not None:
                        t0 = time.perf_counter()
                        await asyncio.to_thread(
                            ctx.write,
                            edit_deal,
                            login,
                            deal[0],
                            deal[1],
                            next_step=f"call back {rng.randrange(1000)}",
                            next_date="2027-01-15",
                        )
                        times["edit"].append(time.perf_counter() - t0)
                elif roll < 0.92:
                    deal = my_deal()
                    if deal is not None:
                        t0 = time.perf_counter()
                        await asyncio.to_thread(
                            ctx.write,
                            log_activity,
                            login,
                            deal_id=deal[0],
                            kind="call",
                            note="load test",
                        )
                        times["activity"].append(time.perf_counter() - t0)
                else:
                    t0 = time.perf_counter()
                    done = await asyncio.to_thread(
                        subprocess.run,
                        [sys.executable, "-m", "salestui", "report", "weekly", "--db", url,
                         "--user", login, "--format", "json"],
                        capture_output=True, cwd=ROOT,
                    )  # fmt: skip
                    times["report weekly"].append(time.perf_counter() - t0)
                    if done.returncode != 0:
                        failures.append(f"report weekly: {done.stderr.decode()[-200:]}")
            except DomainError as exc:
                refused.append(str(exc)[:200])
            except Exception as exc:  # a failure is counted, and the person goes on
                failures.append(f"{type(exc).__name__}: {exc}"[:200])
    return {
        "times": times, "failures": failures, "refused": refused, "waits": waits[0],
        "cpu": time.process_time() - cpu0, "groups": groups, "group_cpu": group_cpu,
    }  # fmt: skip


def person(url: str, login: str, seconds: float, seed: int, out: str) -> None:
    os.environ.setdefault("SALESTUI_LANG", "en")
    result = asyncio.run(_person(url, login, seconds, seed))
    Path(out).write_text(json.dumps(result))


def import_file(url: str, rows: int, folder: Path) -> dict:
    """A CSV of ``rows`` new opportunities for the demo's customers and reps, imported by the
    command line as an administrator would."""
    from sqlalchemy import text

    from salestui.db.engine import open_database

    engine = open_database(url)
    with engine.connect() as conn:
        customers = conn.execute(text("SELECT name FROM customer ORDER BY id LIMIT 2000"))
        customers = [c for (c,) in customers]
        reps = [r for (r,) in conn.execute(text("SELECT login FROM person WHERE role = 'rep'"))]
        admin = conn.execute(
            text("SELECT login FROM person WHERE manager_id IS NULL ORDER BY id")
        ).scalar()
    engine.dispose()
    path = folder / "import.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["external_id", "title", "customer", "owner", "amount", "expected_close",
                    "stage"])  # fmt: skip
        for i in range(rows):
            w.writerow([f"LOAD{i:07d}", f"Load deal {i}", customers[i % len(customers)],
                        reps[i % len(reps)], f"{1000 + (i * 37) % 90_000}",
                        "2027-03-31", "Prospect"])  # fmt: skip
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "salestui", "import", "opportunities", str(path), "--db", url,
         "--user", admin],
        capture_output=True, cwd=ROOT,
    )  # fmt: skip
    return {
        "seconds": time.perf_counter() - t0,
        "ok": done.returncode == 0,
        "said": (done.stdout + done.stderr).decode()[-300:],
    }


def quantiles(xs: list[float]) -> tuple[str, str, str]:
    if not xs:
        return "–", "–", "–"
    xs = sorted(xs)
    p95 = xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]
    return (f"{statistics.median(xs) * 1000:.0f}", f"{p95 * 1000:.0f}", f"{xs[-1] * 1000:.0f}")


def database(args) -> str:
    if not args.pg:
        from tests.benchmarks.bench_board import demo_db

        source = Path(demo_db(args.deals))
        copy = Path(tempfile.mkdtemp(prefix="salestui-load-")) / "team.db"
        subprocess.run(["cp", str(source), str(copy)], check=True)
        return str(copy)
    from sqlalchemy import text

    from salestui.db.demo.build import build_demo
    from salestui.db.engine import make_engine, open_database

    engine = make_engine(args.pg)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    t0 = time.perf_counter()
    engine = open_database(args.pg)
    build_demo(engine, deals=args.deals, seed=7, top_login="demo")
    engine.dispose()
    print(f"built the demo on PostgreSQL ({args.deals:,} deals) in "
          f"{time.perf_counter() - t0:.0f} s", flush=True)  # fmt: skip
    return args.pg


def bind_the_runner(url: str) -> None:
    """The account running the benchmark acts for everyone (`--user LOGIN` of the reports and
    the import): the demo's top person, an administrator, is bound to it."""
    from sqlalchemy import text

    from salestui.db.engine import make_engine
    from salestui.identity import database_account

    engine = make_engine(url)
    with engine.begin() as conn:
        me = database_account(conn)  # the OS account on SQLite, the database role on a server
        conn.execute(text("UPDATE person SET os_user = NULL WHERE os_user = :me"), {"me": me})
        conn.execute(
            text("UPDATE person SET os_user = :me, admin = :yes WHERE login = 'demo'"),
            {"me": me, "yes": True},
        )
    engine.dispose()


def main() -> None:
    import multiprocessing as mp

    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--deals", type=int, default=100_000)
    ap.add_argument("--import-rows", type=int, default=100_000)
    ap.add_argument("--pg", default=None, help="a PostgreSQL URL (its database is emptied)")
    args = ap.parse_args()
    url = database(args)
    bind_the_runner(url)
    logins = people_of(url, args.people)
    folder = Path(tempfile.mkdtemp(prefix="salestui-load-out-"))
    ctx = mp.get_context("spawn")
    procs = []
    for i, login in enumerate(logins):
        out = str(folder / f"{i}.json")
        p = ctx.Process(target=person, args=(url, login, args.seconds, 1000 + i, out))
        p.start()
        procs.append((p, out))
    time.sleep(args.seconds / 2)
    imported = import_file(url, args.import_rows, folder) if args.import_rows else None
    for p, _ in procs:
        p.join(args.seconds + 600)
    merged: dict[str, list[float]] = {a: [] for a in ACTIONS}
    failures: list[str] = []
    refused: list[str] = []
    waits = 0
    cpu = 0.0
    groups: dict[str, int] = {}
    group_cpu: dict[str, float] = {}
    for p, out in procs:
        if not Path(out).exists():
            failures.append(f"a person's process ended without a result (exit {p.exitcode})")
            continue
        result = json.loads(Path(out).read_text())
        for action, xs in result["times"].items():
            merged.setdefault(action, []).extend(xs)
        failures += result["failures"]
        refused += result["refused"]
        waits += result["waits"]
        cpu += result["cpu"]
        for group, n in result["groups"].items():
            groups[group] = groups.get(group, 0) + n
        for group, used in result["group_cpu"].items():
            group_cpu[group] = group_cpu.get(group, 0.0) + used
    if imported is not None:
        merged["import"].append(imported["seconds"])
        if not imported["ok"]:
            failures.append(f"import: {imported['said']}")
    where = "PostgreSQL" if args.pg else "SQLite"
    print(f"\n{len(logins)} people, {args.seconds:.0f} s, {args.deals:,} deals, {where}, "
          f"import of {args.import_rows:,} rows half way")  # fmt: skip
    print(f"{'action':<14} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for action in ACTIONS:
        p50, p95, top = quantiles(merged[action])
        print(f"{action:<14} {len(merged[action]):>5} {p50:>8} {p95:>8} {top:>8}")
    print("screen open by key: " + ", ".join(
        f"{key} {' / '.join(quantiles(merged.get(f'screen {key}', []))[:2])}" for key in SCREENS
    ) + " (p50 / p95 ms)")  # fmt: skip
    print(f"the people's apps used {cpu:.0f} CPU seconds in all "
          f"({cpu / len(procs) / args.seconds * 100:.0f} % of a core each; the machine has "
          f"{os.cpu_count()}); their workers by group, most first:")  # fmt: skip
    print("  " + ", ".join(f"{g} {n}" for g, n in sorted(groups.items(), key=lambda x: -x[1])))
    own = sum(group_cpu.values())
    print(
        f"CPU seconds of the workers' own threads by group ({own:.0f} s in all; the other "
        f"{cpu - own:.0f} s: the UI thread drawing and the pilot, the read pools, the writes):"
    )
    print("  " + ", ".join(
        f"{g} {c:.1f}" for g, c in sorted(group_cpu.items(), key=lambda x: -x[1]) if c >= 0.05
    ))  # fmt: skip
    print(f"locked waits: {waits}; failures: {len(failures)}; refused by a rule: {len(refused)}")
    for line in failures[:20]:
        print("  failure:", line)
    for line in refused[:5]:
        print("  refused:", line)


if __name__ == "__main__":
    main()
