"""Read-only queries behind the leads screen and ``salestui lead list``: a person's leads as plain
rows (the SLA clock and the order are the core's, ``salestui.services.lead_list``)."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from salestui.db.queries.executor import Session, table
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


FULL = (
    "l.id, l.version, l.name, l.company, l.email, l.phone, l.source, l.industry, l.grade, "
    "l.status, l.status_reason, l.created_at, l.first_contact_at, l.owner_id, "
    "COALESCE(pe.display_name, '') AS owner, l.region_id, l.customer_id, l.contact_id, "
    "l.opportunity_id AS deal_id FROM lead l LEFT JOIN person pe ON pe.id = l.owner_id"
)


def _whose(owners, unowned_region, closed: bool, p: dict) -> str:
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
    return " AND ".join(where)


def lead_row(raw) -> LeadRow:
    """A row as the driver gives it (:data:`FULL`'s columns, moments as stored) as a
    :class:`LeadRow`, its moments aware, in UTC."""
    return LeadRow(*raw[:11], aware(raw[11]), aware(raw[12]), *raw[13:])


class LeadKey(NamedTuple):
    """What orders a lead in the list and runs its clock (``salestui.services.lead_list``)."""

    id: int
    status: str
    grade: str
    created_at: datetime
    first_contact_at: datetime | None


# the list's order (``salestui.services.lead_list.order_key``, whose test holds the two alike):
# the open leads not contacted yet first (their exact order is by deadline: the caller sorts
# them), then the open ones contacted, by grade and oldest first, then the closed ones, by
# grade and newest first; ties by id
LIST_ORDER = (
    "CASE WHEN l.status IN :open THEN CASE WHEN l.first_contact_at IS NULL THEN 0 ELSE 1 END "
    "ELSE 2 END, l.grade, CASE WHEN l.status IN :open THEN l.created_at END, "
    "l.created_at DESC, l.id"
)


def ordered_lead_keys(
    conn: Session,
    owners: tuple[int, ...] | None,
    unowned_region: int | None,
    closed: bool,
    open_statuses: tuple[str, ...],
) -> list[tuple]:
    """The leads owned by ``owners`` (None: every lead), with the unowned ones of
    ``unowned_region``, the open ones only unless ``closed``: :class:`LeadKey`'s columns as the
    driver gives them, in :data:`LIST_ORDER` — a list of 111,000 open leads is ordered from
    these, the page shown reads the rest (:func:`raw_leads`)."""
    p: dict = {"open": open_statuses}
    where = _whose(owners, unowned_region, closed, p)
    sql = (
        "SELECT l.id, l.status, l.grade, l.created_at, l.first_contact_at FROM lead l "
        f"WHERE {where} ORDER BY {LIST_ORDER}"
    )
    return table(conn, sql, p).rows


BY_ID_CHUNK = 500  # ids asked at once (well under any database's limit of bound values)


class Whose(NamedTuple):
    """Whose leads a list holds (:func:`ordered_lead_keys`' filter, asked again of each page)."""

    owners: tuple[int, ...] | None
    unowned_region: int | None
    closed: bool


def raw_leads(conn: Session, ids: list[int], whose: Whose) -> dict[int, tuple]:
    """The leads ``ids`` that are still ``whose`` (the same filter as the list's order: one
    given to another team or closed since is not read), by id, as the driver gives them
    (:func:`lead_row` makes them rows)."""
    found: dict[int, tuple] = {}
    for at in range(0, len(ids), BY_ID_CHUNK):
        p: dict = {"ids": tuple(ids[at : at + BY_ID_CHUNK])}
        where = _whose(whose.owners, whose.unowned_region, whose.closed, p)
        sql = f"SELECT {FULL} WHERE l.id IN :ids AND {where}"
        found |= {r[0]: r for r in table(conn, sql, p).rows}
    return found
