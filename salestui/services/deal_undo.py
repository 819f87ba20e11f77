"""Undo from the board: put back a person's own last change to a deal, if nobody has changed it
since — from the audit log's old values, in one transaction."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, func
from sqlmodel import Session, select

from salestui.db.queries.moments import aware
from salestui.db.tables import Approval, AuditLog, StageChange
from salestui.kernel.dates import local, utc_now
from salestui.kernel.errors import DomainError
from salestui.services.audit import record
from salestui.services.deals import TABLE, Change, actor_row, commit_update, load_deal

_TYPES = {
    "probability": int,
    "amount_minor": int,
    "close_date_pushes": int,
    "owner_id": int,
    "customer_id": int,
    "version": int,
    "stage_entered_at": datetime.fromisoformat,
    "closed_at": datetime.fromisoformat,
    "expected_close": date.fromisoformat,
}


def _typed(field: str, raw: str | None):
    if raw is None:
        return None
    value = _TYPES.get(field, str)(raw)
    return aware(value) if isinstance(value, datetime) else value


def _same(a, b) -> bool:
    if isinstance(a, datetime) and isinstance(b, datetime):
        return aware(a) == aware(b)
    return a == b


def undo_last(session: Session, actor_login: str, *, now: datetime | None = None) -> Change:
    """Put back the actor's own last change to a deal, if nobody has changed it since."""
    now = now or utc_now()
    actor, _people = actor_row(session, actor_login)
    undone = select(func.substr(AuditLog.batch, 6)).where(AuditLog.batch.like("undo:%"))
    last = session.exec(
        select(AuditLog.batch)
        .where(
            AuditLog.by_login == actor.login,
            AuditLog.table_name == TABLE,
            AuditLog.batch.is_not(None),
            AuditLog.batch.not_like("undo:%"),
            AuditLog.batch.not_in(undone),
            # an import is undone as a whole batch (salestui import --undo), not from the board
            AuditLog.batch.not_in(select(AuditLog.batch).where(AuditLog.table_name == "import")),
        )
        .order_by(AuditLog.id.desc())
        .limit(1)
    ).first()
    if last is None:
        raise DomainError("you have no change of your own to undo")
    batch = last
    rows = session.exec(select(AuditLog).where(AuditLog.batch == batch)).all()
    deal_rows = [r for r in rows if r.table_name == TABLE]
    if any(r.field == "*created*" for r in deal_rows):
        raise DomainError(
            "your last change created a deal; a creation is not undone — mark it lost or edit it"
        )
    deal = load_deal(session, deal_rows[0].row_id)
    later = session.exec(
        select(AuditLog)
        .where(
            AuditLog.table_name == TABLE,
            AuditLog.row_id == deal.id,
            AuditLog.id > max(r.id for r in deal_rows),
        )
        .order_by(AuditLog.id.desc())
    ).all()
    # Only the actor's own undos may stand between that change and now.
    undone_since = {r.batch[5:] for r in later if r.batch and r.batch.startswith("undo:")}
    other = next(
        (
            r
            for r in later
            if r.by_login != actor.login
            or not (r.batch.startswith("undo:") or r.batch in undone_since)
        ),
        None,
    )
    if other is not None:
        raise DomainError(
            f"“{deal.title}” was changed by {other.by_login} at {local(other.at)} since your change; "
            "nothing was undone"
        )
    expected_version = deal.version
    restore = {}
    after_text = {r.field: r.new for r in deal_rows}
    for r in deal_rows:
        if r.field == "version":
            continue
        current, after = getattr(deal, r.field), _typed(r.field, r.new)
        if not _same(current, after):
            raise DomainError(f"“{deal.title}” has changed since; nothing was undone")
        restore[r.field] = _typed(r.field, r.old)
    old_stage = deal.stage
    new_version = commit_update(session, deal, expected_version, restore, actor.login, now)
    if "stage" in restore:
        session.add(
            StageChange(
                opportunity_id=deal.id,
                from_stage=old_stage,
                to_stage=restore["stage"],
                changed_at=now,
                changed_by=actor.login,
            )
        )
    for r in rows:
        if r.table_name == "approval":
            session.execute(delete(Approval).where(Approval.id == r.row_id))
    record(
        session,
        actor=actor.login,
        table=TABLE,
        row_id=deal.id,
        changes={
            **{f: (_typed(f, after_text[f]), v) for f, v in restore.items()},
            "version": (expected_version, new_version),
        },
        batch=f"undo:{batch}",
        at=now,
    )
    session.commit()
    what = f"back to {restore['stage']}" if "stage" in restore else "its fields restored"
    return Change(deal.id, new_version, f"undone: “{deal.title}” {what}")
