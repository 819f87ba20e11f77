"""Read-only aggregates behind the weekly review: KPIs at a moment, funnel masks, revenue by month,
what moved since a moment, region gaps. Portable SQL; every sum is done by the database.

``owners``: the owner ids in scope, or None for everyone.
"""

from __future__ import annotations

from datetime import date, datetime

from salestui.db.queries.executor import Row, Session, dialect, first, owned_by, rows
from salestui.db.queries.moments import day, local_prefix, midnight
from salestui.kernel.domain import OPEN_STAGES, STAGE_BIT, STAGES
from salestui.kernel.invoices import collection_window, invoice_sql, open_sql, paid_sql
from salestui.kernel.periods import add_months

# the stage deal ``o`` stood in at the moment ``:t`` by its history: the latest change by then
# (the later row of two at one moment); none before its first
STAGE_AT_T = (
    "(SELECT sc.to_stage FROM stage_change sc WHERE sc.opportunity_id = o.id "
    "AND sc.changed_at <= :t ORDER BY sc.changed_at DESC, sc.id DESC LIMIT 1)"
)


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
    deals that moved since need the look-up) with its amount as it is now, weighted by that
    stage's ``probability`` setting — for every deal, moved or not: a deal's stored probability
    is that of the stage it stands in now, which the history cannot give for a past moment
    (:func:`pipeline_then`: the kept stage totals, corrected by the deals touched since).
    Collections follow ``salestui.kernel.invoices``: the quarter's invoices due up to ``at``'s
    day, paid as recorded (at now) or as paid by the end of that day (at a past moment).
    """
    q0 = midnight(q_start)
    out: dict[str, int] = {}

    p: dict = {"t": at, "q0": q0}
    sql = (
        "SELECT COALESCE(SUM(CASE WHEN o.stage = 'Won' THEN o.amount_minor ELSE 0 END), 0) "
        "AS won_qtd_minor, "
        "COALESCE(SUM(CASE WHEN o.stage = 'Won' THEN 1 ELSE 0 END), 0) AS won_count, "
        "COALESCE(SUM(CASE WHEN o.stage = 'Lost' THEN 1 ELSE 0 END), 0) AS lost_count "
        "FROM opportunity o WHERE o.stage IN ('Won', 'Lost') "
        "AND o.closed_at >= :q0 AND o.closed_at < :t" + owned_by("o.owner_id", owners, p)
    )
    out.update({k: int(v) for k, v in first(conn, sql, p)._asdict().items()})

    if current:  # the open pipeline now: the stage totals kept as deals change (as the board's)
        p = {"open_stages": OPEN_STAGES}
        sql = (
            "SELECT COALESCE(SUM(t.amount_minor), 0) AS open_minor, "
            "COALESCE(SUM(t.weighted_x100), 0) AS weighted_x100 "
            "FROM stage_total t WHERE t.stage IN :open_stages" + owned_by("t.owner_id", owners, p)
        )
        out.update({k: int(v) for k, v in first(conn, sql, p)._asdict().items()})
    else:
        out.update(pipeline_then(conn, owners, at, probability))

    p = {"t": at, "q0": q0}
    sql = (
        "SELECT COUNT(*) AS new_customers FROM customer c "
        "WHERE c.created_at >= :q0 AND c.created_at < :t" + owned_by("c.owner_id", owners, p)
    )
    out["new_customers"] = int(first(conn, sql, p).new_customers)

    out.update(_money(conn, owners, day(at), q_start, current=current))
    out.update(quarter_targets(conn, owners, q_start))
    return out


def pipeline_then(conn: Session, owners, at: datetime, probability: dict[str, int]) -> dict:
    """open_minor, weighted_x100: the pipeline as it stood at a past moment ``at`` — the deals
    created by then and not closed by then (``closed_at`` none or later), each with its amount as
    it is now, weighted by the ``probability`` setting of its stage at ``at``: its stage now if
    it entered it by then, else the stage its history had entered by then (none: 0).

    Read from the kept stage totals, not from every deal: a deal created by ``at``, not closed
    after it, in its stage since before it, and open exactly when its ``closed_at`` is none stood
    then as it stands now, so the open stages' totals hold it already. Only the other deals —
    created, closed or moved since (index ranges), or with a stage and a ``closed_at`` that
    disagree — are taken out of the totals as they stand now and put back as they stood then."""
    open_stages = {"open_stages": OPEN_STAGES}
    cases = " ".join(f"WHEN '{s}' THEN {int(probability[s])}" for s in OPEN_STAGES)
    p: dict = {"t": at, **open_stages}
    # every stage a deal is in (the stage totals have a row for each owner and stage there is)
    any_stage = "o.stage IN (SELECT DISTINCT st.stage FROM stage_total st)"
    # the owners filtered within each range (``+``: SQLite must not walk their deals instead)
    mine = owned_by("+o.owner_id", owners, p)
    touched = " UNION ".join(
        f"SELECT o.id FROM opportunity o WHERE {where}{mine}"
        for where in (
            "o.created_at > :t",
            f"{any_stage} AND o.closed_at > :t",
            f"{any_stage} AND o.stage_entered_at > :t",
            "o.stage IN :open_stages AND o.closed_at IS NOT NULL",
            f"{any_stage} AND o.stage NOT IN :open_stages AND o.closed_at IS NULL",
        )
    )
    stage_then = f"CASE WHEN o.stage_entered_at <= :t THEN o.stage ELSE {STAGE_AT_T} END"
    open_then = "o.created_at <= :t AND (o.closed_at IS NULL OR o.closed_at > :t)"
    open_now = "o.stage IN :open_stages"
    sql = (
        f"SELECT COALESCE(SUM(CASE WHEN {open_then} THEN o.amount_minor ELSE 0 END), 0) AS then_minor, "
        f"COALESCE(SUM(CASE WHEN {open_then} THEN o.amount_minor * CASE {stage_then} {cases} "
        "ELSE 0 END ELSE 0 END), 0) AS then_x100, "
        f"COALESCE(SUM(CASE WHEN {open_now} THEN o.amount_minor ELSE 0 END), 0) AS now_minor, "
        f"COALESCE(SUM(CASE WHEN {open_now} THEN o.amount_minor * CASE o.stage {cases} "
        "ELSE 0 END ELSE 0 END), 0) AS now_x100 "
        f"FROM opportunity o WHERE o.id IN ({touched})"
    )
    moved = first(conn, sql, p)
    p = dict(open_stages)
    sql = (
        "SELECT t.stage AS stage, COALESCE(SUM(t.amount_minor), 0) AS amount_minor "
        "FROM stage_total t WHERE t.stage IN :open_stages"
        + owned_by("t.owner_id", owners, p)
        + " GROUP BY t.stage"
    )
    totals = {r.stage: int(r.amount_minor) for r in rows(conn, sql, p)}
    weighted = sum(amount * int(probability[stage]) for stage, amount in totals.items())
    return {
        "open_minor": sum(totals.values()) - int(moved.now_minor) + int(moved.then_minor),
        "weighted_x100": weighted - int(moved.now_x100) + int(moved.then_x100),
    }


def _money(conn: Session, owners, today: date, q_start: date, *, current: bool) -> dict[str, int]:
    """The collection KPIs' inputs on ``today`` over the orders placed by then: the quarter's
    invoices falling due to date and what was paid of them, and what is overdue and receivable —
    paid as recorded (``current``) or as paid by the end of ``today``.

    Three index ranges, not a pass over every order: the invoices due in the window, the orders
    not paid in full (``ix_sales_order_unpaid``, a partial index) and, at a past day, the orders
    paid in full only after it (``ix_sales_order_paid_date``). Any other order was paid in full
    by ``today`` (or is a credit note): nothing of it is open, so it adds nothing."""
    due = collection_window(q_start, add_months(q_start, 3), today)
    paid = paid_sql("s", None if current else "d")
    join = " JOIN customer c ON c.id = s.customer_id" if owners is not None else ""

    def total(sums: str, where: str, p: dict, index: str = "") -> Row:
        # SQLite, with no statistics, would rather read a whole covering index than a partial
        # one it cannot size; PostgreSQL's planner has its statistics
        hint = f" INDEXED BY {index}" if index and dialect(conn) == "sqlite" else ""
        sql = f"SELECT {sums} FROM sales_order s{hint}{join} WHERE s.order_date <= :d AND {where}"
        return first(conn, sql + owned_by("c.owner_id", owners, p), p)

    p: dict = {"d": today, "c0": due.start, "c1": due.end}
    fell_due = total(
        f"COALESCE(SUM(s.amount_minor), 0) AS due_minor, COALESCE(SUM({paid}), 0) AS paid_minor",
        f"{invoice_sql('s')} AND s.due_date >= :c0 AND s.due_date < :c1",
        p,
    )
    still_open = (
        f"COALESCE(SUM(CASE WHEN s.due_date < :d THEN {open_sql('s', paid)} ELSE 0 END), 0) "
        f"AS overdue_minor, COALESCE(SUM({open_sql('s', paid)}), 0) AS receivable_minor"
    )
    unpaid = "s.paid_minor < s.amount_minor"
    parts = [total(still_open, unpaid, {"d": today}, "ix_sales_order_unpaid")]
    if not current:  # paid in full after that day: open on it
        parts.append(
            total(
                still_open,
                "s.paid_minor >= s.amount_minor AND s.paid_date > :d",
                {"d": today},
                "ix_sales_order_paid_date",
            )
        )
    return {
        "due_minor": int(fell_due.due_minor),
        "paid_of_due_minor": int(fell_due.paid_minor),
        "overdue_minor": max(0, sum(int(r.overdue_minor) for r in parts)),
        "receivable_minor": max(0, sum(int(r.receivable_minor) for r in parts)),
    }


def quarter_targets(conn: Session, owners, q_start: date) -> dict[str, int]:
    """The quarter's person targets summed over the scope: revenue (minor units), new customers."""
    p: dict = {"q0": q_start}
    sql = (
        "SELECT t.metric AS metric, COALESCE(SUM(t.value), 0) AS total FROM target t "
        "WHERE t.scope_type = 'person' AND t.period_type = 'quarter' AND t.period_start = :q0"
        + owned_by("t.scope_id", owners, p)
        + " GROUP BY t.metric"
    )
    found = {r.metric: int(r.total) for r in rows(conn, sql, p)}
    return {
        "target_quarter_minor": found.get("revenue", 0),
        "new_customer_target": found.get("new_customers", 0),
    }


def month_targets(conn: Session, owners, q_start: date, q_end: date) -> dict[date, int]:
    p: dict = {"a": q_start, "b": q_end}
    sql = (
        "SELECT t.period_start AS month, COALESCE(SUM(t.value), 0) AS total FROM target t "
        "WHERE t.scope_type = 'person' AND t.period_type = 'month' AND t.metric = 'revenue' "
        "AND t.period_start >= :a AND t.period_start < :b"
        + owned_by("t.scope_id", owners, p)
        + " GROUP BY t.period_start"
    )
    return {day(r.month): int(r.total) for r in rows(conn, sql, p)}


# each deal's stages ever entered, from its history (the definition migration 0016's triggers
# keep in ``opportunity.stages_reached``; the demo build fills it so): the sum of the distinct
# bits is their OR, and a deal with no history has none (NULL)
_BITS = " ".join(f"WHEN '{s}' THEN {b}" for s, b in STAGE_BIT.items())
REACHED = (
    f"(SELECT SUM(DISTINCT CASE sc.to_stage {_BITS} ELSE 0 END) FROM stage_change sc "
    "WHERE sc.opportunity_id = opportunity.id)"
)
REACHED_FILL = f"UPDATE opportunity SET stages_reached = {REACHED}"


def funnel_masks(conn: Session, owners, start: datetime | None, end: datetime) -> dict[int, int]:
    """Deals created in [start, end) grouped by the set of stages they ever entered (a bitmask,
    as ``salestui.kernel.domain.STAGE_BIT``), the deals with no stage history left out: at most
    64 rows, whatever the number of deals. The sets are kept on each deal (``stages_reached``)
    and read from ``ix_opportunity_created_reached`` alone."""
    p: dict = {"e": end}
    since = ""
    if start is not None:
        p["s"] = start
        since = " AND o.created_at >= :s"
    sql = (
        "SELECT o.stages_reached AS mask, COUNT(*) AS deals FROM opportunity o "
        f"WHERE o.created_at < :e{since} AND o.stages_reached IS NOT NULL"
        + owned_by("o.owner_id", owners, p)
        + " GROUP BY o.stages_reached"
    )
    return {int(r.mask): int(r.deals) for r in rows(conn, sql, p)}


def won_by_month(conn: Session, owners, since: date, until: datetime) -> dict[date, int]:
    """Won revenue per calendar month of the close (the person's clock), from ``since`` on."""
    return {m: v for (_, m), v in _won_by(conn, owners, since, until, by_owner=False).items()}


def won_by_owner_month(
    conn: Session, owners, since: date, until: datetime
) -> dict[tuple[int, date], int]:
    """:func:`won_by_month` per owner: (owner id, month) → won revenue (forecast accuracy)."""
    return _won_by(conn, owners, since, until, by_owner=True)


def _won_by(conn: Session, owners, since: date, until: datetime, *, by_owner: bool) -> dict:
    p: dict = {"a": midnight(since.replace(day=1)), "b": until}
    month = local_prefix(dialect(conn), "o.closed_at", 7, (p["a"], p["b"]), p)
    owner = "o.owner_id" if by_owner else "0"
    sql = (
        f"SELECT {owner} AS owner, {month} AS month, COALESCE(SUM(o.amount_minor), 0) AS won_minor "
        "FROM opportunity o WHERE o.stage = 'Won' AND o.closed_at >= :a AND o.closed_at < :b"
        + owned_by("o.owner_id", owners, p)
        + f" GROUP BY {month}"
        + (", o.owner_id" if by_owner else "")
    )
    return {
        (int(r.owner), date.fromisoformat(f"{r.month}-01")): int(r.won_minor)
        for r in rows(conn, sql, p)
    }


def won_by_day(conn: Session, owners, since: date, until: date) -> dict[date, int]:
    p: dict = {"a": midnight(since), "b": midnight(until)}
    on = local_prefix(dialect(conn), "o.closed_at", 10, (p["a"], p["b"]), p)
    sql = (
        f"SELECT {on} AS day, COALESCE(SUM(o.amount_minor), 0) AS won_minor FROM opportunity o "
        "WHERE o.stage = 'Won' AND o.closed_at >= :a AND o.closed_at < :b"
        + owned_by("o.owner_id", owners, p)
        + f" GROUP BY {on}"
    )
    return {day(r.day): int(r.won_minor) for r in rows(conn, sql, p)}


def deals_moved_since(conn: Session, owners, since: datetime) -> list[Row]:
    """id, title, owner, amount_minor, stage_then (at ``since``; None if created after),
    stage, created_at (and owner_id, expected_close, closed_at) of every deal whose stage
    changed since: its current stage was entered after."""
    p: dict = {"t": since}
    stages = ", ".join(f"'{s}'" for s in STAGES)  # every stage: constants, as the index has them
    sql = (
        "SELECT o.id AS id, o.title AS title, p.display_name AS owner, "
        f"o.amount_minor AS amount_minor, {STAGE_AT_T} AS stage_then, o.stage AS stage, "
        "o.created_at AS created_at, o.owner_id AS owner_id, o.expected_close AS expected_close, "
        "o.closed_at AS closed_at FROM opportunity o JOIN person p ON p.id = o.owner_id "
        f"WHERE o.stage IN ({stages}) AND o.stage_entered_at > :t"
        + owned_by("o.owner_id", owners, p)
    )
    return rows(conn, sql, p)


def close_date_slips(conn: Session, owners, since: datetime) -> list[Row]:
    """id, title, old, new (close dates) of every expected-close change since, oldest first."""
    return deal_field_changes(conn, owners, since, ("expected_close",))


def deal_field_changes(
    conn: Session, owners, since: datetime, fields: tuple[str, ...]
) -> list[Row]:
    """id, title, field, old, new of every change since to one of a deal's ``fields`` (its
    creation aside), oldest first, with the deal as it is now (owner_id, amount_minor,
    expected_close, stage, created_at, closed_at): the first change's ``old`` is the value the
    deal had at ``since``."""
    p: dict = {"t": since, "fields": tuple(fields)}
    sql = (
        "SELECT o.id AS id, o.title AS title, a.field AS field, a.old AS old, a.new AS new, "
        "o.owner_id AS owner_id, o.amount_minor AS amount_minor, "
        "o.expected_close AS expected_close, o.stage AS stage, o.created_at AS created_at, "
        "o.closed_at AS closed_at FROM audit_log a JOIN opportunity o ON o.id = a.row_id "
        "WHERE a.at > :t AND a.table_name = 'opportunity' AND a.field IN :fields "
        "AND a.old IS NOT NULL" + owned_by("o.owner_id", owners, p) + " ORDER BY a.at, a.id"
    )
    return rows(conn, sql, p)


def region_attainment(conn: Session, owners, q_start: date, at: datetime) -> list[Row]:
    """region, won_minor (this quarter), target_minor (the quarter's revenue target) per region
    of the deal owners."""
    p: dict = {"q0": midnight(q_start), "t": at, "qd": q_start}
    scope = owned_by("o.owner_id", owners, p)
    won = (
        "SELECT pe.region_id AS rid, SUM(o.amount_minor) AS won FROM opportunity o "
        "JOIN person pe ON pe.id = o.owner_id WHERE o.stage = 'Won' "
        f"AND o.closed_at >= :q0 AND o.closed_at < :t{scope} GROUP BY pe.region_id"
    )
    tgt = (
        "SELECT pe.region_id AS rid, SUM(t.value) AS tgt FROM target t "
        "JOIN person pe ON pe.id = t.scope_id WHERE t.scope_type = 'person' "
        "AND t.period_type = 'quarter' AND t.metric = 'revenue' AND t.period_start = :qd"
        + owned_by("t.scope_id", owners, p)
        + " GROUP BY pe.region_id"
    )
    sql = (
        "SELECT r.name AS region, COALESCE(w.won, 0) AS won_minor, "
        "COALESCE(g.tgt, 0) AS target_minor FROM region r "
        f"LEFT JOIN ({won}) w ON w.rid = r.id LEFT JOIN ({tgt}) g ON g.rid = r.id "
        "WHERE w.won IS NOT NULL OR g.tgt IS NOT NULL ORDER BY r.name"
    )
    return rows(conn, sql, p)
