"""The change journal (migration 0010): the last change number, the customers touched since a
number, and the figures kept in ``figure_store``."""

from __future__ import annotations

from datetime import date

from salestui.db.queries.executor import Session, dialect, first, rows

# SQL that keeps a computed figure unless a newer one (a later day, or a later change number on
# the same day) is already kept: two people computing at once never move it backwards. (At the
# same number the last writer wins: a kept figure says what else it was computed for, and a
# reader checks it.)
STORE_SQL = (
    "INSERT INTO figure_store (name, day, seq, payload) VALUES (:name, :day, :seq, :payload) "
    "ON CONFLICT (name) DO UPDATE SET day = excluded.day, seq = excluded.seq, "
    "payload = excluded.payload WHERE excluded.day > figure_store.day "
    "OR (excluded.day = figure_store.day AND excluded.seq >= figure_store.seq)"
)


def change_number(session: Session) -> int:
    """The number of the last change stamped (0 before any): on SQLite the highest stamped (its
    writers take turns), on a server the counter each stamping statement holds until commit."""
    if dialect(session) == "sqlite":
        row = first(session, "SELECT COALESCE(MAX(seq), 0) AS n FROM customer_touch")
    else:
        row = first(session, "SELECT n FROM change_counter WHERE id = 1")
    return int(row.n) if row else 0


def customers_touched_since(session: Session, number: int, limit: int) -> list[int] | None:
    """The customers stamped after change ``number``; None when more than ``limit`` were (the
    caller then recomputes them all)."""
    found = rows(
        session,
        "SELECT customer_id FROM customer_touch WHERE seq > :n LIMIT :cap",
        {"n": number, "cap": limit + 1},
    )
    if len(found) > limit:
        return None
    return [int(r.customer_id) for r in found]


def stored_figures(session: Session, name: str) -> tuple[date, int, bytes] | None:
    """The kept figures called ``name``: their day, change number and content."""
    row = first(
        session, "SELECT day, seq, payload FROM figure_store WHERE name = :name", {"name": name}
    )
    if row is None:
        return None
    day = row.day if isinstance(row.day, date) else date.fromisoformat(str(row.day))
    return day, int(row.seq), bytes(row.payload)
