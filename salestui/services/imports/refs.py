"""References in imported rows: the owner of a deal, its customer, a product, a region.

Each is found by external id, then by name (login, display name, SKU), ignoring case. What is
not found is either an error for the row or, with ``--create-missing``, a record to create first;
the same missing name on many rows is created once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Connection

from salestui.transfer.kinds import slug

AMBIGUOUS = -1


def _key(value: object) -> str:
    return str(value).strip().lower()


@dataclass
class Index:
    """Ids of one table by each way a file may name its rows."""

    by: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, way: str, value: object, row_id: int) -> None:
        if value is None or str(value).strip() == "":
            return
        d = self.by.setdefault(way, {})
        k = _key(value)
        d[k] = AMBIGUOUS if k in d and d[k] != row_id else row_id

    def find(self, value: object, ways: tuple[str, ...]) -> int | None:
        k = _key(value)
        for way in ways:
            found = self.by.get(way, {}).get(k)
            if found is not None:
                return found
        return None


_QUERIES = {
    "person": ("SELECT id AS id, external_id AS external_id, login AS login, display_name AS display_name FROM person", ("external_id", "login", "display_name")),
    "customer": ("SELECT id AS id, external_id AS external_id, name AS name FROM customer", ("external_id", "name")),
    "product": ("SELECT id AS id, sku AS sku, name AS name FROM product", ("sku", "name")),
    "region": ("SELECT id AS id, name AS name FROM region", ("name",)),
    "opportunity": ("SELECT id AS id, external_id AS external_id, title AS title FROM opportunity", ("external_id", "title")),
}  # fmt: skip

WAYS = {
    "person": ("external_id", "login", "display_name"),
    "customer": ("external_id", "name"),
    "product": ("sku", "name"),
    "region": ("name",),
    "opportunity": ("external_id", "title"),
}


def load_index(conn: Connection, kind: str) -> Index:
    sql, ways = _QUERIES[kind]
    index = Index()
    for row in conn.execute(text(sql)).mappings():
        for way in ways:
            index.add(way, row[way], row["id"])
    return index


@dataclass
class Missing:
    """A referenced record that does not exist yet, and where it was first asked for."""

    kind: str
    key: str
    line: int
    attrs: dict[str, object]
    id: int | None = None


class Refs:
    """Resolves reference values against the database, planning what ``--create-missing`` adds."""

    def __init__(self, conn: Connection, create_missing: bool) -> None:
        self.conn = conn
        self.create_missing = create_missing
        self.indexes: dict[str, Index] = {}
        self.missing: dict[tuple[str, str], Missing] = {}
        self.memo: dict[tuple, int] = {}

    def index(self, kind: str) -> Index:
        if kind not in self.indexes:
            self.indexes[kind] = load_index(self.conn, kind)
        return self.indexes[kind]

    def find(self, kind: str, value: object, external: object = None) -> int | Missing | None:
        """The id, a planned Missing record, or None (not found and not to be created)."""
        index = self.index(kind)
        if external:
            found = index.find(external, WAYS[kind][:1])
            if found is not None:
                return found
        found = index.find(value, WAYS[kind])
        if found is not None:
            return found
        planned = self.missing.get((kind, _key(external or value)))
        return planned

    def plan(self, kind: str, value: object, line: int, attrs: dict[str, object]) -> Missing:
        key = _key(attrs.get("external_id") or attrs.get("sku") or value)
        found = self.missing.get((kind, key))
        if found is None:
            found = self.missing[(kind, key)] = Missing(kind, key, line, attrs)
        return found

    def planned(self, kind: str) -> list[Missing]:
        return [m for (k, _), m in self.missing.items() if k == kind]


def person_attrs(name: str) -> dict[str, object]:
    login = slug(name)
    return {"login": login, "display_name": name.strip(), "role": "rep"}
