"""The audit log as a person reads it: people by name, rows by name (with the id where the name
alone would not say which), money in major units, stored words in the reader's language, and
the version steps left out (every change bumps one: they say nothing a person needs).

Pure: the names come in as mappings (``db.queries.audit_names`` reads them). JSON and CSV keep
the machine values; only Markdown shows these.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from salestui.kernel.domain import SHOWN_WORDS
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_amount

HIDDEN_FIELDS = frozenset({"version"})

# a field holding another row's id → that row's table
REFERENCES = {
    "owner_id": "person",
    "manager_id": "person",
    "person_id": "person",
    "approver_id": "person",
    "decided_by_id": "person",
    "customer_id": "customer",
    "region_id": "region",
    "opportunity_id": "opportunity",
    "contact_id": "contact",
    "product_id": "product",
    "lead_id": "lead",
}

TABLE_WORDS = {
    "person": N_("person"),
    "customer": N_("customer"),
    "opportunity": N_("deal"),
    "lead": N_("lead"),
    "contact": N_("contact"),
    "region": N_("region"),
    "product": N_("product"),
    "action_item": N_("action item"),
    "target": N_("target"),
    "stage_change": N_("stage change"),
    "sales_order": N_("order"),
    "activity": N_("activity"),
    "forecast_call": N_("forecast call"),
    "approval": N_("approval"),
    "complaint": N_("complaint"),
    "setting": N_("setting"),
}

FIELD_WORDS = {
    "owner_id": N_("owner"),
    "manager_id": N_("manager"),
    "person_id": N_("person"),
    "customer_id": N_("customer"),
    "region_id": N_("region"),
    "opportunity_id": N_("deal"),
    "contact_id": N_("contact"),
    "product_id": N_("product"),
    "lead_id": N_("lead"),
    "amount_minor": N_("amount"),
    "paid_minor": N_("paid"),
    "unit_price_minor": N_("unit price"),
    "list_price_minor": N_("list price"),
    "unit_cost_minor": N_("unit cost"),
    "value": N_("value"),
    "stage": N_("stage"),
    "status": N_("status"),
    "title": N_("title"),
    "name": N_("name"),
    "display_name": N_("name"),
    "expected_close": N_("expected close"),
    "forecast_category": N_("forecast category"),
    "lost_reason": N_("lost reason"),
    "next_step": N_("next step"),
    "next_step_date": N_("next step date"),
    "due": N_("due"),
    "role": N_("role"),
    "active": N_("active"),
    "*created*": N_("created"),
    "*deleted*": N_("deleted"),
}


@dataclass(frozen=True)
class Names:
    """What the log's ids and logins are called."""

    people: Mapping[str, str] = field(default_factory=dict)  # login → display name
    rows: Mapping[tuple[str, int], str] = field(default_factory=dict)  # (table, id) → name
    target_metrics: Mapping[int, str] = field(default_factory=dict)  # target id → metric


def wanted(entries: Iterable) -> tuple[dict[str, set[int]], set[int]]:
    """The (table → ids) whose names the log needs, and the targets whose metric it needs."""
    out: dict[str, set[int]] = {}
    targets: set[int] = set()
    for e in entries:
        out.setdefault(e.table_name, set()).add(e.row_id)
        if e.table_name == "target":
            targets.add(e.row_id)
        table = REFERENCES.get(e.field)
        if table:
            for value in (e.old, e.new):
                if _as_int(value) is not None:
                    out.setdefault(table, set()).add(_as_int(value))
    return out, targets


def _as_int(value) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def is_money(e, names: Names) -> bool:
    if e.field.endswith("_minor"):
        return True
    return (
        e.table_name == "target"
        and e.field == "value"
        and names.target_metrics.get(e.row_id) == "revenue"
    )


def money_words(value) -> str | None:
    minor = _as_int(value)
    if minor is None:
        return None
    return format_amount(minor, decimals=minor % 100 != 0)


class Reader:
    """Turns entries into readable cells; a name shared by several rows gets its id."""

    def __init__(self, entries: list, names: Names) -> None:
        self.names = names
        counts = Counter(name for name in names.rows.values())
        self.shared = {name for name, n in counts.items() if n > 1}

    def row(self, table: str, row_id: int | None) -> str:
        if row_id is None:
            return ""
        name = self.names.rows.get((table, row_id))
        if name is None:
            return f"#{row_id}"
        return f"{name} (#{row_id})" if name in self.shared else name

    def record(self, e) -> str:
        word = TABLE_WORDS.get(e.table_name)
        kind = _(word) if word else e.table_name
        return f"{kind} {self.row(e.table_name, e.row_id)}"

    def value(self, e, value) -> str | None:
        if value is None:
            return None
        table = REFERENCES.get(e.field)
        if table is not None and _as_int(value) is not None:
            return self.row(table, _as_int(value))
        if is_money(e, self.names):
            return money_words(value) or value
        if value in SHOWN_WORDS:
            return _(value)
        return value

    def field(self, e) -> str:
        word = FIELD_WORDS.get(e.field)
        return _(word) if word else e.field

    def by(self, login: str) -> str:
        return self.names.people.get(login) or login


def readable_rows(entries, names: Names) -> list[dict]:
    """The Markdown's rows: version steps left out, every cell in words."""
    from salestui.kernel.dates import local

    shown = [e for e in entries if e.field not in HIDDEN_FIELDS]
    reader = Reader(shown, names)
    return [
        {
            "at": local(e.at, "%Y-%m-%d %H:%M:%S"),
            "by": reader.by(e.by_login),
            "record": reader.record(e),
            "field": reader.field(e),
            "old": reader.value(e, e.old),
            "new": reader.value(e, e.new),
        }
        for e in shown
    ]
