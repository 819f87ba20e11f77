"""The figures of one customer's detail: monthly orders, invoices and what is overdue,
complaints against the 48-hour first response, NPS, and cross-sell suggestions with evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salestui.customers.health import complaint_is_late
from salestui.db.queries.moments import aware as _aware
from salestui.db.queries.moments import day as _day
from salestui.kernel.domain import COMPLAINT_RESPONSE_HOURS
from salestui.kernel.format import percent
from salestui.kernel.i18n import _, ngettext
from salestui.kernel.invoices import collection_rate, is_invoice
from salestui.kernel.periods import add_months, last_12_months, last_days


@dataclass(frozen=True)
class MonthOrders:
    month: date  # first day
    orders: int  # orders of positive amount
    amount_minor: int  # net of credit notes


def monthly_orders(orders: list[tuple], today: date, months: int = 36) -> list[MonthOrders]:
    """``months`` calendar months up to today's, every month present (zero when quiet)."""
    starts = [add_months(today, -back) for back in range(months - 1, -1, -1)]
    count = dict.fromkeys(starts, 0)
    amount = dict.fromkeys(starts, 0)
    for raw_day, minor in orders:
        key = add_months(_day(raw_day), 0)
        if key in count:
            count[key] += 1 if is_invoice(minor) else 0
            amount[key] += int(minor)
    return [MonthOrders(m, count[m], amount[m]) for m in starts]


def behaviour_window_start(today: date) -> date:
    """The month where the key-customer behaviour window (the last 180 days) begins."""
    return add_months(last_days(today, 180).start, 0)


@dataclass(frozen=True)
class InvoiceLine:
    id: int
    order_date: date
    due_date: date
    amount_minor: int
    paid_minor: int
    open_minor: int
    days_overdue: int  # 0 when not overdue
    status: str  # paid / open / overdue / credit


def invoice_lines(invoices: list[tuple], today: date) -> list[InvoiceLine]:
    out = []
    for iid, ordered, due, amount, paid, _paid_on in invoices:
        due_day = _day(due)
        open_minor = max(int(amount) - int(paid), 0) if is_invoice(amount) else 0
        overdue = open_minor > 0 and due_day < today
        if not is_invoice(amount):
            status = "credit"
        elif open_minor == 0:
            status = "paid"
        else:
            status = "overdue" if overdue else "open"
        out.append(
            InvoiceLine(
                int(iid),
                _day(ordered),
                due_day,
                int(amount),
                int(paid),
                open_minor,
                (today - due_day).days if overdue else 0,
                status,
            )
        )
    return out


def invoice_collection_rate(lines: list[InvoiceLine], today: date) -> float | None:
    """The collection rate (``salestui.kernel.invoices``) over the invoices that fell due in the
    last 12 months."""
    months = last_12_months(today)
    due = [x for x in lines if months.contains(x.due_date) and is_invoice(x.amount_minor)]
    return collection_rate(sum(x.paid_minor for x in due), sum(x.amount_minor for x in due))


@dataclass(frozen=True)
class ComplaintLine:
    id: int
    category: str
    severity: str
    opened_at: datetime
    response_hours: float | None  # None while unanswered
    late: bool  # first response past 48 hours (or none after 48 hours)
    resolved: bool
    summary: str


def complaint_lines(complaints: list[tuple], now: datetime) -> list[ComplaintLine]:
    out = []
    for cid, category, severity, opened, answered, resolved, summary in complaints:
        opened_at, answered_at = _aware(opened), _aware(answered)
        hours = (answered_at - opened_at).total_seconds() / 3600 if answered_at else None
        out.append(
            ComplaintLine(
                int(cid),
                category,
                severity,
                opened_at,
                hours,
                complaint_is_late(opened_at, answered_at, now),
                resolved is not None,
                summary or "",
            )
        )
    return out


@dataclass(frozen=True)
class CrossSell:
    product_id: int
    product: str
    product_line: str
    buyers: int
    similar: int

    @property
    def share(self) -> float:
        return self.buyers / self.similar if self.similar else 0.0

    @property
    def evidence(self) -> str:
        return _("bought by {n} of {similar} similar customers ({share})").format(
            n=self.buyers, similar=self.similar, share=percent(self.share, unit=" %")
        )


def cross_sell(
    similar: int, products: list[tuple], *, min_buyers: int = 1, top: int = 5
) -> list[CrossSell]:
    """Products this customer lacks, most bought by its similar customers first (ties by name);
    a product needs at least ``min_buyers`` buyers and at least 10 % of the similar customers."""
    found = [
        CrossSell(int(pid), name, line or "", int(buyers), similar)
        for pid, name, line, buyers in products
        if int(buyers) >= min_buyers and similar and int(buyers) * 10 >= similar
    ]
    found.sort(key=lambda x: (-x.buyers, x.product, x.product_id))
    return found[:top]


@dataclass(frozen=True)
class CustomerWarning:
    """A warning that can become one action item: ``kind`` and ``ref`` make its key."""

    kind: str  # health / churn / overdue / complaint
    ref: int | None  # order id (overdue) or complaint id; None for health and churn
    label: str
    title: str
    priority: str


def customer_warnings(
    name: str,
    health: int,
    health_below: int,
    health_warning: bool,
    churn_reason: str,
    invoices: list[InvoiceLine],
    complaints: list[ComplaintLine],
) -> list[CustomerWarning]:
    """Health below the threshold, a churn warning, each overdue invoice, each complaint past
    48 hours still unresolved — in that order."""
    out = []
    if health_warning:  # the table's flag: the rule (and its setting) lives in health_scores
        out.append(
            CustomerWarning(
                "health",
                None,
                _("health {n} below {below}").format(n=health, below=health_below),
                _("{name}: health {n}, plan a service upgrade").format(name=name, n=health),
                "high" if health < health_below - 20 else "normal",
            )
        )
    if churn_reason:
        out.append(
            CustomerWarning(
                "churn",
                None,
                _("churn: {reason}").format(reason=churn_reason),
                _("{name}: churn risk, visit").format(name=name),
                "high",
            )
        )
    for x in invoices:
        if x.status == "overdue":
            days = x.days_overdue
            out.append(
                CustomerWarning(
                    "overdue",
                    x.id,
                    ngettext(
                        "invoice #{id} {n} day overdue", "invoice #{id} {n} days overdue", days
                    ).format(id=x.id, n=days),
                    ngettext(
                        "{name}: collect invoice #{id} ({n} day overdue)",
                        "{name}: collect invoice #{id} ({n} days overdue)",
                        days,
                    ).format(name=name, id=x.id, n=days),
                    "high" if x.days_overdue > 60 else "normal",
                )
            )
    for c in complaints:
        if c.late and not c.resolved:
            out.append(
                CustomerWarning(
                    "complaint",
                    c.id,
                    _("{severity} {category} complaint #{id} past {hours} h").format(
                        severity=_(c.severity),
                        category=_(c.category),
                        id=c.id,
                        hours=COMPLAINT_RESPONSE_HOURS,
                    ),
                    _("{name}: answer complaint #{id}").format(name=name, id=c.id),
                    "high" if c.severity != "normal" else "normal",
                )
            )
    return out
