"""The audit log: who changed which field of which row, when, from what to what."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlmodel import Session

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
