"""Per-customer inputs of the customer figures (tiers, health, churn), aggregated in SQL.

One grouped scan per table, each returning one narrow row per customer; the scoring happens in
``salestui.customers.health`` over these rows. Windows are measured back from ``today``: the
12-month window is ``salestui.kernel.periods.last_12_months`` for every table (orders, deals,
activities, NPS, complaints, invoices), the one before it ``twelve_months_before``. Order counts,
first/last order, what is receivable, overdue and collected leave out credit notes
(``salestui.kernel.invoices``); revenue is net of them and of returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salestui.db.queries.executor import Session, Table, dialect, first, table
from salestui.db.queries.moments import midnight
from salestui.kernel.invoices import invoice_sql, open_sql
from salestui.kernel.periods import last_12_months, last_days, twelve_months_before
from salestui.kernel.periods import year_before as year_before  # callers import it here

# Words in an activity note that count as a competitor mention.
COMPETITOR_WORDS = ("competitor", "竞争", "竞品", "对手")


@dataclass(frozen=True)
class CustomerInputs:
    """The raw per-customer aggregates as of ``today``, one :class:`Table` per read below, each
    with a ``customer_id`` column and the columns its SQL names.

    Complaints are the 12-month complaint rows themselves (few), since "first response within
    48 hours" is interval arithmetic that portable SQL does not share.
    """

    today: date
    customers: Table
    orders: Table  # lifetime and the two 12-month windows (the tiers' part)
    more_orders: Table
    deals: Table
    activities: Table
    nps: Table
    complaints: Table


@dataclass(frozen=True)
class TierInputs:
    """What the tiers alone need: a first read, a fraction of the whole."""

    today: date
    customers: Table
    orders: Table


def _windows(today: date) -> dict[str, date]:
    """Day bounds, half-open: a day ``d`` is in the 12 months when ``m12 <= d < end``."""
    return {
        "today": today,
        "end": last_12_months(today).end,
        "m12": last_12_months(today).start,
        "m24": twelve_months_before(today).start,
        # the first day of the last N days (``periods.last_days``)
        "d90": last_days(today, 90).start,
        "d180": last_days(today, 180).start,
        "d450": last_days(today, 450).start,
        "d540": last_days(today, 540).start,
    }


def _moments(today: date) -> dict[str, datetime]:
    """The same bounds as stored moments (midnight of each day); ``now`` is the end of today."""
    at = {k: midnight(v) for k, v in _windows(today).items() if k not in ("today", "end")}
    at["now"] = midnight(last_12_months(today).end)
    return at


# Orders and deals group on covering indexes led by customer_id (one ordered index scan, no
# row fetches). Activities have no such index (their notes would double it): grouping by the
# expression ``customer_id + 0`` keeps SQLite from walking the customer index and fetching every
# row by id — one sequential scan is twice as fast there.


INVOICE = invoice_sql()
OPEN = open_sql()


def order_rows(session: Session) -> int:
    """About how many orders there are (the highest id: one index lookup, not a count)."""
    return int(first(session, "SELECT COALESCE(MAX(id), 0) AS top FROM sales_order").top)


def _only(ids: tuple[int, ...] | None, params: dict) -> tuple[str, dict]:
    """`` AND customer_id IN :ids`` when only some customers are read (the ones a change
    touched, ``salestui.runtime.maintained``); nothing for every customer."""
    if ids is None:
        return "", params
    return " AND customer_id IN :ids", {**params, "ids": tuple(ids)}


def customer_rows(session: Session, today: date, ids: tuple[int, ...] | None = None) -> Table:
    where, params = ("", {}) if ids is None else (" WHERE c.id IN :ids", {"ids": tuple(ids)})
    return table(
        session,
        "SELECT c.id AS customer_id, c.name AS name, c.owner_id AS owner_id, "
        "COALESCE(p.display_name, '') AS owner, c.region_id AS region_id, "
        "COALESCE(r.name, '') AS region, c.industry AS industry, c.version AS version "
        "FROM customer c "
        "LEFT JOIN person p ON p.id = c.owner_id LEFT JOIN region r ON r.id = c.region_id"
        f"{where} ORDER BY c.id",
        params,
    )


# Counts leave out credit notes; sums of revenue include them. Aggregates use FILTER, which
# SQLite (3.30+) and PostgreSQL share and SQLite runs faster than a CASE per aggregate.


def order_aggregates(session: Session, today: date, ids: tuple[int, ...] | None = None) -> Table:
    """Lifetime and the two 12-month windows."""
    only, params = _only(ids, _windows(today))
    return table(
        session,
        "SELECT customer_id AS customer_id, "
        f"COUNT(*) FILTER (WHERE {INVOICE}) AS orders_total, "
        f"MIN(order_date) FILTER (WHERE {INVOICE}) AS first_order, "
        f"MAX(order_date) FILTER (WHERE {INVOICE}) AS last_order, "
        f"COUNT(*) FILTER (WHERE order_date >= :m12 AND {INVOICE}) AS orders_12m, "
        "SUM(amount_minor) FILTER (WHERE order_date >= :m12) AS revenue_12m, "
        f"COUNT(*) FILTER (WHERE order_date >= :m24 AND order_date < :m12 AND {INVOICE}) "
        "AS orders_prev_12m, "
        "SUM(amount_minor) FILTER (WHERE order_date >= :m24 AND order_date < :m12) "
        "AS revenue_prev_12m "
        f"FROM sales_order WHERE order_date < :end{only} GROUP BY 1",
        params,
    )


def more_order_aggregates(
    session: Session, today: date, ids: tuple[int, ...] | None = None
) -> Table:
    """The 90/180-day windows against the customer's own past, what is receivable and overdue,
    and what fell due in the last 12 months and was paid."""
    only, params = _only(ids, _windows(today))
    return table(
        session,
        "SELECT customer_id AS customer_id, "
        f"COUNT(*) FILTER (WHERE order_date >= :d90 AND {INVOICE}) AS orders_90d, "
        f"COUNT(*) FILTER (WHERE order_date >= :d450 AND order_date < :d90 AND {INVOICE}) "
        "AS orders_90_450d, "
        f"COUNT(*) FILTER (WHERE order_date >= :d180 AND {INVOICE}) AS orders_180d, "
        "SUM(amount_minor) FILTER (WHERE order_date >= :d180) AS revenue_180d, "
        f"COUNT(*) FILTER (WHERE order_date >= :d540 AND order_date < :d180 AND {INVOICE}) "
        "AS orders_180_540d, "
        "SUM(amount_minor) FILTER (WHERE order_date >= :d540 AND order_date < :d180) "
        "AS revenue_180_540d, "
        f"SUM({OPEN}) AS receivable, "
        f"SUM({OPEN}) FILTER (WHERE due_date < :today) AS overdue, "
        f"SUM(amount_minor) FILTER (WHERE due_date >= :m12 AND due_date < :end AND {INVOICE}) "
        "AS due_12m, "
        f"SUM(paid_minor) FILTER (WHERE due_date >= :m12 AND due_date < :end AND {INVOICE}) "
        "AS paid_on_due_12m "
        f"FROM sales_order WHERE order_date < :end{only} GROUP BY 1",
        params,
    )


def deal_aggregates(session: Session, today: date, ids: tuple[int, ...] | None = None) -> Table:
    only, params = _only(ids, _moments(today))
    return table(
        session,
        "SELECT customer_id AS customer_id, "
        "COUNT(*) FILTER (WHERE closed_at IS NULL AND stage NOT IN ('Won', 'Lost')) "
        "AS open_deals, "
        "SUM(amount_minor) FILTER (WHERE closed_at IS NULL AND stage NOT IN ('Won', 'Lost')) "
        "AS open_pipeline, "
        "COUNT(*) FILTER (WHERE created_at >= :d90) AS new_deals_90d, "
        "COUNT(*) FILTER (WHERE created_at >= :d180) AS new_deals_180d, "
        "COUNT(*) FILTER (WHERE created_at >= :m12) AS new_deals_365d, "
        "COUNT(*) FILTER (WHERE stage = 'Lost' AND lost_reason = 'competitor' "
        "AND closed_at >= :m12 AND closed_at < :now) AS lost_to_competitor_12m, "
        "COUNT(*) FILTER (WHERE stage IN ('Won', 'Lost') AND closed_at >= :m12 "
        "AND closed_at < :now) "
        "AS closed_deals_12m "
        f"FROM opportunity WHERE created_at < :now{only} GROUP BY 1",
        params,
    )


def activity_aggregates(session: Session, today: date, ids: tuple[int, ...] | None = None) -> Table:
    at = _moments(today)
    # LIKE ignores ASCII case on SQLite (and lower() there would cost a third of the scan);
    # PostgreSQL's LIKE does not, so it gets ILIKE. The CJK words have no case.
    like = "LIKE" if dialect(session) == "sqlite" else "ILIKE"
    mention = " OR ".join(f"note {like} :w{i}" for i in range(len(COMPETITOR_WORDS)))
    words = {f"w{i}": f"%{w}%" for i, w in enumerate(COMPETITOR_WORDS)}
    only, params = _only(
        ids, {"d90": at["d90"], "d450": at["d450"], "m12": at["m12"], "now": at["now"], **words}
    )
    return table(
        session,
        "SELECT customer_id + 0 AS customer_id, "
        "COUNT(*) FILTER (WHERE occurred_at >= :d90) AS activities_90d, "
        "COUNT(*) FILTER (WHERE occurred_at < :d90) AS activities_90_450d, "
        f"COUNT(*) FILTER (WHERE occurred_at >= :m12 AND ({mention})) AS competitor_mentions, "
        "COUNT(*) FILTER (WHERE occurred_at >= :m12) AS activities_12m "
        "FROM activity WHERE customer_id IS NOT NULL AND occurred_at >= :d450 "
        f"AND occurred_at < :now{only} GROUP BY 1",
        params,
    )


def nps_aggregates(session: Session, today: date, ids: tuple[int, ...] | None = None) -> Table:
    months = last_12_months(today)
    only, params = _only(ids, {"m12": months.start, "end": months.end})
    return table(
        session,
        "SELECT customer_id AS customer_id, COUNT(*) AS nps_answers, "
        "SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) AS promoters, "
        "SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END) AS detractors FROM nps_answer "
        f"WHERE answered_on >= :m12 AND answered_on < :end{only} GROUP BY customer_id",
        params,
    )


def complaint_rows(
    session: Session, today: date, ids: tuple[int, ...] | None = None, *, unanswered=False
) -> Table:
    """The complaints the customer table counts (opened in the last 12 months); ``unanswered``:
    only those without a first response — the ones whose lateness the clock changes."""
    at = _moments(today)
    only, params = _only(ids, {"m12": at["m12"], "now": at["now"]})
    if unanswered:
        only += " AND first_response_at IS NULL"
    return table(
        session,
        "SELECT customer_id AS customer_id, opened_at AS opened_at, "
        "first_response_at AS first_response_at, resolved_at AS resolved_at FROM complaint "
        f"WHERE opened_at >= :m12 AND opened_at < :now{only}",
        params,
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


def customer_inputs(session: Session, today: date) -> CustomerInputs:
    """Every customer's inputs; nothing is filtered by owner, since tiers rank the whole company.
    (Each part is also a query function of its own, so a caller may run them side by side.)"""
    return CustomerInputs(today, *(part(session, today) for part in INPUT_PARTS))
