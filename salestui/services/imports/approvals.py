"""The sign-offs an imported deal needs, asked as the board asks them (``salestui.services.deals``):
a deal created in, moved into or re-priced in Negotiation gets a pending approval for each role
its amount needs that it does not have yet, and its approval field follows. Every row written is
in the batch's audit, so an undo takes it back with the rest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text
from sqlalchemy.engine import Connection

from salestui.db.queries.settings import settings_map
from salestui.kernel.approvals import approval_rules_from
from salestui.kernel.domain import NEGOTIATION
from salestui.services.imports.store import CREATED, insert_rows, runs, update_rows


def request_approvals(conn: Connection, deal_ids: list[int], now: datetime, audit) -> None:
    """Ask what the deals in Negotiation among ``deal_ids`` still need; ``audit`` gets a row per
    approval created and per deal whose approval field changed."""
    if not deal_ids:
        return
    rules = approval_rules_from(settings_map(conn))
    deals = []
    for low, high in runs(sorted(set(deal_ids))):
        deals += conn.execute(
            text(
                "SELECT id, amount_minor, approval FROM opportunity "
                "WHERE id BETWEEN :a AND :b AND stage = :s"
            ),
            {"a": low, "b": high, "s": NEGOTIATION},
        ).all()
    wanted = {int(d.id) for d in deals}
    if not wanted:
        return
    have: dict[int, dict[str, str]] = {}
    for low, high in runs(sorted(wanted)):
        for r in conn.execute(
            text(
                "SELECT opportunity_id, approver_role, status FROM approval "
                "WHERE opportunity_id BETWEEN :a AND :b"
            ),
            {"a": low, "b": high},
        ):
            have.setdefault(int(r.opportunity_id), {})[r.approver_role] = r.status
    new_rows, changes = [], {}
    for d in deals:
        needed = rules.roles_for(int(d.amount_minor))
        given = have.get(int(d.id), {})
        for role in needed:
            if role not in given:
                new_rows.append({"opportunity_id": int(d.id), "approver_role": role,
                                 "status": "pending", "requested_at": now})  # fmt: skip
        statuses = [given.get(r, "pending") for r in needed]
        summary = (
            "rejected" if "rejected" in given.values()
            else "approved" if all(s == "approved" for s in statuses) else "pending"
        )  # fmt: skip
        if summary != d.approval:
            changes[int(d.id)] = {"approval": summary}
            audit.append(("opportunity", int(d.id), "approval", d.approval, summary))
    for row, i in zip(new_rows, insert_rows(conn, "approval", new_rows), strict=True):
        audit.append(("approval", i, CREATED, None, row["approver_role"]))
    update_rows(conn, "opportunity", changes)
