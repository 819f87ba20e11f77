"""Bulk writes for imports and their undo, through SQLAlchemy on SQLite and PostgreSQL alike.

Rows go in with one driver-level ``executemany`` per table, values converted by the columns'
own SQLAlchemy types (once per distinct value), ids allocated up front so that history and audit
rows can name them: on SQLite the import holds the write lock from its first write, so the next
ids are max(id)+1…; on PostgreSQL they come from the table's sequence. ORM objects per row would
take the benchmark's 100,000 deals from seconds to a minute. A new deal's first stage change is
copied by the database from the deal just written with INSERT … SELECT (:class:`Copy`), without
passing through Python. Audit rows are chained, so they pass through ``services.audit.append``.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from itertools import repeat
from operator import itemgetter

from sqlalchemy import (
    bindparam,
    insert,
    literal,
    null,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection

from salestui.db import tables as t
from salestui.db.queries.people import all_people
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.kernel.org import may_change

MODELS = {
    m.__tablename__: m
    for m in (
        t.Region, t.Person, t.Customer, t.Product, t.Lead, t.Opportunity, t.StageChange,
        t.SalesOrder, t.OrderLine, t.Activity, t.Target, t.AuditLog, t.Approval,
        t.Contact, t.ActionItem, t.OpportunityLine,
    )
}  # fmt: skip
BATCH_TABLE = "import"  # the audit row that opens a batch: what was imported, from which file
CREATED, DELETED = "*created*", "*deleted*"
# Children first: the order in which an undo deletes what a batch created.
DELETE_ORDER = (
    "order_line", "sales_order", "activity", "lead", "stage_change", "approval", "target",
    "opportunity_line", "opportunity",
    "product", "contact", "customer", "person", "region",
)  # fmt: skip


def _defaults(table_name: str) -> dict[str, object]:
    model = MODELS[table_name]
    out = {}
    for name, info in model.model_fields.items():
        if name == "id":
            continue
        default = info.default
        out[name] = None if default is ... or callable(default) else default
    return out


@contextmanager
def bulk_cache(conn: Connection, kib: int = 32768):
    """On SQLite, a page cache of at least ``kib`` KiB while a batch is written and committed.

    With the default 2 MB, inserting 100,000 rows into a table with five indexes evicts dirty
    index pages to the WAL and writes them again and again; the larger cache writes each once.
    The connection's own setting is put back afterwards.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.dbapi_connection
    previous = raw.execute("PRAGMA cache_size").fetchone()[0]
    page = raw.execute("PRAGMA page_size").fetchone()[0]
    if (-previous if previous < 0 else previous * page // 1024) >= kib:
        yield
        return
    raw.execute(f"PRAGMA cache_size=-{kib}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size={previous}")


def allocate_ids(conn: Connection, table_name: str, n: int) -> list[int]:
    """``n`` fresh ids for ``table_name``; the caller has already written in this transaction."""
    if n == 0:
        return []
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            text(
                "SELECT nextval(pg_get_serial_sequence(:t, 'id')) AS id FROM generate_series(1, :n)"
            ),
            {"t": table_name, "n": n},
        )
        return [r.id for r in rows]
    top = conn.execute(text(f"SELECT COALESCE(MAX(id), 0) FROM {table_name}")).scalar_one()
    return list(range(top + 1, top + 1 + n))


class Columns:
    """Rows given column by column: each column a list (one value per row) or one value for all;
    the columns not named come from ``rows`` (dicts) when given, else take their defaults."""

    def __init__(
        self, count: int, columns: dict[str, object], rows: list[dict] | None = None
    ) -> None:
        self.count, self.columns, self.rows = count, columns, rows

    def __len__(self) -> int:
        return self.count


class From(str):
    """In a :class:`Copy`, the column of the source row a value is copied from."""


class Copy:
    """Rows made in the database from rows already written: one for each row of ``source``
    whose id is in ``ids`` (in id order); each column is ``From(source column)`` or one value."""

    def __init__(self, source: str, ids: list[int], columns: dict[str, object]) -> None:
        self.source, self.ids, self.columns = source, ids, columns

    def __len__(self) -> int:
        return len(self.ids)


def runs(ids: list[int]) -> list[tuple[int, int]]:
    """``ids`` (ascending) as runs of consecutive ids: one run for ids allocated together."""
    if ids[-1] - ids[0] == len(ids) - 1:
        return [(ids[0], ids[-1])]
    runs, start = [], ids[0]
    for before, after in zip(ids, ids[1:], strict=False):
        if after != before + 1:
            runs.append((start, before))
            start = after
    return [*runs, (start, ids[-1])]


def _copy_rows(conn: Connection, table_name: str, copy: Copy) -> list[int]:
    """INSERT … SELECT: the database copies the values, none of them pass through Python."""
    table, source = MODELS[table_name].__table__, MODELS[copy.source].__table__
    names = list(_defaults(table_name))
    values = {**_defaults(table_name), **copy.columns}
    exprs = [
        source.c[v] if isinstance(v, From) else null() if v is None else literal(v, table.c[n].type)
        for n, v in ((n, values[n]) for n in names)
    ]
    ids: list[int] = []
    for low, high in runs(copy.ids):
        rows = select(*exprs).where(source.c.id.between(low, high)).order_by(source.c.id)
        stmt = insert(table).from_select(names, rows)
        if conn.dialect.name == "sqlite":  # ids follow the largest, in order
            ids += allocate_ids(conn, table_name, high - low + 1)
            conn.execute(stmt)
        else:
            ids += conn.execute(stmt.returning(table.c.id)).scalars().all()
    return ids


def column_default(table_name: str, column: str) -> object:
    """What ``column`` of a row written without it holds."""
    return _defaults(table_name).get(column)


def _converted(values: list, proc) -> list:
    """``values`` through a column type's bind processor, once per distinct value."""
    done = dict.fromkeys(values)
    for value in done:
        done[value] = None if value is None else proc(value)
    return list(map(done.__getitem__, values))


def insert_rows(conn: Connection, table_name: str, rows: list[dict] | Columns | Copy) -> list[int]:
    """Insert ``rows`` (missing columns take the model's defaults); returns their ids in order."""
    count = len(rows)
    if not count:
        return []
    if isinstance(rows, Copy):
        return _copy_rows(conn, table_name, rows)
    table = MODELS[table_name].__table__
    ids = allocate_ids(conn, table_name, count)
    defaults = _defaults(table_name)
    dialect = conn.dialect
    names = ["id", *defaults]
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    order = list(compiled.positiontup) if dialect.positional else names
    given: dict[str, object] = {}
    if isinstance(rows, Columns):
        given, rows = rows.columns, rows.rows
    from_rows: dict[str, tuple] = {}
    names = [n for n in order if n != "id" and n not in given]
    if rows is not None and names:  # each row completed with the defaults, split into columns
        base = {n: defaults[n] for n in names}
        pick = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
        picked = [pick({**base, **row}) for row in rows]
        from_rows = dict(zip(names, zip(*picked, strict=True), strict=True))
    columns: list[Iterable] = []
    for name in order:
        if name == "id":
            columns.append(ids)
            continue
        proc = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        default = defaults[name]
        if name in from_rows:
            values = from_rows[name]
        else:
            values = given.get(name, default)
            if not isinstance(values, list | tuple):  # one value for every row
                columns.append(repeat(values if proc is None or values is None else proc(values)))
                continue
        columns.append(values if proc is None else _converted(values, proc))
    params = list(zip(*columns, strict=False))  # a one-value column repeats without end
    if not dialect.positional:
        params = [dict(zip(order, values, strict=True)) for values in params]
    conn.exec_driver_sql(compiled.string, params)
    return ids


def update_rows(conn: Connection, table_name: str, changes: dict[int, dict[str, object]]) -> None:
    """Apply ``{id: {column: value}}``, grouped by the set of columns each row changes."""
    table = MODELS[table_name].__table__
    groups: dict[tuple[str, ...], list[dict]] = {}
    for row_id, values in changes.items():
        key = tuple(sorted(values))
        groups.setdefault(key, []).append(
            {"_id": row_id, **{f"v_{k}": v for k, v in values.items()}}
        )
    for cols, params in groups.items():
        stmt = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({c: bindparam(f"v_{c}") for c in cols})
        )
        conn.execute(stmt, params)


def current_rows(conn: Connection, table_name: str, ids: Iterable[int]) -> dict[int, dict]:
    table = MODELS[table_name].__table__
    ids = list(ids)
    out: dict[int, dict] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in conn.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            out[row["id"]] = dict(row)
    return out


def may_undo(conn, author: str, actor: str, batch: str) -> None:
    """An import is undone by its author, a manager above them, or an administrator."""
    people = all_people(conn)
    by = {p.login: p for p in people}
    if actor not in by:
        raise DomainError(
            _("no person with login {actor} in this database (use --user LOGIN)").format(
                actor=repr(actor)
            )
        )
    if author == actor or (author in by and may_change(people, by[actor].id, by[author].id)):
        return
    raise DomainError(
        _(
            "batch {batch} was imported by {author}: only they, a manager above them or an administrator may undo it; nothing was undone"
        ).format(batch=batch, author=author)
    )
