"""The audit log read back: who changed which field of which row, when, from what to what.

Portable SQL over the table name, so SQLite and PostgreSQL answer the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from salestui.db.queries.executor import Session, rows
from salestui.db.queries.moments import aware


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
        params["since"] = since
        where.append("at >= :since")
    if by_login is not None:
        params["by_login"] = by_login
        where.append("by_login = :by_login")
    sql = (
        "SELECT id AS id, at AS at, by_login AS by_login, table_name AS table_name, "
        "row_id AS row_id, field AS field, old AS old, new AS new, batch AS batch FROM audit_log"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY at DESC, id DESC"
    if limit is not None:
        params["limit"] = int(limit)
        sql += " LIMIT :limit"
    return [
        AuditEntry(
            id=int(r.id),
            at=aware(r.at),
            by_login=r.by_login,
            table_name=r.table_name,
            row_id=int(r.row_id),
            field=r.field,
            old=r.old,
            new=r.new,
            batch=r.batch,
        )
        for r in rows(session, sql, params)
    ]
