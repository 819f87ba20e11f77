"""The first person of a new database: its top manager and administrator, bound to the account
that made it (``salestui init``). Everyone after them is added by someone already there."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session

from salestui.db.tables import Person
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.services.audit import new_batch, record
from salestui.services.text import refuse_control_characters


def check_login(login: str) -> str:
    """A login as people type it on a command line: no blanks, no control characters."""
    login = (login or "").strip()
    if not login:
        raise DomainError(_("a login is needed (--user LOGIN)"))
    if any(c.isspace() or not c.isprintable() for c in login):
        raise DomainError(
            _("login {login} may not hold spaces or control characters").format(login=repr(login))
        )
    return login


def add_first_person(
    session: Session, *, login: str, name: str | None, account: str, now: datetime
) -> int:
    """Make ``login`` the first person; refused (nothing written) on a database with people."""
    login = check_login(login)
    refuse_control_characters({"name": name})
    name = " ".join((name or "").split()) or login
    there = session.execute(select(func.count()).select_from(Person)).scalar_one()
    if there:
        raise DomainError(
            _(
                "this database already has people ({there}); `salestui init` only starts a new one (its people are bound by an administrator: salestui people bind LOGIN ACCOUNT)"
            ).format(there=there)
        )
    person = Person(login=login, display_name=name, role="manager", admin=True, os_user=account)
    session.add(person)
    session.flush()
    record(
        session,
        actor=login,
        table="person",
        row_id=person.id,
        changes={
            "*created*": (None, login),
            "role": (None, "manager"),
            "admin": (None, True),
            "os_user": (None, account),
        },
        batch=new_batch(),
        at=now,
    )
    session.commit()
    return person.id
