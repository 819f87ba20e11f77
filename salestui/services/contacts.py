"""The people at a customer: a contact is added, changed and linked to deals by whoever may
change its customer (the customer's owner, anyone above them, an administrator), from every door
with the same words: the form, ``salestui contact add``, an import, a lead's conversion.

A contact's email and phone are read by ``kernel.contact_details``; its role is one of
``CONTACT_ROLES`` (or not known); a refusal names the field and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from salestui.db.tables import Contact, Customer
from salestui.kernel.contact_details import email_problem, phone_problem, tidy
from salestui.kernel.dates import utc_now
from salestui.kernel.domain import CONTACT_ROLES
from salestui.kernel.errors import DomainError
from salestui.kernel.org import may_change
from salestui.services.audit import new_batch, record
from salestui.services.rules import actor_row
from salestui.services.text import refuse_control_characters

TABLE = "contact"
MAX_NAME = 100
MAX_TITLE = 100


@dataclass(frozen=True)
class ContactMade:
    contact_id: int
    customer_id: int
    name: str
    message: str


def contact_role(text: object) -> str:
    """The role a person typed (any case, ``decision_maker`` / ``decision-maker`` too), or "" for
    none; refuses anything else naming the roles."""
    given = tidy(text).casefold().replace("_", " ").replace("-", " ")
    if not given:
        return ""
    if given in CONTACT_ROLES:
        return given
    raise DomainError(f"the role is {', '.join(CONTACT_ROLES)} or empty, not {tidy(text)!r}")


def contact_values(*, name, title="", phone="", email="", role="") -> dict[str, str]:
    """The contact's fields read and checked as every door reads them; raises DomainError."""
    refuse_control_characters(
        {"name": name, "title": title, "phone": phone, "email": email, "role": role}
    )
    values = {"name": tidy(name), "title": tidy(title), "phone": tidy(phone),
              "email": tidy(email), "role": contact_role(role)}  # fmt: skip
    if not values["name"]:
        raise DomainError("a contact needs a name")
    if len(values["name"]) > MAX_NAME:
        raise DomainError(f"the name is longer than {MAX_NAME} characters")
    if len(values["title"]) > MAX_TITLE:
        raise DomainError(f"the title is longer than {MAX_TITLE} characters")
    if values["email"] and (why := email_problem(values["email"])):
        raise DomainError(why)
    if values["phone"] and (why := phone_problem(values["phone"])):
        raise DomainError(why)
    return values


def changeable_customer(session: Session, actor, people, customer_id: int) -> Customer:
    """The customer, when the actor may change it (and so its contacts); else a refusal."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise DomainError(f"customer #{customer_id} does not exist (it may have been merged)")
    if customer.owner_id is not None and not may_change(people, actor.id, customer.owner_id):
        owner = next((p.display_name for p in people if p.id == customer.owner_id), "someone else")
        raise DomainError(
            f"“{customer.name}” belongs to {owner}; you may change only your own customers and "
            "those of people who report to you"
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
        contact.id, customer.id, values["name"], f"added {values['name']} to “{customer.name}”"
    )
