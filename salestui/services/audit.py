"""The audit log: who changed which field of which row, when, from what to what.

Values are kept as text (:func:`as_text`); an undo reads them back as the column's own type
(:func:`typed`) and compares them with what the row holds now (:func:`same`).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Integer
from sqlmodel import Session, SQLModel

from salestui.db.queries.moments import aware
from salestui.db.tables import AuditLog


def new_batch() -> str:
    return uuid.uuid4().hex[:12]


def as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
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
    for field, (old, new) in changes.items():
        if old == new and field != "*created*":
            continue
        session.add(
            AuditLog(
                at=at,
                by_login=actor,
                table_name=table,
                row_id=row_id,
                field=field,
                old=as_text(old),
                new=as_text(new),
                batch=batch,
            )
        )
