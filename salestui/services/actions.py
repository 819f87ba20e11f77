"""Action items: a warning or a deal turned into work with an owner and a due date."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from salestui.db.tables import ActionItem
from salestui.kernel.clock import local_day
from salestui.kernel.dates import parse_day, utc_now
from salestui.kernel.domain import ACTION_PRIORITIES, OPEN_ACTION_STATUSES
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.kernel.org import assignee
from salestui.services.audit import new_batch, record
from salestui.services.rules import actor_row
from salestui.services.text import refuse_control_characters

LINK_TYPES = ("customer", "opportunity", "person", "region")


def item_owner(people, actor, owner_login: str):
    """Who an item may be given to: an active person, the actor or someone below them."""
    return assignee(people, actor, owner_login, "items")


def create_action_item(
    session: Session,
    actor_login: str,
    *,
    title: str,
    owner_login: str,
    due: str | date,
    priority: str = "normal",
    link_type: str | None = None,
    link_id: int | None = None,
    origin: str = "manual",
    warning_key: str | None = None,
    now: datetime | None = None,
) -> int:
    """Create one item; a warning already carried by an open item is refused, never doubled."""
    now = now or utc_now()
    refuse_control_characters(
        {"title": title, "owner": owner_login, "due date": due, "priority": priority}
    )
    actor, people = actor_row(session, actor_login)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("the action item needs a title"))
    due_day = parse_day(due, field="due date")
    if due_day < local_day(now):
        raise DomainError(_("the due date {due_day} is in the past").format(due_day=due_day))
    if priority not in ACTION_PRIORITIES:
        raise DomainError(
            _("priority must be one of {value}").format(value=", ".join(ACTION_PRIORITIES))
        )
    if link_type is not None and link_type not in LINK_TYPES:
        raise DomainError(
            _("an action item links to a {value}").format(value=", a ".join(LINK_TYPES))
        )
    owner = item_owner(people, actor, owner_login)
    if warning_key:
        open_item = session.exec(
            select(ActionItem).where(
                ActionItem.warning_key == warning_key,
                ActionItem.status.in_(OPEN_ACTION_STATUSES),
            )
        ).first()
        if open_item is not None:
            raise DomainError(
                _("this warning already has an open item: “{title}”").format(title=open_item.title)
            )
    item = ActionItem(
        title=title,
        owner_id=owner.id,
        due=due_day,
        priority=priority,
        link_type=link_type,
        link_id=link_id,
        origin=origin,
        warning_key=warning_key,
        created_by=actor.login,
        created_at=now,
    )
    session.add(item)
    session.flush()
    record(
        session,
        actor=actor.login,
        table="action_item",
        row_id=item.id,
        changes={
            "*created*": (None, title),
            "owner_id": (None, owner.id),
            "due": (None, due_day),
            "priority": (None, priority),
            "link": (None, f"{link_type}:{link_id}" if link_type else None),
        },
        batch=new_batch(),
        at=now,
    )
    session.commit()
    return item.id
