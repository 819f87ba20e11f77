"""A lead's way from first contact to a customer: contact (logs the activity, stops the SLA clock
of ``kernel.sla``), qualify, disqualify with a reason, and convert into a customer, a contact and
a deal in one transaction — the rules of each part are the services that make them
(``customer_records``, ``contacts``, ``deals``), so a lead's customer is refused as a duplicate as
a hand-made one is, and a refusal of any part writes nothing at all.

Who may: the lead's owner, anyone above them, an administrator. A lead nobody owns yet may be
taken by a manager of its region (or an administrator): acting on it makes it theirs, so an
unowned lead never waits for someone who cannot see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from salestui.db.queries.moments import aware
from salestui.db.tables import Activity, Customer, Lead, Region
from salestui.kernel.clock import local_day
from salestui.kernel.dates import utc_now
from salestui.kernel.domain import ACTIVITY_WORDS
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.kernel.org import may_change
from salestui.services.activities import activity_values
from salestui.services.audit import new_batch, record
from salestui.services.contacts import add_contact
from salestui.services.customer_records import create_customer
from salestui.services.deal_create import create_deal
from salestui.services.rules import actor_row, update_at_version
from salestui.services.text import refuse_control_characters

TABLE = "lead"
MAX_REASON = 500
CLOSE_AFTER_DAYS = 90  # a converted lead's deal, when no close date is given
OPEN = ("new", "contacted", "qualified")


@dataclass(frozen=True)
class LeadDone:
    lead_id: int
    status: str
    message: str
    activity_id: int | None = None
    customer_id: int | None = None
    contact_id: int | None = None
    deal_id: int | None = None
    batch: str = ""


def may_take(actor, lead_region_id: int | None, people=()) -> bool:
    """Whether ``actor`` may act on a lead nobody owns: an administrator, the manager at the top
    of the org, a manager of the lead's region."""
    if getattr(actor, "admin", False):
        return True
    if actor.role != "manager":
        return False
    top = actor.manager_id is None and bool(people)
    return top or (lead_region_id is not None and actor.region_id == lead_region_id)


def _lead(session: Session, actor, people, lead_id: int) -> Lead:
    """The lead, when the actor may change it; else a refusal naming whose it is."""
    lead = session.get(Lead, lead_id)
    if lead is None:
        raise DomainError(_("lead #{lead_id} does not exist").format(lead_id=lead_id))
    if lead.owner_id is None:
        if not may_take(actor, lead.region_id, people):
            raise DomainError(
                _("lead “{name}” has no owner yet; a manager of its region takes it").format(
                    name=lead.name
                )
            )
    elif not may_change(people, actor.id, lead.owner_id):
        owner = next((p.display_name for p in people if p.id == lead.owner_id), "someone else")
        raise DomainError(
            _(
                "lead “{name}” belongs to {owner}; you may change only your own leads and those of people who report to you"
            ).format(name=lead.name, owner=owner)
        )
    return lead


def _write(session: Session, lead: Lead, actor: str, values: dict, batch: str, now) -> None:
    """The lead's new values at the version read (taking it, when nobody owned it), audited."""
    version = lead.version
    old = {k: getattr(lead, k) for k in values}
    if not update_at_version(session, Lead, lead.id, version, values):
        raise DomainError(
            _("lead “{name}” changed meanwhile; nothing was saved").format(name=lead.name)
        )
    changes = {k: (old[k], v) for k, v in values.items() if old[k] != v}
    record(session, actor=actor, table=TABLE, row_id=lead.id, batch=batch, at=now,
           changes={**changes, "version": (version, version + 1)})  # fmt: skip


def _taken(lead: Lead, actor) -> dict:
    return {"owner_id": actor.id} if lead.owner_id is None else {}


def _yours(lead: Lead) -> str:
    """Said after the change when it took a lead nobody owned (``lead`` as it was read)."""
    return _("; the lead is yours now") if lead.owner_id is None else ""


def _refuse_closed(lead: Lead) -> None:
    if lead.status == "converted":
        raise DomainError(
            _("lead “{name}” is converted already: it is customer #{customer_id}").format(
                name=lead.name, customer_id=lead.customer_id
            )
        )
    if lead.status == "disqualified":
        raise DomainError(
            _("lead “{name}” is disqualified ({value})").format(
                name=lead.name, value=lead.status_reason or "no reason"
            )
        )


def contact_lead(
    session: Session,
    actor_login: str,
    lead_id: int,
    *,
    kind: str = "call",
    when: datetime | str | None = None,
    duration: int | str | None = None,
    outcome: str | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> LeadDone:
    """Log a contact with the lead: its first stops the first-contact clock (``first_contact_at``
    is when it happened) and a new lead becomes contacted."""
    now = aware(now or utc_now())
    refuse_control_characters({"kind": kind, "when": when, "duration": duration,
                               "outcome": outcome, "note": note})  # fmt: skip
    actor, people = actor_row(session, actor_login)
    values = activity_values(kind, when, duration, outcome, note, now)
    lead = _lead(session, actor, people, lead_id)
    yours = _yours(lead)
    _refuse_closed(lead)
    if values["occurred_at"] < aware(lead.created_at):
        raise DomainError(
            _("lead “{name}” came in after that moment: a contact is later").format(name=lead.name)
        )
    activity = Activity(person_id=actor.id, lead_id=lead.id, **values)
    session.add(activity)
    session.flush()
    batch = new_batch()
    record(session, actor=actor.login, table="activity", row_id=activity.id, batch=batch, at=now,
           changes={"*created*": (None, values["kind"]), "lead_id": (None, lead.id),
                    "occurred_at": (None, values["occurred_at"]),
                    **{k: (None, values[k]) for k in ("duration_minutes", "outcome", "note")
                       if values[k]}})  # fmt: skip
    new = _taken(lead, actor)
    if lead.first_contact_at is None:
        new["first_contact_at"] = values["occurred_at"]
    if lead.status == "new":
        new["status"] = "contacted"
    if new:
        _write(session, lead, actor.login, new, batch, now)
    session.commit()
    kind = values["kind"]
    said = _("logged {kind} with {name}").format(
        kind=_(ACTIVITY_WORDS.get(kind, kind)), name=lead.name
    )
    if "first_contact_at" in new:
        said += _(" — first contact, the SLA clock stopped")
    said += yours
    return LeadDone(lead.id, new.get("status", lead.status), said, activity.id, batch=batch)


def _reason(text: str | None, what: str) -> str:
    words = " ".join(str(text or "").split())
    if len(words) > MAX_REASON:
        raise DomainError(
            _("the {what} is longer than {MAX_REASON} characters").format(
                what=what, MAX_REASON=MAX_REASON
            )
        )
    return words


def qualify_lead(
    session: Session, actor_login: str, lead_id: int, *, note: str | None = None,
    now: datetime | None = None,
) -> LeadDone:  # fmt: skip
    """A lead worth a deal; the note (why) goes into ``status_reason``. Qualified after a first
    contact only: qualifying never stops the SLA clock in its place."""
    now = aware(now or utc_now())
    refuse_control_characters({"note": note})
    words = _reason(note, "note")
    actor, people = actor_row(session, actor_login)
    lead = _lead(session, actor, people, lead_id)
    yours = _yours(lead)
    _refuse_closed(lead)
    if lead.status == "qualified":
        raise DomainError(_("lead “{name}” is qualified already").format(name=lead.name))
    if lead.first_contact_at is None:
        raise DomainError(
            _("lead “{name}” has not been contacted yet: log the contact first").format(
                name=lead.name
            )
        )
    batch = new_batch()
    values = _taken(lead, actor) | {"status": "qualified", "status_reason": words}
    _write(session, lead, actor.login, values, batch, now)
    session.commit()
    return LeadDone(
        lead.id, "qualified", _("qualified {name}").format(name=lead.name) + yours, batch=batch
    )


def disqualify_lead(
    session: Session, actor_login: str, lead_id: int, *, reason: str | None,
    now: datetime | None = None,
) -> LeadDone:  # fmt: skip
    """Not a buyer, with the reason why (``status_reason``); the lead leaves the open list and
    the SLA warnings."""
    now = aware(now or utc_now())
    refuse_control_characters({"reason": reason})
    words = _reason(reason, "reason")
    if not words:
        raise DomainError(_("a disqualified lead needs a reason (why it will not buy)"))
    actor, people = actor_row(session, actor_login)
    lead = _lead(session, actor, people, lead_id)
    yours = _yours(lead)
    if lead.status == "converted":
        raise DomainError(
            _("lead “{name}” is converted already: it is a customer with a deal").format(
                name=lead.name
            )
        )
    if lead.status == "disqualified":
        raise DomainError(_("lead “{name}” is disqualified already").format(name=lead.name))
    batch = new_batch()
    values = _taken(lead, actor) | {"status": "disqualified", "status_reason": words}
    _write(session, lead, actor.login, values, batch, now)
    session.commit()
    said = _("disqualified {name}: {reason}").format(name=lead.name, reason=words) + yours
    return LeadDone(lead.id, "disqualified", said, batch=batch)


@dataclass(frozen=True)
class Conversion:
    """What a conversion makes, as the person chose it (None / "": the lead's own)."""

    customer_id: int | None = None
    customer_name: str = ""
    even_if_alike: bool = False
    contact_name: str | None = None
    contact_title: str = ""
    email: str | None = None
    phone: str | None = None
    title: str = ""
    amount: str | int = "0"
    expected_close: str | date | None = None


def convert_lead(
    session: Session,
    actor_login: str,
    lead_id: int,
    chosen: Conversion | None = None,
    *,
    now: datetime | None = None,
) -> LeadDone:
    """The lead becomes a customer (a new one, refused as a likely duplicate until said to be
    another company, or one already there), a contact and a deal, all in one audited batch:
    a refusal of any part rolls the others back."""
    now = aware(now or utc_now())
    c = chosen or Conversion()
    try:
        return _convert(session, actor_login, lead_id, c, now)
    except BaseException:
        session.rollback()
        raise


def _convert(session: Session, actor_login: str, lead_id: int, c: Conversion, now) -> LeadDone:
    refuse_control_characters(
        {"customer name": c.customer_name, "name": c.contact_name, "contact title": c.contact_title,
         "email": c.email, "phone": c.phone, "title": c.title, "amount": c.amount,
         "expected close": c.expected_close}
    )  # fmt: skip
    actor, people = actor_row(session, actor_login)
    lead = _lead(session, actor, people, lead_id)
    yours = _yours(lead)
    if lead.status == "converted":
        raise DomainError(
            _("lead “{name}” is converted already (deal #{opportunity_id})").format(
                name=lead.name, opportunity_id=lead.opportunity_id
            )
        )
    _refuse_closed(lead)
    owner_id = lead.owner_id or actor.id
    owner = next(p for p in people if p.id == owner_id)
    batch = new_batch()
    if c.customer_id is not None:
        customer = session.get(Customer, c.customer_id)
        if customer is None:
            raise DomainError(
                _("customer #{customer_id} does not exist (it may have been merged)").format(
                    customer_id=c.customer_id
                )
            )
        customer_id, customer_name = customer.id, customer.name
    else:
        region = session.get(Region, lead.region_id) if lead.region_id else None
        made = create_customer(
            session, actor.login, name=c.customer_name.strip() or lead.company or lead.name,
            industry=lead.industry, region=region.name if region else "",
            owner_login=owner.login, even_if_alike=c.even_if_alike, now=now, batch=batch,
            commit=False,
        )  # fmt: skip
        customer_id, customer_name = made.customer_id, made.name
    contact = add_contact(
        session, actor.login, customer_id=customer_id,
        name=lead.name if c.contact_name is None else c.contact_name, title=c.contact_title,
        email=lead.email if c.email is None else c.email,
        phone=lead.phone if c.phone is None else c.phone, now=now, batch=batch, commit=False,
    )  # fmt: skip
    close = c.expected_close or local_day(now) + timedelta(days=CLOSE_AFTER_DAYS)
    deal = create_deal(
        session, actor.login, customer_id=customer_id,
        title=c.title.strip() or f"{customer_name} — {lead.source or 'lead'}",
        amount=c.amount if str(c.amount).strip() else "0", expected_close=close,
        owner_login=owner.login, now=now, batch=batch, commit=False,
    )  # fmt: skip
    values = _taken(lead, actor) | {"status": "converted", "customer_id": customer_id,
              "contact_id": contact.contact_id, "opportunity_id": deal.deal_id}  # fmt: skip
    _write(session, lead, actor.login, values, batch, now)
    session.commit()
    return LeadDone(
        lead.id, "converted",
        _("converted {name}: customer “{customer}”, contact {contact}, deal #{deal}").format(
            name=lead.name, customer=customer_name, contact=contact.name, deal=deal.deal_id
        )
        + yours,
        customer_id=customer_id, contact_id=contact.contact_id, deal_id=deal.deal_id, batch=batch,
    )  # fmt: skip
