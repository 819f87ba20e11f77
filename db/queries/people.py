"""People and regions as plain rows: the org tree is small, read whole, walked in the core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from salestui.db.queries.executor import Session
from sqlalchemy import text


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
    rows = session.execute(
        text(
            "SELECT id, login, display_name, role, title, manager_id, region_id, hire_date, active "
            "FROM person ORDER BY display_name, id"
        )
    )
    return [
        PersonRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _date(r[7]), bool(r[8])) for r in rows
    ]


def all_regions(session: Session) -> list[RegionRow]:
    rows = session.execute(text("SELECT id, name, region_class FROM region ORDER BY name"))
    return [RegionRow(r[0], r[1], r[2]) for r in rows]


def find_customers(session: Session, needle: str, limit: int = 20) -> list[tuple[int, str]]:
    """Customers whose name contains ``needle`` (case-insensitive), shortest names first."""
    rows = session.execute(
        text(
            "SELECT id, name FROM customer WHERE lower(name) LIKE :n "
            "ORDER BY length(name), name LIMIT :lim"
        ),
        {"n": f"%{needle.strip().lower()}%", "lim": limit},
    )
    return [(int(r[0]), r[1]) for r in rows]


def customer_name(session: Session, customer_id: int) -> str | None:
    row = session.execute(
        text("SELECT name FROM customer WHERE id = :id"), {"id": customer_id}
    ).first()
    return row[0] if row else None


def customer_name_starting(session: Session, prefix: str) -> str | None:
    """The first customer name (alphabetically) that starts with ``prefix``, ignoring case."""
    row = session.execute(
        text("SELECT name FROM customer WHERE lower(name) LIKE :p ORDER BY name LIMIT 1"),
        {"p": prefix.lower().replace("%", r"\%").replace("_", r"\_") + "%"},
    ).first()
    return row[0] if row else None


def customer_id_by_name(session: Session, name: str) -> int | None:
    """The customer of exactly this name (case-insensitive), oldest first if several."""
    row = session.execute(
        text("SELECT id FROM customer WHERE lower(name) = lower(:n) ORDER BY id LIMIT 1"),
        {"n": name.strip()},
    ).first()
    return int(row[0]) if row else None
