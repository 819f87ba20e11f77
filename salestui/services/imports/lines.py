"""Product lines at the import's door: a deals file's ``product`` column and a ``deal-lines`` file.

Both name a product as the lines editor does (``services.deal_lines.find_product``: its SKU,
else its name) and check a line with the editor's rule (``kernel.deal_lines``); a deal's amount
follows its lines. A deal named in a file gets its lines as the file lists them, so importing
the same file again changes nothing; every line taken off is kept whole in the batch's audit and
an undo puts it back. A re-priced deal in Negotiation asks the sign-offs its new amount needs
(``imports.approvals``, the board's rule).
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.engine import Connection

from salestui.kernel.deal_lines import checked_total, deal_amount, line_total
from salestui.kernel.errors import DomainError
from salestui.services.imports.approvals import request_approvals
from salestui.services.imports.store import CREATED, DELETED, current_rows, insert_rows, update_rows

Line = tuple[int, int, int, int]  # product id, quantity, unit price (minor), discount (bp)


class Products:
    """Products named in a file, each looked up once (the lines editor's rule)."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.found: dict[str, object] = {}

    def find(self, said: str):
        """The product row (id, sku, name, list price), or DomainError saying why not."""
        key = " ".join(str(said).split())
        if key not in self.found:
            from salestui.services.deal_lines import find_product

            try:
                self.found[key] = find_product(self.conn, key)
            except DomainError as exc:
                self.found[key] = exc
        found = self.found[key]
        if isinstance(found, DomainError):
            raise found
        return found


def product_column_line(products: Products, said: str, amount: int | None, quantity: int | None):
    """A deals file's ``product`` (with ``quantity``, default 1): the deal's one line and its
    amount. With an amount the line's total is exactly it — unit price = amount / quantity, or
    quantity 1 at the amount when that does not divide; without one, the list price and the
    amount follows. Raises DomainError naming what is wrong."""
    product = products.find(said)
    quantity = quantity or 1
    if amount is None:
        total = checked_total(quantity, product.list_price_minor, 0)
        return (product.id, quantity, product.list_price_minor, 0), total
    if amount % quantity:
        return (product.id, 1, amount, 0), amount
    return (product.id, quantity, amount // quantity, 0), amount


def _current(conn: Connection, deal_ids: list[int]) -> dict[int, list]:
    out: dict[int, list] = {i: [] for i in deal_ids}
    for start in range(0, len(deal_ids), 500):
        part = deal_ids[start : start + 500]
        marks = ", ".join(str(int(i)) for i in part)
        for r in conn.execute(
            text(
                "SELECT id, opportunity_id, product_id, quantity, unit_price_minor, discount_bp "
                f"FROM opportunity_line WHERE opportunity_id IN ({marks}) ORDER BY id"
            )
        ):
            out[int(r.opportunity_id)].append(r)
    return out


def _as_line(r) -> Line:
    return (int(r.product_id), int(r.quantity), int(r.unit_price_minor), int(r.discount_bp))


def changing(conn: Connection, wanted: dict[int, list[Line]]) -> list[int]:
    """The deals of ``wanted`` whose lines are not already these."""
    have = _current(conn, list(wanted))
    return [d for d, lines in wanted.items() if [_as_line(r) for r in have[d]] != lines]


def put_lines(
    conn: Connection, wanted: dict[int, list[Line]], actor: str, now: datetime, audit
) -> tuple[int, int]:
    """Each deal of ``wanted`` gets exactly those lines (in that order) and the amount they sum
    to; ``audit`` (``audit_rows.AuditRows``) gets every row made, taken off or changed. Returns the
    lines written and the deals changed."""
    have = _current(conn, list(wanted))
    changed = {d: lines for d, lines in wanted.items() if [_as_line(r) for r in have[d]] != lines}
    if not changed:
        return 0, 0
    deals = current_rows(conn, "opportunity", list(changed))
    new_rows, updates = [], {}
    for deal_id, lines in changed.items():
        for r in have[deal_id]:
            kept = {"opportunity_id": deal_id, "product_id": r.product_id, "quantity": r.quantity,
                    "unit_price_minor": r.unit_price_minor, "discount_bp": r.discount_bp}  # fmt: skip
            conn.execute(text("DELETE FROM opportunity_line WHERE id = :i"), {"i": r.id})
            audit.append(
                ("opportunity_line", int(r.id), DELETED, json.dumps(kept, sort_keys=True), None)
            )
        new_rows += [
            {"opportunity_id": deal_id, "product_id": p, "quantity": q, "unit_price_minor": u,
             "discount_bp": d}
            for p, q, u, d in lines
        ]  # fmt: skip
        deal = deals[deal_id]
        amount = deal_amount(line_total(q, u, d) for _, q, u, d in lines)
        values = {"version": deal["version"] + 1, "updated_at": now, "updated_by": actor}
        if amount != deal["amount_minor"]:
            values["amount_minor"] = amount
            audit.append(("opportunity", deal_id, "amount_minor", deal["amount_minor"], amount))
        audit.append(("opportunity", deal_id, "version", deal["version"], values["version"]))
        updates[deal_id] = values
    ids = insert_rows(conn, "opportunity_line", new_rows)
    for row, i in zip(new_rows, ids, strict=True):
        audit.append(("opportunity_line", i, CREATED, None, row["quantity"]))
    update_rows(conn, "opportunity", updates)
    request_approvals(conn, list(changed), now, audit)
    return len(new_rows), len(changed)


def wanted_of(plan) -> dict[int, list[Line]]:
    """A deal-lines plan as each deal's lines, in the file's order."""
    wanted: dict[int, list[Line]] = {}
    for item in plan.items:
        v = item.values
        wanted.setdefault(int(item.existing), []).append(
            (v["product_id"], v["quantity"], v["unit_price_minor"], v["discount_bp"])
        )
    return wanted


def refused_many_lines(conn: Connection, plan, column: str) -> list:
    """A deals file's product sets a deal's ONE line: a deal that has several is refused for that
    row (the rest of the file imports), as a typed amount on it is."""
    from salestui.transfer.records import RowError

    naming = [i for i in plan.items if i.existing is not None and i.lines]
    have = _current(conn, [int(i.existing) for i in naming]) if naming else {}
    return [
        RowError(i.line, column, "", f"the deal has {len(have[int(i.existing)])} product lines: "
                 "a deals file's product sets one; change them with a deal-lines file or the "
                 "lines editor")
        for i in naming
        if len(have[int(i.existing)]) > 1
    ]  # fmt: skip
