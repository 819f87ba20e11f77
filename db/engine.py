"""One engine per process, made on demand; opening a database checks it and brings its schema up.

A file that is missing its folder, unwritable, not SQLite, another program's database, or made by
a newer salestui raises :class:`DatabaseProblem` with a one-line message, never a traceback.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from salestui.db.schema_version import KNOWN_REVISIONS, SCHEMA_HEAD

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

# Importing this module must stay cheap: SQLAlchemy and Alembic load inside the functions that
# need them, so the app can show a current SQLite database without either.

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 8000
# Reads through memory-mapped pages instead of a read() call and a copy per page: the review's
# sections at 1,000,000 deals, where a stint, a deal or an order is looked up by key hundreds of
# thousands of times, took 10-40 % less (SQLite caps the mapping at its compile-time maximum,
# 2 GiB here; the rest of a bigger file is read as before). Writes are unchanged.
MMAP_BYTES = 1 << 31
# A team shares a database through a Unix group: the group reads and writes, the world nothing.
FILE_MODE = 0o660
FOLDER_MODE = 0o770


class DatabaseProblem(Exception):
    """A database that cannot be opened, said in one line a person can act on."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    # WAL only for salestui's own file (or a new one): switching another program's database
    # rewrites its header before open_database gets to refuse it.
    tables = {r[0] for r in cur.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables or "alembic_version" in tables:
        cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    # Statement journals and temporary b-trees in memory, not in temporary files: every write to
    # a table with triggers (the change journal, the stage totals) keeps a statement journal, and
    # as files they took 100,000 imported deals from 3.5 to 5.7 s of inserting.
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    cur.close()


def _usual_wait(dbapi_connection, _record) -> None:
    """A connection back in the pool waits the usual time again (a retried write shortens it for
    its own attempts: ``salestui.db.busy.short_waits``)."""
    if dbapi_connection is not None:
        dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


SERVER_CONNECTIONS = 5  # per process, on a database server (see make_engine)
POOL_WAIT_S = 600  # how long a read waits for one of them (see make_engine)


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (a SQLAlchemy URL or a plain file path)."""
    from sqlalchemy import event
    from sqlalchemy.engine import create_engine

    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser()}"
    if url.startswith("sqlite"):
        engine = create_engine(url, future=True)
    else:
        # A server's connections are shared by the whole team: each person's process holds one
        # while idle and at most SERVER_CONNECTIONS at once (its reads side by side), so 20 people
        # fit PostgreSQL's default max_connections (100) — the pool's default (15 each) did not.
        # A read waits its turn for one of them as long as it takes (SQLAlchemy gives up after
        # 30 s): with the whole team working at once a screen's reads can hold all five longer
        # than that, and a screen still reading is better than one that failed (issue 18's team
        # load: one board refresh in five minutes failed so).
        engine = create_engine(
            url,
            future=True,
            pool_size=1,
            max_overflow=SERVER_CONNECTIONS - 1,
            pool_pre_ping=True,
            pool_timeout=POOL_WAIT_S,
        )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "checkin", _usual_wait)
    return engine


def check_sqlite_path(path: Path) -> None:
    """Refuse a path salestui cannot use as its database, before SQLite gets to it."""
    path = path.expanduser()
    parent = path.parent
    if not parent.exists():
        raise DatabaseProblem(f"cannot open {path}: the folder {parent} does not exist")
    if path.is_dir():
        raise DatabaseProblem(f"cannot open {path}: it is a folder, not a database file")
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise DatabaseProblem(f"cannot open {path}: no permission to read and write it")
        if path.stat().st_size > 0:
            with path.open("rb") as fh:
                if fh.read(16) != SQLITE_HEADER:
                    raise DatabaseProblem(f"cannot open {path}: it is not a SQLite database")
    elif not os.access(parent, os.W_OK):
        raise DatabaseProblem(f"cannot create {path}: no permission to write in {parent}")


def make_folder(folder: Path) -> None:
    """Make ``folder`` and its missing parents ``FOLDER_MODE``, whatever the umask (folders that
    are already there keep theirs)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue
        os.chmod(made, FOLDER_MODE)


def _create_sqlite_file(path: Path) -> None:
    """A new database file ``FILE_MODE`` whatever the umask. SQLite creates the -wal and -shm
    beside it with the database file's own mode; a file already there keeps its mode."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


_DAMAGE = ("malformed", "not a database", "could not decode")


def damage_message(where: str, reason: str) -> str | None:
    """A SQLite error that means the file is damaged, as the line that says what to do."""
    if not any(word in reason.lower() for word in _DAMAGE):
        return None
    return f"{where} is damaged ({reason}): run `salestui check --db {where}`, and restore a backup"


def database_revision(engine: Engine) -> str | None:
    """The schema revision stamped in the database, or None for an empty one.

    Raises DatabaseProblem for a database that holds tables but is not salestui's.
    """
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import DatabaseError, OperationalError

    try:
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
            if "alembic_version" in names:
                row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
                if row is None:
                    raise DatabaseProblem(f"{_where(engine)} has an empty schema stamp")
                if "opportunity" not in names:
                    raise DatabaseProblem(f"{_where(engine)} is another program's database")
                return row[0]
            if names:
                raise DatabaseProblem(
                    f"{_where(engine)} is another program's database "
                    f"(tables: {', '.join(sorted(names)[:4])}{'…' if len(names) > 4 else ''})"
                )
            return None
    except (DatabaseError, OperationalError) as exc:
        said = damage_message(_where(engine), str(exc.orig))
        raise DatabaseProblem(said or f"cannot open {_where(engine)}: {exc.orig}") from None


def _stamped_revision(engine: Engine) -> str | None:
    """The common case in one query: a salestui database already at some revision."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as conn:
            # Naming opportunity makes another Alembic app's database (no such table) fail here.
            row = conn.execute(
                text(
                    "SELECT version_num FROM alembic_version "
                    "WHERE NOT EXISTS (SELECT 1 FROM opportunity WHERE 1 = 0)"
                )
            ).first()
            return row[0] if row else None
    except DBAPIError:
        return None


def _where(engine: Engine) -> str:
    url = engine.url
    return url.database if url.get_backend_name() == "sqlite" else url.render_as_string()


def upgrade(engine: Engine) -> list[str]:
    """Apply the shipped Alembic migrations up to head (imported only when needed: it is slow);
    what a migration has to tell the person comes back, one line each."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "salestui.db:migrations")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return list(cfg.attributes.get("notices", []))


def _say(line: str) -> None:
    print(f"salestui: {line}", file=sys.stderr)


def _plain_sqlite_file(url_or_path: str) -> Path | None:
    if "://" not in url_or_path:
        return Path(url_or_path).expanduser()
    prefix = "sqlite:///"
    if url_or_path.startswith(prefix) and "?" not in url_or_path:
        return Path(url_or_path[len(prefix) :]).expanduser()
    return None


def check_database(url_or_path: str) -> Engine | str:
    """What the app needs to open a database: a SQLite file that is already current comes back
    as its path, checked with the stdlib driver alone; anything else (a new or older file,
    PostgreSQL) goes through :func:`open_database` and comes back as an engine."""
    path = _plain_sqlite_file(url_or_path)
    if path is not None:
        check_sqlite_path(path)
        if path.exists() and path.stat().st_size > 0:
            try:
                conn = sqlite3.connect(path, timeout=8)
                try:
                    row = conn.execute(
                        "SELECT version_num FROM alembic_version "
                        "WHERE NOT EXISTS (SELECT 1 FROM opportunity WHERE 1 = 0)"
                    ).fetchone()
                finally:
                    conn.close()
            except sqlite3.Error:
                row = None
            if row is not None and row[0] == SCHEMA_HEAD:
                return str(path)
    return open_database(url_or_path)


def open_database(url_or_path: str, *, notice: Callable[[str], None] = _say) -> Engine:
    """Check, open and migrate a database; the one way the CLI and the services get an engine.
    What an upgrade has to tell the person goes to ``notice`` (stderr by default), once."""
    from sqlalchemy.engine import make_url

    is_url = "://" in url_or_path
    path = None
    if not is_url:
        path = Path(url_or_path).expanduser()
    elif make_url(url_or_path).get_backend_name() == "sqlite" and make_url(url_or_path).database:
        path = Path(make_url(url_or_path).database).expanduser()
    if path is not None and str(path) != ":memory:":
        check_sqlite_path(path)
        _create_sqlite_file(path)
    engine = make_engine(url_or_path)
    revision = _stamped_revision(engine)
    if revision != SCHEMA_HEAD:
        revision = database_revision(engine)
    if revision == SCHEMA_HEAD:
        return engine
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseProblem(
            f"{_where(engine)} was made by a newer salestui (schema {revision}); "
            "upgrade salestui to open it"
        )
    try:
        notices = upgrade(engine)
    except DatabaseProblem:
        raise
    except Exception as exc:  # a failed migration must not leave a traceback for the user
        raise DatabaseProblem(f"cannot bring {_where(engine)} up to date: {exc}") from exc
    for line in notices:
        notice(line)
    return engine
