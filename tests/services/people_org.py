"""A hand-written org for the people changes, small enough to follow every rule by hand.

ada   admin, manager, top, North, bound to OS account ada_os
├── mia   manager, North
│   ├── leo   manager, North
│   │   └── rex   rep, North
│   └── rae   rep, North
└── sol   manager, South
    ├── sam   rep, South, bound to sam_os
    └── old   rep, South, no longer active
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

from sqlmodel import Session

from salestui.db.engine import open_database
from salestui.db.tables import Person, Region
from tests.fixtures import BOOKKEEPING

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
# login → (name, role, manager, region, admin, os_user, active)
ORG = {
    "ada": ("Ada Top", "manager", None, "North", True, "ada_os", True),
    "mia": ("Mia Mid", "manager", "ada", "North", False, None, True),
    "leo": ("Leo Low", "manager", "mia", "North", False, None, True),
    "rex": ("Rex Rep", "rep", "leo", "North", False, None, True),
    "rae": ("Rae Rep", "rep", "mia", "North", False, None, True),
    "sol": ("Sol South", "manager", "ada", "South", False, None, True),
    "sam": ("Sam Rep", "rep", "sol", "South", False, "sam_os", True),
    "old": ("Old Timer", "rep", "sol", "South", False, None, False),
}


def build(path: str) -> str:
    engine = open_database(path, notice=lambda _: None)
    with Session(engine) as s:
        regions = {name: Region(name=name, region_class="strategic") for name in ("North", "South")}
        s.add_all(regions.values())
        s.flush()
        ids: dict[str, int] = {}
        for login, (name, role, boss, region, admin, account, active) in ORG.items():
            p = Person(
                login=login,
                display_name=name,
                role=role,
                manager_id=ids[boss] if boss else None,
                region_id=regions[region].id,
                admin=admin,
                os_user=account,
                active=active,
                hire_date=date(2024, 1, 8),
            )
            s.add(p)
            s.flush()
            ids[login] = p.id
        s.commit()
    engine.dispose()
    return path


def dump(path: str) -> dict[str, list[tuple]]:
    """Every committed row of every table, read past the ORM (the change journals and kept
    figures aside: a screen that read figures may have kept them meanwhile)."""
    con = sqlite3.connect(path)
    try:
        names = con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = [r[0] for r in names if r[0] not in BOOKKEEPING]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        con.close()


def person(path: str, login: str) -> dict:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return dict(con.execute("SELECT * FROM person WHERE login = ?", (login,)).fetchone())
    finally:
        con.close()


def login_of(path: str, person_id: int | None) -> str | None:
    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT login FROM person WHERE id = ?", (person_id,)).fetchone()
        return row[0] if row else None
    finally:
        con.close()
