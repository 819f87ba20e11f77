"""The people at a customer: a contact is added, changed and removed by whoever may change its
customer (the customer's owner, anyone above them, an administrator), and linked to a deal by
whoever may change the deal, from every door with the same words: the forms, ``salestui
contact``, an import, a lead's conversion.

A contact a converted lead became is not removed: the lead would then name nobody, and the lead's
history is the record of where the customer came from.

A contact's email and phone are read by ``kernel.contact_details``; its role is one of
``CONTACT_ROLES`` (or not known); a refusal names the field and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, select

from salestui.db.tables import Contact, Customer, Lead, OpportunityContact
from salestui.kernel.contact_details import contact_problem, tidy
from salestui.kernel.dates import utc_now
from salestui.kernel.domain import CONTACT_ROLES
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import N_, _, ngettext
from salestui.kernel.org import may_change
from salestui.services.audit import new_batch, record
from salestui.services.deals import _check_may_change, load_deal
from salestui.services.rules import actor_row, stale, update_at_version
from salestui.services.text import refuse_control_characters
from salestui.transfer.choices import choose

TABLE = "contact"


@dataclass(frozen=True)
class ContactMade:
    contact_id: int
    customer_id: int
    name: str
    message: str


def contact_role(text: object) -> str:
    """The role a person typed, read as an import reads it (any case, ``decision_maker``,
    ``决策者``), or "" for none; refuses anything else naming the roles."""
    given = tidy(text)
    if not given:
        return ""
    role = choose("contacts", "role", given)
    if role is None:
        raise DomainError(
            _("the role is {value} or empty, not {given}").format(
                value=", ".join(CONTACT_ROLES), given=repr(given)
            )
        )
    return role


def contact_values(*, name, title="", phone="", email="", role="") -> dict[str, str]:
    """The contact's fields read and checked as every door reads them; raises DomainError."""
    refuse_control_characters(
        {"name": name, "title": title, "phone": phone, "email": email, "role": role}
    )
    values = {"name": tidy(name), "title": tidy(title), "phone": tidy(phone),
              "email": tidy(email), "role": contact_role(role)}  # fmt: skip
    if problem := contact_problem(values):
        raise DomainError(problem[1])
    return values


def changeable_customer(session: Session, actor, people, customer_id: int) -> Customer:
    """The customer, when the actor may change it (and so its contacts); else a refusal."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise DomainError(
            _("customer #{customer_id} does not exist (it may have been merged)").format(
                customer_id=customer_id
            )
        )
    if customer.owner_id is not None and not may_change(people, actor.id, customer.owner_id):
        owner = next((p.display_name for p in people if p.id == customer.owner_id), "someone else")
        raise DomainError(
            _(
                "“{name}” belongs to {owner}; you may change only your own customers and those of people who report to you"
            ).format(name=customer.name, owner=owner)
        )
    return customer


def add_contact(
    session: Session,
    actor_login: str,
    *,
    customer_id: int,
    name: str,
    title: str = "",
    phone: str = "",
    email: str = "",
    role: str = "",
    now: datetime | None = None,
    batch: str | None = None,
    commit: bool = True,
) -> ContactMade:
    """Add a contact to a customer; raises DomainError having written nothing. ``commit=False``
    (and a ``batch``) lets a larger write — a lead's conversion — hold it in its transaction."""
    now = now or utc_now()
    values = contact_values(name=name, title=title, phone=phone, email=email, role=role)
    actor, people = actor_row(session, actor_login)
    customer = changeable_customer(session, actor, people, customer_id)
    contact = Contact(customer_id=customer.id, created_at=now, **values)
    session.add(contact)
    session.flush()
    changes = {"*created*": (None, values["name"]), "customer_id": (None, customer.id)}
    changes |= {k: (None, v) for k, v in values.items() if v and k != "name"}
    record(session, actor=actor.login, table=TABLE, row_id=contact.id, changes=changes,
           batch=batch or new_batch(), at=now)  # fmt: skip
    if commit:
        session.commit()
    return ContactMade(
        contact.id,
        customer.id,
        values["name"],
        _("added {name} to “{customer}”").format(name=values["name"], customer=customer.name),
    )


FIELDS = ("name", "title", "phone", "email", "role")
# a field as a message names it (in English its key, as the command's option), shown with _()
FIELD_WORDS = {
    "name": N_("name"),
    "title": N_("title"),
    "phone": N_("phone"),
    "email": N_("email"),
    "role": N_("role"),
}


@dataclass(frozen=True)
class ContactChange:
    contact_id: int
    version: int
    message: str


def load_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise DomainError(
            _("contact #{contact_id} does not exist (it may have been removed)").format(
                contact_id=contact_id
            )
        )
    return contact


def seen_contact(session: Session, actor_login: str, ref: object) -> Contact:
    """The contact numbered ``ref`` if its customer is one the person may see; a contact of a
    customer outside their view is "not found", never named (as a deal or a customer is)."""
    from salestui.services.deal_ref import customer_ref

    text = str(ref or "").strip()
    contact = session.get(Contact, int(text)) if text.isdigit() and len(text) < 19 else None
    if contact is not None:
        try:
            customer_ref(session, actor_login, f"id:{contact.customer_id}")
        except DomainError:
            contact = None
    if contact is None:
        raise DomainError(
            _("no contact {text} among the customers you may see").format(text=repr(text))
        )
    return contact


def edit_contact(
    session: Session,
    actor_login: str,
    contact_id: int,
    version: int,
    *,
    now: datetime | None = None,
    **given: str | None,
) -> ContactChange:
    """Change the fields given (None: leave it) if the contact is still at ``version``; the same
    checks as adding one. Raises DomainError having written nothing."""
    now = now or utc_now()
    unknown = set(given) - set(FIELDS)
    if unknown:
        raise TypeError(f"not a contact field: {', '.join(sorted(unknown))}")
    contact = load_contact(session, contact_id)
    before = {f: getattr(contact, f) for f in FIELDS}
    values = contact_values(**{f: before[f] if given.get(f) is None else given[f] for f in FIELDS})
    actor, people = actor_row(session, actor_login)
    changeable_customer(session, actor, people, contact.customer_id)
    if contact.version != version:
        raise stale(session, TABLE, contact.id, f"the contact {contact.name}")
    changes = {f: (before[f], values[f]) for f in FIELDS if before[f] != values[f]}
    if not changes:
        return ContactChange(
            contact.id, version, _("{name}: nothing to change").format(name=contact.name)
        )
    if not update_at_version(
        session, Contact, contact.id, version, {f: values[f] for f in changes}
    ):
        raise stale(session, TABLE, contact_id, f"the contact {before['name']}")
    record(session, actor=actor.login, table=TABLE, row_id=contact_id, changes=changes,
           batch=new_batch(), at=now)  # fmt: skip
    session.commit()
    said = _(", ").join(_(FIELD_WORDS[f]) for f in changes)
    return ContactChange(
        contact_id,
        version + 1,
        _("changed {name}: {fields}").format(name=values["name"], fields=said),
    )


def remove_contact(
    session: Session, actor_login: str, contact_id: int, *, now: datetime | None = None
) -> ContactChange:
    """Remove a contact and its links to deals, audited; refused for a converted lead's contact."""
    now = now or utc_now()
    contact = load_contact(session, contact_id)
    actor, people = actor_row(session, actor_login)
    changeable_customer(session, actor, people, contact.customer_id)
    lead = session.exec(select(Lead.id).where(Lead.contact_id == contact_id).limit(1)).first()
    if lead is not None:
        raise DomainError(
            _(
                "{name} is what lead #{lead} was converted into; a converted lead's contact stays (change it instead)"
            ).format(name=contact.name, lead=lead)
        )
    deals = session.exec(
        select(OpportunityContact.opportunity_id).where(OpportunityContact.contact_id == contact_id)
    ).all()
    batch = new_batch()
    changes = {"*removed*": (contact.name, None), "customer_id": (contact.customer_id, None)}
    changes |= {f: (getattr(contact, f), None) for f in FIELDS[1:] if getattr(contact, f)}
    changes |= {f"deal:{d}": (d, None) for d in sorted(deals)}
    session.execute(delete(OpportunityContact).where(OpportunityContact.contact_id == contact_id))
    session.delete(contact)
    record(session, actor=actor.login, table=TABLE, row_id=contact_id, changes=changes,
           batch=batch, at=now)  # fmt: skip
    session.commit()
    if deals:
        said = ngettext(
            "removed {name} and its {n} deal link",
            "removed {name} and its {n} deal links",
            len(deals),
        )
    else:
        said = _("removed {name}")
    return ContactChange(contact_id, 0, said.format(name=contact.name, n=len(deals)))


def _deal_and_contact(session: Session, actor_login: str, contact_id: int, deal_id: int):
    contact = load_contact(session, contact_id)
    deal = load_deal(session, deal_id)
    actor, people = actor_row(session, actor_login)
    _check_may_change(people, actor, deal.owner_id, f"“{deal.title}”")
    return actor, contact, deal


def link_contact(
    session: Session, actor_login: str, contact_id: int, deal_id: int, *, now=None
) -> ContactChange:
    """Link a contact of the deal's customer to the deal (whoever may change the deal may)."""
    actor, contact, deal = _deal_and_contact(session, actor_login, contact_id, deal_id)
    if contact.customer_id != deal.customer_id:
        raise DomainError(
            _(
                "{name} is not a contact of the customer of “{title}”; link one of that customer's contacts"
            ).format(name=contact.name, title=deal.title)
        )
    if session.get(OpportunityContact, (deal.id, contact.id)) is not None:
        raise DomainError(
            _("{name} is already linked to “{title}”").format(name=contact.name, title=deal.title)
        )
    session.add(OpportunityContact(opportunity_id=deal.id, contact_id=contact.id))
    record(session, actor=actor.login, table=TABLE, row_id=contact.id,
           changes={f"deal:{deal.id}": (None, deal.id)}, batch=new_batch(),
           at=now or utc_now())  # fmt: skip
    session.commit()
    said = _("linked {name} to “{title}”").format(name=contact.name, title=deal.title)
    return ContactChange(contact.id, contact.version, said)


def unlink_contact(
    session: Session, actor_login: str, contact_id: int, deal_id: int, *, now=None
) -> ContactChange:
    """Take a contact off a deal (the contact stays with its customer)."""
    actor, contact, deal = _deal_and_contact(session, actor_login, contact_id, deal_id)
    link = session.get(OpportunityContact, (deal.id, contact.id))
    if link is None:
        raise DomainError(
            _("{name} is not linked to “{title}”").format(name=contact.name, title=deal.title)
        )
    session.delete(link)
    record(session, actor=actor.login, table=TABLE, row_id=contact.id,
           changes={f"deal:{deal.id}": (deal.id, None)}, batch=new_batch(),
           at=now or utc_now())  # fmt: skip
    session.commit()
    return ContactChange(
        contact.id,
        contact.version,
        _("unlinked {name} from “{title}”").format(name=contact.name, title=deal.title),
    )
