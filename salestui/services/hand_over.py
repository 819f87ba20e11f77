"""When a customer changes owner, the old owner's open deals on it and open action items about
it go along — by hand (``reassign_customer``) and by a customers import alike: one rule."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from salestui.db.tables import ActionItem, AuditLog, Opportunity
from salestui.kernel.domain import CLOSED_STAGES, OPEN_ACTION_STATUSES

# audit rows: (table, row id, field, old, new)
AuditRow = tuple[str, int, str, object, object]


def hand_over_open(
    conn: Connection, customer_id: int, old_owner: int, new_owner: int
) -> tuple[int, int, list[AuditRow]]:
    """Move them, each with a new version (a form still open on one cannot save over the move);
    deals and items of anyone else stay theirs. The open deals and items moved, and the audit
    rows to write."""
    audit: list[AuditRow] = []
    deals = _move(
        conn, Opportunity, "opportunity", old_owner, new_owner, audit,
        Opportunity.customer_id == customer_id, Opportunity.stage.not_in(CLOSED_STAGES),
    )  # fmt: skip
    items = _move(
        conn, ActionItem, "action_item", old_owner, new_owner, audit,
        ActionItem.link_type == "customer", ActionItem.link_id == customer_id,
        ActionItem.status.in_(OPEN_ACTION_STATUSES),
    )  # fmt: skip
    return deals, items, audit


def _move(conn, model, table, old, new, audit, *where) -> int:
    found = conn.execute(select(model.id, model.version).where(model.owner_id == old, *where)).all()
    for row_id, version in found:
        conn.execute(
            update(model).where(model.id == row_id).values(owner_id=new, version=version + 1)
        )
        audit.append((table, row_id, "owner_id", old, new))
        audit.append((table, row_id, "version", version, version + 1))
    return len(found)


def went_along(deals: int, items: int) -> str:
    """``"3 open deals and 1 open action item"``; empty when nothing went."""
    went = [f"{deals} open deal{'s' if deals != 1 else ''}" if deals else "",
            f"{items} open action item{'s' if items != 1 else ''}" if items else ""]  # fmt: skip
    return " and ".join(w for w in went if w)


def handed_over_in(conn: Connection, batch: str) -> tuple[int, int]:
    """The open deals and action items a customers import handed over (from its audit rows)."""
    rows = conn.execute(
        select(AuditLog.table_name, func.count())
        .where(
            AuditLog.batch == batch,
            AuditLog.field == "owner_id",
            AuditLog.table_name.in_(("opportunity", "action_item")),
        )
        .group_by(AuditLog.table_name)
    ).all()
    found = dict(rows)
    return found.get("opportunity", 0), found.get("action_item", 0)
