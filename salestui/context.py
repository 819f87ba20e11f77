"""What every screen and command shares: the open database, the person acting, and the clock."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from salestui.kernel.clock import local_now

if TYPE_CHECKING:
    from concurrent.futures import Future

    from sqlalchemy.engine import Engine

    from salestui.runtime.reads import Reading

T = TypeVar("T")

ENV_DB = "SALESTUI_DB"


def default_database() -> str:
    """``--db``, else ``SALESTUI_DB``, else a file in the user data folder."""
    env = os.environ.get(ENV_DB, "").strip()
    if env:
        return env
    from platformdirs import user_data_dir

    from salestui.db.engine import make_folder

    folder = Path(user_data_dir("salestui", appauthor=False))
    make_folder(folder)
    return str(folder / "salestui.db")


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class AppContext:
    """``database`` is an opened engine, or the path/URL of a database already checked by
    ``salestui.db.engine.check_database`` — then SQLAlchemy loads only when first needed (the
    board's opening read goes without it, see :meth:`read_light`)."""

    database: Engine | str
    user: str
    clock: Callable[[], datetime] = field(default=_utc_now)
    # the opening screen's data, read while the app starts (salestui.runtime.startup)
    prefetch: Future | None = field(default=None, repr=False, compare=False)

    # hears "waiting for the database …" while a write waits for another's lock (the app shows
    # it on the screen's status line; the CLI on stderr)
    on_wait: Callable[[str], None] | None = field(default=None, repr=False, compare=False)

    _engine: Engine | None = field(default=None, init=False, repr=False, compare=False)
    _lock_limit: float | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def engine(self) -> Engine:
        """The database's engine, made on first use (``database`` keeps what was given)."""
        if self._engine is None:
            if isinstance(self.database, str):
                from salestui.db.engine import make_engine

                self._engine = make_engine(self.database)
            else:
                self._engine = self.database
        return self._engine

    def now(self) -> datetime:
        """Now on the person's clock (``.date()`` is their today; stored as UTC all the same)."""
        return local_now(self.clock())

    def read(self, query: Callable[..., T], *args, **kwargs) -> T:
        """Run a read-only query function of ``salestui.db.queries`` on a fresh SQLAlchemy Core
        connection (never an ORM session: reads need none).

        Except that a read never pays for SQLAlchemy's import: on a SQLite file, until something
        has loaded SQLAlchemy (a write, the board's warm-up after its first frame), the read goes
        through the stdlib driver (:meth:`read_light`). The opening screen's reads are such
        reads; through Core they waited for the import (figures in
        ``salestui.db.queries.executor``). Both drivers give the same named rows.
        """
        if "sqlalchemy" not in sys.modules:
            return self.read_light(query, *args, **kwargs)
        with self.engine.connect() as connection:
            return query(connection, *args, **kwargs)

    def read_light(self, query: Callable[..., T], *args, **kwargs) -> T:
        """A read through the stdlib ``sqlite3`` driver on a SQLite file, through Core elsewhere:
        for the per-customer scans, where Core's rows cost more (figures in
        ``salestui.db.queries.executor.read_file``), and for :meth:`read` before SQLAlchemy
        has loaded."""
        from salestui.runtime.reads import sqlite_path

        path = sqlite_path(self.database)
        if path is None:
            with self.engine.connect() as connection:
                return query(connection, *args, **kwargs)
        from salestui.db.queries.executor import LiteConnection

        with LiteConnection(path) as connection:
            return query(connection, *args, **kwargs)

    def submit_reads(
        self, queries: Sequence[Callable], *args, processes: bool = False, light: bool = False
    ) -> list[Reading]:
        """Start read-only query functions at once, each on its own connection; ``.result()``
        of each waits for it.

        ``processes=True`` (for scans of a large SQLite file) runs them in worker processes:
        SQLite's memory accounting takes one lock per process, so threads of one process scan
        in turn while processes scan side by side. Threads otherwise — on PostgreSQL the server
        does the work and a thread only waits. Where processes cannot be had, or die, the read
        is done again here. Worker processes read through the stdlib driver; ``light=True``
        makes the threads do so too (:meth:`read_light`), for the per-customer scans.
        """
        from salestui.runtime.reads import submit

        return submit(self, queries, args, processes=processes, light=light)

    def write(self, service: Callable[..., T], *args, **kwargs) -> T:
        """Run a service (it commits or raises DomainError having written nothing); a lock held
        by another write is waited for and the attempt run again (``salestui.db.busy``)."""
        from salestui.db.busy import retrying

        return retrying(
            lambda: self._write_once(service, *args, **kwargs),
            what=_named(service),
            limit=self.lock_limit(),
            on_wait=self.on_wait,
        )

    def _write_once(self, service: Callable[..., T], *args, **kwargs) -> T:
        from sqlmodel import Session

        from salestui.db.busy import short_waits

        with Session(self.engine) as session:
            try:
                short_waits(session.connection())
                return service(session, *args, **kwargs)
            except BaseException:
                session.rollback()
                raise

    def lock_limit(self) -> float:
        """How long a write waits for another's lock: the team's setting, read once."""
        if self._lock_limit is None:
            from salestui.db.busy import limit_from
            from salestui.db.queries.settings import settings_map

            self._lock_limit = limit_from(self.read(settings_map))
        return self._lock_limit


def _named(service: Callable) -> str:
    """A service's name as words, for the line that says a change was not saved."""
    return "the change (" + getattr(service, "__name__", "write").replace("_", " ") + ")"


def reopened(conn) -> AppContext | None:
    """A context of its own on ``conn``'s database (``runtime.reads.reopenable``), for reads
    after the caller's (a kept figure's number read first); None for a database in memory."""
    from salestui.runtime.reads import reopenable

    database = reopenable(conn)
    return None if database is None else AppContext(database, "")
