"""Undo from the board: put back a person's own last change to a deal, if nobody has changed it
since — from the audit log's old values, in one transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import Session, select

from salestui.db.tables import Approval, AuditLog
from salestui.kernel.dates import local, utc_now
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.services.audit import record, same, typed
from salestui.services.deals import TABLE, Change, add_stage_change, commit_update, load_deal
from salestui.services.rules import actor_row


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
        raise DomainError(_("you have no change of your own to undo"))
    batch = last
    rows = session.exec(select(AuditLog).where(AuditLog.batch == batch)).all()
    deal_rows = [r for r in rows if r.table_name == TABLE]
    if any(r.table_name == "opportunity_line" for r in rows):
        raise DomainError(
            _(
                "your last change was to a deal's product lines; change the lines back in its "
                "lines editor (the amount follows them)"
            )
        )
    if any(r.field == "*created*" for r in deal_rows):
        raise DomainError(
            _("your last change created a deal; a creation is not undone — mark it lost or edit it")
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
            _(
                "“{title}” was changed by {by_login} at {value} since your change; nothing was undone"
            ).format(title=deal.title, by_login=other.by_login, value=local(other.at))
        )
    expected_version = deal.version
    restore = {}
    after_text = {r.field: r.new for r in deal_rows}
    for r in deal_rows:
        if r.field == "version":
            continue
        current, after = getattr(deal, r.field), typed(TABLE, r.field, r.new)
        if not same(current, after):
            raise DomainError(
                _("“{title}” has changed since; nothing was undone").format(title=deal.title)
            )
        restore[r.field] = typed(TABLE, r.field, r.old)
    old_stage = deal.stage
    new_version = commit_update(session, deal, expected_version, restore, actor.login, now)
    if "stage" in restore:
        add_stage_change(session, deal.id, old_stage, restore["stage"], actor.login, now)
    for r in rows:
        if r.table_name == "approval":
            session.execute(delete(Approval).where(Approval.id == r.row_id))
    record(
        session,
        actor=actor.login,
        table=TABLE,
        row_id=deal.id,
        changes={
            **{f: (typed(TABLE, f, after_text[f]), v) for f, v in restore.items()},
            "version": (expected_version, new_version),
        },
        batch=f"undo:{batch}",
        at=now,
    )
    session.commit()
    if "stage" in restore:
        said = _("undone: “{title}” back to {stage}").format(
            title=deal.title, stage=_(restore["stage"])
        )
    else:
        said = _("undone: “{title}” its fields restored").format(title=deal.title)
    return Change(deal.id, new_version, said)
