"""How a query function runs its SQL: on SQLite straight through the stdlib driver, elsewhere
through SQLAlchemy — the same SQL text with ``:name`` parameters either way.

The app's reads need no ORM and, on SQLite, not even SQLAlchemy: the board's first frame should
not wait for a large library to import. Services and tests may pass their ORM session; it works
through the SQLAlchemy branch.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime
from typing import Any, Protocol

SQLITE_TIMESTAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime on SQLite
BUSY_TIMEOUT_S = 8.0


class Session(Protocol):
    """An ORM Session, a Core Connection or a :class:`LiteConnection`."""

    def execute(self, statement: Any, parameters: Any = None, /) -> Any: ...


class LiteConnection:
    """A plain ``sqlite3`` connection for reads, with the engine's pragmas."""

    dialect_name = "sqlite"

    def __init__(self, path: str) -> None:
        self.raw = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        self.raw.execute("PRAGMA foreign_keys=ON")
        self.raw.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")

    def execute(self, statement: str, parameters: Any = None, /) -> sqlite3.Cursor:
        return self.raw.execute(statement, parameters or {})

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> LiteConnection:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read_file(path: str, query, *args) -> Any:
    """Run a query function on its own connection to a SQLite file (what a worker process of
    ``AppContext.submit_reads`` runs)."""
    with LiteConnection(path) as connection:
        return query(connection, *args)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.strftime(SQLITE_TIMESTAMP)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def dialect(conn: Any) -> str:
    """The database's dialect name: ``sqlite``, ``postgresql``…"""
    if isinstance(conn, LiteConnection):
        return "sqlite"
    bind = conn.get_bind() if hasattr(conn, "get_bind") else conn
    return bind.dialect.name


def rows(conn: Session, sql: str, params: dict | None = None) -> list[tuple]:
    """All rows of ``sql`` as tuples; timestamps come back as SQLite text or as datetimes."""
    params = params or {}
    if isinstance(conn, LiteConnection):
        return conn.execute(sql, {k: _sqlite_value(v) for k, v in params.items()}).fetchall()
    from sqlalchemy import Date, DateTime, bindparam, text

    stmt = text(sql)
    if dialect(conn) == "sqlite":
        params = {k: _sqlite_value(v) for k, v in params.items()}
    else:
        # a query may take a shared dict of moments and use some: bind only the named ones
        params = {k: v for k, v in params.items() if re.search(rf":{k}\b", sql)}
        binds = [
            bindparam(k, type_=DateTime(timezone=True))
            if isinstance(v, datetime)
            else bindparam(k, type_=Date())
            for k, v in params.items()
            if isinstance(v, date)
        ]
        if binds:
            stmt = stmt.bindparams(*binds)
    return [tuple(r) for r in conn.execute(stmt, params)]


def first(conn: Session, sql: str, params: dict | None = None) -> tuple | None:
    found = rows(conn, sql, params)
    return found[0] if found else None
