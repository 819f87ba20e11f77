"""Read-only queries behind the leads screen and ``salestui lead list``: a person's leads as plain
rows (the SLA clock and the order are the core's, ``salestui.services.lead_list``)."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from salestui.db.queries.executor import Session, rows
from salestui.db.queries.moments import aware

CLOSED = ("converted", "disqualified")


class LeadRow(NamedTuple):
    """One lead, read-only. A named tuple, not a frozen dataclass: a person who sees every lead
    reads 111,000 open ones at 1,000,000 deals, and a frozen dataclass's constructor (a
    ``setattr`` per field) took 0.5 s of the leads screen's 2.3 s for them."""

    id: int
    version: int
    name: str
    company: str
    email: str
    phone: str
    source: str
    industry: str
    grade: str
    status: str
    status_reason: str
    created_at: datetime
    first_contact_at: datetime | None
    owner_id: int | None
    owner: str  # display name, "" when nobody owns it
    region_id: int | None
    customer_id: int | None
    contact_id: int | None
    deal_id: int | None


def lead_rows(
    conn: Session,
    owners: tuple[int, ...] | None,
    unowned_region: int | None = None,
    *,
    closed: bool = False,
    lead_id: int | None = None,
) -> list[LeadRow]:
    """The leads owned by ``owners`` (None: every lead), with the unowned ones of
    ``unowned_region``; the open ones only unless ``closed``; one lead with ``lead_id``."""
    p: dict = {}
    where = ["1 = 1"]
    if owners is not None:
        p["owners"] = tuple(owners) or (-1,)
        mine = "l.owner_id IN :owners"
        if unowned_region is not None:
            p["region"] = unowned_region
            mine = f"({mine} OR (l.owner_id IS NULL AND l.region_id = :region))"
        where.append(mine)
    if not closed:
        p["closed"] = CLOSED
        where.append("l.status NOT IN :closed")
    if lead_id is not None:
        p["lead"] = lead_id
        where.append("l.id = :lead")
    sql = (
        "SELECT l.id, l.version, l.name, l.company, l.email, l.phone, l.source, l.industry, "
        "l.grade, l.status, l.status_reason, l.created_at, l.first_contact_at, l.owner_id, "
        "COALESCE(pe.display_name, '') AS owner, l.region_id, l.customer_id, l.contact_id, "
        "l.opportunity_id AS deal_id "
        "FROM lead l LEFT JOIN person pe ON pe.id = l.owner_id "
        f"WHERE {' AND '.join(where)} ORDER BY l.id"
    )
    return [
        LeadRow(*r[:11], aware(r.created_at), aware(r.first_contact_at), *r[13:])
        for r in rows(conn, sql, p)
    ]
