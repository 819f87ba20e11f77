"""Activities logged: a call, visit, meeting, email, demo or note on a deal or a customer, with
how long it took, what came of it and the next step agreed — which becomes the deal's next step.
One transaction, audited; the deal's last activity moves with it (the stalled warnings read it).

Who may log: whoever may change the deal or the customer (its owner, a manager above them, an
administrator), as for every other change to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from salestui.db.queries.moments import aware
from salestui.db.tables import Activity, Customer, Opportunity
from salestui.kernel.clock import local_day
from salestui.kernel.dates import day_out_of_range, utc_now
from salestui.kernel.domain import ACTIVITY_KINDS, ACTIVITY_WORDS, CLOSED_STAGES
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.kernel.org import may_change
from salestui.services.audit import new_batch, record
from salestui.services.deal_fields import last_activity_after
from salestui.services.deal_fields import next_step as checked_next_step
from salestui.services.rules import actor_row, update_at_version
from salestui.services.text import refuse_control_characters

MAX_MINUTES = 24 * 60
MAX_TEXT = 2000


@dataclass(frozen=True)
class Logged:
    activity_id: int
    deal_id: int | None
    customer_id: int
    message: str


def _kind(kind: str) -> str:
    word = str(kind or "").strip().lower()
    if word not in ACTIVITY_KINDS:
        raise DomainError(
            _("an activity is a {value}, not {kind}").format(
                value=", ".join(ACTIVITY_KINDS), kind=repr(kind)
            )
        )
    return word


def _minutes(duration: int | str | None) -> int | None:
    if duration is None or str(duration).strip() == "":
        return None
    text = str(duration).strip()
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_MINUTES:
        raise DomainError(
            _("duration is whole minutes from 1 to {MAX_MINUTES}, not {duration}").format(
                MAX_MINUTES=MAX_MINUTES, duration=repr(duration)
            )
        )
    return int(text)


def _text(value: str | None, what: str) -> str:
    text = " ".join(str(value or "").split()) if what != "note" else str(value or "").strip()
    if len(text) > MAX_TEXT:
        raise DomainError(
            _("the {what} is longer than {MAX_TEXT} characters").format(
                what=what, MAX_TEXT=MAX_TEXT
            )
        )
    return text


def _moment(when: datetime | str | None, now: datetime) -> datetime:
    """When it happened: now by default, a day (the start of it on the person's clock) or a
    moment; never later than now — what is still to come is a next step."""
    if when is None or (isinstance(when, str) and not when.strip()):
        return now
    if isinstance(when, datetime):
        moment = aware(when)
    else:
        text = str(when).strip()
        try:
            moment = datetime.fromisoformat(text.replace(" ", "T"))
        except ValueError:
            raise DomainError(
                _("when must be YYYY-MM-DD or YYYY-MM-DD HH:MM, not {when}").format(when=repr(when))
            ) from None
        if moment.tzinfo is None:
            from salestui.kernel.clock import zone

            moment = moment.replace(tzinfo=zone())
        moment = aware(moment)
    if moment > now + timedelta(minutes=1):
        raise DomainError(
            _("an activity is logged once it happened; what is to come is a next step")
        )
    if why := day_out_of_range(local_day(moment)):
        raise DomainError(_("when {why}").format(why=why))
    return moment


def activity_values(kind, when, duration, outcome, note, now: datetime) -> dict:
    """An activity's kind, moment, minutes, outcome and note read as ``log_activity`` reads
    them, for another write that logs one (a lead's contact)."""
    return {"kind": _kind(kind), "occurred_at": _moment(when, now),
            "duration_minutes": _minutes(duration), "outcome": _text(outcome, "outcome"),
            "note": _text(note, "note")}  # fmt: skip


def log_activity(
    session: Session,
    actor_login: str,
    *,
    kind: str,
    deal_id: int | None = None,
    customer_id: int | None = None,
    when: datetime | str | None = None,
    duration: int | str | None = None,
    outcome: str | None = None,
    note: str | None = None,
    next_step: str | None = None,
    next_date: date | str | None = None,
    now: datetime | None = None,
) -> Logged:
    now = aware(now or utc_now())
    refuse_control_characters(
        {"kind": kind, "outcome": outcome, "note": note, "next step": next_step,
         "next step date": next_date, "when": when, "duration": duration}
    )  # fmt: skip
    actor, people = actor_row(session, actor_login)
    kind = _kind(kind)
    minutes = _minutes(duration)
    moment = _moment(when, now)
    outcome, note = _text(outcome, "outcome"), _text(note, "note")
    step, step_day = checked_next_step(next_step, next_date, local_day(now))
    if (deal_id is None) == (customer_id is None):
        raise DomainError(_("log an activity on a deal or on a customer (one of them)"))
    deal = None
    if deal_id is not None:
        deal = session.get(Opportunity, deal_id)
        if deal is None:
            raise DomainError(_("deal #{deal_id} does not exist").format(deal_id=deal_id))
        customer_id, owner_id, what = deal.customer_id, deal.owner_id, f"“{deal.title}”"
        if step and deal.stage in CLOSED_STAGES:
            raise DomainError(
                _("{what} is {stage}: a closed deal has no next step").format(
                    what=what, stage=_(deal.stage)
                )
            )
    else:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise DomainError(
                _("customer #{customer_id} does not exist").format(customer_id=customer_id)
            )
        owner_id, what = customer.owner_id, customer.name
    if owner_id is None or not may_change(people, actor.id, owner_id):
        raise DomainError(
            _(
                "{what} is not yours: you log activities on your own deals and customers and on those of people who report to you"
            ).format(what=what)
        )
    if step and deal is None:
        raise DomainError(_("a next step belongs to a deal: log the activity on the deal"))
    activity = Activity(
        kind=kind,
        person_id=actor.id,
        customer_id=customer_id,
        opportunity_id=deal_id,
        occurred_at=moment,
        note=note,
        duration_minutes=minutes,
        outcome=outcome,
        next_step=step,
        next_step_date=step_day,
    )
    session.add(activity)
    session.flush()
    batch = new_batch()
    record(
        session,
        actor=actor.login,
        table="activity",
        row_id=activity.id,
        changes={"*created*": (None, kind), "opportunity_id": (None, deal_id),
                 "customer_id": (None, customer_id), "occurred_at": (None, moment),
                 "duration_minutes": (None, minutes), "outcome": (None, outcome or None),
                 "note": (None, note or None), "next_step": (None, step or None),
                 "next_step_date": (None, step_day)},
        batch=batch,
        at=now,
    )  # fmt: skip
    if deal is not None:
        _follow_on_deal(session, deal, actor.login, moment, step, step_day, batch, now)
    session.commit()
    said = _("logged {kind} on {what}").format(kind=_(ACTIVITY_WORDS.get(kind, kind)), what=what)
    if step:
        said += _("; next step {day}: {step}").format(day=step_day, step=step)
    return Logged(activity.id, deal_id, customer_id, said)


def _follow_on_deal(session, deal, actor, moment, step, step_day, batch, now) -> None:
    """The deal's last activity (never moved back by an older one) and its next step."""
    values: dict = {}
    if (later := last_activity_after(deal.last_activity_at, moment)) is not None:
        values["last_activity_at"] = later
    if step:
        values["next_step"], values["next_step_date"] = step, step_day
    if not values:
        return
    version = deal.version
    old = {k: getattr(deal, k) for k in values}
    values.update(updated_at=now, updated_by=actor)
    if not update_at_version(session, Opportunity, deal.id, version, values):
        raise DomainError(
            _("“{title}” changed meanwhile; nothing was saved").format(title=deal.title)
        )
    record(
        session,
        actor=actor,
        table="opportunity",
        row_id=deal.id,
        changes={**{k: (old[k], values[k]) for k in old}, "version": (version, version + 1)},
        batch=batch,
        at=now,
    )
