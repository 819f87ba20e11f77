"""What the team screen needs from the database: per-person sums for a period and the small
grouped tables behind its charts. Every figure is a GROUP BY; nothing loads deals row by row.

The only non-portable pieces are "days between two timestamps" and "the month of a timestamp";
each has its SQLite and PostgreSQL spelling below, chosen by the connection's dialect.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from salestui.db.queries.executor import Row, Session, dialect, first, owned_by, rows
from salestui.db.queries.moments import local_prefix, midnight
from salestui.kernel.invoices import invoice_sql
from salestui.kernel.periods import Window


def _days(conn: Session, later: str, earlier: str) -> str:
    if dialect(conn) == "sqlite":
        return f"(julianday({later}) - julianday({earlier}))"
    return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)"


def _month(conn: Session, column: str, params: dict) -> str:
    """'YYYY-MM' (the person's clock) of a timestamp column, over the period in ``params``."""
    return local_prefix(dialect(conn), column, 7, (params["s"], params["e"]), params)


def _period(start: date, end: date) -> dict:
    return {"s": midnight(start), "e": midnight(end)}


def closed_by_owner(conn: Session, start: date, end: date) -> list[Row]:
    """owner_id, stage, deals, amount_minor, cycle_days (Σ created→closed days) of deals Won or
    Lost in [start, end)."""
    sql = (
        "SELECT owner_id AS owner_id, stage AS stage, COUNT(*) AS deals, "
        "COALESCE(SUM(amount_minor), 0) AS amount_minor, "
        f"COALESCE(SUM({_days(conn, 'closed_at', 'created_at')}), 0) AS cycle_days "
        "FROM opportunity WHERE stage IN ('Won', 'Lost') "
        "AND closed_at >= :s AND closed_at < :e GROUP BY owner_id, stage"
    )
    return rows(conn, sql, _period(start, end))


def new_customers_by_owner(conn: Session, start: date, end: date) -> list[Row]:
    """owner_id, customers created in [start, end)."""
    return rows(
        conn,
        "SELECT owner_id AS owner_id, COUNT(*) AS customers FROM customer "
        "WHERE created_at >= :s AND created_at < :e AND owner_id IS NOT NULL GROUP BY owner_id",
        _period(start, end),
    )


def activities_by_person(conn: Session, start: date, end: date) -> list[Row]:
    """person_id, visits, activities (all kinds) in [start, end)."""
    return rows(
        conn,
        "SELECT person_id AS person_id, "
        "SUM(CASE WHEN kind = 'visit' THEN 1 ELSE 0 END) AS visits, COUNT(*) AS activities "
        "FROM activity WHERE occurred_at >= :s AND occurred_at < :e GROUP BY person_id",
        _period(start, end),
    )


def collections_by_owner(conn: Session, due: Window) -> list[Row]:
    """owner_id (the customer's), due_minor, paid_minor of the invoices falling due in ``due``
    (a collection rate's window: ``salestui.kernel.invoices.collection_window``)."""
    return rows(
        conn,
        "SELECT c.owner_id AS owner_id, COALESCE(SUM(o.amount_minor), 0) AS due_minor, "
        "COALESCE(SUM(o.paid_minor), 0) AS paid_minor "
        "FROM sales_order o JOIN customer c ON c.id = o.customer_id "
        f"WHERE o.due_date >= :s AND o.due_date < :e AND {invoice_sql('o')} "
        "AND c.owner_id IS NOT NULL GROUP BY c.owner_id",
        {"s": due.start, "e": due.end},
    )


def with_parts(
    conn: Session, person_ids: Sequence[int], start: date, end: date, due: Window
) -> set[int]:
    """Which of ``person_ids`` have any part in [start, end) — a deal won or lost, a new
    customer, an activity, an invoice falling due in ``due`` — by the same conditions as the four
    queries above, looked up for those people only (all that listing people who left needs)."""
    if not person_ids:
        return set()
    period = _period(start, end)
    due_in = {"s": due.start, "e": due.end}
    looks = (
        ("owner_id", "FROM opportunity WHERE stage IN ('Won', 'Lost') "
         "AND closed_at >= :s AND closed_at < :e", period),
        ("owner_id", "FROM customer WHERE created_at >= :s AND created_at < :e", period),
        # the period's range of the (occurred_at, person_id) index, read through, not each
        # person's every activity: "+" keeps SQLite off the person index (4x slower here)
        ("+person_id", "FROM activity WHERE occurred_at >= :s AND occurred_at < :e", period),
        ("c.owner_id", "FROM customer c JOIN sales_order o ON o.customer_id = c.id "
         f"WHERE o.due_date >= :s AND o.due_date < :e AND {invoice_sql('o')}", due_in),
    )  # fmt: skip
    found: set[int] = set()
    for column, where, given in looks:
        params = dict(given)
        picked = column.lstrip("+")
        sql = f"SELECT DISTINCT {picked} AS pid {where}" + owned_by(column, person_ids, params)
        found |= {int(r.pid) for r in rows(conn, sql, params)}
    return found


def targets_between(conn: Session, start: date, end: date) -> list[Row]:
    """scope_type, scope_id, period_type, period_start, metric, value of the targets starting
    in [start, end)."""
    return rows(
        conn,
        "SELECT scope_type AS scope_type, scope_id AS scope_id, period_type AS period_type, "
        "period_start AS period_start, metric AS metric, value AS value FROM target "
        "WHERE period_start >= :s AND period_start < :e",
        {"s": start, "e": end},
    )


def monthly_revenue(
    conn: Session, owner_ids: Sequence[int] | None, start: date, end: date
) -> list[Row]:
    """month ('YYYY-MM'), won_minor of the owners' deals won in [start, end)."""
    params = _period(start, end)
    where = owned_by("owner_id", owner_ids, params)
    month = _month(conn, "closed_at", params)
    return rows(
        conn,
        f"SELECT {month} AS month, COALESCE(SUM(amount_minor), 0) AS won_minor FROM opportunity "
        f"WHERE stage = 'Won' AND closed_at >= :s AND closed_at < :e{where} GROUP BY {month}",
        params,
    )


def funnel_entered(
    conn: Session, owner_ids: Sequence[int] | None, start: date, end: date
) -> list[Row]:
    """stage, deals that ever entered it, over the owners' deals created in [start, end)."""
    params = _period(start, end)
    where = owned_by("o.owner_id", owner_ids, params)
    return rows(
        conn,
        "SELECT sc.to_stage AS stage, COUNT(DISTINCT sc.opportunity_id) AS deals "
        "FROM stage_change sc JOIN opportunity o ON o.id = sc.opportunity_id "
        f"WHERE o.created_at >= :s AND o.created_at < :e{where} GROUP BY sc.to_stage",
        params,
    )


def closed_by_owner_month(
    conn: Session, owner_ids: Sequence[int] | None, start: date, end: date
) -> list[Row]:
    """owner_id, month ('YYYY-MM'), won, lost of deals closed in [start, end): the ramp's
    input."""
    params = _period(start, end)
    where = owned_by("owner_id", owner_ids, params)
    month = _month(conn, "closed_at", params)
    return rows(
        conn,
        f"SELECT owner_id AS owner_id, {month} AS month, "
        "SUM(CASE WHEN stage = 'Won' THEN 1 ELSE 0 END) AS won, "
        "SUM(CASE WHEN stage = 'Lost' THEN 1 ELSE 0 END) AS lost FROM opportunity "
        f"WHERE stage IN ('Won', 'Lost') AND closed_at >= :s AND closed_at < :e{where} "
        f"GROUP BY owner_id, {month}",
        params,
    )


def revenue_by_region_month(
    conn: Session, owner_ids: Sequence[int] | None, start: date, end: date
) -> list[Row]:
    """region (the customer's name), month ('YYYY-MM'), won_minor of deals won in
    [start, end)."""
    params = _period(start, end)
    where = owned_by("o.owner_id", owner_ids, params)
    month = _month(conn, "o.closed_at", params)
    return rows(
        conn,
        f"SELECT COALESCE(r.name, '(no region)') AS region, {month} AS month, "
        "SUM(o.amount_minor) AS won_minor "
        "FROM opportunity o JOIN customer c ON c.id = o.customer_id "
        "LEFT JOIN region r ON r.id = c.region_id "
        f"WHERE o.stage = 'Won' AND o.closed_at >= :s AND o.closed_at < :e{where} "
        f"GROUP BY COALESCE(r.name, '(no region)'), {month}",
        params,
    )


def closed_by_channel(
    conn: Session, owner_ids: Sequence[int] | None, start: date, end: date
) -> list[Row]:
    """channel (the customer's), stage, deals, amount_minor of deals Won or Lost in
    [start, end)."""
    params = _period(start, end)
    where = owned_by("o.owner_id", owner_ids, params)
    return rows(
        conn,
        "SELECT c.channel AS channel, o.stage AS stage, COUNT(*) AS deals, "
        "SUM(o.amount_minor) AS amount_minor "
        "FROM opportunity o JOIN customer c ON c.id = o.customer_id "
        f"WHERE o.stage IN ('Won', 'Lost') AND o.closed_at >= :s AND o.closed_at < :e{where} "
        "GROUP BY c.channel, o.stage",
        params,
    )


def product_line_sales(
    conn: Session, owner_ids: Sequence[int] | None, start: date, end: date
) -> list[Row]:
    """product_line, revenue_minor, cost_minor of order lines ordered in [start, end), the
    order's customer owned by one of ``owner_ids``."""
    params = {"s": start, "e": end}
    where = owned_by("c.owner_id", owner_ids, params)
    join = " JOIN customer c ON c.id = so.customer_id" if owner_ids is not None else ""
    return rows(
        conn,
        "SELECT p.product_line AS product_line, "
        "SUM(l.quantity * l.unit_price_minor) AS revenue_minor, "
        "SUM(l.quantity * l.unit_cost_minor) AS cost_minor FROM order_line l "
        "JOIN sales_order so ON so.id = l.order_id JOIN product p ON p.id = l.product_id"
        f"{join} WHERE so.order_date >= :s AND so.order_date < :e{where} "
        "GROUP BY p.product_line",
        params,
    )


def product_line_open_lines(conn: Session, owner_ids: Sequence[int] | None) -> list[Row]:
    """product_line, quantity, unit_price_minor, discount_bp of every line of an open deal owned
    by one of ``owner_ids`` (the line's total is ``kernel.deal_lines.line_total``'s)."""
    params: dict = {}
    where = owned_by("o.owner_id", owner_ids, params)
    return rows(
        conn,
        "SELECT p.product_line AS product_line, l.quantity AS quantity, "
        "l.unit_price_minor AS unit_price_minor, l.discount_bp AS discount_bp "
        "FROM opportunity_line l JOIN opportunity o ON o.id = l.opportunity_id "
        "JOIN product p ON p.id = l.product_id "
        f"WHERE o.stage NOT IN ('Won', 'Lost'){where}",
        params,
    )


def target_row(
    conn: Session,
    scope_type: str,
    scope_id: int | None,
    period_type: str,
    period_start: date,
    metric: str,
) -> Row | None:
    """id, value, version of the one target of this scope, period and metric, if set."""
    params = {"t": scope_type, "pt": period_type, "ps": period_start, "m": metric}
    if scope_id is None:
        who = "scope_id IS NULL"
    else:
        who = "scope_id = :sid"
        params["sid"] = scope_id
    return first(
        conn,
        f"SELECT id AS id, value AS value, version AS version FROM target "
        f"WHERE scope_type = :t AND {who} "
        "AND period_type = :pt AND period_start = :ps AND metric = :m",
        params,
    )
