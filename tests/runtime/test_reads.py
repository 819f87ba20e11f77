"""The read machinery: when scans go to worker processes, reads collected by query, work done
meanwhile in a thread, and the one result kept per data version — on the hand-written
organisation of tests/fixtures.py (boss and mgr_east managers; rep_li, rep_wang, rep_south
and newbie reps; one order)."""

from __future__ import annotations

import threading

from salestui.context import AppContext
from salestui.db.queries.executor import first
from salestui.runtime import reads
from salestui.runtime.reads import LatestOnly, ReadSet, meanwhile, scans_in_processes


def people_named(conn, prefix: str) -> int:
    sql = "SELECT COUNT(*) AS n FROM person WHERE login LIKE :p"
    return int(first(conn, sql, {"p": prefix + "%"}).n)


def people_with_role(conn, role: str) -> int:
    return int(first(conn, "SELECT COUNT(*) AS n FROM person WHERE role = :r", {"r": role}).n)


def test_a_small_database_reads_in_threads_a_large_one_in_processes(seeded_db, monkeypatch):
    ctx = AppContext(seeded_db, "boss")
    assert not scans_in_processes(ctx)  # one order, far below the 150,000 that pay
    monkeypatch.setattr(reads, "BIG_READ_ORDERS", 1)
    assert scans_in_processes(ctx)


def test_reads_started_together_are_collected_by_query(seeded_db):
    ctx = AppContext(seeded_db, "boss")
    started = ReadSet(ctx, [people_named, people_with_role], "rep", processes=False)
    assert not started.in_processes
    # logins starting "rep": rep_li, rep_wang, rep_south; role rep: those three and newbie
    assert started.results([people_with_role, people_named]) == [4, 3]
    assert started.results([people_named]) == [3]


def test_reads_in_worker_processes_give_what_threads_read(seeded_db):
    ctx = AppContext(seeded_db, "boss")
    together = ReadSet(ctx, [people_named], "mgr", processes=True)
    assert together.in_processes
    assert together.results([people_named]) == [1]  # mgr_east


def first_moment_of(conn, day):
    from salestui.db.queries.moments import midnight

    return midnight(day)


def test_a_worker_process_reads_on_the_person_s_clock(seeded_db):
    """A worker starts on the system's zone: the person's goes with each read."""
    from datetime import date, datetime

    from salestui.kernel.clock import zone_of

    with zone_of("Asia/Shanghai"):
        together = ReadSet(
            AppContext(seeded_db, "boss"), [first_moment_of], date(2026, 10, 1), processes=True
        )
        assert together.in_processes
        assert together.results([first_moment_of]) == [datetime(2026, 9, 30, 16, 0)]


def test_meanwhile_runs_the_work_in_another_thread_and_waits_for_it():
    seen: list[str] = []
    gate = threading.Event()

    def work() -> int:
        seen.append(threading.current_thread().name)
        gate.wait(5)
        return 42

    with meanwhile(work) as result:
        gate.set()  # the caller goes on while the work waits for it
        assert result() == 42
    assert seen and seen[0] != threading.current_thread().name


def test_only_the_latest_result_is_kept():
    kept: LatestOnly[str] = LatestOnly()
    assert kept.get(("db", 1)) is None
    kept.put(("db", 1), "table of version 1")
    assert kept.get(("db", 1)) == "table of version 1"
    assert kept.get(("db", 2)) is None
    kept.put(("db", 2), "table of version 2")
    assert kept.get(("db", 1)) is None  # the older one is gone
    assert kept.get(("db", 2)) == "table of version 2"


_PROBE = """
import asyncio, os, sys
from textual.app import App
from salestui.context import AppContext
from salestui.runtime.reads import ReadSet
from tests.runtime.test_reads import reader_pid

found = {}

class Probe(App):
    def on_mount(self):
        together = ReadSet(AppContext(sys.argv[1], "boss"), [reader_pid], processes=True)
        found["pid"] = together.results([reader_pid])[0]
        self.exit()

async def main():
    async with Probe().run_test() as pilot:
        await pilot.pause()

asyncio.run(main())
print("another process" if found["pid"] != os.getpid() else "this process")
"""


def reader_pid(conn) -> int:
    import os

    return os.getpid()


def test_reads_meant_for_processes_run_in_processes_inside_the_app(seeded_db):
    """Inside a running app stderr is Textual's capture (``fileno()`` -1), which multiprocessing
    handed its resource tracker: the pool could not start and every scan meant for a worker
    process ran in this process's threads, unnoticed. In a fresh interpreter (no pool, no
    tracker started yet), a read started inside an app comes from another process."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, seeded_db],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "another process"


def modules_now(conn) -> list[str]:
    import sys

    return sorted(m for m in sys.modules if m.split(".")[0] in ("salestui", "numpy", "pandas"))


def review_reads_import(path: str) -> list[str]:
    """In a worker: the modules the weekly review's worker reads import that it had not."""
    import sys

    from salestui.context import AppContext
    from salestui.db.queries.executor import read_file
    from salestui.review import load as rd
    from salestui.review import stage_effort as se
    from salestui.review.waterfall import load_movement
    from salestui.scope import load_scope

    before = set(sys.modules)
    ctx = AppContext(path, "boss")
    scope = ctx.read(load_scope, "boss")
    now = ctx.now()
    for query, *args in (
        (rd.load_kpis,),
        (rd.load_trend,),
        (rd.load_funnel, "year"),
        (rd.load_problems_first,),
        (se.load_review_durations,),
        (load_movement,),
        (se.load_review_effort_counts,),
    ):
        read_file(path, query, scope, now, *args)
    return sorted(m for m in set(sys.modules) - before if m.split(".")[0] in ("salestui", "numpy"))


def test_the_workers_start_with_what_the_review_s_reads_import(seeded_db, monkeypatch):
    """The board's warm-up starts the worker processes on a large file, each importing
    ``reads.WORKER_MODULES`` as it starts: the review's reads sent to one then import nothing
    of salestui or numpy (the list kept by hand is checked here)."""
    from salestui.runtime.startup import warm_up

    reads._drop_process_pool()
    warm_up(AppContext(seeded_db, "boss"))
    assert reads._pool is None  # a small file: no worker processes
    monkeypatch.setattr(reads, "BIG_READ_ORDERS", 1)
    monkeypatch.setattr(reads, "_cpus", lambda: 2)
    try:
        warm_up(AppContext(seeded_db, "boss"))
        assert reads._pool is not None
        there = reads._pool.submit(modules_now, None).result(timeout=60)
        assert set(reads.WORKER_MODULES) <= set(there)
        assert reads._pool.submit(review_reads_import, seeded_db).result(timeout=60) == []
    finally:
        reads._drop_process_pool()
