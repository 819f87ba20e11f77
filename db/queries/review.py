"""Read-only aggregates behind the weekly review: KPIs at a moment, funnel masks, revenue by month,
what moved since a moment, region gaps. Portable SQL; every sum is done by the database.

``owners``: the owner ids in scope, or None for everyone.
"""

from __future__ import annotations

from datetime import date, datetime

from salestui.db.queries.board import naive_utc
from salestui.db.queries.executor import Session, dialect, first, rows
from salestui.kernel.domain import OPEN_STAGES


def _in(column: str, values, params: dict, name: str) -> str:
    if values is None:
        return ""
    values = tuple(values)
    if not values:
        return " AND 1 = 0"
    for i, v in enumerate(values):
        params[f"{name}{i}"] = v
    return f" AND {column} IN ({', '.join(f':{name}{i}' for i in range(len(values)))})"


def _prefix(conn: Session, column: str, chars: int) -> str:
    """The first ``chars`` of a timestamp as text ('YYYY-MM' = 7, 'YYYY-MM-DD' = 10)."""
    if dialect(conn) == "sqlite":
        return f"substr({column}, 1, {chars})"
    return f"to_char({column}, '{'YYYY-MM' if chars == 7 else 'YYYY-MM-DD'}')"


def _open_stages(params: dict) -> str:
    for i, s in enumerate(OPEN_STAGES):
        params[f"os{i}"] = s
    return ", ".join(f":os{i}" for i in range(len(OPEN_STAGES)))


def kpi_aggregates(
    conn: Session,
    owners,
    at: datetime,
    q_start: date,
    probability: dict[str, int],
    *,
    current: bool,
) -> dict[str, int]:
    """The KPI inputs as they stood at ``at`` (``current``: at now, from the indexed columns).

    The pipeline at a past moment takes each deal's stage at that moment from its history (only
    deals that moved since need the look-up) with its amount as it is now.
    """
    t = naive_utc(at)
    q0 = datetime(q_start.year, q_start.month, q_start.day)
    out: dict[str, int] = {}

    p: dict = {"t": t, "q0": q0}
    sql = (
        "SELECT COALESCE(SUM(CASE WHEN o.stage = 'Won' THEN o.amount_minor ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN o.stage = 'Won' THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN o.stage = 'Lost' THEN 1 ELSE 0 END), 0) "
        "FROM opportunity o WHERE o.stage IN ('Won', 'Lost') "
        "AND o.closed_at >= :q0 AND o.closed_at < :t" + _in("o.owner_id", owners, p, "ow")
    )
    out["won_qtd_minor"], out["won_count"], out["lost_count"] = (
        int(v) for v in first(conn, sql, p)
    )

    p = {"t": t}
    if current:
        sql = (
            "SELECT COALESCE(SUM(o.amount_minor), 0), "
            "COALESCE(SUM(o.amount_minor * o.probability), 0) FROM opportunity o "
            f"WHERE o.stage IN ({_open_stages(p)})" + _in("o.owner_id", owners, p, "ow")
        )
    else:
        cases = " ".join(f"WHEN '{s}' THEN {int(probability[s])}" for s in OPEN_STAGES)
        at_t = (
            "(SELECT sc.to_stage FROM stage_change sc WHERE sc.opportunity_id = o.id "
            "AND sc.changed_at <= :t ORDER BY sc.changed_at DESC, sc.id DESC LIMIT 1)"
        )
        sql = (
            "SELECT COALESCE(SUM(o.amount_minor), 0), COALESCE(SUM(o.amount_minor * "
            f"CASE WHEN o.stage_entered_at <= :t THEN o.probability ELSE CASE {at_t} {cases} "
            "ELSE 0 END END), 0) FROM opportunity o "
            "WHERE o.created_at <= :t AND (o.closed_at IS NULL OR o.closed_at > :t)"
            + _in("o.owner_id", owners, p, "ow")
        )
    out["open_minor"], out["weighted_x100"] = (int(v) for v in first(conn, sql, p))

    p = {"t": t, "q0": q0}
    sql = "SELECT COUNT(*) FROM customer c WHERE c.created_at >= :q0 AND c.created_at < :t" + _in(
        "c.owner_id", owners, p, "ow"
    )
    out["new_customers"] = int(first(conn, sql, p)[0])

    day = t.date()
    p = {"d": day, "q0": q_start}
    paid = "CASE WHEN s.paid_date IS NOT NULL AND s.paid_date <= :d THEN s.paid_minor ELSE 0 END"
    join = " JOIN customer c ON c.id = s.customer_id" if owners is not None else ""
    sql = (
        "SELECT "
        "COALESCE(SUM(CASE WHEN s.due_date >= :q0 AND s.due_date <= :d THEN s.amount_minor "
        "ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN s.due_date >= :q0 AND s.due_date <= :d THEN {paid} ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN s.due_date < :d THEN s.amount_minor - {paid} ELSE 0 END), 0), "
        f"COALESCE(SUM(s.amount_minor - {paid}), 0) "
        f"FROM sales_order s{join} WHERE s.order_date <= :d" + _in("c.owner_id", owners, p, "ow")
    )
    due, paid_of_due, overdue, receivable = (int(v) for v in first(conn, sql, p))
    out.update(
        due_minor=due,
        paid_of_due_minor=paid_of_due,
        overdue_minor=max(0, overdue),
        receivable_minor=max(0, receivable),
    )
    out.update(quarter_targets(conn, owners, q_start))
    return out


def quarter_targets(conn: Session, owners, q_start: date) -> dict[str, int]:
    """The quarter's person targets summed over the scope: revenue (minor units), new customers."""
    p: dict = {"q0": q_start}
    sql = (
        "SELECT t.metric, COALESCE(SUM(t.value), 0) FROM target t WHERE t.scope_type = 'person' "
        "AND t.period_type = 'quarter' AND t.period_start = :q0"
        + _in("t.scope_id", owners, p, "ow")
        + " GROUP BY t.metric"
    )
    found = {r[0]: int(r[1]) for r in rows(conn, sql, p)}
    return {
        "target_quarter_minor": found.get("revenue", 0),
        "new_customer_target": found.get("new_customers", 0),
    }


def month_targets(conn: Session, owners, q_start: date, q_end: date) -> dict[date, int]:
    p: dict = {"a": q_start, "b": q_end}
    sql = (
        "SELECT t.period_start, COALESCE(SUM(t.value), 0) FROM target t "
        "WHERE t.scope_type = 'person' AND t.period_type = 'month' AND t.metric = 'revenue' "
        "AND t.period_start >= :a AND t.period_start < :b"
        + _in("t.scope_id", owners, p, "ow")
        + " GROUP BY t.period_start"
    )
    return {date.fromisoformat(str(r[0])[:10]): int(r[1]) for r in rows(conn, sql, p)}


def funnel_masks(conn: Session, owners, start: datetime | None, end: datetime) -> dict[int, int]:
    """Deals created in [start, end) grouped by the set of stages they ever entered (a bitmask,
    as ``salestui.review.metrics.STAGE_BIT``): at most 64 rows, whatever the number of deals."""
    from salestui.review.metrics import STAGE_BIT

    p: dict = {"e": naive_utc(end)}
    cases = " ".join(f"WHEN '{s}' THEN {b}" for s, b in STAGE_BIT.items())
    since = ""
    if start is not None:
        p["s"] = naive_utc(start)
        since = " AND o.created_at >= :s"
    sql = (
        "SELECT m.mask, COUNT(*) FROM (SELECT sc.opportunity_id, "
        f"SUM(DISTINCT CASE sc.to_stage {cases} ELSE 0 END) AS mask "
        "FROM stage_change sc JOIN opportunity o ON o.id = sc.opportunity_id "
        f"WHERE o.created_at < :e{since}"
        + _in("o.owner_id", owners, p, "ow")
        + " GROUP BY sc.opportunity_id) m GROUP BY m.mask"
    )
    return {int(r[0]): int(r[1]) for r in rows(conn, sql, p)}


def won_by_month(conn: Session, owners, since: date, until: datetime) -> dict[date, int]:
    """Won revenue per calendar month of the close (UTC), from ``since`` on."""
    p: dict = {"a": datetime(since.year, since.month, 1), "b": naive_utc(until)}
    month = _prefix(conn, "o.closed_at", 7)
    sql = (
        f"SELECT {month}, COALESCE(SUM(o.amount_minor), 0) FROM opportunity o "
        "WHERE o.stage = 'Won' AND o.closed_at >= :a AND o.closed_at < :b"
        + _in("o.owner_id", owners, p, "ow")
        + f" GROUP BY {month}"
    )
    return {date.fromisoformat(f"{r[0]}-01"): int(r[1]) for r in rows(conn, sql, p)}


def won_by_day(conn: Session, owners, since: date, until: date) -> dict[date, int]:
    p: dict = {
        "a": datetime(since.year, since.month, since.day),
        "b": datetime(until.year, until.month, until.day),
    }
    day = _prefix(conn, "o.closed_at", 10)
    sql = (
        f"SELECT {day}, COALESCE(SUM(o.amount_minor), 0) FROM opportunity o "
        "WHERE o.stage = 'Won' AND o.closed_at >= :a AND o.closed_at < :b"
        + _in("o.owner_id", owners, p, "ow")
        + f" GROUP BY {day}"
    )
    return {date.fromisoformat(str(r[0])): int(r[1]) for r in rows(conn, sql, p)}


def deals_moved_since(conn: Session, owners, since: datetime) -> list[tuple]:
    """(id, title, owner, amount, stage at ``since`` or None if created after, stage now,
    created_at) of every deal whose stage changed since: its current stage was entered after."""
    p: dict = {"t": naive_utc(since)}
    stages = ", ".join(f"'{s}'" for s in OPEN_STAGES + ("Won", "Lost"))
    before = (
        "(SELECT sc.to_stage FROM stage_change sc WHERE sc.opportunity_id = o.id "
        "AND sc.changed_at <= :t ORDER BY sc.changed_at DESC, sc.id DESC LIMIT 1)"
    )
    sql = (
        f"SELECT o.id, o.title, p.display_name, o.amount_minor, {before}, o.stage, o.created_at "
        "FROM opportunity o JOIN person p ON p.id = o.owner_id "
        f"WHERE o.stage IN ({stages}) AND o.stage_entered_at > :t"
        + _in("o.owner_id", owners, p, "ow")
    )
    return rows(conn, sql, p)


def close_date_slips(conn: Session, owners, since: datetime) -> list[tuple]:
    """(id, title, old close, new close) of every expected-close change since, oldest first."""
    p: dict = {"t": naive_utc(since)}
    sql = (
        "SELECT o.id, o.title, a.old, a.new FROM audit_log a "
        "JOIN opportunity o ON o.id = a.row_id "
        "WHERE a.at > :t AND a.table_name = 'opportunity' AND a.field = 'expected_close' "
        "AND a.old IS NOT NULL" + _in("o.owner_id", owners, p, "ow") + " ORDER BY a.at, a.id"
    )
    return rows(conn, sql, p)


def region_attainment(conn: Session, owners, q_start: date, at: datetime) -> list[tuple]:
    """(region, won this quarter, quarter revenue target) per region of the deal owners."""
    q0 = datetime(q_start.year, q_start.month, q_start.day)
    p: dict = {"q0": q0, "t": naive_utc(at), "qd": q_start}
    won = (
        "SELECT pe.region_id AS rid, SUM(o.amount_minor) AS won FROM opportunity o "
        "JOIN person pe ON pe.id = o.owner_id WHERE o.stage = 'Won' "
        "AND o.closed_at >= :q0 AND o.closed_at < :t"
        + _in("o.owner_id", owners, p, "ow")
        + " GROUP BY pe.region_id"
    )
    tgt = (
        "SELECT pe.region_id AS rid, SUM(t.value) AS tgt FROM target t "
        "JOIN person pe ON pe.id = t.scope_id WHERE t.scope_type = 'person' "
        "AND t.period_type = 'quarter' AND t.metric = 'revenue' AND t.period_start = :qd"
        + _in("t.scope_id", owners, p, "ot")
        + " GROUP BY pe.region_id"
    )
    sql = (
        f"SELECT r.name, COALESCE(w.won, 0), COALESCE(g.tgt, 0) FROM region r "
        f"LEFT JOIN ({won}) w ON w.rid = r.id LEFT JOIN ({tgt}) g ON g.rid = r.id "
        "WHERE w.won IS NOT NULL OR g.tgt IS NOT NULL ORDER BY r.name"
    )
    return [(r[0], int(r[1]), int(r[2])) for r in rows(conn, sql, p)]
