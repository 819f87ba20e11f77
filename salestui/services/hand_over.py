"""The one rule of what goes along when a customer gets a new owner: the old owner's open deals
on it and their open action items about it (each at a new version, so a form still open on one
cannot save over the move); deals and items of anyone else stay theirs, closed ones stay as the
record of who closed them. Reassigning in the app or by script and a customers import that
changes an owner all hand over through :func:`hand_over_open`."""

from __future__ import annotations

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from salestui.kernel.domain import CLOSED_STAGES, OPEN_ACTION_STATUSES
from salestui.kernel.i18n import _, ngettext

_OPEN = {
    "opportunity": (
        text("SELECT id, version FROM opportunity WHERE owner_id = :o AND customer_id = :c "
             "AND stage NOT IN :states ORDER BY id").bindparams(bindparam("states", expanding=True)),
        CLOSED_STAGES,
    ),
    "action_item": (
        text("SELECT id, version FROM action_item WHERE owner_id = :o AND link_type = 'customer' "
             "AND link_id = :c AND status IN :states ORDER BY id"
        ).bindparams(bindparam("states", expanding=True)),
        OPEN_ACTION_STATUSES,
    ),
}  # fmt: skip


def hand_over_open(conn: Connection, customer_id: int, old: int, new: int) -> list[tuple]:
    """Give ``old``'s open deals and open items of the customer to ``new``; returns the audit
    rows ``(table, row_id, field, old, new)`` of every change made (owner and version)."""
    changed: list[tuple] = []
    for table, (query, states) in _OPEN.items():
        found = conn.execute(query, {"o": old, "c": customer_id, "states": list(states)}).all()
        for row_id, version in found:
            conn.execute(
                text(f"UPDATE {table} SET owner_id = :n, version = :v WHERE id = :i"),
                {"n": new, "v": version + 1, "i": row_id},
            )
            changed += [(table, row_id, "owner_id", old, new),
                        (table, row_id, "version", version, version + 1)]  # fmt: skip
    return changed


def open_counts(conn: Connection, customer_id: int, old: int) -> tuple[int, int]:
    """How many open deals and open items :func:`hand_over_open` would move (a dry run's words)."""
    found = [
        len(conn.execute(query, {"o": old, "c": customer_id, "states": list(states)}).all())
        for query, states in _OPEN.values()
    ]
    return found[0], found[1]


def moved_counts(changed: list[tuple]) -> tuple[int, int]:
    """How many deals and items ``hand_over_open`` moved."""
    rows = {(t, i) for t, i, *_ in changed}
    return sum(t == "opportunity" for t, _ in rows), sum(t == "action_item" for t, _ in rows)


def went_along(deals: int, items: int) -> str:
    """``2 open deals and 1 open action item`` (empty when nothing went)."""
    went = [
        ngettext("{n} open deal", "{n} open deals", deals).format(n=deals) if deals else "",
        ngettext("{n} open action item", "{n} open action items", items).format(n=items)
        if items
        else "",
    ]
    return _(" and ").join(w for w in went if w)
