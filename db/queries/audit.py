"""The audit log read back: who changed which field of which row, when, from what to what.

Portable SQL over the table name, so SQLite and PostgreSQL answer the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from salestui.db.queries.board import _as_datetime, naive_utc
from salestui.db.queries.executor import Session, rows


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime  # aware, UTC
    by_login: str
    table_name: str
    row_id: int
    field: str
    old: str | None
    new: str | None
    batch: str | None


def audit_entries(
    session: Session,
    *,
    since: datetime | None = None,
    by_login: str | None = None,
    limit: int | None = None,
) -> list[AuditEntry]:
    """Newest first; ``since`` is a moment (aware or naive UTC), ``limit`` None for all rows."""
    params: dict = {}
    where: list[str] = []
    if since is not None:
        params["since"] = naive_utc(since)
        where.append("at >= :since")
    if by_login is not None:
        params["by_login"] = by_login
        where.append("by_login = :by_login")
    sql = "SELECT id, at, by_login, table_name, row_id, field, old, new, batch FROM audit_log"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY at DESC, id DESC"
    if limit is not None:
        params["limit"] = int(limit)
        sql += " LIMIT :limit"
    return [
        AuditEntry(
            id=int(r[0]),
            at=_as_datetime(r[1]),
            by_login=r[2],
            table_name=r[3],
            row_id=int(r[4]),
            field=r[5],
            old=r[6],
            new=r[7],
            batch=r[8],
        )
        for r in rows(session, sql, params)
    ]
