"""Working an action item: start, finish, drop, reschedule, reassign, edit — validated and audited.

Creating one (by hand or from a warning) is ``salestui.services.actions.create_action_item``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from salestui.db.tables import ActionItem
from salestui.kernel.clock import local_day
from salestui.kernel.dates import parse_day, utc_now
from salestui.kernel.domain import ACTION_PRIORITIES, OPEN_ACTION_STATUSES
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import N_, _
from salestui.kernel.org import may_change
from salestui.services.actions import item_owner
from salestui.services.audit import new_batch, record
from salestui.services.rules import actor_row, stale, update_at_version
from salestui.services.text import refuse_control_characters

TABLE = "action_item"
CLOSED = ("done", "dropped")
# status key → (new status, allowed from)
TRANSITIONS = {
    "start": ("doing", ("open",)),
    "finish": ("done", OPEN_ACTION_STATUSES),
    "drop": ("dropped", OPEN_ACTION_STATUSES),
    "reopen": ("open", ("doing",)),
}


def change_action_item(
    session: Session,
    actor_login: str,
    item_id: int,
    version: int,
    *,
    step: str | None = None,
    title: str | None = None,
    due: str | date | None = None,
    priority: str | None = None,
    owner_login: str | None = None,
    now: datetime | None = None,
) -> str:
    """Apply one change to an open item; returns what a person reads in the status line.

    A rep changes only their own items; a manager the items of anyone below them, and may give
    an item only to themselves or to someone below them.
    """
    now = now or utc_now()
    refuse_control_characters(
        {"title": title, "due date": due, "priority": priority, "owner": owner_login, "step": step}
    )
    actor, people = actor_row(session, actor_login)
    item = session.get(ActionItem, item_id)
    if item is None:
        raise DomainError(
            _("action item #{item_id} does not exist (it may have been removed)").format(
                item_id=item_id
            )
        )
    if not may_change(people, actor.id, item.owner_id):
        owner = next((p for p in people if p.id == item.owner_id), None)
        raise DomainError(
            _(
                "“{title}” belongs to {value}; you may change only your own items and those of people who report to you"
            ).format(title=item.title, value=owner.display_name if owner else "someone else")
        )
    if item.version != version:
        raise stale(session, TABLE, item.id, f"“{item.title}”")
    if item.status in CLOSED:
        raise DomainError(
            _("“{title}” is already {status}; it cannot change any more").format(
                title=item.title, status=item.status
            )
        )

    new: dict[str, object] = {}
    if step is not None:
        if step not in TRANSITIONS:
            raise DomainError(_("unknown step {step}").format(step=repr(step)))
        to, allowed = TRANSITIONS[step]
        if item.status not in allowed:
            raise DomainError(
                _("“{title}” is {status}; it cannot be moved to {to}").format(
                    title=item.title, status=item.status, to=to
                )
            )
        new["status"] = to
        if to == "done":
            new["done_at"] = now
    if title is not None:
        title = title.strip()
        if not title:
            raise DomainError(_("the action item needs a title"))
        new["title"] = title
    if due is not None:
        day = parse_day(due, field="due date")
        if day < local_day(now) and day != item.due:
            raise DomainError(_("the due date {day} is in the past").format(day=day))
        new["due"] = day
    if priority is not None:
        if priority not in ACTION_PRIORITIES:
            raise DomainError(
                _("priority must be one of {value}").format(value=", ".join(ACTION_PRIORITIES))
            )
        new["priority"] = priority
    if owner_login is not None:
        new["owner_id"] = item_owner(people, actor, owner_login).id
    changes = {k: (getattr(item, k), v) for k, v in new.items() if getattr(item, k) != v}
    if not changes:
        return _("nothing to change")
    values = {k: v for k, (_, v) in changes.items()}
    if not update_at_version(session, ActionItem, item.id, version, values):
        fresh = session.get(ActionItem, item_id) or item
        raise stale(session, TABLE, item_id, f"“{fresh.title}”")
    record(
        session,
        actor=actor.login,
        table=TABLE,
        row_id=item.id,
        changes=changes,
        batch=new_batch(),
        at=now,
    )
    session.commit()
    statuses = {"doing": N_("started"), "done": N_("marked done"), "dropped": N_("dropped")}
    words = {
        "status": lambda v: _(statuses.get(v, v)),
        "due": lambda v: _("due {day}").format(day=v),
        "owner_id": lambda v: _("reassigned to {name}").format(
            name=next((p.display_name for p in people if p.id == v), "?")
        ),
        "title": lambda v: _("renamed"),
        "priority": lambda v: _("priority {value}").format(value=_(v)),
        "done_at": None,
    }
    said = [words[k](v) for k, (_old, v) in changes.items() if words.get(k)]
    return f"“{new.get('title', item.title)}”: " + _(", ").join(said)
