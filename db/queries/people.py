"""People and regions as plain rows: the org tree is small, read whole, walked in the core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from salestui.db.queries.executor import Session, first, rows


@dataclass(frozen=True)
class PersonRow:
    id: int
    login: str
    display_name: str
    role: str
    title: str
    manager_id: int | None
    region_id: int | None
    hire_date: date | None
    active: bool


@dataclass(frozen=True)
class RegionRow:
    id: int
    name: str
    region_class: str


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def all_people(session: Session) -> list[PersonRow]:
    found = rows(
        session,
        "SELECT id, login, display_name, role, title, manager_id, region_id, hire_date, active "
        "FROM person ORDER BY display_name, id",
    )
    return [
        PersonRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _date(r[7]), bool(r[8])) for r in found
    ]


def all_regions(session: Session) -> list[RegionRow]:
    found = rows(session, "SELECT id, name, region_class FROM region ORDER BY name")
    return [RegionRow(r[0], r[1], r[2]) for r in found]


def find_customers(session: Session, needle: str, limit: int = 20) -> list[tuple[int, str]]:
    """Customers whose name contains ``needle`` (case-insensitive), shortest names first."""
    found = rows(
        session,
        "SELECT id, name FROM customer WHERE lower(name) LIKE :n "
        "ORDER BY length(name), name LIMIT :lim",
        {"n": f"%{needle.strip().lower()}%", "lim": limit},
    )
    return [(int(r[0]), r[1]) for r in found]


def customer_name(session: Session, customer_id: int) -> str | None:
    row = first(session, "SELECT name FROM customer WHERE id = :id", {"id": customer_id})
    return row[0] if row else None


def customer_name_starting(session: Session, prefix: str) -> str | None:
    """The first customer name (alphabetically) that starts with ``prefix``, ignoring case."""
    row = first(
        session,
        "SELECT name FROM customer WHERE lower(name) LIKE :p ESCAPE '\\' ORDER BY name LIMIT 1",
        {"p": prefix.lower().replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") + "%"},
    )
    return row[0] if row else None


def customer_id_by_name(session: Session, name: str) -> int | None:
    """The customer of exactly this name (case-insensitive), oldest first if several."""
    row = first(
        session,
        "SELECT id FROM customer WHERE lower(name) = lower(:n) ORDER BY id LIMIT 1",
        {"n": name.strip()},
    )
    return int(row[0]) if row else None
