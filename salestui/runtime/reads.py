"""Where reads run side by side: a small thread pool, and worker processes for scans of a large
SQLite file (SQLite's memory accounting takes one lock per process, so threads of one process scan
in turn while processes scan side by side). Both pools start on first use and stop at exit. A
worker process reads through the stdlib driver (``salestui.db.queries.executor.read_file``).
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor


def sqlite_path(database: object) -> str | None:
    """The file behind a SQLite database given as a path, a sqlite URL or an engine; else None."""
    if isinstance(database, str):
        if "://" not in database:
            return database
        prefix = "sqlite:///"
        return database[len(prefix) :] if database.startswith(prefix) else None
    url = getattr(database, "url", None)
    if url is not None and url.get_backend_name() == "sqlite" and url.database:
        return url.database
    return None


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _process_pool() -> ProcessPoolExecutor:
    """One pool for the life of the process (started on first use, stopped at exit).
    Spawned, not forked: the app runs threads, and a fork copies their locks mid-use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            _pool = ProcessPoolExecutor(
                max_workers=min(4, _cpus()), mp_context=multiprocessing.get_context("spawn")
            )
        return _pool


def _drop_process_pool() -> None:
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
            _pool = None


def _stop_pools() -> None:
    _drop_process_pool()
    if _threads is not None:
        _threads.shutdown(wait=False, cancel_futures=True)


atexit.register(_stop_pools)


_threads: ThreadPoolExecutor | None = None


def _thread_pool() -> ThreadPoolExecutor:
    global _threads
    with _pool_lock:
        if _threads is None:
            from concurrent.futures import ThreadPoolExecutor

            _threads = ThreadPoolExecutor(max_workers=3, thread_name_prefix="salestui-read")
        return _threads


class Reading:
    """One read started by :func:`submit`."""

    def __init__(self, read: Callable, query: Callable, args: tuple, future: Future) -> None:
        self.read, self.query, self.args, self.future = read, query, args, future

    def result(self):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.future.result()
        except BrokenProcessPool:  # a worker died (killed, out of memory): read it here
            _drop_process_pool()
            return self.read(self.query, *self.args)


def submit(
    ctx, queries: Sequence[Callable], args: tuple, *, processes: bool, light: bool = False
) -> list[Reading]:
    """See :meth:`salestui.context.AppContext.submit_reads`."""
    read = ctx.read_light if light else ctx.read
    path = sqlite_path(ctx.database)
    if processes and path is not None and _cpus() > 1:
        from salestui.db.queries.executor import read_file

        try:
            pool = _process_pool()
            return [
                Reading(read, query, args, pool.submit(read_file, path, query, *args))
                for query in queries
            ]
        except Exception:  # a pool that cannot start (no /dev/shm, a sandbox…)
            _drop_process_pool()
    pool = _thread_pool()
    return [Reading(read, query, args, pool.submit(read, query, *args)) for query in queries]
