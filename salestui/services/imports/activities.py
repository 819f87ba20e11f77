"""What imported activities do to their deals, as a logged one does (``services.activities``):
a deal's last activity moves to the latest imported one, never back
(:func:`~salestui.services.deal_fields.last_activity_after`). Audited in the batch with a new
version, so an undo takes it back and a form open on the deal cannot save over it."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from salestui.services.deal_fields import last_activity_after
from salestui.services.imports.store import current_rows, update_rows


def follow_on_deals(conn: Connection, rows: list[dict], audit) -> None:
    """``rows``: the activities just written (``opportunity_id``, ``occurred_at``)."""
    latest: dict[int, object] = {}
    for r in rows:
        deal, moment = r.get("opportunity_id"), r.get("occurred_at")
        if deal is None or moment is None:
            continue
        if deal not in latest or last_activity_after(latest[deal], moment) is not None:
            latest[deal] = moment
    if not latest:
        return
    current = current_rows(conn, "opportunity", sorted(latest))
    changes = {}
    for deal, moment in latest.items():
        row = current.get(deal)
        if row is None:
            continue
        later = last_activity_after(row["last_activity_at"], moment)
        if later is None:
            continue
        version = row["version"]
        changes[deal] = {"last_activity_at": later, "version": version + 1}
        audit.append(("opportunity", deal, "last_activity_at", row["last_activity_at"], later))
        audit.append(("opportunity", deal, "version", version, version + 1))
    update_rows(conn, "opportunity", changes)
