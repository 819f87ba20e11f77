"""The warnings inbox: every live warning in the viewer's scope, worded, with the item it would
become (owner, due date, link) and whether an open item already carries it.

Stalled deals, SLA breaches, overdue invoices and unanswered complaints are found in SQL; health
below its threshold and churn warnings come from the customer figures
(``salestui.customers.health``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from salestui.actions.metrics import (
    CUSTOMER_KINDS,
    age_words,
    customer_of,
    item_title,
    suggested_due,
    warning_key,
    warning_kind,
)
from salestui.db.queries.actions import WarningRow
from salestui.kernel.clock import local_day
from salestui.kernel.dates import days_between
from salestui.kernel.domain import COMPLAINT_RESPONSE_HOURS
from salestui.kernel.i18n import N_, _
from salestui.kernel.memory import no_cycle_collection
from salestui.kernel.money import format_amount
from salestui.kernel.sla import limit_hours, sla_hours

KIND_LABEL = {
    "sla": N_("Lead SLA"),
    "complaint": N_("Complaint"),
    "overdue": N_("Overdue"),
    "stalled": N_("Stalled"),
    "health": N_("Health"),
    "churn": N_("Churn"),
}


# The parts of a customer's health (``salestui.customers.health.HEALTH_PARTS``), named in a why.
PART_WORDS = (N_("frequency"), N_("need"), N_("satisfaction"), N_("competition"))


@dataclass(frozen=True)
class InboxWarning:
    key: str
    kind: str
    subject: str
    why: str
    owner_login: str | None
    due: date
    link_type: str
    link_id: int
    title: str
    has_item: bool
    owner_name: str = ""  # the owner's display name, shown where the login is not


def why(w: WarningRow, now: datetime, stall_days: dict[str, int], sla: dict[str, int]) -> str:
    """The reason in a manager's words, with the figures that make it a warning."""
    if w.kind == "stalled":
        days = days_between(w.since, now)
        return _("{days}d in {stage} (limit {limit}d) · {amount}").format(
            days=days,
            stage=_(w.detail),
            limit=stall_days[w.detail],
            amount=format_amount(w.amount_minor),
        )
    if w.kind == "sla":
        limit = limit_hours(w.detail, sla)
        return _("grade {grade} lead waiting {age}, limit {limit}h").format(
            grade=w.detail, age=age_words(w.since, now), limit=limit
        )
    if w.kind == "overdue":
        days = (now.date() - local_day(w.since)).days
        number = w.detail.removeprefix("invoice ")  # "invoice #12" (db.queries.actions)
        return _("{amount} unpaid on invoice {number}, {days}d past due").format(
            amount=format_amount(w.amount_minor), number=number, days=days
        )
    if w.kind == "complaint":
        return _("{severity} complaint open {age}, no first response").format(
            severity=" ".join(_(word) for word in w.detail.split()),  # "urgent service"
            age=age_words(w.since, now),
        )
    return w.detail


def link_of(w: WarningRow) -> tuple[str, int]:
    """What the item links to: the deal, the customer, or for a lead its owner."""
    if w.kind == "stalled":
        return "opportunity", w.link_id
    if w.kind == "sla":
        return "person", w.owner_id or 0
    return "customer", w.customer_id or w.link_id


def key_of(w: WarningRow, today: date) -> str:
    """The warning's one key, the same the customer screen writes for customer warnings."""
    if w.kind in ("stalled", "sla"):
        return warning_key(w.kind, w.link_id)
    return warning_key(w.kind, w.customer_id or w.link_id, w.link_id, today)


class CustomerWarnings(NamedTuple):
    """The customer warnings of a scope: the first of each kind as rows, how many of each, and
    every warned customer of each kind (44,000 health warnings at 1,000,000 deals: a screen
    shows 200 of them, a review their count and the worst)."""

    rows: list[WarningRow]  # the first ``limit`` of each kind, health first, by customer id
    totals: dict[str, int]  # of each kind
    ids: dict[str, list[int]]  # each kind's warned customers, by id

    def live(self, keys, today: date) -> set[str]:
        """Those of ``keys`` that are the key of one of these warnings (:func:`key_of`); an
        empty key (an item raised by hand) is none."""
        warned = {kind: set(ids) for kind, ids in self.ids.items()}
        return {k for k in keys if k and customer_of(k, today) in warned.get(warning_kind(k), ())}

    def of(self, kind: str) -> list[WarningRow]:
        return [w for w in self.rows if w.kind == kind]


def customer_warnings(
    conn, owners, now: datetime, settings: dict[str, str], table=None, limit: int | None = None
) -> CustomerWarnings:
    """Health below the threshold and churn warnings of the customers in scope, from the
    customer table (``salestui.customers.table.customer_table``: the one the tiers
    screen shows, when the caller has it; the kept one otherwise,
    ``salestui.customers.load.table_from``); rows for the first ``limit`` of each kind (None:
    for all)."""
    from salestui.customers.health import HEALTH_PARTS, customer_rules_from
    from salestui.db.queries.executor import rows

    rules = customer_rules_from(settings)
    if table is None:
        from salestui.customers.load import table_from

        table = table_from(conn, now, rules)
    if owners is not None:
        table = table[table["owner_id"].isin(set(owners))]
    if table.empty:
        return CustomerWarnings(
            [], dict.fromkeys(CUSTOMER_KINDS, 0), {k: [] for k in CUSTOMER_KINDS}
        )
    table = table.sort_index()
    logins = {int(r.id): r.login for r in rows(conn, "SELECT id AS id, login AS login FROM person")}

    def made(kind: str, part, reasons) -> list[WarningRow]:
        # zipped over plain lists: a frame lookup per warning costs seconds at 100,000 customers
        out = []
        for cid, name, owner, reason in zip(
            part.index.tolist(),
            part["name"].astype(str).tolist(),
            part["owner_id"].tolist(),
            reasons,
            strict=True,
        ):
            owner = None if owner is None or owner != owner else int(owner)  # NaN: no owner
            login = None if owner is None else logins.get(owner)
            out.append(WarningRow(kind, int(cid), name, owner, login, None, 0, reason, int(cid)))
        return out

    warned = table[table["health_warning"]]
    churned = table[table["churn"]]
    ids = {"health": warned.index.tolist(), "churn": churned.index.tolist()}
    warned, churned = warned.iloc[:limit], churned.iloc[:limit]  # [:None]: all
    parts = warned[list(HEALTH_PARTS)]
    weakest = parts.idxmin(axis=1)  # the first weakest part, in HEALTH_PARTS order
    lowest = parts.min(axis=1)
    reasons = [
        _("health {health} < {floor}; weakest: {part} {low}/25").format(
            health=int(h), floor=rules.health_warning_below, part=_(part), low=int(low)
        )
        for h, part, low in zip(
            warned["health"].tolist(), weakest.tolist(), lowest.tolist(), strict=True
        )
    ]
    found = made("health", warned, reasons) + made(
        "churn", churned, churned["churn_reason"].tolist()
    )
    return CustomerWarnings(found, {k: len(v) for k, v in ids.items()}, ids)


def load_inbox(
    conn, scope, now: datetime, limit: int = 200, *, customers: bool = True
) -> tuple[list[InboxWarning], dict]:
    """The inbox rows (most urgent kinds first) and the total of each kind.

    ``customers=False`` leaves out health and churn: they need every customer's history (seconds
    on a large database), so a screen shows the rest first and adds them with
    :func:`customer_inbox`.
    """
    from salestui.db.queries.actions import (
        overdue_invoices,
        sla_breaches,
        stalled_deals,
        unanswered_complaints,
    )

    sla = sla_hours(scope.settings)
    found: list[WarningRow] = []
    totals: dict[str, int] = {}
    for kind, (rows_, total) in (
        ("sla", sla_breaches(conn, scope.owners, now, sla, limit)),
        (
            "complaint",
            unanswered_complaints(conn, scope.owners, now, COMPLAINT_RESPONSE_HOURS, limit),
        ),
        ("overdue", overdue_invoices(conn, scope.owners, now.date(), limit)),
        ("stalled", stalled_deals(conn, scope.owners, now, scope.rules.stall_days, limit)),
    ):
        found += rows_
        totals[kind] = total
    if customers:
        customer = customer_warnings(conn, scope.owners, now, scope.settings, limit=limit)
        totals |= customer.totals
        found += customer.rows
    return _worded(conn, scope, now, found), totals


def customer_inbox(
    conn, scope, now: datetime, limit: int = 200, table=None, keys=()
) -> tuple[list[InboxWarning], dict[str, int], set[str]]:
    """Health and churn warnings: inbox rows, totals, and those of ``keys`` (the items') that
    are live (for cleared items). ``table``: the customer table, when the caller has it (see
    :func:`customer_warnings`)."""
    with no_cycle_collection():  # a few objects per warned customer, none in cycles
        customer = customer_warnings(conn, scope.owners, now, scope.settings, table, limit)
        live = customer.live(keys, now.date())
    return _worded(conn, scope, now, customer.rows), customer.totals, live


def _worded(conn, scope, now: datetime, found: list[WarningRow]) -> list[InboxWarning]:
    from salestui.db.queries.actions import open_warning_keys

    sla = sla_hours(scope.settings)
    keys = [key_of(w, now.date()) for w in found]
    carried = open_warning_keys(conn, keys)
    names = {p.login: p.display_name for p in scope.people}
    out = []
    for w, key in zip(found, keys, strict=True):
        link_type, link_id = link_of(w)
        owner = w.owner_login or scope.login
        out.append(
            InboxWarning(
                key,
                w.kind,
                w.subject,
                why(w, now, scope.rules.stall_days, sla),
                owner,
                suggested_due(w.kind, now.date()),
                link_type,
                link_id,
                item_title(w.kind, w.subject),
                key in carried,
                names.get(owner, owner),
            )
        )
    return out


def live_warning_keys(
    conn, scope, keys: list[str], now: datetime, *, customers: bool = True
) -> set[str]:
    """Which warning keys still hold: an item whose key is not among them shows "cleared".

    ``customers=False``: health and churn keys are left out (judged later, see above).
    """
    from salestui.db.queries.actions import live_keys

    keys = [k for k in keys if k]
    live = live_keys(
        conn, keys, now, scope.rules.stall_days, sla_hours(scope.settings), COMPLAINT_RESPONSE_HOURS
    )
    live -= {k for k in live if warning_kind(k) in CUSTOMER_KINDS}
    if customers and any(warning_kind(k) in CUSTOMER_KINDS for k in keys):
        customer = customer_warnings(conn, scope.owners, now, scope.settings, limit=0)
        live |= customer.live(keys, now.date())
    return live & set(keys)
