"""A customer's contacts and a deal's contacts, for the customer detail, the deal detail, the
command line and the contacts export."""

from __future__ import annotations

from salestui.db.queries.executor import Row, Session, rows

_COLUMNS = (
    "ct.id AS id, ct.customer_id AS customer_id, ct.name AS name, ct.title AS title, "
    "ct.phone AS phone, ct.email AS email, ct.role AS role, ct.version AS version"
)


def customer_contacts(session: Session, customer_id: int) -> list[Row]:
    """The customer's contacts by name (then id, so equal names keep one order)."""
    return rows(
        session,
        f"SELECT {_COLUMNS} FROM contact ct WHERE ct.customer_id = :id ORDER BY ct.name, ct.id",
        {"id": customer_id},
    )


def deal_contacts(session: Session, deal_id: int) -> list[Row]:
    """The contacts linked to the deal, by name."""
    return rows(
        session,
        f"SELECT {_COLUMNS} FROM contact ct JOIN opportunity_contact oc ON oc.contact_id = ct.id "
        "WHERE oc.opportunity_id = :id ORDER BY ct.name, ct.id",
        {"id": deal_id},
    )
