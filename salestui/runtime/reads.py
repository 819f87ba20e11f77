"""Where reads run side by side: a small thread pool, and worker processes for scans of a large
SQLite file (SQLite's memory accounting takes one lock per process, so threads of one process scan
in turn while processes scan side by side). Both pools start on first use and stop at exit.

Also here: when a database is large enough for the processes to pay (:func:`scans_in_processes`),
reads started together and collected by query (:class:`ReadSet`), work done in a thread while the
caller reads (:func:`meanwhile`), and the one computed result kept per data version
(:class:`LatestOnly`). A
worker process reads through the stdlib driver (``salestui.db.queries.executor.read_file``).
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor

T = TypeVar("T")

# From this many orders the big scans go to worker processes (below it, starting them costs more
# than it saves).
BIG_READ_ORDERS = 150_000


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

# What the reads sent to a worker process import (the screens' and `report weekly`'s loaders,
# numpy for the kept columns and the durations): each worker imports them as it starts, and
# the board's warm-up starts the workers on a large file (:func:`start_workers`), so the first
# key that sends them a read does not wait for a spawned interpreter and its imports (at
# 1,000,000 deals: 0.25-0.35 s of CPU per worker, on the first review's two cores).
WORKER_MODULES = (
    "numpy",
    "salestui.db.queries.executor",
    "salestui.db.queries.actions",
    "salestui.db.queries.board",
    "salestui.db.queries.customers",
    "salestui.db.queries.durations",
    "salestui.db.queries.movement",
    "salestui.db.queries.review",
    "salestui.db.queries.team",
    "salestui.db.queries.touches",
    "salestui.runtime.maintained",
    "salestui.runtime.columns",
    "salestui.context",
    "salestui.board.durations",
    "salestui.customers.health",
    "salestui.review.load",
    "salestui.review.metrics",
    "salestui.review.changes",
    "salestui.review.waterfall",
    "salestui.review.stage_effort",
    "salestui.team.effort",
    "salestui.team.load",
)


def _workers() -> int:
    return min(4, _cpus())


def _import_all(names: Sequence[str]) -> None:
    """A worker's start: ``names`` imported (a name that will not import is left to the read
    that needs it, which then says what is wrong)."""
    import importlib

    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 — see above
            continue


def start_workers() -> None:
    """Start the worker processes now (each importing :data:`WORKER_MODULES`) rather than on the
    first read sent to them."""
    try:
        pool = _process_pool()
        for _ in range(_workers()):  # on demand: a worker each while the others are starting
            pool.submit(_import_all, ())
    except Exception:  # noqa: BLE001 — a pool that cannot start: the reads run in threads
        _drop_process_pool()


def _process_pool() -> ProcessPoolExecutor:
    """One pool for the life of the process (started on first use, stopped at exit).
    Spawned, not forked: the app runs threads, and a fork copies their locks mid-use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            _start_resource_tracker()
            _pool = ProcessPoolExecutor(
                max_workers=_workers(),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_import_all,
                initargs=(WORKER_MODULES,),
            )
        return _pool


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (the pool's first lock needs it) without
    Textual's capture of stderr. The tracker is handed this process's stderr, and inside a
    running app that is Textual's capture, whose ``fileno()`` is -1: the spawn failed ("bad
    value(s) in fds_to_keep"), and every scan meant for a worker process ran in this process's
    threads, in turn. With no real stderr at hand the tracker gets none."""
    import sys
    from multiprocessing import resource_tracker

    stderr = sys.stderr
    try:
        usable = stderr is not None and stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if not usable:
        sys.stderr = None  # the tracker then passes on no stderr
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = stderr


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


def in_turn(readings: dict[str, Reading]):
    """``(name, result)`` of each reading as it finishes, not in the order they were asked:
    a screen shows each section the moment its figures are in. Each is taken out of
    ``readings`` as it is given, and a reading the caller adds to ``readings`` meanwhile (one that
    needed an earlier one's result) is waited for too."""
    from concurrent.futures import FIRST_COMPLETED, wait

    while readings:
        done, _ = wait([r.future for r in readings.values()], return_when=FIRST_COMPLETED)
        for name in [n for n, r in readings.items() if r.future in done]:
            yield name, readings.pop(name).result()


def submit(
    ctx, queries: Sequence[Callable], args: tuple, *, processes: bool, light: bool = False
) -> list[Reading]:
    """See :meth:`salestui.context.AppContext.submit_reads`."""
    read = ctx.read_light if light else ctx.read
    path = sqlite_path(ctx.database)
    if processes and path is not None and _cpus() > 1:
        from salestui.kernel.clock import zone

        try:
            pool = _process_pool()
            return [
                Reading(read, query, args, pool.submit(_read_file, zone(), path, query, *args))
                for query in queries
            ]
        except Exception:  # a pool that cannot start (no /dev/shm, a sandbox…)
            _drop_process_pool()
    pool = _thread_pool()
    return [Reading(read, query, args, pool.submit(read, query, *args)) for query in queries]


def _read_file(person_zone, path: str, query: Callable, *args):
    """A read in a worker process, on the person's clock (a worker starts on the system's)."""
    from salestui.db.queries.executor import read_file
    from salestui.kernel.clock import use_zone

    use_zone(person_zone)
    return read_file(path, query, *args)


def scans_in_processes(ctx) -> bool:
    """Whether this database is large enough for its big scans to go to worker processes."""
    from salestui.db.queries.customers import order_rows

    return ctx.read_light(order_rows) >= BIG_READ_ORDERS


class ReadSet:
    """Reads started together (see :func:`submit`), each result collected by its query."""

    def __init__(
        self, ctx, queries: Sequence[Callable], *args, processes: bool, light: bool = False
    ) -> None:
        self.in_processes = processes  # other big reads of the same caller may go the same way
        started = submit(ctx, queries, args, processes=processes, light=light)
        self._readings = dict(zip(queries, started, strict=True))

    def results(self, queries: Iterable[Callable]) -> list:
        """The results of ``queries``, in their order, each waited for."""
        return [self._readings[q].result() for q in queries]


@contextmanager
def meanwhile(work: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """Run ``work`` in a thread of its own while the caller goes on (SQLite lets go of the GIL
    while it reads, so pandas scoring and SQL reading overlap); gives a function that waits for
    its result. The thread is joined on leaving."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="salestui-meanwhile") as pool:
        yield pool.submit(work).result


class LatestOnly(Generic[T]):
    """One computed value under its key (a database, a day, a data version): putting one under
    a new key drops the old, so memory holds one whatever the app has been asked."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: Hashable | None = None
        self._value: Any = None

    def get(self, key: Hashable) -> T | None:
        with self._lock:
            return self._value if self._key == key else None

    def put(self, key: Hashable, value: T) -> None:
        with self._lock:
            self._key, self._value = key, value

    def clear(self) -> None:
        self.put(None, None)


def reopenable(conn):
    """What opens ``conn``'s database again for a context of its own (a file's path, a
    server's engine); None for a database in memory (nothing else can see it)."""
    path = getattr(conn, "path", None)  # the stdlib driver's connection to a file
    if isinstance(path, str) and path and "memory" not in path:
        return path
    engine = getattr(conn, "engine", None)
    if engine is None and hasattr(conn, "get_bind"):
        engine = conn.get_bind()
    url = getattr(engine, "url", None)
    if url is None:
        return None
    if url.get_backend_name() == "sqlite":
        name = url.database or ""
        return engine if name and "memory" not in name else None
    return engine
