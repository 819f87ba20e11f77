"""Per-customer inputs of the customer figures (tiers, health, churn), aggregated in SQL.

One grouped scan per table, each returning one narrow row per customer; the scoring happens in
``salestui.customers.health`` over these rows. Windows are measured back from ``today``:
the 12-month window is (today − 1 year, today], the one before it (today − 2 years, today − 1 year]. Order counts and first/last order leave out
credit notes (orders of zero or negative amount); revenue is net of them and of returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from salestui.db.queries.executor import Session, dialect, rows

CUSTOMER_COLUMNS = (
    "customer_id",
    "name",
    "owner_id",
    "owner",
    "region_id",
    "region",
    "industry",
    "version",
)
# What the tiers need (RFM, ABC, account tier, lifecycle, revenue change): the first read.
ORDER_TIER_COLUMNS = (
    "customer_id",
    "orders_total",
    "first_order",
    "last_order",
    "orders_12m",
    "revenue_12m",
    "orders_prev_12m",
    "revenue_prev_12m",
)
# The rest of the order figures (churn, behaviour change, collections).
ORDER_MORE_COLUMNS = (
    "customer_id",
    "orders_90d",
    "orders_90_450d",
    "orders_180d",
    "revenue_180d",
    "orders_180_540d",
    "revenue_180_540d",
    "receivable",
    "overdue",
    "due_12m",
    "paid_on_due_12m",
)
ORDER_COLUMNS = ORDER_TIER_COLUMNS + ORDER_MORE_COLUMNS[1:]
DEAL_COLUMNS = (
    "customer_id",
    "open_deals",
    "open_pipeline",
    "new_deals_90d",
    "new_deals_180d",
    "new_deals_365d",
    "lost_to_competitor_12m",
    "closed_deals_12m",
)
ACTIVITY_COLUMNS = (
    "customer_id",
    "activities_90d",
    "activities_90_450d",
    "competitor_mentions",
    "activities_12m",
)
NPS_COLUMNS = ("customer_id", "nps_answers", "promoters", "detractors")
COMPLAINT_COLUMNS = ("customer_id", "opened_at", "first_response_at", "resolved_at")

# Words in an activity note that count as a competitor mention.
COMPETITOR_WORDS = ("competitor", "竞争", "竞品", "对手")


@dataclass(frozen=True)
class CustomerInputs:
    """The raw per-customer aggregates as of ``today``; columns as in the *_COLUMNS tuples.

    Complaints are the 12-month complaint rows themselves (few), since "first response within
    48 hours" is interval arithmetic that portable SQL does not share.
    """

    today: date
    customers: list[tuple]
    orders: list[tuple]  # ORDER_TIER_COLUMNS
    more_orders: list[tuple]  # ORDER_MORE_COLUMNS
    deals: list[tuple]
    activities: list[tuple]
    nps: list[tuple]
    complaints: list[tuple]


@dataclass(frozen=True)
class TierInputs:
    """What the tiers alone need: a first read, a fraction of the whole."""

    today: date
    customers: list[tuple]
    orders: list[tuple]  # ORDER_TIER_COLUMNS


def year_before(day: date) -> date:
    """The same calendar day a year earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _windows(today: date) -> dict[str, date]:
    y1 = year_before(today)
    return {
        "today": today,
        "y1": y1,
        "y2": year_before(y1),
        "d90": today - timedelta(days=90),
        "d180": today - timedelta(days=180),
        "d450": today - timedelta(days=450),
        "d540": today - timedelta(days=540),
    }


def _moments(today: date) -> dict[str, datetime]:
    at = {k: _start_of(v) for k, v in _windows(today).items() if k != "today"}
    at["now"] = _start_of(today + timedelta(days=1))
    return at


# Orders and deals group on covering indexes led by customer_id (one ordered index scan, no
# row fetches). Activities have no such index (their notes would double it): grouping by the
# expression ``customer_id + 0`` keeps SQLite from walking the customer index and fetching every
# row by id — one sequential scan is twice as fast there.


def order_rows(session: Session) -> int:
    """About how many orders there are (the highest id: one index lookup, not a count)."""
    found = rows(session, "SELECT COALESCE(MAX(id), 0) FROM sales_order")
    return int(found[0][0])


def customer_rows(session: Session, today: date) -> list[tuple]:
    return rows(
        session,
        "SELECT c.id, c.name, c.owner_id, COALESCE(p.display_name, ''), c.region_id, "
        "COALESCE(r.name, ''), c.industry, c.version FROM customer c "
        "LEFT JOIN person p ON p.id = c.owner_id LEFT JOIN region r ON r.id = c.region_id",
    )


# Counts leave out credit notes (amount ≤ 0); sums include them. Aggregates use FILTER, which
# SQLite (3.30+) and PostgreSQL share and SQLite runs faster than a CASE per aggregate.


def order_aggregates(session: Session, today: date) -> list[tuple]:
    """ORDER_TIER_COLUMNS: lifetime and the two 12-month windows."""
    return rows(
        session,
        "SELECT customer_id, COUNT(*) FILTER (WHERE amount_minor > 0), "
        "MIN(order_date) FILTER (WHERE amount_minor > 0), "
        "MAX(order_date) FILTER (WHERE amount_minor > 0), "
        "COUNT(*) FILTER (WHERE order_date > :y1 AND amount_minor > 0), "
        "SUM(amount_minor) FILTER (WHERE order_date > :y1), "
        "COUNT(*) FILTER (WHERE order_date > :y2 AND order_date <= :y1 AND amount_minor > 0), "
        "SUM(amount_minor) FILTER (WHERE order_date > :y2 AND order_date <= :y1) "
        "FROM sales_order WHERE order_date <= :today GROUP BY 1",
        _windows(today),
    )


def more_order_aggregates(session: Session, today: date) -> list[tuple]:
    """ORDER_MORE_COLUMNS: the 90/180-day windows against the customer's own past, what is
    receivable and overdue, and what fell due in the last 12 months and was paid."""
    return rows(
        session,
        "SELECT customer_id, "
        "COUNT(*) FILTER (WHERE order_date > :d90 AND amount_minor > 0), "
        "COUNT(*) FILTER (WHERE order_date > :d450 AND order_date <= :d90 AND amount_minor > 0), "
        "COUNT(*) FILTER (WHERE order_date > :d180 AND amount_minor > 0), "
        "SUM(amount_minor) FILTER (WHERE order_date > :d180), "
        "COUNT(*) FILTER (WHERE order_date > :d540 AND order_date <= :d180 AND amount_minor > 0), "
        "SUM(amount_minor) FILTER (WHERE order_date > :d540 AND order_date <= :d180), "
        "SUM(amount_minor - paid_minor) FILTER (WHERE paid_minor < amount_minor), "
        "SUM(amount_minor - paid_minor) FILTER (WHERE due_date < :today "
        "AND paid_minor < amount_minor), "
        "SUM(amount_minor) FILTER (WHERE due_date <= :today AND due_date > :y1 "
        "AND amount_minor > 0), "
        "SUM(paid_minor) FILTER (WHERE due_date <= :today AND due_date > :y1 "
        "AND amount_minor > 0) "
        "FROM sales_order WHERE order_date <= :today GROUP BY 1",
        _windows(today),
    )


def deal_aggregates(session: Session, today: date) -> list[tuple]:
    return rows(
        session,
        "SELECT customer_id, "
        "COUNT(*) FILTER (WHERE closed_at IS NULL AND stage NOT IN ('Won', 'Lost')), "
        "SUM(amount_minor) FILTER (WHERE closed_at IS NULL AND stage NOT IN ('Won', 'Lost')), "
        "COUNT(*) FILTER (WHERE created_at >= :d90), "
        "COUNT(*) FILTER (WHERE created_at >= :d180), "
        "COUNT(*) FILTER (WHERE created_at >= :y1), "
        "COUNT(*) FILTER (WHERE stage = 'Lost' AND lost_reason = 'competitor' "
        "AND closed_at >= :y1), "
        "COUNT(*) FILTER (WHERE stage IN ('Won', 'Lost') AND closed_at >= :y1) "
        "FROM opportunity WHERE created_at < :now GROUP BY 1",
        _moments(today),
    )


def activity_aggregates(session: Session, today: date) -> list[tuple]:
    at = _moments(today)
    # LIKE ignores ASCII case on SQLite (and lower() there would cost a third of the scan);
    # PostgreSQL's LIKE does not, so it gets ILIKE. The CJK words have no case.
    like = "LIKE" if dialect(session) == "sqlite" else "ILIKE"
    mention = " OR ".join(f"note {like} :w{i}" for i in range(len(COMPETITOR_WORDS)))
    words = {f"w{i}": f"%{w}%" for i, w in enumerate(COMPETITOR_WORDS)}
    return rows(
        session,
        "SELECT customer_id + 0, COUNT(*) FILTER (WHERE occurred_at >= :d90), "
        "COUNT(*) FILTER (WHERE occurred_at < :d90), "
        f"COUNT(*) FILTER (WHERE occurred_at >= :y1 AND ({mention})), "
        "COUNT(*) FILTER (WHERE occurred_at >= :y1) "
        "FROM activity WHERE customer_id IS NOT NULL AND occurred_at >= :d450 "
        "AND occurred_at < :now GROUP BY 1",
        {"d90": at["d90"], "d450": at["d450"], "y1": at["y1"], "now": at["now"], **words},
    )


def nps_aggregates(session: Session, today: date) -> list[tuple]:
    y1 = year_before(today)
    return rows(
        session,
        "SELECT customer_id, COUNT(*), SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END) FROM nps_answer "
        "WHERE answered_on > :y1 AND answered_on <= :today GROUP BY customer_id",
        {"y1": y1, "today": today},
    )


def complaint_rows(session: Session, today: date) -> list[tuple]:
    at = _moments(today)
    return rows(
        session,
        "SELECT customer_id, opened_at, first_response_at, resolved_at FROM complaint "
        "WHERE opened_at >= :y1 AND opened_at < :now",
        {"y1": at["y1"], "now": at["now"]},
    )


INPUT_PARTS = (  # in CustomerInputs' order
    customer_rows,
    order_aggregates,
    more_order_aggregates,
    deal_aggregates,
    activity_aggregates,
    nps_aggregates,
    complaint_rows,
)


TIER_PARTS = (customer_rows, order_aggregates)  # in TierInputs' order


def tier_inputs(session: Session, today: date) -> TierInputs:
    return TierInputs(today, *(part(session, today) for part in TIER_PARTS))


def customer_inputs(session: Session, today: date) -> CustomerInputs:
    """Every customer's inputs; nothing is filtered by owner, since tiers rank the whole company.
    (Each part is also a query function of its own, so a caller may run them side by side.)"""
    return CustomerInputs(today, *(part(session, today) for part in INPUT_PARTS))
