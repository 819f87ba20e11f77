"""After an import made customers: the new ones that look like a customer already there (or like
each other), offered in the summary — the import is not stopped, and its undo takes them back."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from salestui.customers.duplicates import likely_duplicates
from salestui.services.imports.store import CREATED

SHOWN = 3


def duplicate_notes(conn: Connection, batch: str) -> list[str]:
    """One line per likely pair with a customer this batch created, the first few named."""
    new = {
        int(r.row_id)
        for r in conn.execute(
            text(
                "SELECT row_id FROM audit_log WHERE batch = :b AND table_name = 'customer' "
                "AND field = :created"
            ),
            {"b": batch, "created": CREATED},
        )
    }
    if not new:
        return []
    names = {int(r.id): r.name for r in conn.execute(text("SELECT id, name FROM customer"))}
    pairs = [p for p in likely_duplicates(names.items()) if p.first in new or p.second in new]
    if not pairs:
        return []
    lines = [
        f"{len(pairs):,} likely duplicate customer pair(s) with a customer this import made "
        "(see salestui customer duplicates):"
    ]
    lines += [
        f"  “{names[p.first]}” (#{p.first}) ~ “{names[p.second]}” (#{p.second}): {p.why}"
        for p in pairs[:SHOWN]
    ]
    if len(pairs) > SHOWN:
        lines.append(f"  … and {len(pairs) - SHOWN:,} more")
    return lines


def handed_over(conn: Connection, batch: str) -> str:
    """What a customers import's new owners took along (``services.hand_over``), from its audit
    rows: ``2 open deals and 1 open action item``, or ""."""
    from salestui.services.hand_over import went_along

    moved = dict(
        conn.execute(
            text(
                "SELECT table_name, count(DISTINCT row_id) FROM audit_log WHERE batch = :b "
                "AND field = 'owner_id' AND table_name IN ('opportunity', 'action_item') "
                "GROUP BY table_name"
            ),
            {"b": batch},
        ).all()
    )
    return went_along(moved.get("opportunity", 0), moved.get("action_item", 0))
