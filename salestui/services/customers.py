"""Changes to customers: a new owner, and customer warnings turned into action items."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, select

from salestui.actions.metrics import warning_key
from salestui.db.tables import AuditLog, Customer
from salestui.kernel.dates import local, utc_now
from salestui.kernel.errors import DomainError
from salestui.kernel.org import assignee, may_change
from salestui.services.actions import create_action_item
from salestui.services.audit import new_batch, record
from salestui.services.deals import actor_row

TABLE = "customer"
WARNING_KINDS = ("health", "churn", "overdue", "complaint")


def _load(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise DomainError(f"customer #{customer_id} does not exist (it may have been removed)")
    return customer


def _stale(session: Session, customer: Customer) -> DomainError:
    last = session.exec(
        select(AuditLog.by_login, AuditLog.at)
        .where(AuditLog.table_name == TABLE, AuditLog.row_id == customer.id)
        .order_by(AuditLog.id.desc())
        .limit(1)
    ).first()
    who, when = (last[0], f" at {local(last[1])}") if last else ("someone", "")
    return DomainError(
        f"{customer.name} was changed by {who}{when} after you opened it; nothing was saved — "
        "look at it again and redo your change"
    )


def reassign_customer(
    session: Session,
    actor_login: str,
    customer_id: int,
    new_owner_login: str,
    version: int,
    now: datetime | None = None,
) -> int:
    """Give a customer to another owner: the actor must be allowed to change the customer (its
    owner is the actor or below them) and the new owner must be the actor or below them.
    Returns the new version."""
    now = now or utc_now()
    actor, people = actor_row(session, actor_login)
    customer = _load(session, customer_id)
    if customer.owner_id is not None and not may_change(people, actor.id, customer.owner_id):
        owner = next((p for p in people if p.id == customer.owner_id), None)
        raise DomainError(
            f"{customer.name} belongs to {owner.display_name if owner else 'someone else'}; "
            "you may reassign only your own customers and those of people who report to you"
        )
    new_owner = assignee(people, actor, new_owner_login, "customers")
    if customer.version != version:
        raise _stale(session, customer)
    if customer.owner_id == new_owner.id:
        raise DomainError(f"{customer.name} already belongs to {new_owner.display_name}")
    old_owner = customer.owner_id
    result = session.execute(
        update(Customer)
        .where(Customer.id == customer_id, Customer.version == version)
        .values(owner_id=new_owner.id, version=version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.rollback()
        session.expire_all()
        raise _stale(session, _load(session, customer_id))
    record(
        session,
        actor=actor.login,
        table=TABLE,
        row_id=customer_id,
        changes={"owner_id": (old_owner, new_owner.id), "version": (version, version + 1)},
        batch=new_batch(),
        at=now,
    )
    session.commit()
    return version + 1


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
    if kind not in WARNING_KINDS:
        raise DomainError(f"a customer warning is one of {', '.join(WARNING_KINDS)}")
    customer = _load(session, customer_id)
    if customer.owner_id is None:
        raise DomainError(f"{customer.name} has no owner to give the item to")
    _, people = actor_row(session, actor_login)
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
        warning_key=warning_key(kind, customer_id, ref, now.date()),
        now=now,
    )
