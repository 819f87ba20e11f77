"""Read-only aggregates behind the forecast roll-up, each grouped by owner so the org tree is
summed in Python (``salestui.forecast``): a quarter's won revenue, its open pipeline by what
decides a deal's category, won revenue by owner and month for the trend, and the calls.

``owners``: the owner ids in scope, or None for everyone.
"""

from __future__ import annotations

from datetime import date

from salestui.db.queries.executor import Row, Session, owned_by, rows
from salestui.db.queries.moments import midnight
from salestui.kernel.domain import OPEN_STAGES


def won_by_owner(conn: Session, owners, q_start: date, q_end: date) -> dict[int, int]:
    """Won revenue closed in the quarter per owner: the review's won-this-quarter predicate
    (``review.kpi_aggregates``: Won, closed from the quarter's first midnight), to its end."""
    p: dict = {"q0": midnight(q_start), "q1": midnight(q_end)}
    sql = (
        "SELECT o.owner_id AS owner_id, COALESCE(SUM(o.amount_minor), 0) AS won_minor "
        "FROM opportunity o WHERE o.stage = 'Won' AND o.closed_at >= :q0 AND o.closed_at < :q1"
        + owned_by("o.owner_id", owners, p)
        + " GROUP BY o.owner_id"
    )
    return {int(r.owner_id): int(r.won_minor) for r in rows(conn, sql, p)}


def open_in_quarter(conn: Session, owners, q_start: date, q_end: date, today: date) -> list[Row]:
    """Open deals expected to close in the quarter, summed per owner, stage, stored category and
    whether the close date has passed — all a deal's category depends on
    (``kernel.forecast.effective_category``), so the kernel decides it, once per group: owner_id,
    stage, category (None: defaulted), past_due (0/1), amount_minor, weighted_x100 (amount ×
    the deal's stage probability in percent, as the review weighs the pipeline)."""
    p: dict = {"q0": q_start, "q1": q_end, "today": today, "open_stages": OPEN_STAGES}
    past = "CASE WHEN o.expected_close < :today THEN 1 ELSE 0 END"
    sql = (
        f"SELECT o.owner_id AS owner_id, o.stage AS stage, o.forecast_category AS category, "
        f"{past} AS past_due, COALESCE(SUM(o.amount_minor), 0) AS amount_minor, "
        "COALESCE(SUM(o.amount_minor * o.probability), 0) AS weighted_x100 "
        "FROM opportunity o WHERE o.stage IN :open_stages "
        "AND o.expected_close >= :q0 AND o.expected_close < :q1"
        + owned_by("o.owner_id", owners, p)
        + f" GROUP BY o.owner_id, o.stage, o.forecast_category, {past}"
    )
    return rows(conn, sql, p)


def won_by_owner_month(
    conn: Session, owners, since: date, until: date
) -> dict[tuple[int, date], int]:
    """Won revenue per owner and calendar month of the close (the person's clock: each month
    from its first midnight), from ``since`` up to ``until``: the review's ``won_by_month`` split
    by owner (the trend forecast's input per person). One statement per month: each groups a
    range of the (stage, closed_at) index by owner alone, twice as fast at a million deals as
    one statement grouping by owner and month."""
    from salestui.kernel.periods import add_months

    out: dict[tuple[int, date], int] = {}
    month = since.replace(day=1)
    while month < until:
        nxt = add_months(month, 1)
        p: dict = {"a": midnight(month), "b": midnight(min(nxt, until))}
        sql = (
            "SELECT o.owner_id AS owner_id, COALESCE(SUM(o.amount_minor), 0) AS won_minor "
            "FROM opportunity o WHERE o.stage = 'Won' AND o.closed_at >= :a AND o.closed_at < :b"
            + owned_by("o.owner_id", owners, p)
            + " GROUP BY o.owner_id"
        )
        out.update({(int(r.owner_id), month): int(r.won_minor) for r in rows(conn, sql, p)})
        month = nxt
    return out


def calls_in_quarter(conn: Session, person_ids, q_start: date) -> list[Row]:
    """Every call made for the quarter by the people in scope (None: everyone), oldest first:
    id, person_id, week_start, amount_minor, note, made_at, made_by."""
    p: dict = {"q0": q_start}
    sql = (
        "SELECT f.id AS id, f.person_id AS person_id, f.week_start AS week_start, "
        "f.amount_minor AS amount_minor, f.note AS note, f.made_at AS made_at, "
        "f.made_by AS made_by FROM forecast_call f WHERE f.period_start = :q0"
        + owned_by("f.person_id", person_ids, p)
        + " ORDER BY f.week_start, f.made_at, f.id"
    )
    return rows(conn, sql, p)
