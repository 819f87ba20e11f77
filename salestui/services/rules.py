"""The checks every write makes before it writes: who is acting, and whether the row is still the
version they read.

A change made from a stale read is refused with who changed the row last and when (from the
audit log), so the person knows whose work they would have overwritten.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, SQLModel, select

from salestui.db.queries.people import PersonRow, all_people
from salestui.db.tables import AuditLog
from salestui.kernel.dates import local
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.kernel.org import may_change


def actor_row(session: Session, login: str) -> tuple[PersonRow, list[PersonRow]]:
    """The person acting, and everyone (their place in the org decides what they may change)."""
    people = all_people(session)
    for p in people:
        if p.login == login:
            return p, people
    raise DomainError(
        _("no person with login {login} in this database (use --user LOGIN)").format(
            login=repr(login)
        )
    )


def refuse_deal_change(people: list[PersonRow], actor: PersonRow, owner_id: int, what: str):
    """The one refusal of changing someone else's deal: said on save and when a form would open."""
    if not may_change(people, actor.id, owner_id):
        owner = next((p for p in people if p.id == owner_id), None)
        name = owner.display_name if owner else f"#{owner_id}"
        raise DomainError(
            _(
                "{what} belongs to {name}; you may change only your own deals "
                "and those of people who report to you"
            ).format(what=what, name=name)
        )


def stale(session: Session, table: str, row_id: int, what: str, nobody: str = "someone"):
    """The refusal of a change to ``what`` made from a version someone has changed since;
    ``nobody`` names the changer when the audit log has no row for it."""
    last = session.exec(
        select(AuditLog.by_login, AuditLog.at)
        .where(AuditLog.table_name == table, AuditLog.row_id == row_id)
        .order_by(AuditLog.id.desc())
        .limit(1)
    ).first()
    by = f"{last[0]} at {local(last[1])}" if last else nobody
    return DomainError(
        _(
            "{what} was changed by {by} after you opened it; nothing was saved — look at it again and redo your change"
        ).format(what=what, by=by)
    )


def update_at_version(
    session: Session, model: type[SQLModel], row_id: int, version: int, values: dict
) -> bool:
    """Write ``values`` and the next version only if the row is still at ``version``.

    False when another process got there first: the transaction is rolled back and the session
    forgets what it held, so the caller reads the row again to say who won.
    """
    result = session.execute(
        update(model)
        .where(model.id == row_id, model.version == version)
        .values(**values, version=version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 1:
        return True
    session.rollback()
    session.expire_all()
    return False
