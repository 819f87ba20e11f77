"""Reads behind forecast accuracy: the calls kept for a quarter, and each owner's weighted pipeline
as it stood at a past moment (stage from the history, as the review's KPIs read it).

``owners``: the owner ids in scope, or None for everyone.
"""

from __future__ import annotations

from datetime import date, datetime

from salestui.db.queries.executor import Row, Session, owned_by, rows
from salestui.kernel.domain import OPEN_STAGES


def calls_for(conn: Session, people, q0: date) -> list[Row]:
    """person_id, week_start, made_at, amount_minor of every call on the quarter starting ``q0``
    by the people given (None: everyone's)."""
    p: dict = {"q0": q0}
    sql = (
        "SELECT c.person_id AS person_id, c.week_start AS week_start, c.made_at AS made_at, "
        "c.amount_minor AS amount_minor FROM forecast_call c WHERE c.period_start = :q0"
        + owned_by("c.person_id", people, p)
    )
    return rows(conn, sql, p)


def pipeline_by_owner_at(
    conn: Session, owners, at: datetime, q0: datetime, probability: dict[str, int]
) -> dict[int, int]:
    """Per owner, what a pipeline forecast said at ``at``: won since ``q0`` up to ``at`` plus the
    open deals at ``at`` (stage from the history, amount as it is now) × that stage's
    ``probability`` setting, in minor units (halves rounded up)."""
    cases = " ".join(f"WHEN '{s}' THEN {int(probability[s])}" for s in OPEN_STAGES)
    at_t = (
        "(SELECT sc.to_stage FROM stage_change sc WHERE sc.opportunity_id = o.id "
        "AND sc.changed_at <= :t ORDER BY sc.changed_at DESC, sc.id DESC LIMIT 1)"
    )
    stage_then = f"CASE WHEN o.stage_entered_at <= :t THEN o.stage ELSE {at_t} END"
    p: dict = {"t": at, "q0": q0}
    sql = (
        "SELECT o.owner_id AS owner, COALESCE(SUM(CASE WHEN o.closed_at IS NOT NULL "
        "AND o.closed_at <= :t THEN (CASE WHEN o.stage = 'Won' THEN 100 * o.amount_minor "
        f"ELSE 0 END) ELSE o.amount_minor * CASE {stage_then} {cases} ELSE 0 END END), 0) "
        "AS x100 FROM opportunity o WHERE o.created_at <= :t "
        "AND (o.closed_at IS NULL OR o.closed_at >= :q0)"
        + owned_by("o.owner_id", owners, p)
        + " GROUP BY o.owner_id"
    )
    return {int(r.owner): (int(r.x100) + 50) // 100 for r in rows(conn, sql, p)}
