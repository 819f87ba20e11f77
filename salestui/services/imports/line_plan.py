"""A ``deal-lines`` file planned: each row a product line on a deal that already exists.

The deal is named by its external id, else by its number (``#12`` or ``12``); the product, the
quantity (default 1), the unit price (default the product's list price) and the discount are
read by the lines editor's rules (``kernel.deal_lines``). A deal's rows come in together: when
one of them is bad, the others are set aside with it, so a deal never gets half its lines.
"""

from __future__ import annotations

from sqlalchemy import text

from salestui.kernel.deal_lines import (
    checked_total,
    deal_amount,
    read_discount,
    read_quantity,
    read_unit_price,
)
from salestui.kernel.errors import DomainError
from salestui.kernel.money import money_out_of_range
from salestui.services.imports.lines import Products
from salestui.services.imports.plan import Item, Plan
from salestui.transfer.records import RowError


def _deal_ids(conn, said: set[str]) -> dict[str, int]:
    """Each way a deal is named in the file → its id (an external id first, then a number)."""
    out: dict[str, int] = {}
    names = sorted(said)
    for start in range(0, len(names), 500):
        part = names[start : start + 500]
        params = {f"x{i}": v for i, v in enumerate(part)}
        marks = ", ".join(f":x{i}" for i in range(len(part)))
        for r in conn.execute(
            text(f"SELECT id, external_id FROM opportunity WHERE external_id IN ({marks})"), params
        ):
            out[r.external_id] = int(r.id)
    numbers = {
        int(n.removeprefix("#")) for n in names if n not in out and n.removeprefix("#").isdigit()
    }
    found: set[int] = set()
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 500):
        marks = ", ".join(str(n) for n in ordered[start : start + 500])
        found |= {int(r.id) for r in conn.execute(text(f"SELECT id FROM opportunity WHERE id IN ({marks})"))}  # fmt: skip
    for n in names:
        if n not in out and n.removeprefix("#").isdigit() and int(n.removeprefix("#")) in found:
            out[n] = int(n.removeprefix("#"))
    return out


def _line_values(products: Products, v: dict) -> dict:
    """The line's columns, or _Bad naming the field that is wrong and why."""
    try:
        product = products.find(v["product"])
    except DomainError as exc:
        raise _Bad("product", str(v["product"]), str(exc)) from None
    checks = (
        ("quantity", lambda: read_quantity(v.get("quantity") or 1)),
        ("unit_price", lambda: read_unit_price(v["unit_price"]) if v.get("unit_price") is not None
         else product.list_price_minor),
        ("discount", lambda: read_discount(v.get("discount"))),
    )  # fmt: skip
    got = {}
    for name, read in checks:
        try:
            got[name] = read()
        except DomainError as exc:
            raise _Bad(name, str(v.get(name) or ""), str(exc)) from None
    try:
        checked_total(got["quantity"], got["unit_price"], got["discount"])
    except DomainError as exc:
        raise _Bad("quantity", str(v.get("quantity") or 1), str(exc)) from None
    return {"product_id": product.id, "quantity": got["quantity"],
            "unit_price_minor": got["unit_price"], "discount_bp": got["discount"]}  # fmt: skip


class _Bad(Exception):
    def __init__(self, field: str, value: str, why: str) -> None:
        super().__init__(why)
        self.field, self.value, self.why = field, value, why


def make_line_plan(conn, completed, mapping, errors: list[RowError]) -> Plan:
    """One Item per good row (``existing``: the deal's id, ``values``: the line's columns)."""
    deals = _deal_ids(conn, {str(values["deal"]).strip() for _, values, _ in completed})
    products = Products(conn)
    items: list[Item] = []
    deal_of: dict[int, int | None] = {}
    for rec, values, _ in completed:
        said = str(values["deal"]).strip()
        deal_id = deal_of[rec.line] = deals.get(said)
        if deal_id is None:
            errors.append(RowError(rec.line, mapping.column_of("deal"), said,
                                   "no deal with this external id or number (import the deals "
                                   "first)"))  # fmt: skip
            continue
        try:
            line = _line_values(products, values)
        except _Bad as bad:
            errors.append(RowError(rec.line, mapping.column_of(bad.field), bad.value, bad.why))
            continue
        items.append(Item(rec.line, line, deal_id, {}))
    totals: dict[int, list[int]] = {}
    for item in items:
        v = item.values
        totals.setdefault(item.existing, []).append(
            checked_total(v["quantity"], v["unit_price_minor"], v["discount_bp"])
        )
    for item in items:
        if why := money_out_of_range(deal_amount(totals[item.existing])):
            errors.append(RowError(item.line, "(row)", "", f"the deal's amount {why}"))
    plan = Plan("deal-lines", "opportunity_line", items)
    plan.deal_of = deal_of  # every row's deal, good or bad: a deal's rows are set aside together
    return plan


def set_aside_together(plan: Plan, errors: list[RowError]) -> None:
    """A deal with a bad row keeps all its lines: its other rows are set aside with it."""
    bad = {e.line for e in errors}
    deal_of = plan.deal_of
    first_bad: dict[int, int] = {}
    for line in sorted(bad):
        if deal_of.get(line) is not None:
            first_bad.setdefault(deal_of[line], line)
    for item in plan.items:
        first = first_bad.get(item.existing)
        if first is not None and item.line not in bad:
            errors.append(RowError(item.line, "(row)", "", f"set aside with line {first}, a row "
                                   "of the same deal (a deal's lines come in together)"))  # fmt: skip
