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


# Whose row an audited row is, per table: its owner's id (subqueries over :owners).
_OWNED_ROWS = {
    "person": "SELECT id FROM person WHERE id IN :owners",
    "opportunity": "SELECT id FROM opportunity WHERE owner_id IN :owners",
    "customer": "SELECT id FROM customer WHERE owner_id IN :owners",
    "lead": "SELECT id FROM lead WHERE owner_id IN :owners",
    "action_item": "SELECT id FROM action_item WHERE owner_id IN :owners",
    "activity": "SELECT id FROM activity WHERE person_id IN :owners",
    "stage_change": "SELECT sc.id FROM stage_change sc JOIN opportunity o "
    "ON o.id = sc.opportunity_id WHERE o.owner_id IN :owners",
    "sales_order": "SELECT so.id FROM sales_order so JOIN customer c ON c.id = so.customer_id "
    "WHERE c.owner_id IN :owners",
    "target": "SELECT id FROM target WHERE scope_type IN ('person', 'team') "
    "AND scope_id IN :owners",
    "contact": "SELECT ct.id FROM contact ct JOIN customer c ON c.id = ct.customer_id "
    "WHERE c.owner_id IN :owners",
}


def _seen_by(owners, params: dict) -> str:
    """The entries a person sees: made by someone in ``owners``, or about a row one of them
    owns (``salestui.kernel.viewer``); empty for None (everyone)."""
    if owners is None:
        return ""
    params["owners"] = tuple(owners) or (-1,)
    about = " OR ".join(
        f"(table_name = '{table}' AND row_id IN ({sql}))" for table, sql in _OWNED_ROWS.items()
    )
    return f"(by_login IN (SELECT login FROM person WHERE id IN :owners) OR {about})"


def audit_entries(
    session: Session,
    *,
    since: datetime | None = None,
    by_login: str | None = None,
    limit: int | None = None,
    owners=None,
) -> list[AuditEntry]:
    """Newest first; ``since`` is a moment (aware or naive UTC), ``limit`` None for all rows;
    ``owners`` the ids of the people whose part of the log is shown (None: all of it)."""
    params: dict = {}
    where: list[str] = []
    seen = _seen_by(owners, params)
    if seen:
        where.append(seen)
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
