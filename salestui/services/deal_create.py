"""A new deal: the rules of the create form, the import of opportunities and a lead's
conversion, in one place (beside services.deals, which edits and moves a deal)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from salestui.db.queries.settings import settings_map
from salestui.db.tables import Opportunity
from salestui.kernel.clock import local_day
from salestui.kernel.dates import parse_day, utc_now
from salestui.kernel.domain import NEGOTIATION, OPEN_STAGES, PROSPECT
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.kernel.money import format_amount
from salestui.kernel.settings import rules_from
from salestui.services import deal_fields as fields
from salestui.services.approvals import request_approvals
from salestui.services.audit import new_batch, record
from salestui.services.deals import (
    TABLE,
    Change,
    _check_customer,
    _check_owner_choice,
    _refuse_controls,
    add_stage_change,
)
from salestui.services.rules import actor_row


def create_deal(
    session: Session,
    actor_login: str,
    *,
    customer_id: int | None,
    title: str,
    amount: str | int,
    expected_close: str | date,
    owner_login: str | None = None,
    stage: str = PROSPECT,
    competitor: str | None = None,
    next_step: str | None = None,
    next_date: str | date | None = None,
    now: datetime | None = None,
    batch: str | None = None,
    commit: bool = True,
) -> Change:
    """A new deal; ``commit=False`` (and a ``batch``) holds it in a larger write's transaction
    (a lead's conversion)."""
    now = now or utc_now()
    _refuse_controls(
        title, amount, expected_close, owner_login,
        competitor=competitor, next_step=next_step, next_date=next_date,
    )  # fmt: skip
    actor, people = actor_row(session, actor_login)
    title = fields.check_title(title)
    amount_minor = fields.check_amount(amount)
    close = parse_day(expected_close, field="expected close date")
    rival = fields.one_line(competitor, "competitor", fields.MAX_COMPETITOR)
    step, step_day = fields.next_step(next_step, next_date, local_day(now))
    if stage not in OPEN_STAGES:
        raise DomainError(
            _("a new deal starts in an open stage ({value})").format(value=", ".join(OPEN_STAGES))
        )
    owner = _check_owner_choice(people, actor, owner_login)
    customer_id = _check_customer(session, customer_id)
    rules = rules_from(settings_map(session))
    deal = Opportunity(
        customer_id=customer_id,
        owner_id=owner.id,
        title=title,
        amount_minor=amount_minor,
        expected_close=close,
        stage=stage,
        probability=rules.probability[stage],
        competitor=rival,
        next_step=step,
        next_step_date=step_day,
        created_at=now,
        stage_entered_at=now,
        updated_at=now,
        updated_by=actor.login,
    )
    session.add(deal)
    session.flush()
    add_stage_change(session, deal.id, None, stage, actor.login, now)
    batch = batch or new_batch()
    if stage == NEGOTIATION:
        deal.approval = request_approvals(session, deal.id, amount_minor, actor.login, batch, now)
    record(
        session,
        actor=actor.login,
        table=TABLE,
        row_id=deal.id,
        changes={
            "*created*": (None, title),
            "customer_id": (None, customer_id),
            "owner_id": (None, owner.id),
            "amount_minor": (None, amount_minor),
            "expected_close": (None, close),
            "stage": (None, stage),
            **({"competitor": (None, rival)} if rival else {}),
            **({"next_step": (None, step), "next_step_date": (None, step_day)} if step else {}),
        },
        batch=batch,
        at=now,
    )
    if commit:
        session.commit()
    return Change(
        deal.id,
        1,
        _("created “{title}” for {amount}").format(title=title, amount=format_amount(amount_minor)),
    )
