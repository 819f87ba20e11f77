"""The change journals (migrations 0010, 0018): the last change number, the customers (or the
owners of stage history) touched since a number, and the figures kept in ``figure_store``."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Journal:
    """One change journal: the table each write's triggers stamp the ids it touched in, with the
    next change number (customers: migration 0010; owners of stage history: 0018)."""

    table: str
    id_column: str

    def number(self, session: Session) -> int:
        """The number of the last change stamped (0 before any): on SQLite the highest stamped
        (its writers take turns), on a server the counter each stamping statement holds until
        commit (one series for every journal)."""
        if dialect(session) == "sqlite":
            row = first(session, f"SELECT COALESCE(MAX(seq), 0) AS n FROM {self.table}")
        else:
            row = first(session, "SELECT n FROM change_counter WHERE id = 1")
        return int(row.n) if row else 0

    def touched_since(self, session: Session, number: int, limit: int) -> list[int] | None:
        """The ids stamped after change ``number``; None when more than ``limit`` were (the
        caller then recomputes them all)."""
        found = rows(
            session,
            f"SELECT {self.id_column} AS id FROM {self.table} WHERE seq > :n LIMIT :cap",
            {"n": number, "cap": limit + 1},
        )
        if len(found) > limit:
            return None
        return [int(r.id) for r in found]


CUSTOMERS = Journal("customer_touch", "customer_id")
OWNERS = Journal("owner_touch", "owner_id")


def change_number(session: Session) -> int:
    """The customer journal's last number (:meth:`Journal.number`)."""
    return CUSTOMERS.number(session)


def customers_touched_since(session: Session, number: int, limit: int) -> list[int] | None:
    """The customers stamped after change ``number`` (:meth:`Journal.touched_since`)."""
    return CUSTOMERS.touched_since(session, number, limit)


def stored_figures(session: Session, name: str) -> tuple[date, int, bytes] | None:
    """The kept figures called ``name``: their day, change number and content."""
    row = first(
        session, "SELECT day, seq, payload FROM figure_store WHERE name = :name", {"name": name}
    )
    if row is None:
        return None
    day = row.day if isinstance(row.day, date) else date.fromisoformat(str(row.day))
    return day, int(row.seq), bytes(row.payload)


def stored_number(session: Session, name: str) -> int | None:
    """The change number of the kept figures called ``name`` (not their content); None when
    none are kept."""
    row = first(session, "SELECT seq FROM figure_store WHERE name = :name", {"name": name})
    return None if row is None else int(row.seq)
