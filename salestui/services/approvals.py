"""Approvals decided: a holder of the role (``salestui.kernel.approvals``) approves or rejects a
pending sign-off with a comment; the deal's approval follows (rejected when any is, approved
when every sign-off its amount needs is). One transaction, audited, against the versions read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from salestui.db.queries.people import PersonRow
from salestui.db.queries.settings import settings_map
from salestui.db.tables import Approval, Opportunity
from salestui.kernel.approvals import (
    Holders,
    approval_rules_from,
    holders_of,
    may_decide,
    owners_signed_for,
    win_refusal,
)
from salestui.kernel.dates import utc_now
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.services.audit import new_batch, record
from salestui.services.rules import actor_row, update_at_version
from salestui.services.text import refuse_control_characters

MAX_COMMENT = 1000


@dataclass(frozen=True)
class Decided:
    approval_id: int
    deal_id: int
    status: str
    deal_approval: str
    message: str


def check_signed_off(session: Session, people: list[PersonRow], deal: Opportunity) -> None:
    """A deal is won only once every sign-off its amount needs is given (the board's ``w``, the
    command line; an import asks :func:`~salestui.kernel.approvals.win_refusal` itself)."""
    rules = approval_rules_from(settings_map(session))
    found = session.exec(
        select(Approval.approver_role, Approval.status, Approval.decided_by).where(
            Approval.opportunity_id == deal.id
        )
    ).all()
    given = {role: (state, by) for role, state, by in found}
    why = win_refusal(deal.title, deal.amount_minor, deal.owner_id, given, people, rules)
    if why:
        raise DomainError(why)


def request_approvals(
    session: Session, deal_id: int, amount_minor: int, actor: str, batch: str, now: datetime
) -> str:
    """Ask the sign-offs the amount needs; ones already given on an earlier pass are kept."""
    roles = roles_for(session, amount_minor)
    existing = {
        a.approver_role: a
        for a in session.exec(select(Approval).where(Approval.opportunity_id == deal_id)).all()
    }
    for role in roles:
        if role not in existing:
            approval = Approval(
                opportunity_id=deal_id, approver_role=role, status="pending", requested_at=now
            )
            session.add(approval)
            session.flush()
            record(
                session,
                actor=actor,
                table="approval",
                row_id=approval.id,
                changes={"status": (None, "pending")},
                batch=batch,
                at=now,
            )
    statuses = [existing[r].status if r in existing else "pending" for r in roles]
    if "rejected" in statuses:
        return "rejected"
    return "approved" if all(s == "approved" for s in statuses) else "pending"


def roles_for(session: Session, amount_minor: int) -> tuple[str, ...]:
    """The sign-offs an amount needs, by the team's settings (``salestui.kernel.approvals``)."""
    return approval_rules_from(settings_map(session)).roles_for(amount_minor)


def waiting_for(session: Session, people, role: str, owner_id: int) -> str:
    """Who a sign-off waits for, as words ("director: Mia Mid, Boss")."""
    rules = approval_rules_from(settings_map(session))
    names = [p.display_name for p in holders_of(people, role, owner_id, rules)]
    held = _(", ").join(names) if names else _("nobody holds this role (settings)")
    return _("{role}: {people}").format(role=_(role), people=held)


def decide(
    session: Session,
    actor_login: str,
    approval_id: int,
    *,
    approve: bool,
    comment: str | None = None,
    now: datetime | None = None,
) -> Decided:
    now = now or utc_now()
    refuse_control_characters({"comment": comment})
    text = " ".join(str(comment or "").split())
    if len(text) > MAX_COMMENT:
        raise DomainError(
            _("the comment is longer than {MAX_COMMENT} characters").format(MAX_COMMENT=MAX_COMMENT)
        )
    actor, people = actor_row(session, actor_login)
    approval = session.get(Approval, approval_id)
    deal = session.get(Opportunity, approval.opportunity_id) if approval else None
    if approval is None or deal is None:
        raise DomainError(
            _("approval #{approval_id} does not exist").format(approval_id=approval_id)
        )
    rules = approval_rules_from(settings_map(session))
    if not may_decide(people, actor, approval.approver_role, deal.owner_id, rules):
        raise DomainError(
            _(
                "you do not hold the {approver_role} sign-off of “{title}”; it waits for {value}"
            ).format(
                approver_role=_(approval.approver_role),
                title=deal.title,
                value=waiting_for(session, people, approval.approver_role, deal.owner_id),
            )
        )
    if approval.status != "pending":
        raise DomainError(
            _(
                "the {approver_role} sign-off of “{title}” was already {status} by {decided_by}"
            ).format(
                approver_role=_(approval.approver_role),
                title=deal.title,
                status=_(approval.status),
                decided_by=approval.decided_by,
            )
        )
    if not approve and not text:
        raise DomainError(_("a rejection needs a comment saying why"))
    status = "approved" if approve else "rejected"
    batch = new_batch()
    # only while still pending: of two approvers deciding at once, the second is told
    done = session.execute(
        update(Approval)
        .where(Approval.id == approval.id, Approval.status == "pending")
        .values(status=status, decided_at=now, decided_by=actor.login, comment=text)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:
        session.rollback()
        raise DomainError(
            _("the {approver_role} sign-off was decided meanwhile").format(
                approver_role=_(approval.approver_role)
            )
        )
    record(
        session,
        actor=actor.login,
        table="approval",
        row_id=approval.id,
        changes={"status": ("pending", status), "decided_by": (None, actor.login),
                 "comment": (None, text or None)},
        batch=batch,
        at=now,
    )  # fmt: skip
    session.flush()
    needed = rules.roles_for(deal.amount_minor)
    found = session.exec(
        select(Approval.approver_role, Approval.status).where(Approval.opportunity_id == deal.id)
    ).all()
    given = {role: state for role, state in found}
    statuses = [given.get(r, "pending") for r in needed]
    overall = (
        "rejected"
        if "rejected" in given.values()
        else "approved"
        if all(s == "approved" for s in statuses)
        else "pending"
    )
    if overall != deal.approval:
        version = deal.version
        values = {"approval": overall, "updated_at": now, "updated_by": actor.login}
        if not update_at_version(session, Opportunity, deal.id, version, values):
            raise DomainError(
                _("“{title}” changed meanwhile; nothing was saved").format(title=deal.title)
            )
        record(
            session,
            actor=actor.login,
            table="opportunity",
            row_id=deal.id,
            changes={"approval": (deal.approval, overall), "version": (version, version + 1)},
            batch=batch,
            at=now,
        )
    session.commit()
    if approve:
        said = _("approved the {role} sign-off of “{title}”")
    else:
        said = _("rejected the {role} sign-off of “{title}”")
    said = said.format(role=_(approval.approver_role), title=deal.title)
    if overall == "pending":
        left = [r for r, s in zip(needed, statuses, strict=True) if s != "approved"]
        said += _("; still waiting for {roles}").format(roles=_(", ").join(_(r) for r in left))
    else:
        said += _("; the deal is {status}").format(status=_(overall))
    return Decided(approval.id, deal.id, status, overall, said)


def approval_list(
    session: Session,
    actor_login: str,
    *,
    deal_id: int | None = None,
    mine: bool = False,
    everything: bool = False,
) -> list[dict]:
    """The approvals of the deals the person sees (``mine``: the pending ones they may decide,
    seen or not — an approver sees what they are asked to approve), pending only unless
    ``everything``; each with whom it waits for."""
    from salestui.db.queries.executor import rows
    from salestui.db.queries.moments import aware
    from salestui.kernel.memory import no_cycle_collection
    from salestui.kernel.viewer import Viewer

    actor, people = actor_row(session, actor_login)
    seen = Viewer.of(people, actor.login).seen_owner_ids()
    rules = approval_rules_from(settings_map(session))
    holders = Holders(people, rules)
    owners = owners_signed_for(people, actor, rules) if mine else seen
    if owners is not None and not owners:
        return []
    params: dict = {}
    where = []
    if owners is not None:  # only the deals the list can show, not every pending sign-off
        where.append("o.owner_id IN :owners")
        params["owners"] = sorted(owners)
    if deal_id is not None:
        where.append("a.opportunity_id = :deal")
        params["deal"] = deal_id
    if mine or not everything:
        where.append("a.status = 'pending'")
    found = rows(
        session,
        "SELECT a.id AS id, a.opportunity_id AS deal, o.external_id AS external_id, "
        "o.title AS title, o.amount_minor AS amount_minor, o.stage AS stage, "
        "o.owner_id AS owner_id, p.display_name AS owner, a.approver_role AS role, "
        "a.status AS status, a.requested_at AS requested_at, a.decided_by AS decided_by, "
        "a.decided_at AS decided_at, a.comment AS comment FROM approval a "
        "JOIN opportunity o ON o.id = a.opportunity_id JOIN person p ON p.id = o.owner_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY a.requested_at, a.id",
        params,
    )
    fields = tuple(found[0]._fields) if found else ()
    asked: dict[tuple[str, int], tuple[bool, list[str]]] = {}  # (role, owner): theirs?, who
    out = []
    with no_cycle_collection():  # 27,000 pending at 1,000,000 deals: none of it in cycles
        for r in found:
            key = (r.role, r.owner_id)
            if key not in asked:
                held_by = holders.of(*key)
                asked[key] = (
                    any(h.id == actor.id for h in held_by),
                    [h.display_name for h in held_by],
                )
            theirs, names = asked[key]
            if mine and not theirs:
                continue
            row = dict(zip(fields, r, strict=True))
            row["requested_at"], row["decided_at"] = aware(r.requested_at), aware(r.decided_at)
            row["waiting_for"] = list(names)
            out.append(row)
    return out
