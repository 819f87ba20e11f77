"""Writing an import plan: missing references first, then new rows in bulk, then changed ones.

Each step commits on its own (``salestui.services.imports.batches``): the batch row and its
opening audit row, the missing references, the new rows a chunk at a time, the changed ones a
chunk at a time, the managers last. Every created row gets a ``*created*`` audit row and every
changed field an old → new audit row, all under the import's batch id; a deal's stage history
is written with it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.engine import Connection

from salestui.kernel.domain import CLOSED_STAGES
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.services.audit import append, same
from salestui.services.imports.activities import follow_on_deals
from salestui.services.imports.approvals import request_approvals
from salestui.services.imports.audit_rows import AuditRows
from salestui.services.imports.batches import DONE, Chunks, open_batch, set_state
from salestui.services.imports.lines import put_lines
from salestui.services.imports.plan import Item, Plan
from salestui.services.imports.refs import AMBIGUOUS, Missing, Refs, person_attrs
from salestui.services.imports.store import (
    BATCH_TABLE,
    CREATED,
    DELETED,
    Columns,
    Copy,
    From,
    current_rows,
    insert_rows,
    update_rows,
)
from salestui.transfer.records import PAID_IN_FULL

# the column an audit row's ``*created*`` names a new record by
LABEL = {"person": "login", "customer": "name", "product": "name", "opportunity": "title",
         "lead": "name", "sales_order": "external_id", "activity": "kind", "target": "metric",
         "region": "name", "order_line": "quantity", "contact": "name",
         "opportunity_line": "quantity"}  # fmt: skip
VERSIONED = {"person", "customer", "lead", "opportunity", "sales_order", "target", "contact"}


def _m(value):
    """A planned reference's id once it has been created."""
    return value.id if isinstance(value, Missing | Item) else value


def _order_values(item: Item) -> dict:
    v = {k: _m(x) for k, x in item.values.items() if k != "_paid"}
    amount = sum(line["total"] for line in item.lines)
    paid = item.values.get("_paid")
    v["amount_minor"] = amount
    if paid == PAID_IN_FULL:
        v["paid_minor"] = amount
        v.setdefault("paid_date", v.get("due_date"))
    elif paid is not None:
        v["paid_minor"] = paid
    return v


def changes(conn: Connection, plan: Plan) -> dict[int, tuple[Item, dict]]:
    """For each existing record the file changes: ``{id: (item, {column: (old, new)})}``."""
    updates = [i for i in plan.items if i.existing is not None]
    current = current_rows(conn, plan.table, [i.existing for i in updates])
    out = {}
    for item in updates:
        row = current.get(item.existing, {})
        new = (
            _order_values(item)
            if plan.kind == "orders"
            else {k: _m(v) for k, v in item.values.items()}
        )
        diff = {k: (row.get(k), v) for k, v in new.items() if k in row and not same(row.get(k), v)}
        if plan.kind == "orders":
            lines = _line_changes(conn, item)
            if lines:
                diff["*lines*"] = (None, lines)
        if diff:
            out[item.existing] = (item, diff)
    return out


def counts(conn: Connection, plan: Plan) -> tuple[int, int, int]:
    """What writing the plan would do: records created, updated, and left as they are (for a
    deal-lines file: the lines written, the deals changed, the rows of deals left as they are)."""
    if plan.kind == "deal-lines":
        from salestui.services.imports.lines import changing, wanted_of

        wanted = wanted_of(plan)
        moved = changing(conn, wanted)
        written = sum(len(wanted[d]) for d in moved)
        return written, len(moved), len(plan.items) - written
    created = sum(1 for i in plan.items if i.existing is None)
    changed = len(set(changes(conn, plan)) | _lines_moved(conn, plan))
    return created, changed, len(plan.items) - created - changed


def _lines_moved(conn: Connection, plan: Plan) -> set[int]:
    """The existing deals a deals file gives another product line."""
    from salestui.services.imports.lines import changing

    if plan.kind != "opportunities":  # an order's lines are its own
        return set()
    wanted = {int(i.existing): i.lines for i in plan.items if i.existing is not None and i.lines}
    return set(changing(conn, wanted)) if wanted else set()


def would_go_along(conn: Connection, plan: Plan) -> str:
    """What a customers import's owner changes would hand over (``services.hand_over``), for a
    dry run to say before anything moves."""
    if plan.table != "customer":
        return ""
    from salestui.services.hand_over import open_counts, went_along

    deals = items = 0
    for row_id, (_kind, diff) in changes(conn, plan).items():
        old, new = diff.get("owner_id", (None, None))
        if old is not None and new is not None and old != new:
            d, i = open_counts(conn, row_id, old)
            deals, items = deals + d, items + i
    return went_along(deals, items)


def _line_changes(conn: Connection, item: Item) -> list:
    rows = conn.execute(
        text("SELECT id AS id, product_id AS product_id, quantity AS quantity, "
             "unit_price_minor AS unit_price_minor, unit_cost_minor AS unit_cost_minor "
             "FROM order_line WHERE order_id = :o ORDER BY id"), {"o": item.existing}
    ).all()  # fmt: skip
    wanted = [
        (_m(li["product_id"]), li["quantity"], li["unit_price_minor"], li["unit_cost_minor"])
        for li in item.lines
    ]
    have = [(r.product_id, r.quantity, r.unit_price_minor, r.unit_cost_minor) for r in rows]
    if wanted == have:
        return []
    return [("replace", [r.id for r in rows], wanted)]


def write(chunks: Chunks, plan: Plan, refs: Refs, batch: str, actor: str, now: datetime,
          source: str, progress=None) -> tuple[int, int, int]:  # fmt: skip
    """Write the plan chunk by chunk (``chunks`` runs each step in its own transaction);
    returns the records created, updated and left as they were."""
    refs.conn = chunks.conn
    total = len(plan.items)

    def opening(conn: Connection) -> None:
        open_batch(conn, batch, plan.kind, source, actor, now)
        append(conn, [{"at": now, "by_login": actor, "table_name": BATCH_TABLE, "row_id": 0,
                       "field": "*batch*", "old": plan.kind, "new": source, "batch": batch}])  # fmt: skip

    chunks.run(opening)
    if plan.kind == "deal-lines":
        from salestui.services.imports.lines import wanted_of

        written, moved = write_wanted(chunks, wanted_of(plan), batch, actor, now)
        chunks.run(lambda conn: set_state(conn, batch, DONE))
        return written, moved, total - written
    chunks.run(lambda conn: _write_refs(conn, refs, batch, actor, now))
    creates = [i for i in plan.items if i.existing is None]
    if progress:
        progress("writing", 0, total)
    if plan.kind == "orders":
        rows = [_order_values(i) for i in creates]
    else:
        rows = [{**i.defaults, **i.values} if i.row is None else i.row for i in creates]
        if refs.missing:  # references created above: their ids are known now
            ref_columns = [c for c in {c for r in rows[:1] for c in r} if c.endswith("_id")]
            for c in ref_columns:
                for r in rows:
                    if isinstance(r.get(c), Missing | Item):
                        r[c] = r[c].id
    done = 0
    for part in chunks.slices(list(zip(creates, rows, strict=True))):
        items, part_rows = [i for i, _ in part], [r for _, r in part]
        chunks.run(lambda conn, p=items, r=part_rows: _write_creates(conn, plan, p, r, batch, actor, now))  # fmt: skip
        done += len(part)
        if progress:
            progress("writing", done, total)
    for item in plan.items:
        if item.existing is not None:
            item.id = item.existing
    changed: set[int] = chunks.run(lambda conn: _lines_moved(conn, plan))
    for part in chunks.slices([i for i in plan.items if i.existing is not None]):
        sub = replace(plan, items=part, managers=[])
        changed |= chunks.run(lambda conn, p=sub: _write_updates(conn, p, batch, actor, now))
        done += len(part)
        if progress:
            progress("writing", done, total)

    if plan.kind == "opportunities" and any(i.lines for i in plan.items):
        wanted = {int(i.id): i.lines for i in plan.items if i.lines}
        write_wanted(chunks, wanted, batch, actor, now)

    def closing(conn: Connection) -> None:
        audit = AuditRows()
        _apply_managers(conn, plan, refs, audit)
        append(conn, audit.entries(actor, now, batch))
        set_state(conn, batch, DONE)

    chunks.run(closing)
    return len(creates), len(changed), total - len(creates) - len(changed)


def write_wanted(chunks, wanted: dict[int, list], batch: str, actor: str, now) -> tuple:
    """Each deal's product lines as ``wanted`` has them (``lines.put_lines``), chunk by chunk,
    each chunk's audit in the batch; returns the lines written and the deals changed."""

    def step(conn, part) -> tuple[int, int]:
        audit = AuditRows()
        done = put_lines(conn, dict(part), actor, now, audit)
        append(conn, audit.entries(actor, now, batch))
        return done

    lines = deals = 0
    for part in chunks.slices(list(wanted.items())):
        n, d = chunks.run(lambda conn, p=part: step(conn, p))
        lines, deals = lines + n, deals + d
    return lines, deals


def _write_refs(conn: Connection, refs: Refs, batch: str, actor: str, now: datetime) -> None:
    """The missing regions, people, customers and products the file names (--create-missing)."""
    audit = AuditRows()
    for kind in ("region", "person", "customer", "product"):
        planned = refs.planned(kind)
        ids = insert_rows(conn, kind, [{k: _m(v) for k, v in m.attrs.items()} for m in planned])
        for m, i in zip(planned, ids, strict=True):
            m.id = i
            audit.append((kind, i, CREATED, None, m.attrs.get(LABEL[kind])))
    append(conn, audit.entries(actor, now, batch))


def _write_creates(conn, plan: Plan, creates: list[Item], rows: list[dict], batch: str,
                   actor: str, now: datetime) -> None:  # fmt: skip
    audit = AuditRows()
    stamp = {"updated_at": now, "updated_by": actor} if plan.table == "opportunity" else {}
    ids = insert_rows(conn, plan.table, Columns(len(rows), stamp, rows))
    for item, i in zip(creates, ids, strict=True):
        item.id = i
    audit.created_rows(plan.table, ids, rows, LABEL[plan.table])
    if plan.table == "opportunity" and ids:
        insert_rows(conn, "stage_change", Copy("opportunity", ids, {
            "opportunity_id": From("id"), "from_stage": None, "to_stage": From("stage"),
            "changed_at": From("stage_entered_at"), "changed_by": actor}))  # fmt: skip
        request_approvals(conn, ids, now, audit)
    if plan.table == "activity":
        follow_on_deals(conn, rows, audit)
    if plan.kind == "orders":
        lines = [{**{k: _m(v) for k, v in li.items() if k != "total"}, "order_id": item.id}
                 for item in creates for li in item.lines]  # fmt: skip
        for i in insert_rows(conn, "order_line", lines):
            audit.append(("order_line", i, CREATED, None, None))
    append(conn, audit.entries(actor, now, batch))


def _write_updates(conn, plan: Plan, batch: str, actor: str, now: datetime) -> set[int]:
    """One chunk of changed records, compared with what they hold inside the same transaction."""
    audit = AuditRows()
    changed = changes(conn, plan)
    _apply_updates(conn, plan, changed, audit, actor, now)
    append(conn, audit.entries(actor, now, batch))
    return set(changed)


def _apply_updates(conn, plan: Plan, changes, audit, actor: str, now: datetime) -> None:
    updates: dict[int, dict] = {}
    history = []
    for row_id, (item, diff) in changes.items():
        lines = diff.pop("*lines*", None)
        if lines:
            _replace_lines(conn, item, lines[1][0], audit)
        if not diff:
            continue
        values = {k: new for k, (_, new) in diff.items()}
        if plan.table == "opportunity" and "stage" in diff:
            old_stage, new_stage = diff["stage"]
            if "stage_entered_at" not in values:
                values["stage_entered_at"] = now
            if new_stage not in CLOSED_STAGES:
                values["closed_at"] = None
            history.append({"opportunity_id": row_id, "from_stage": old_stage, "to_stage": new_stage,
                            "changed_at": values["stage_entered_at"], "changed_by": actor})  # fmt: skip
        if plan.table == "opportunity":
            values["updated_at"], values["updated_by"] = now, actor
        if plan.table in VERSIONED:
            version = conn.execute(
                text(f"SELECT version FROM {plan.table} WHERE id = :i"), {"i": row_id}
            ).scalar_one()
            values["version"] = version + 1
            diff["version"] = (version, version + 1)
        updates[row_id] = values
        audit.extend((plan.table, row_id, k, old, new) for k, (old, new) in diff.items())
    update_rows(conn, plan.table, updates)
    if plan.table == "customer":  # a new owner: the old owner's open deals and items go along
        from salestui.services.hand_over import hand_over_open

        for row_id, (_kind, diff) in changes.items():
            old, new = diff.get("owner_id", (None, None))
            if old is not None and new is not None and old != new:
                audit.extend(hand_over_open(conn, row_id, old, new))
    for i in insert_rows(conn, "stage_change", history):
        audit.append(("stage_change", i, CREATED, None, None))
    if plan.table == "opportunity":
        request_approvals(conn, list(updates), now, audit)


def _replace_lines(conn, item: Item, change, audit) -> None:
    """The order's lines as the file has them; each line taken away is kept whole in the audit
    log (as JSON), so an undo of the batch can put it back."""
    _op, old_ids, wanted = change
    old_rows = current_rows(conn, "order_line", old_ids)
    for i in old_ids:
        kept = {k: v for k, v in old_rows.get(i, {}).items() if k != "id"}
        conn.execute(text("DELETE FROM order_line WHERE id = :i"), {"i": i})
        audit.append(("order_line", i, DELETED, json.dumps(kept, sort_keys=True), None))
    rows = [dict(order_id=item.existing, product_id=p, quantity=q, unit_price_minor=u, unit_cost_minor=c)
            for p, q, u, c in wanted]  # fmt: skip
    for i in insert_rows(conn, "order_line", rows):
        audit.append(("order_line", i, CREATED, None, None))


def _apply_managers(conn, plan: Plan, refs: Refs, audit) -> None:
    """People's managers, resolved once everyone in the file exists (a manager may be in it)."""
    if not plan.managers:
        return
    index = refs.index("person")
    for item in plan.items:
        for way, key in (("login", item.values.get("login")), ("external_id", item.values.get("external_id")),
                         ("display_name", item.values.get("display_name") or item.defaults.get("display_name"))):  # fmt: skip
            index.add(way, key, item.id)
    current = current_rows(conn, "person", [i.id for i, _ in plan.managers])
    updates = {}
    for item, name in plan.managers:
        manager_id = index.find(name, ("external_id", "login", "display_name")) if name else None
        if name and (manager_id is None or manager_id == AMBIGUOUS) and not refs.create_missing:
            raise DomainError(
                _(
                    "nothing was imported: line {line}, manager {name}: no such person (in the database or the file); add --create-missing to create them"
                ).format(line=item.line, name=repr(name))
            )
        if name and (manager_id is None or manager_id == AMBIGUOUS):
            missing = refs.plan("person", str(name), item.line, person_attrs(str(name)))
            if missing.id is None:
                missing.id = insert_rows(conn, "person", [missing.attrs])[0]
                audit.append(("person", missing.id, CREATED, None, missing.attrs["login"]))
                index.add("login", missing.attrs["login"], missing.id)
                index.add("display_name", missing.attrs["display_name"], missing.id)
            manager_id = missing.id
        old = current.get(item.id, {}).get("manager_id")
        if old != manager_id:
            updates[item.id] = {"manager_id": manager_id}
            if item.existing is not None:
                audit.append(("person", item.id, "manager_id", old, manager_id))
    update_rows(conn, "person", updates)
