"""The audit log: who changed which field of which row, when, from what to what.

Values are kept as text (:func:`as_text`); an undo reads them back as the column's own type
(:func:`typed`) and compares them with what the row holds now (:func:`same`). Every audit row is
written by :func:`append`, which chains it onto the log (``db/queries/audit_chain.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Integer, insert, text
from sqlalchemy.engine import Connection
from sqlmodel import Session, SQLModel

from salestui.db.queries.audit_chain import at_text, link
from salestui.db.queries.moments import aware
from salestui.db.tables import AuditLog

ENTRY = ("at", "by_login", "table_name", "row_id", "field", "old", "new", "batch")


def new_batch() -> str:
    return uuid.uuid4().hex[:12]


def as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return aware(value).isoformat()  # one spelling of a moment, whoever's clock wrote it
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def typed(table: str, column: str, raw: str | None):
    """An audit value's text back into the Python value of ``table.column`` (a naive moment is
    UTC, as every stored one is)."""
    if raw is None:
        return None
    col_type = SQLModel.metadata.tables[table].c[column].type
    col_type = getattr(col_type, "impl_instance", col_type)  # e.g. UTCDateTime is a DateTime
    if isinstance(col_type, Boolean):
        return raw == "1"
    if isinstance(col_type, DateTime):
        return aware(raw)
    if isinstance(col_type, Date):
        return date.fromisoformat(raw)
    if isinstance(col_type, Integer):
        return int(raw)
    return raw


def same(a, b) -> bool:
    """Equal values, a moment read back without its zone taken as UTC."""
    if isinstance(a, datetime) and isinstance(b, datetime):
        return aware(a) == aware(b)
    return a == b


def record(
    session: Session,
    *,
    actor: str,
    table: str,
    row_id: int,
    changes: dict[str, tuple[object, object]],
    batch: str,
    at: datetime,
) -> None:
    """One audit row per changed field; unchanged fields are not written."""
    entries = [
        {"at": at, "by_login": actor, "table_name": table, "row_id": row_id, "field": field,
         "old": as_text(old), "new": as_text(new), "batch": batch}
        for field, (old, new) in changes.items()
        if old != new or field == "*created*"
    ]  # fmt: skip
    append(session.connection(), entries)


def append(conn: Connection, entries: Sequence[dict]) -> list[int]:
    """Write audit rows (dicts of :data:`ENTRY`), chained onto the log; their ids come back.

    The head's row is updated first: on PostgreSQL that locks it until the transaction ends, so a
    second writer waits and then chains onto this one's last row; on SQLite it takes the write
    lock, which serializes writers anyway. Ids follow the head's, so the chain has no gaps.
    """
    if not entries:
        return []
    last_id, prev = conn.execute(
        text("UPDATE audit_head SET last_id = last_id WHERE id = 1 RETURNING last_id, hash")
    ).one()
    sql, order, at_bind = _insert_for(conn.dialect)
    at_stored: dict[object, object] = {}
    params = []
    for n, entry in enumerate(entries, start=last_id + 1):
        row = {k: entry.get(k) for k in ENTRY}
        for k in ("by_login", "table_name", "field", "old", "new", "batch"):
            if row[k] is not None and type(row[k]) is not str:
                row[k] = as_text(row[k])
        at = row["at"]
        if at not in at_stored:  # a batch's rows share one moment: converted once
            value = at_bind(at) if at_bind else at
            at_stored[at] = (value, at_text(value))
        row["at"], hashed_at = at_stored[at]
        h = link(prev, n, hashed_at, *list(row.values())[1:])
        row.update(id=n, prev_hash=prev, hash=h)
        params.append(tuple(map(row.__getitem__, order)) if order else row)
        prev = h
    conn.exec_driver_sql(sql, params)
    conn.execute(
        text("UPDATE audit_head SET last_id = :last_id, hash = :hash WHERE id = 1"),
        {"last_id": last_id + len(params), "hash": prev},
    )
    return list(range(last_id + 1, last_id + 1 + len(params)))


_INSERTS: dict[str, tuple] = {}


def _insert_for(dialect) -> tuple[str, list[str] | None, object]:
    """The INSERT for the driver (compiled once per dialect): a batch of 100,000 rows through
    SQLAlchemy's own executemany would convert every row's moment again."""
    key = f"{dialect.name}:{dialect.paramstyle}"
    if key not in _INSERTS:
        table = AuditLog.__table__
        names = ["id", *ENTRY, "prev_hash", "hash"]
        compiled = insert(table).compile(dialect=dialect, column_keys=names)
        order = list(compiled.positiontup) if dialect.positional else None
        at_bind = table.c.at.type.dialect_impl(dialect).bind_processor(dialect)
        _INSERTS[key] = (compiled.string, order, at_bind)
    return _INSERTS[key]
