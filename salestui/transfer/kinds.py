"""Each kind's rules: what a row must say, what it may leave out, and what is derived.

``complete`` returns the values a row sets (they also update an existing record) and the
defaults used only when the row creates one. A broken rule raises :class:`RowProblem` naming the
field, so the report can point at the column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from salestui.kernel.clock import day_start, local_day
from salestui.kernel.contact_details import contact_problem, email_problem, phone_problem, tidy
from salestui.kernel.domain import CLOSED_STAGES, LOST, LOST_REASONS, lead_grade
from salestui.kernel.forecast import CategoryRules
from salestui.kernel.i18n import _
from salestui.kernel.money import money_out_of_range, money_plain
from salestui.transfer.forecast import forecast_cell
from salestui.transfer.records import PAID_IN_FULL, RowProblem
from salestui.transfer.values import Bad, int_parser, money_parser

PAYMENT_TERMS_DAYS = 30


@dataclass(frozen=True)
class Context:
    now: datetime
    actor: str
    probability: dict[str, int]
    forecast: CategoryRules = CategoryRules()


# Fields a new record of each kind cannot do without (after defaults).
REQUIRED_ON_CREATE: dict[str, tuple[str, ...]] = {
    "people": ("login", "display_name"),
    "customers": ("name",),
    "products": ("sku", "name"),
    "opportunities": ("customer", "owner", "title", "expected_close", "created_at"),
    "orders": ("order_id", "customer", "order_date", "product"),
    "activities": ("kind", "person", "occurred_at"),
    "leads": ("name", "created_at"),
    "contacts": ("customer", "name"),
    "targets": ("scope_type", "period_type", "period_start", "metric", "value"),
    "deal-lines": ("deal", "product"),
}

# Columns a file must have (one of each group), checked before any row is read.
REQUIRED_COLUMNS: dict[str, tuple[tuple[str, ...], ...]] = {
    "people": (("login", "display_name", "email", "first_name", "last_name"),),
    "customers": (("name",),),
    "products": (("sku", "name"),),
    "opportunities": (("customer", "customer_external_id"), ("expected_close", "closed_at")),
    "orders": (("order_id",), ("customer", "customer_external_id"), ("order_date",),
               ("product", "product_sku")),
    "activities": (("kind",), ("person",), ("occurred_at",)),
    "leads": (("name", "first_name", "last_name", "company", "external_id"),),
    "contacts": (("customer", "customer_external_id"), ("name",)),
    "targets": (("scope_type",), ("period_type",), ("period_start",), ("metric",), ("value",)),
    "deal-lines": (("deal",), ("product",)),
}  # fmt: skip


def slug(text: str) -> str:
    s = re.sub(r"[^\w.@-]+", "_", text.strip().lower()).strip("_")
    return s or "person"


def _midnight(day: date) -> datetime:
    return day_start(day)


def _full_name(v: dict) -> str | None:
    parts = [str(v.pop(k)) for k in ("first_name", "last_name") if v.get(k)]
    return " ".join(parts) or None


def people(v: dict, ctx: Context) -> tuple[dict, dict]:
    full = _full_name(v)
    email = v.pop("email", None)
    if not v.get("display_name") and full:
        v["display_name"] = full
    if not v.get("login"):
        if email:
            v["login"] = str(email).split("@")[0].lower()
        elif v.get("display_name"):
            v["login"] = slug(str(v["display_name"]))
        else:
            raise RowProblem("login", "a person needs a login, an email or a name")
    if v.get("role") == "admin":  # the old role: a manager who is an administrator
        v["role"], v["admin"] = "manager", True
    return v, {"display_name": v["login"], "role": "rep", "active": True}


def customers(v: dict, ctx: Context) -> tuple[dict, dict]:
    if not v.get("name") and v.get("external_id"):
        raise RowProblem("name", "a customer needs a name")
    return v, {"created_at": ctx.now, "channel": "direct"}


def products(v: dict, ctx: Context) -> tuple[dict, dict]:
    if not v.get("sku") and not v.get("name"):
        raise RowProblem("sku", "a product needs a SKU or a name")
    for price in ("list_price", "unit_cost"):
        if v.get(price, 0) < 0:
            raise RowProblem(price, "cannot be negative", money_plain(v[price]))
    return v, {"sku": v.get("name"), "name": v.get("sku")}


def opportunities(v: dict, ctx: Context) -> tuple[dict, dict]:
    status = v.pop("status", None)
    if status in ("won", "lost"):
        v["stage"] = "Won" if status == "won" else LOST
    stage = v.get("stage")
    if stage == LOST and not v.get("lost_reason"):
        raise RowProblem(
            "stage",
            _(
                "a lost deal needs a reason ({reasons}): map a column to lost_reason, or give "
                "every blank one: {option}"
            ).format(reasons=", ".join(LOST_REASONS), option="--value-map 'lost_reason:=other'"),
            stage,
        )
    if stage and stage != LOST:
        v.pop("lost_reason", None)
        v.pop("lost_note", None)  # a note on a reason the deal does not have
    if stage and stage not in CLOSED_STAGES and v.get("closed_at"):
        raise RowProblem("closed_at", f"an open deal ({stage}) has no close time", v["closed_at"])
    forecast_cell(v, stage, ctx.now, ctx.forecast)
    if stage and "probability" not in v:
        v["probability"] = ctx.probability[stage]
    if "probability" in v and not 0 <= v["probability"] <= 100:
        raise RowProblem("probability", "must be between 0 and 100 %", v["probability"])
    if "amount" in v and v["amount"] < 0:
        raise RowProblem("amount", "cannot be negative", v["amount"])
    if "quantity" in v and not v.get("product"):
        v.pop("quantity")  # a quantity of no product: nothing to count
    elif "quantity" in v and v["quantity"] < 1:
        raise RowProblem("quantity", "the quantity must be at least 1", v["quantity"])
    closed = v.get("closed_at")
    created = v.get("created_at")
    close_day = v.get("expected_close")
    if created is not None:
        if close_day is not None and close_day < local_day(created):
            raise RowProblem(
                "expected_close", f"is before the deal was created ({created:%Y-%m-%d})", close_day
            )
        if closed is not None and closed < created:
            raise RowProblem(
                "closed_at", f"is before the deal was created ({created:%Y-%m-%d})", closed
            )
    if stage in CLOSED_STAGES and not closed:
        closed = _midnight(close_day) if close_day else ctx.now
        v["closed_at"] = closed
    defaults: dict = {"owner": ctx.actor, "amount": 0, "stage": "Prospect"}
    if created is None:
        candidates = [ctx.now] + [closed] * bool(closed)
        if v.get("expected_close"):
            candidates.append(_midnight(v["expected_close"]))
        created = min(candidates)
        defaults["created_at"] = created
    if v.get("expected_close") is None and closed is not None:
        defaults["expected_close"] = local_day(closed)
    defaults["stage_entered_at"] = closed or created
    defaults["probability"] = ctx.probability[stage or "Prospect"]
    if not v.get("title"):
        label = v.get("customer") or v.get("customer_external_id") or "deal"
        defaults["title"] = f"{label} {v['external_id']}" if v.get("external_id") else str(label)
    if v.get("customer_external_id") and not v.get("customer"):
        v["customer"] = v["customer_external_id"]
    return v, defaults


def _per_unit(total: int, quantity: int) -> int:
    return int((Decimal(total) / quantity).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def orders(v: dict, ctx: Context) -> tuple[dict, dict]:
    quantity = v.setdefault("quantity", 1)
    if quantity == 0:
        raise RowProblem("quantity", "an order line needs a quantity other than 0", 0)
    line = v.pop("line_amount", None)
    profit = v.pop("line_profit", None)
    if line is not None and "unit_price" not in v:
        v["unit_price"] = _per_unit(abs(line), abs(quantity))
    if line is not None and profit is not None and "unit_cost" not in v:
        v["unit_cost"] = _per_unit(abs(line) - profit * (1 if line >= 0 else -1), abs(quantity))
    v["line_total"] = line if line is not None else v.get("unit_price", 0) * quantity
    if v.get("unit_price", 0) < 0:
        raise RowProblem("unit_price", "cannot be negative (a return is a negative quantity)")
    if v.get("unit_cost", 0) < 0:
        raise RowProblem("unit_cost", "cannot be negative", money_plain(v["unit_cost"]))
    if why := money_out_of_range(v["line_total"]):
        raise RowProblem("quantity", f"× unit price {why}", quantity)
    if not v.get("customer") and v.get("customer_external_id"):
        v["customer"] = v["customer_external_id"]
    if not v.get("product") and v.get("product_sku"):
        v["product"] = v["product_sku"]
    paid = v.get("paid")
    if paid is not None and paid != PAID_IN_FULL and paid < 0:
        raise RowProblem("paid", "cannot be negative", paid)
    defaults = {}
    if v.get("order_date"):
        defaults["due_date"] = v["order_date"] + timedelta(days=PAYMENT_TERMS_DAYS)
    return v, defaults


def activities(v: dict, ctx: Context) -> tuple[dict, dict]:
    if v.get("customer_external_id") and not v.get("customer"):
        v["customer"] = v["customer_external_id"]
    return v, {"note": ""}


_PARTS = ("need_fit", "decision_authority", "budget_timeline", "engagement_history")


def leads(v: dict, ctx: Context) -> tuple[dict, dict]:
    full = _full_name(v)
    if not v.get("name") and full:
        v["name"] = full
    for what, problem in (("email", email_problem), ("phone", phone_problem)):
        if v.get(what):
            if why := problem(tidy(v[what])):
                raise RowProblem(what, why, v[what])
            v[what] = tidy(v[what])
    for part in _PARTS:
        if part in v and not 0 <= v[part] <= 25:
            raise RowProblem(part, "a score part is 0 to 25", v[part])
    if any(p in v for p in _PARTS):
        v["grade"] = lead_grade(sum(v.get(p, 0) for p in _PARTS))
    defaults = {
        "name": v.get("company") or v.get("external_id"),
        "created_at": v.get("first_contact_at") or ctx.now,
        "status": "converted" if v.get("opportunity") else "new",
        "source": "online",
        "grade": "C",
    }
    return v, defaults


def contacts(v: dict, ctx: Context) -> tuple[dict, dict]:
    """The contact form's checks (``kernel.contact_details``): a malformed email or phone is the
    row's refusal, named by its column."""
    for f in ("name", "title", "phone", "email"):
        if f in v:
            v[f] = tidy(v[f])
    if problem := contact_problem({"name": "-", **v}):
        raise RowProblem(problem[0], problem[1], v.get(problem[0], ""))
    if v.get("customer_external_id") and not v.get("customer"):
        v["customer"] = v["customer_external_id"]
    return v, {"created_at": ctx.now}


def _period_start(day: date, period: str) -> date:
    if period == "year":
        return date(day.year, 1, 1)
    if period == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, day.month, 1)


def targets(v: dict, ctx: Context) -> tuple[dict, dict]:
    if v.get("period_start") and v.get("period_type"):
        v["period_start"] = _period_start(v["period_start"], v["period_type"])
    if v.get("scope_type") == "company":
        v["scope"] = ""
    elif v.get("scope_type") and not v.get("scope"):
        raise RowProblem("scope", f"a {v['scope_type']} target names whose it is")
    raw = v.get("value")
    if isinstance(raw, str):
        parse = money_parser([raw]) if v.get("metric") == "revenue" else int_parser([raw])
        try:
            v["value"] = parse(raw)
        except Bad as exc:
            raise RowProblem("value", str(exc), raw) from None
        if v["value"] <= 0:
            raise RowProblem("value", "a target must be above 0", raw)
    return v, {}


def deal_lines(v: dict, ctx: Context) -> tuple[dict, dict]:
    """A line's own checks are the lines editor's (``kernel.deal_lines``), made when it is planned."""
    for f in ("deal", "product"):
        if not str(v.get(f) or "").strip():
            raise RowProblem(f, f"a line names its {f}")
    return v, {}


COMPLETE = {
    "people": people,
    "customers": customers,
    "products": products,
    "opportunities": opportunities,
    "orders": orders,
    "activities": activities,
    "leads": leads,
    "contacts": contacts,
    "targets": targets,
    "deal-lines": deal_lines,
}
