"""Changes to customers: a new owner, and customer warnings turned into action items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from salestui.actions.metrics import warning_key
from salestui.db.tables import Customer
from salestui.kernel.clock import local_day
from salestui.kernel.dates import utc_now
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.kernel.org import assignee, may_change
from salestui.services.actions import create_action_item
from salestui.services.audit import new_batch, record
from salestui.services.hand_over import hand_over_open, moved_counts, went_along
from salestui.services.rules import actor_row, stale, update_at_version
from salestui.services.text import refuse_control_characters

TABLE = "customer"
WARNING_KINDS = ("health", "churn", "overdue", "complaint")


def _load(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise DomainError(
            _("customer #{customer_id} does not exist (it may have been removed)").format(
                customer_id=customer_id
            )
        )
    return customer


@dataclass(frozen=True)
class Reassigned:
    version: int  # the customer's new version
    deals: int  # open deals that went along
    items: int  # open action items that went along
    message: str


def reassign_customer(
    session: Session,
    actor_login: str,
    customer_id: int,
    new_owner_login: str,
    version: int,
    now: datetime | None = None,
    *,
    with_open: bool = True,
) -> Reassigned:
    """Give a customer to another owner: the actor must be allowed to change the customer (its
    owner is the actor or below them) and the new owner must be the actor or below them.

    ``with_open`` (the default): the old owner's open deals on the customer and open action items
    about it go along, each audited with a new version (a form still open on one cannot save
    over the move); deals and items of anyone else stay theirs."""
    now = now or utc_now()
    refuse_control_characters({"owner": new_owner_login})
    actor, people = actor_row(session, actor_login)
    customer = _load(session, customer_id)
    if customer.owner_id is not None and not may_change(people, actor.id, customer.owner_id):
        owner = next((p for p in people if p.id == customer.owner_id), None)
        raise DomainError(
            _(
                "{name} belongs to {value}; you may reassign only your own customers and those of people who report to you"
            ).format(name=customer.name, value=owner.display_name if owner else "someone else")
        )
    new_owner = assignee(people, actor, new_owner_login, "customers")
    if customer.version != version:
        raise stale(session, TABLE, customer.id, customer.name)
    if customer.owner_id == new_owner.id:
        raise DomainError(
            _("{name} already belongs to {display_name}").format(
                name=customer.name, display_name=new_owner.display_name
            )
        )
    old_owner = customer.owner_id
    if not update_at_version(session, Customer, customer_id, version, {"owner_id": new_owner.id}):
        raise stale(session, TABLE, customer_id, _load(session, customer_id).name)
    batch = new_batch()
    record(
        session,
        actor=actor.login,
        table=TABLE,
        row_id=customer_id,
        changes={"owner_id": (old_owner, new_owner.id), "version": (version, version + 1)},
        batch=batch,
        at=now,
    )
    deals = items = 0
    if with_open and old_owner is not None:
        changed = hand_over_open(session.connection(), customer_id, old_owner, new_owner.id)
        for table, row_id in dict.fromkeys((t, i) for t, i, *_ in changed):
            mine = {f: (o, n) for t, i, f, o, n in changed if (t, i) == (table, row_id)}
            record(session, actor=actor.login, table=table, row_id=row_id, changes=mine,
                   batch=batch, at=now)  # fmt: skip
        deals, items = moved_counts(changed)
    session.commit()
    went = went_along(deals, items)
    message = _("{customer} now belongs to {owner}").format(
        customer=customer.name, owner=new_owner.display_name
    ) + (_("; {what} went along").format(what=went) if went else "")
    return Reassigned(version + 1, deals, items, message)


def action_for_warning(
    session: Session,
    actor_login: str,
    *,
    customer_id: int,
    kind: str,
    title: str,
    due: str | date,
    ref: int | None = None,
    priority: str = "normal",
    now: datetime | None = None,
) -> int:
    """One action item for the customer's owner from a warning; a warning already carried by an
    open item is refused (``create_action_item`` checks the key)."""
    now = now or utc_now()
    refuse_control_characters({"title": title, "due date": due, "warning": kind})
    if kind not in WARNING_KINDS:
        raise DomainError(
            _("a customer warning is one of {value}").format(value=", ".join(WARNING_KINDS))
        )
    customer = _load(session, customer_id)
    if customer.owner_id is None:
        raise DomainError(_("{name} has no owner to give the item to").format(name=customer.name))
    _actor, people = actor_row(session, actor_login)
    owner = next(p for p in people if p.id == customer.owner_id)
    return create_action_item(
        session,
        actor_login,
        title=title,
        owner_login=owner.login,
        due=due,
        priority=priority,
        link_type="customer",
        link_id=customer_id,
        origin=kind,
        warning_key=warning_key(kind, customer_id, ref, local_day(now)),
        now=now,
    )
