"""Writes to opportunities: stage moves, won/lost, create and edit, each one transaction (undo:
``salestui.services.deal_undo``).

Every function checks the rules first (who may change it, the version they read, the stage, the
reason, the amount, the date) and raises :class:`DomainError` with nothing written when one fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from salestui.db.queries.people import PersonRow
from salestui.db.queries.settings import settings_map
from salestui.db.tables import Customer, Opportunity, StageChange
from salestui.kernel.clock import local_day
from salestui.kernel.dates import parse_day, utc_now
from salestui.kernel.domain import (
    CLOSED_STAGES,
    LOST,
    LOST_REASONS,
    NEGOTIATION,
    OPEN_STAGES,
    STAGES,
    WON,
)
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.kernel.org import assignee
from salestui.kernel.settings import rules_from
from salestui.services import deal_fields as fields
from salestui.services.approvals import check_signed_off, request_approvals, roles_for
from salestui.services.audit import new_batch, record
from salestui.services.deal_rights import deal_gone
from salestui.services.rules import actor_row, stale, update_at_version
from salestui.services.rules import refuse_deal_change as _check_may_change
from salestui.services.text import refuse_control_characters

TABLE = "opportunity"
# Fields a stage move may change, so undo knows what to put back.
_STAGE_FIELDS = (
    "stage",
    "probability",
    "stage_entered_at",
    "closed_at",
    "lost_reason",
    "lost_note",
    "approval",
)


@dataclass(frozen=True)
class Change:
    deal_id: int
    version: int
    message: str


def load_deal(session: Session, deal_id: int) -> Opportunity:
    deal = session.get(Opportunity, deal_id)
    if deal is None:
        raise deal_gone(deal_id)
    return deal


def _check_version(session: Session, deal: Opportunity, version: int) -> None:
    if deal.version != version:
        raise stale(session, TABLE, deal.id, f"“{deal.title}”", deal.updated_by or "someone")


def commit_update(
    session: Session, deal: Opportunity, version: int, values: dict, actor: str, now: datetime
) -> int:
    """Write ``values`` only if the row is still at ``version`` (another process may have won)."""
    values = {**values, "updated_at": now, "updated_by": actor}
    if not update_at_version(session, Opportunity, deal.id, version, values):
        _check_version(session, load_deal(session, deal.id), version)
        raise DomainError(
            _("“{title}” changed meanwhile; nothing was saved").format(title=deal.title)
        )
    return version + 1


def save_changes(session: Session, deal: Opportunity, version: int, changes: dict, actor: str,
                 batch: str, now: datetime) -> int:  # fmt: skip
    """``changes`` ({field: (old, new)}) written at ``version``, audited with the version step
    and committed; returns the new version."""
    new_version = commit_update(session, deal, version, {f: v for f, (_, v) in changes.items()},
                                actor, now)  # fmt: skip
    record(session, actor=actor, table=TABLE, row_id=deal.id,
           changes={**changes, "version": (version, new_version)}, batch=batch, at=now)  # fmt: skip
    session.commit()
    return new_version


def add_stage_change(
    session: Session, deal_id: int, from_stage: str | None, to_stage: str, actor: str, now: datetime
) -> None:
    """One row of the append-only stage history (funnel, cycle and stalled figures read it)."""
    session.add(
        StageChange(
            opportunity_id=deal_id,
            from_stage=from_stage,
            to_stage=to_stage,
            changed_at=now,
            changed_by=actor,
        )
    )


def move_stage(
    session: Session,
    actor_login: str,
    deal_id: int,
    to_stage: str,
    version: int,
    *,
    lost_reason: str | None = None,
    lost_note: str | None = None,
    now: datetime | None = None,
) -> Change:
    """Move a deal to ``to_stage`` (an open stage, Won, or Lost with a reason and, if the
    person says more, a note)."""
    now = now or utc_now()
    refuse_control_characters(
        {"stage": to_stage, "lost reason": lost_reason, "lost note": lost_note}
    )
    if to_stage not in STAGES:
        raise DomainError(
            _("unknown stage {to_stage}; stages are {value}").format(
                to_stage=repr(to_stage), value=", ".join(STAGES)
            )
        )
    actor, people = actor_row(session, actor_login)
    deal = load_deal(session, deal_id)
    _check_may_change(people, actor, deal.owner_id, f"“{deal.title}”")
    _check_version(session, deal, version)
    if deal.stage in CLOSED_STAGES:
        raise DomainError(
            _(
                "“{title}” is already {stage}; a closed deal does not move (u undoes your own last change)"
            ).format(title=deal.title, stage=_(deal.stage))
        )
    if deal.stage == to_stage:
        raise DomainError(
            _("“{title}” is already in {to_stage}").format(title=deal.title, to_stage=_(to_stage))
        )
    reason = (lost_reason or "").strip().lower() or None
    if to_stage == LOST:
        if reason is None:
            raise DomainError(
                _("a lost deal needs a reason: {value}").format(value=", ".join(LOST_REASONS))
            )
        if reason not in LOST_REASONS:
            raise DomainError(
                _("{lost_reason} is not a lost reason; use one of {value}").format(
                    lost_reason=repr(lost_reason), value=", ".join(LOST_REASONS)
                )
            )
    elif reason is not None:
        raise DomainError(_("only a lost deal takes a lost reason"))
    note = fields.lost_note(lost_note)
    if note and to_stage != LOST:
        raise DomainError(_("only a lost deal takes a lost note"))

    if to_stage == WON:
        check_signed_off(session, people, deal)
    rules = rules_from(settings_map(session))
    batch = new_batch()
    old = {f: getattr(deal, f) for f in _STAGE_FIELDS}
    new = dict(old)
    new.update(
        stage=to_stage,
        probability=rules.probability[to_stage],
        stage_entered_at=now,
        closed_at=now if to_stage in CLOSED_STAGES else None,
        lost_reason=reason if to_stage == LOST else None,
        lost_note=note,
    )
    if to_stage == NEGOTIATION:
        new["approval"] = request_approvals(
            session, deal.id, deal.amount_minor, actor.login, batch, now
        )
    new_version = commit_update(session, deal, version, new, actor.login, now)
    add_stage_change(session, deal.id, old["stage"], to_stage, actor.login, now)
    record(
        session,
        actor=actor.login,
        table=TABLE,
        row_id=deal.id,
        changes={**{f: (old[f], new[f]) for f in _STAGE_FIELDS}, "version": (version, new_version)},
        batch=batch,
        at=now,
    )
    session.commit()
    if to_stage == WON:
        said = _("“{title}” won").format(title=deal.title)
    elif to_stage == LOST:
        said = _("“{title}” lost ({reason})").format(
            title=deal.title, reason=_(reason) if reason else ""
        )
    else:
        said = _("“{title}” moved to {stage}").format(title=deal.title, stage=_(to_stage))
    if to_stage == NEGOTIATION and new["approval"] == "pending":
        roles = ", ".join(_(r) for r in roles_for(session, deal.amount_minor))
        said += _(" — approval pending: {roles}").format(roles=roles)
    return Change(deal.id, new_version, said)


def _check_owner_choice(
    people: list[PersonRow], actor: PersonRow, owner_login: str | None
) -> PersonRow:
    if not owner_login or not owner_login.strip():
        return actor
    return assignee(people, actor, owner_login, "deals")


def _check_customer(session: Session, customer_id: int | None) -> int:
    if customer_id is None:
        raise DomainError(_("choose a customer for the deal"))
    if session.get(Customer, customer_id) is None:
        raise DomainError(
            _("customer #{customer_id} does not exist").format(customer_id=customer_id)
        )
    return customer_id


def _refuse_controls(title, amount, expected_close, owner_login, **more) -> None:
    words = {"next_step": "next step", "next_date": "next step date", "lost_note": "lost note"}
    refuse_control_characters(
        {"title": title, "amount": amount, "expected close": expected_close, "owner": owner_login}
        | {words.get(k, k): v for k, v in more.items()}
    )


def approval_for_amount(
    session: Session, deal: Opportunity, amount_minor: int, actor: str, batch: str, now: datetime
) -> str | None:
    """THE rule of a changed amount (typed, or following the deal's lines): a deal in
    Negotiation whose new amount crosses an approval threshold needs the other sign-offs; the
    deal's new approval, or None when it stays as it is."""
    if deal.stage != NEGOTIATION or roles_for(session, amount_minor) == roles_for(
        session, deal.amount_minor
    ):
        return None
    return request_approvals(session, deal.id, amount_minor, actor, batch, now)


def _edited_fields(deal: Opportunity, competitor, next_step, next_date, lost_note, now) -> dict:
    new: dict[str, object] = {}
    if competitor is not None:
        new["competitor"] = fields.one_line(competitor, "competitor", fields.MAX_COMPETITOR)
    if next_step is not None or next_date is not None:
        step, day = fields.next_step(
            deal.next_step if next_step is None else next_step,
            deal.next_step_date if next_date is None else next_date,
            local_day(now),
            kept_date=deal.next_step_date,
        )
        if step and deal.stage in CLOSED_STAGES and step != deal.next_step:
            raise DomainError(
                _("“{title}” is {stage}: a closed deal has no next step").format(
                    title=deal.title, stage=_(deal.stage)
                )
            )
        new["next_step"], new["next_step_date"] = step, day
    if lost_note is not None:
        note = fields.lost_note(lost_note)
        if note and deal.stage != LOST:
            raise DomainError(
                _("“{title}” is {stage}: only a lost deal takes a lost note").format(
                    title=deal.title, stage=_(deal.stage)
                )
            )
        new["lost_note"] = note
    return new


def edit_deal(
    session: Session,
    actor_login: str,
    deal_id: int,
    version: int,
    *,
    title: str | None = None,
    amount: str | int | None = None,
    expected_close: str | date | None = None,
    owner_login: str | None = None,
    customer_id: int | None = None,
    competitor: str | None = None,
    next_step: str | None = None,
    next_date: str | date | None = None,
    lost_note: str | None = None,
    now: datetime | None = None,
) -> Change:
    """Change a deal's fields (None: as it is); a later close date counts as a push (a slipping
    deal). A next step and its date are checked together, as the deal will hold them."""
    now = now or utc_now()
    _refuse_controls(
        title, amount, expected_close, owner_login, competitor=competitor,
        next_step=next_step, next_date=next_date, lost_note=lost_note,
    )  # fmt: skip
    actor, people = actor_row(session, actor_login)
    deal = load_deal(session, deal_id)
    _check_may_change(people, actor, deal.owner_id, f"“{deal.title}”")
    _check_version(session, deal, version)
    new: dict[str, object] = {}
    if title is not None:
        new["title"] = fields.check_title(title)
    if amount is not None:
        new["amount_minor"] = fields.check_amount(amount)
        if new["amount_minor"] != deal.amount_minor:
            fields.refuse_amount_with_lines(session, deal.id)
    if expected_close is not None:
        close = parse_day(expected_close, field="expected close date")
        new["expected_close"] = close
        if close > deal.expected_close and deal.stage in OPEN_STAGES:
            new["close_date_pushes"] = deal.close_date_pushes + 1
    if owner_login is not None and owner_login.strip():
        new["owner_id"] = _check_owner_choice(people, actor, owner_login).id
    if customer_id is not None:
        new["customer_id"] = _check_customer(session, customer_id)
    new |= _edited_fields(deal, competitor, next_step, next_date, lost_note, now)
    changes = {f: (getattr(deal, f), v) for f, v in new.items() if getattr(deal, f) != v}
    if not changes:
        raise DomainError(_("nothing changed"))
    batch = new_batch()
    if "amount_minor" in changes:
        approval = approval_for_amount(
            session, deal, changes["amount_minor"][1], actor.login, batch, now
        )
        if approval is not None:
            changes["approval"] = (deal.approval, approval)
    new_version = save_changes(session, deal, version, changes, actor.login, batch, now)
    return Change(
        deal.id, new_version, _("saved “{title}”").format(title=new.get("title", deal.title))
    )
