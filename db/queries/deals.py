"""One deal in full: its fields, stage history, approvals and activities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salestui.db.queries.board import DealCard, deal_card
from salestui.db.queries.executor import Session, first, rows
from salestui.db.queries.moments import aware, day


@dataclass(frozen=True)
class StageStep:
    from_stage: str | None
    to_stage: str
    changed_at: datetime
    changed_by: str


@dataclass(frozen=True)
class ApprovalRow:
    approver_role: str
    status: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    comment: str = ""


@dataclass(frozen=True)
class ActivityRow:
    kind: str
    occurred_at: datetime
    person: str
    note: str
    outcome: str = ""


@dataclass(frozen=True)
class DealDetail:
    card: DealCard
    created_at: datetime
    region: str | None
    history: list[StageStep]
    approvals: list[ApprovalRow]
    activities: list[ActivityRow]
    next_step: str = ""
    next_step_date: date | None = None
    competitor: str = ""
    lost_note: str = ""
    activity_count: int = 0  # all of the deal's, beyond the newest read into ``activities``


@dataclass(frozen=True)
class DealPlan:
    """What the deal form edits beside the card: the competitor and the next step."""

    competitor: str
    next_step: str
    next_step_date: date | None


def deal_plan(session: Session, deal_id: int) -> DealPlan | None:
    r = first(
        session,
        "SELECT competitor AS competitor, next_step AS next_step, "
        "next_step_date AS next_step_date FROM opportunity WHERE id = :id",
        {"id": deal_id},
    )
    if r is None:
        return None
    return DealPlan(r.competitor or "", r.next_step or "", day(r.next_step_date))


def deal_detail(session: Session, deal_id: int, activity_limit: int = 30) -> DealDetail | None:
    card = deal_card(session, deal_id)
    if card is None:
        return None
    head = first(
        session,
        "SELECT o.created_at AS created_at, r.name AS region, o.next_step AS next_step, "
        "o.next_step_date AS next_step_date, o.competitor AS competitor, "
        "o.lost_note AS lost_note FROM opportunity o "
        "JOIN customer c ON c.id = o.customer_id "
        "LEFT JOIN region r ON r.id = c.region_id WHERE o.id = :id",
        {"id": deal_id},
    )
    history = [
        StageStep(r.from_stage, r.to_stage, aware(r.changed_at), r.changed_by)
        for r in rows(
            session,
            "SELECT from_stage AS from_stage, to_stage AS to_stage, changed_at AS changed_at, "
            "changed_by AS changed_by FROM stage_change "
            "WHERE opportunity_id = :id ORDER BY changed_at, id",
            {"id": deal_id},
        )
    ]
    approvals = [
        ApprovalRow(
            r.approver_role,
            r.status,
            aware(r.requested_at),
            r.decided_by,
            aware(r.decided_at),
            r.comment or "",
        )
        for r in rows(
            session,
            "SELECT approver_role AS approver_role, status AS status, "
            "requested_at AS requested_at, decided_by AS decided_by, decided_at AS decided_at, "
            "comment AS comment FROM approval "
            "WHERE opportunity_id = :id ORDER BY id",
            {"id": deal_id},
        )
    ]
    activities = [
        ActivityRow(r.kind, aware(r.occurred_at), r.person, r.note or "", r.outcome or "")
        for r in rows(
            session,
            "SELECT a.kind AS kind, a.occurred_at AS occurred_at, p.display_name AS person, "
            "a.note AS note, a.outcome AS outcome FROM activity a "
            "JOIN person p ON p.id = a.person_id WHERE a.opportunity_id = :id "
            "ORDER BY a.occurred_at DESC, a.id DESC LIMIT :lim",
            {"id": deal_id, "lim": activity_limit},
        )
    ]
    counted = first(
        session, "SELECT COUNT(*) AS n FROM activity WHERE opportunity_id = :id", {"id": deal_id}
    )
    return DealDetail(
        card,
        aware(head.created_at),
        head.region,
        history,
        approvals,
        activities,
        head.next_step or "",
        day(head.next_step_date),
        head.competitor or "",
        head.lost_note or "",
        int(counted.n),
    )
