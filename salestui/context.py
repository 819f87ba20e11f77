"""What every screen and command shares: the open database, the person acting, and the clock."""

from __future__ import annotations

import atexit
import getpass
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor

    from sqlalchemy.engine import Engine

T = TypeVar("T")

ENV_DB = "SALESTUI_DB"


def default_database() -> str:
    """``--db``, else ``SALESTUI_DB``, else a file in the user data folder."""
    env = os.environ.get(ENV_DB, "").strip()
    if env:
        return env
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("salestui", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "salestui.db")


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in a bare container
        return os.environ.get("USER", "admin")


def _utc_now() -> datetime:
    return datetime.now(UTC)


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
    """One read started by :meth:`AppContext.submit_reads`."""

    def __init__(self, ctx: AppContext, query: Callable, args: tuple, future: Future) -> None:
        self.ctx, self.query, self.args, self.future = ctx, query, args, future

    def result(self):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.future.result()
        except BrokenProcessPool:  # a worker died (killed, out of memory): read it here
            _drop_process_pool()
            return self.ctx.read(self.query, *self.args)


@dataclass
class AppContext:
    """``database`` is an opened engine, or the path/URL of a database already checked by
    ``salestui.db.engine.check_database`` — then SQLAlchemy loads only when first needed."""

    database: Engine | str
    user: str
    clock: Callable[[], datetime] = field(default=_utc_now)
    # the opening board, read while the app starts (salestui.board_view.start_board_prefetch)
    board_prefetch: Future | None = field(default=None, repr=False, compare=False)

    @property
    def engine(self) -> Engine:
        if isinstance(self.database, str):
            from salestui.db.engine import make_engine

            self.database = make_engine(self.database)
        return self.database

    def now(self) -> datetime:
        return self.clock()

    def read(self, query: Callable[..., T], *args, **kwargs) -> T:
        """Run a read-only query function of ``salestui.db.queries`` on a fresh connection.

        On SQLite a plain stdlib connection (the first frame should not wait for SQLAlchemy to
        import); elsewhere a Core connection. Never an ORM session: reads need none.
        """
        path = sqlite_path(self.database)
        if path is not None:
            from salestui.db.queries.executor import LiteConnection

            with LiteConnection(path) as connection:
                return query(connection, *args, **kwargs)
        with self.engine.connect() as connection:
            return query(connection, *args, **kwargs)

    def submit_reads(
        self, queries: Sequence[Callable], *args, processes: bool = False
    ) -> list[Reading]:
        """Start read-only query functions at once, each on its own connection; ``.result()``
        of each waits for it.

        ``processes=True`` (for scans of a large SQLite file) runs them in worker processes:
        SQLite's memory accounting takes one lock per process, so threads of one process scan
        in turn while processes scan side by side. Threads otherwise — on PostgreSQL the server
        does the work and a thread only waits. Where processes cannot be had, or die, the read
        is done again here.
        """
        path = sqlite_path(self.database)
        if processes and path is not None and _cpus() > 1:
            from salestui.db.queries.executor import read_file

            try:
                pool = _process_pool()
                return [
                    Reading(self, query, args, pool.submit(read_file, path, query, *args))
                    for query in queries
                ]
            except Exception:  # a pool that cannot start (no /dev/shm, a sandbox…)
                _drop_process_pool()
        pool = _thread_pool()
        return [
            Reading(self, query, args, pool.submit(self.read, query, *args)) for query in queries
        ]

    def write(self, service: Callable[..., T], *args, **kwargs) -> T:
        """Run a service (it commits or raises DomainError having written nothing)."""
        from sqlmodel import Session

        with Session(self.engine) as session:
            try:
                return service(session, *args, **kwargs)
            except BaseException:
                session.rollback()
                raise
