"""How an import row is matched to what exists: the keys of each kind (its external id, else
its natural key — a customer's name, a deal's customer and title, …), in the file and in the
database alike, so a re-import updates and never duplicates."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from salestui.services.imports.refs import Missing
from salestui.services.imports.store import MODELS

_KEYS_SQL = {  # id, external_id, natural_key
    "people": "SELECT id AS id, external_id AS external_id, lower(login) AS natural_key FROM person",
    "customers": "SELECT id AS id, external_id AS external_id, lower(name) AS natural_key FROM customer",
    "products": "SELECT id AS id, sku AS external_id, lower(name) AS natural_key FROM product",
    "opportunities": "SELECT id AS id, external_id AS external_id, customer_id || '|' || lower(title) "
    "AS natural_key FROM opportunity",
    "leads": "SELECT id AS id, external_id AS external_id, lower(name) || '|' || lower(company) "
    "AS natural_key FROM lead",
    "orders": "SELECT id AS id, external_id AS external_id, NULL AS natural_key FROM sales_order",
    "contacts": "SELECT id AS id, external_id AS external_id, customer_id || '|' || lower(name) "
    "AS natural_key FROM contact",
    "activities": "SELECT id AS id, NULL AS external_id, kind || '|' || person_id || '|' || "
    "COALESCE(customer_id, '') || '|' || COALESCE(opportunity_id, '') AS natural_key FROM activity",
    "targets": "SELECT id AS id, NULL AS external_id, scope_type || '|' || COALESCE(scope_id, '') || "
    "'|' || period_type || '|' || metric AS natural_key FROM target",
}


def ref_key(x) -> str:
    return "new" if isinstance(x, Missing) or x is None else str(x)


def key_parts(kind: str, v: dict) -> list[str]:
    ref = ref_key
    if kind == "people":
        return ([f"x:{v['external_id']}"] if v.get("external_id") else []) + [
            f"k:{str(v.get('login', '')).lower()}"
        ]
    if kind == "customers":
        return ([f"x:{v['external_id']}"] if v.get("external_id") else []) + [
            f"k:{str(v.get('name', '')).lower()}"
        ]
    if kind == "products":
        return ([f"x:{v['sku']}"] if v.get("sku") else []) + [f"k:{str(v.get('name', '')).lower()}"]
    if kind in ("orders",):
        return [f"x:{v.get('external_id')}"]
    if kind == "opportunities":
        if v.get("external_id"):
            return [f"x:{v['external_id']}"]
        return [f"k:{ref(v.get('customer_id'))}|{str(v.get('title', '')).lower()}"]
    if kind == "contacts":
        return ([f"x:{v['external_id']}"] if v.get("external_id") else []) + [
            f"k:{ref(v.get('customer_id'))}|{str(v.get('name', '')).lower()}"
        ]
    if kind == "leads":
        if v.get("external_id"):
            return [f"x:{v['external_id']}"]
        return [f"k:{str(v.get('name', '')).lower()}|{str(v.get('company', '')).lower()}"]
    if kind == "activities":
        at = v.get("occurred_at")
        parts = (
            v.get("kind"),
            ref(v.get("person_id")),
            ref(v.get("customer_id")) if v.get("customer_id") else "",
            ref(v.get("opportunity_id")) if v.get("opportunity_id") else "",
        )
        return [f"k:{'|'.join(map(str, parts))}|{at.isoformat() if at else ''}"]
    start = v.get("period_start")
    return [f"k:{v.get('scope_type')}|{ref(v.get('scope_id')) if v.get('scope_id') else ''}|"
            f"{v.get('period_type')}|{v.get('metric')}|{start.isoformat() if start else ''}"]  # fmt: skip


def existing_index(conn: Connection, kind: str) -> dict[str, int]:
    out: dict[str, int] = {}
    time_sql = {"activities": "SELECT id, occurred_at FROM activity",
                "targets": "SELECT id, period_start FROM target"}.get(kind)  # fmt: skip
    stamps = {}
    if time_sql:
        table = MODELS["activity" if kind == "activities" else "target"].__table__
        column = table.c.occurred_at if kind == "activities" else table.c.period_start
        stamps = {r.id: r.stamp for r in conn.execute(select(table.c.id, column.label("stamp")))}
    for row in conn.execute(text(_KEYS_SQL[kind])):
        row_id, key = row.id, row.natural_key
        if row.external_id:
            out[f"x:{row.external_id}"] = row_id
        if key is not None:
            if time_sql:
                stamp = stamps.get(row_id)
                key = f"{key}|{stamp.isoformat() if stamp else ''}"
            out.setdefault(f"k:{key}", row_id)
    return out
