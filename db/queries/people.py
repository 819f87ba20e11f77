"""People and regions as plain rows: the org tree is small, read whole, walked in the core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salestui.db.queries.executor import Session, first, like_pattern, rows
from salestui.db.queries.moments import aware, day


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
    admin: bool = False
    os_user: str | None = None
    timezone: str = ""  # "" is the system's


@dataclass(frozen=True)
class RegionRow:
    id: int
    name: str
    region_class: str


def all_people(session: Session) -> list[PersonRow]:
    found = rows(
        session,
        "SELECT id AS id, login AS login, display_name AS display_name, role AS role, "
        "title AS title, manager_id AS manager_id, region_id AS region_id, "
        "hire_date AS hire_date, active AS active, admin AS admin, os_user AS os_user, "
        "timezone AS timezone FROM person ORDER BY display_name, id",
    )
    return [
        _person(
            r.id, r.login, r.display_name, r.role, r.title, r.manager_id, r.region_id,
            day(r.hire_date), bool(r.active), bool(r.admin), r.os_user, r.timezone or "",
        )
        for r in found
    ]  # fmt: skip


_PERSON_FIELDS = tuple(PersonRow.__dataclass_fields__)


def _person(*values) -> PersonRow:
    """A PersonRow filled without the frozen dataclass's ``__init__`` (one ``object.__setattr__``
    per field). Every write reads the whole org (who may change what): at 500 people (1,000,000
    deals) that ``__init__`` took 3–5 ms of each read, this 1–1.5 ms (bench_writes.py)."""
    person = object.__new__(PersonRow)
    person.__dict__.update(zip(_PERSON_FIELDS, values, strict=True))
    return person


def all_regions(session: Session) -> list[RegionRow]:
    found = rows(
        session,
        "SELECT id AS id, name AS name, region_class AS region_class FROM region ORDER BY name",
    )
    return [RegionRow(r.id, r.name, r.region_class) for r in found]


def customer_name_starting(session: Session, prefix: str) -> str | None:
    """The first customer name (alphabetically) that starts with ``prefix``, ignoring case."""
    row = first(
        session,
        "SELECT name AS name FROM customer WHERE lower(name) LIKE :p ESCAPE '\\' "
        "ORDER BY name LIMIT 1",
        {"p": like_pattern(prefix, prefix=True)},
    )
    return row.name if row else None


def customer_id_by_name(session: Session, name: str) -> int | None:
    """The customer of exactly this name (case-insensitive), oldest first if several."""
    row = first(
        session,
        "SELECT id AS id FROM customer WHERE lower(name) = lower(:n) ORDER BY id LIMIT 1",
        {"n": name.strip()},
    )
    return int(row.id) if row else None


def person_version(session: Session, person_id: int) -> int | None:
    """The version a form read a person at, for the save to name."""
    row = first(session, "SELECT version AS version FROM person WHERE id = :id", {"id": person_id})
    return int(row.version) if row else None


@dataclass(frozen=True)
class OrgChange:
    person_id: int
    at: datetime  # aware, UTC
    field: str  # manager_id, region_id, or *created* (a person added)
    old: str | None
    new: str | None
    batch: str | None


def org_changes_since(session: Session, since: datetime) -> list[OrgChange]:
    """Every change of a person's manager or region at or after ``since`` (and every person
    created since), newest first, as the audit log holds them: the org's history
    (``salestui.kernel.org_history``)."""
    found = rows(
        session,
        "SELECT row_id AS person_id, at AS at, field AS field, old AS old, new AS new, "
        "batch AS batch FROM audit_log WHERE table_name = 'person' "
        "AND field IN ('manager_id', 'region_id', '*created*') AND at >= :since "
        "ORDER BY at DESC, id DESC",
        {"since": since},
    )
    return [OrgChange(int(r.person_id), aware(r.at), r.field, r.old, r.new, r.batch) for r in found]
