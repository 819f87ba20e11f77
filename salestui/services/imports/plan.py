"""From checked rows to a plan: what to create, what to update, which references to make first.

The plan is made before anything is written, so every bad row is known first; writing it is
``salestui.services.imports.write``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter

from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from salestui.services.audit import same
from salestui.services.imports.refs import AMBIGUOUS, Missing, Refs, person_attrs
from salestui.services.imports.store import MODELS
from salestui.transfer.kinds import REQUIRED_ON_CREATE, Context
from salestui.transfer.mapping import Mapping
from salestui.transfer.records import Record, RowError
from salestui.transfer.specs import KINDS

# field → table column where the names differ
COLUMN = {
    "amount": "amount_minor", "list_price": "list_price_minor", "unit_cost": "unit_cost_minor",
    "unit_price": "unit_price_minor", "customer": "customer_id", "owner": "owner_id",
    "manager": "manager_id", "region": "region_id", "person": "person_id",
    "opportunity": "opportunity_id", "product": "product_id", "scope": "scope_id",
    "order_id": "external_id",
}  # fmt: skip
# fields that only help find or create something else
HELPERS = {"customer_external_id", "product_sku", "customer_region", "customer_industry"}
ORDER_HELPERS = HELPERS | {
    "product_line",
    "line_total",
    "quantity",
    "unit_price",
    "unit_cost",
    "paid",
}
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


@dataclass(slots=True)
class Item:
    line: int
    values: dict  # table column → value; Missing for a reference created first
    existing: int | None
    defaults: dict
    lines: list[dict] | None = None  # an order's lines
    raw: dict | None = None  # an order's first line as read
    id: int | None = None
    row: dict | None = None  # a new record's defaults and values merged, when already made


@dataclass
class Plan:
    kind: str
    table: str
    items: list[Item]
    managers: list[tuple[Item, object]] = field(default_factory=list)

    def drop_lines(self, bad: set[int]) -> None:
        self.items = [i for i in self.items if i.line not in bad]
        self.managers = [(i, m) for i, m in self.managers if i.line not in bad]


def _ref_key(x) -> str:
    return "new" if isinstance(x, Missing) or x is None else str(x)


def _key_parts(kind: str, v: dict) -> list[str]:
    ref = _ref_key
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


def _existing_index(conn: Connection, kind: str) -> dict[str, int]:
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


def _not_found(kind: str, value, create_missing: bool) -> str:
    if kind == "opportunity":
        return "no deal with this external id or title exists (import the deals first)"
    hint = "" if create_missing else " (add --create-missing to create it)"
    return f"no {kind} with this name or id{hint}"


def _resolve(
    refs: Refs, spec_field: str, kind: str, v: dict, line: int, errors, mapping, create
) -> object:
    raw = v.get(spec_field)
    external = (
        v.get("customer_external_id")
        if kind == "customer"
        else v.get("product_sku")
        if kind == "product"
        else None
    )
    if raw is None and external is None:
        return None
    memo_key = (kind, raw, external)
    found = refs.memo.get(memo_key)
    if found is None:
        found = refs.find(kind, raw if raw is not None else external, external)
        if isinstance(found, int) and found != AMBIGUOUS:
            refs.memo[memo_key] = found
    if found == AMBIGUOUS:
        errors.append(
            RowError(
                line,
                mapping.column_of(spec_field),
                str(raw),
                f"names more than one {kind}; use its external id",
            )
        )
        return None
    if found is not None:
        return found
    if not refs.create_missing or kind == "opportunity":
        errors.append(
            RowError(
                line,
                mapping.column_of(spec_field),
                str(raw or external),
                _not_found(kind, raw, refs.create_missing),
            )
        )
        return None
    return create(kind, v, line)(raw if raw is not None else external, external)


def make_plan(
    kind: str, completed, refs: Refs, mapping: Mapping, ctx: Context, errors: list[RowError]
) -> Plan:
    spec = KINDS[kind]
    existing = _existing_index(refs.conn, kind)
    seen: dict[str, int] = {}
    items: list[Item] = []
    orders: dict[str, Item] = {}
    plan = Plan(kind, spec.table, items)
    helpers = ORDER_HELPERS if kind == "orders" else HELPERS

    def creator(ref_kind: str, v: dict, line: int):
        def create(raw, external):
            name = str(raw)
            if ref_kind == "person":
                return refs.plan("person", name, line, person_attrs(name))
            if ref_kind == "region":
                return refs.plan("region", name, line, {"name": name.strip()})
            if kind == "contacts":  # a customer made for a contact would be nobody's
                field = "customer" if raw is not None else "customer_external_id"
                errors.append(RowError(line, mapping.column_of(field), name,
                                       "no customer with this name or id (a contacts file never "
                                       "creates customers: import them first)"))  # fmt: skip
                return None
            if ref_kind == "product":
                attrs = {"sku": str(external or name), "name": name, "product_line": v.get("product_line") or "",
                         "list_price_minor": v.get("unit_price", 0), "unit_cost_minor": v.get("unit_cost", 0)}  # fmt: skip
                return refs.plan("product", name, line, attrs)
            region = None
            if v.get("customer_region"):
                region = _resolve(
                    refs,
                    "customer_region",
                    "region",
                    v,
                    line,
                    errors,
                    mapping,
                    creator,
                )
            attrs = {"name": name if raw is not None else str(external), "external_id": external,
                     "region_id": region, "industry": v.get("customer_industry") or "",
                     "owner_id": v.get("_owner_id"), "created_at": ctx.now, "channel": "direct"}  # fmt: skip
            return refs.plan("customer", name, line, attrs)

        return create

    # the references to resolve: everything but the manager (once all people exist), the
    # customer's region (with the customer it creates) and a target's scope (by its scope type)
    external_of = {"customer": "customer_external_id", "product": "product_sku"}
    ref_fields = [(f.name, f.ref, external_of.get(f.ref)) for f in spec.fields
                  if f.ref and f.name not in ("manager", "customer_region", "scope")]  # fmt: skip
    memo = refs.memo
    required = [(f, COLUMN.get(f, f)) for f in REQUIRED_ON_CREATE[kind]]
    shapes: dict[tuple, tuple] = {}
    for rec, values, defaults in completed:
        line = rec.line
        before = len(errors)
        resolved: dict[str, object] = {}
        merged = {**defaults, **values} if kind == "targets" else None  # made when needed
        for name, ref_kind, ext_field in ref_fields:
            raw = values[name] if name in values else defaults.get(name)
            if raw is None:
                continue
            ext = None
            if ext_field:
                ext = values[ext_field] if ext_field in values else defaults.get(ext_field)
            found = memo.get((ref_kind, raw, ext))
            if found is None:
                if merged is None:
                    merged = {**defaults, **values}
                    if "owner" in resolved:
                        merged["_owner_id"] = resolved["owner"]
                found = _resolve(refs, name, ref_kind, merged, line, errors, mapping, creator)
            resolved[name] = found
            if name == "owner" and merged is not None:
                merged["_owner_id"] = found
        if kind == "targets" and merged.get("scope"):
            ref_kind = {"person": "person", "team": "person", "region": "region"}[
                merged["scope_type"]
            ]
            resolved["scope"] = _resolve(
                refs, "scope", ref_kind, merged, line, errors, mapping, creator
            )
        if len(errors) > before:
            continue
        key = (tuple(values), tuple(defaults), tuple(resolved))
        shape = shapes.get(key)
        if shape is None:
            shape = shapes[key] = _shape(values, defaults, resolved, helpers)
        take_values, value_columns, take_defaults, default_columns, placed = shape
        cols = dict(zip(value_columns, take_values(values), strict=True))
        dcols = dict(zip(default_columns, take_defaults(defaults), strict=True))
        for k, in_values, column in placed:
            (cols if in_values else dcols)[column] = resolved[k]
        if kind == "orders":
            _add_order_line(orders, items, rec, values, cols, dcols, existing, errors, mapping)
            continue
        both = {**dcols, **cols}
        keys = _key_parts(kind, both)
        dup = None
        for k in keys:
            if k in seen:
                dup = seen[k]
                break
        if dup is not None:
            errors.append(RowError(line, "(row)", "", f"repeats the record of line {dup}"))
            continue
        found = None
        for k in keys:
            seen[k] = line
            if found is None and k in existing:
                found = existing[k]
        if found is None:
            missing = [
                f
                for f, column in required
                if (v := both.get(column)) is None or (isinstance(v, str) and not v)
            ]
            if missing:
                for f in missing:
                    errors.append(
                        RowError(
                            line, mapping.column_of(f), "", f"{f} is required for a new record"
                        )
                    )
                continue
        item = Item(line, cols, found, dcols, None, None, None, both if found is None else None)
        items.append(item)
        if kind == "people" and "manager" in values:
            plan.managers.append((item, values["manager"]))
    return plan


def _taker(keys: list[str]):
    """A function giving a dict's values at ``keys`` as a tuple."""
    if len(keys) == 1:
        key = keys[0]
        return lambda d: (d[key],)
    return itemgetter(*keys) if keys else lambda d: ()


def _shape(values: dict, defaults: dict, resolved: dict, helpers) -> tuple:
    """How rows with these keys become table columns: which values and defaults are taken under
    which column names, and where each resolved reference goes (the same for most rows)."""
    take = [k for k in values if k not in helpers and k not in resolved and k != "manager"]
    take_defaults = [k for k in defaults if k not in helpers and k not in resolved]
    placed = [(k, k in values, COLUMN.get(k, k)) for k in resolved]
    return (_taker(take), [COLUMN.get(k, k) for k in take], _taker(take_defaults),
            [COLUMN.get(k, k) for k in take_defaults], placed)  # fmt: skip


_ORDER_FIELDS = ("customer_id", "opportunity_id", "order_date", "due_date", "paid_date")


def _add_order_line(
    orders, items, rec: Record, values, cols, dcols, existing, errors, mapping
) -> None:
    order_id = str(values.get("order_id"))
    line = {"product_id": cols.get("product_id"), "quantity": values.get("quantity", 1),
            "unit_price_minor": values.get("unit_price", 0), "unit_cost_minor": values.get("unit_cost", 0),
            "total": values.get("line_total", 0)}  # fmt: skip
    head = {
        k: cols.get(k, dcols.get(k)) for k in _ORDER_FIELDS if cols.get(k, dcols.get(k)) is not None
    }
    head["external_id"] = order_id
    order = orders.get(order_id)
    if order is None:
        missing = [f for f in REQUIRED_ON_CREATE["orders"] if values.get(f) in (None, "")]
        if missing:
            for f in missing:
                errors.append(RowError(rec.line, mapping.column_of(f), "", f"{f} is required"))
            return
        order = Item(rec.line, head, existing.get(f"x:{order_id}"), {}, lines=[])
        order.values["_paid"] = values.get("paid")
        order.raw = {
            f: str(values.get(f, "")) for f in ("customer", "customer_external_id", "order_date")
        }
        orders[order_id] = order
        items.append(order)
    else:
        for k in ("customer_id", "order_date"):
            if (
                k in head
                and not same(head[k], order.values.get(k))
                and not (isinstance(head[k], Missing) and head[k] is order.values.get(k))
            ):
                f = (
                    ("customer_external_id" if values.get("customer_external_id") else "customer")
                    if k == "customer_id"
                    else k
                )
                errors.append(RowError(rec.line, mapping.column_of(f), str(values.get(f, "")),
                                       f"differs from line {order.line} ({order.raw.get(f, '')!r}) of the same order {order_id}"))  # fmt: skip
                return
    order.lines.append(line)
