"""How a query function runs its SQL and what it gets back: named rows, whatever the driver.

Reads run through SQLAlchemy Core (``text()`` with ``:name`` parameters) on the connection they
are given, a Core Connection or an ORM Session (services, tests), except on the raw path below. A
list or tuple parameter is an IN-list, bound with ``bindparam(expanding=True)`` (written
``col IN :name`` in the SQL); datetimes are bound as stored moments (see ``moments``).

The raw path: :class:`LiteConnection`, the stdlib ``sqlite3`` driver, kept where the benchmarks
show it pays. (1) Reads on a SQLite file before anything has loaded SQLAlchemy
(``AppContext.read``): the board's opening read, and the first reads of any screen opened first.
With the board's opening read through Core, SQLAlchemy's import landed before the first frame,
which then took 3.46× the floor app instead of 2.07× (1,000,000 deals, compiled bytecode; 2.87×
instead of 1.44× compiling every start; ``bench_board.py``'s child, medians of 9 on a busy
machine); the first Core read in a process costs 0.3–0.45 s here with bytecode, 1.1–1.3 s
compiling it. (2) The per-customer scans: in worker processes (:func:`read_file`, figures there)
and, on a smaller file, in threads (``submit_reads(light=True)``). Its rows are named as well, and
:func:`_expand_lite` is the one place a list is spread into placeholders for it.
"""

from __future__ import annotations

import re
import sqlite3
from collections import namedtuple
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Protocol

from salestui.db.engine import BUSY_TIMEOUT_MS, MMAP_BYTES
from salestui.db.queries.moments import aware, sqlite_text, stored

BUSY_TIMEOUT_S = BUSY_TIMEOUT_MS / 1000

Row = Any  # a named row: read by attribute (``row.stage``), also a sequence


class Session(Protocol):
    """An ORM Session, a Core Connection or a :class:`LiteConnection`."""

    def execute(self, statement: Any, parameters: Any = None, /) -> Any: ...


@dataclass(frozen=True)
class Table:
    """A large result as its column names (the SQL's aliases) and plain value tuples: cheap to
    send from a worker process and to turn into a frame (``DataFrame(t.rows, columns=t.columns)``).
    """

    columns: tuple[str, ...]
    rows: list[tuple]

    def named(self) -> list[Row]:
        """The rows read by name, for the few places that walk them one by one."""
        cls = _row_class(self.columns)
        return [cls._make(r) for r in self.rows]

    def __iter__(self):
        return iter(self.named())

    def __len__(self) -> int:
        return len(self.rows)


@lru_cache(maxsize=256)
def _row_class(columns: tuple[str, ...]) -> type:
    return namedtuple("Row", columns)  # an unnamed column (no alias) fails here


class LiteConnection:
    """A plain ``sqlite3`` connection with the engine's pragmas: the raw read path (see above)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.raw = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        self.raw.execute("PRAGMA foreign_keys=ON")
        self.raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        self.raw.execute(f"PRAGMA mmap_size={MMAP_BYTES}")

    def execute(self, statement: str, parameters: Any = None, /) -> sqlite3.Cursor:
        sql, values = _expand_lite(statement, parameters or {})
        return self.raw.execute(sql, values)

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> LiteConnection:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _lite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return sqlite_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _is_list(value: Any) -> bool:
    return isinstance(value, list | tuple | set | frozenset)


def _expand_lite(sql: str, params: dict) -> tuple[str, dict]:
    """The raw path's IN-lists: ``IN :ids`` with ids = (4, 7) becomes ``IN (:ids__0, :ids__1)``
    (``IN ()`` when empty: SQLite takes an empty list, and nothing is in it)."""
    values: dict = {}
    for name, value in params.items():
        if not _is_list(value):
            values[name] = _lite_value(value)
            continue
        names = [f"{name}__{i}" for i in range(len(value))]
        values.update(zip(names, map(_lite_value, value), strict=True))
        spread = "(" + ", ".join(f":{n}" for n in names) + ")"
        sql = re.sub(rf":{name}\b", lambda _m, s=spread: s, sql)
    return sql, values


def _used(sql: str, params: dict) -> dict:
    """The parameters the SQL names (a query may pass a shared dict of windows and use some)."""
    return {k: v for k, v in params.items() if re.search(rf":{k}\b", sql)}


def _kind(value: Any) -> str:
    if _is_list(value):
        return "list"
    if isinstance(value, datetime):
        return "moment"
    return "day" if isinstance(value, date) else ""


@lru_cache(maxsize=512)
def _text(sql: str, kinds: tuple[tuple[str, str], ...]):
    """``sql`` as a Core ``text()`` with its lists expanding and its moments and days typed
    (made once per statement and kinds of parameters)."""
    from sqlalchemy import Date, DateTime, bindparam, text

    types = {"moment": DateTime(timezone=True), "day": Date()}
    binds = [
        bindparam(name, expanding=True) if kind == "list" else bindparam(name, type_=types[kind])
        for name, kind in kinds
        if kind
    ]
    stmt = text(sql)
    return stmt.bindparams(*binds) if binds else stmt


def _statement(sql: str, params: dict, dialect_name: str):
    values = {
        name: [_core_value(v, dialect_name) for v in value]
        if _is_list(value)
        else _core_value(value, dialect_name)
        for name, value in params.items()
    }
    return _text(sql, tuple((name, _kind(value)) for name, value in params.items())), values


def _core_value(value: Any, dialect_name: str) -> Any:
    if isinstance(value, datetime):
        # SQLite keeps naive UTC text; a server with time zones gets the aware moment
        return stored(value) if dialect_name == "sqlite" else aware(value)
    return value


LIKE_ESCAPE = "ESCAPE '\\'"


def like_pattern(text: str, *, prefix: bool = False) -> str:
    """What a person typed, as a LIKE pattern (lower case; used with ``LIKE_ESCAPE``) that
    matches it literally: a ``%`` or ``_`` they typed is that character, not a wildcard."""
    escaped = (
        (text if prefix else text.strip())
        .lower()
        .replace("\\", "\\\\")
        .replace("%", r"\%")
        .replace("_", r"\_")
    )
    return f"{escaped}%" if prefix else f"%{escaped}%"


def owned_by(column: str, owners, params: dict) -> str:
    """`` AND column IN :owners`` for the owner ids in scope, nothing for everyone (None)."""
    if owners is None:
        return ""
    params["owners"] = tuple(owners)
    return f" AND {column} IN :owners"


def dialect(conn: Any) -> str:
    """The database's dialect name: ``sqlite``, ``postgresql``…"""
    if isinstance(conn, LiteConnection):
        return "sqlite"
    bind = conn.get_bind() if hasattr(conn, "get_bind") else conn
    return bind.dialect.name


def _execute(conn: Session, sql: str, params: dict | None):
    params = _used(sql, params or {})
    if isinstance(conn, LiteConnection):
        return conn.execute(sql, params)
    stmt, values = _statement(sql, params, dialect(conn))
    return conn.execute(stmt, values)


def rows(conn: Session, sql: str, params: dict | None = None) -> list[Row]:
    """Every row of ``sql``, each read by its column names (the SQL's aliases)."""
    result = _execute(conn, sql, params)
    if isinstance(result, sqlite3.Cursor):
        cls = _row_class(tuple(d[0] for d in result.description))
        return [cls._make(r) for r in result.fetchall()]
    return result.all()


def first(conn: Session, sql: str, params: dict | None = None) -> Row | None:
    found = rows(conn, sql, params)
    return found[0] if found else None


def table(conn: Session, sql: str, params: dict | None = None) -> Table:
    """Every row of ``sql`` as a :class:`Table` (for scans of many rows)."""
    result = _execute(conn, sql, params)
    if isinstance(result, sqlite3.Cursor):
        return Table(tuple(d[0] for d in result.description), result.fetchall())
    # ``all()`` fetches in one call (iterating the result fetched row by row: 0.42 s against
    # 0.14 s for the 111,000 open leads of the 1,000,000-deal demo)
    return Table(tuple(result.keys()), [tuple(r) for r in result.all()])


def read_file(path: str, query, *args) -> Any:
    """Run a query function on its own raw ``sqlite3`` connection to a SQLite file: what a worker
    process of ``AppContext.submit_reads`` runs, for the per-customer scans of a large file.

    Raw, because there SQLAlchemy costs more than a few percent (1,000,000-deal demo, 125,000
    customers, the same query functions on both connections, medians of 3 on a busy machine, two
    runs): the tiers' two reads 2.36 and 1.83 s raw against 3.12 and 2.50 s through Core (+32 %,
    +36 %: a Row built for each of 125,000 rows), all seven +6 % and +2 %; and each worker process
    would import SQLAlchemy before its first read. The review and team aggregates, whose rows are
    few, measured the same on both (12.67 s Core against 13.07 s raw) and go through Core.
    """
    with LiteConnection(path) as connection:
        return query(connection, *args)
