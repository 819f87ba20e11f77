"""Who salestui acts as: the person bound to the account running it, and no one else unless that
person is an administrator.

The account is the effective OS user (what ``ssh`` logs a person in as) on a SQLite file, and the
database role on a server database (PostgreSQL), since there the role is what the server checked.
``--user LOGIN`` names whom to act as; it is only taken from the account LOGIN is bound to, or
from an administrator's account. Every door (the app, every report, the log, import, export) asks
:func:`acting_person` once, before it reads or writes anything.

Tests that cannot make real accounts replace :func:`os_account`, the one seam.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from salestui.db.queries.executor import dialect, first
from salestui.db.queries.people import PersonRow, all_people
from salestui.kernel.errors import DomainError

BIND_HOW = "salestui people bind LOGIN {account}"
SHOWN_BINDERS = 3


def os_account() -> str:
    """The effective OS user's name (the uid's, not ``$USER``'s: a variable anyone can set)."""
    import pwd

    uid = os.geteuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # a uid with no name in a bare container
        return str(uid)


def database_account(conn) -> str:
    """The account ``conn`` is used by: the database role on a server, else the OS account."""
    if dialect(conn) == "sqlite":
        return os_account()
    return first(conn, "SELECT current_user AS account").account


def acting_login(people: Sequence[PersonRow], account: str, requested: str | None) -> str:
    """The login salestui acts as for ``account`` when ``--user`` said ``requested`` (None: not
    given); a :class:`DomainError` in one line when it may not."""
    mine = next((p for p in people if p.os_user == account), None)
    if mine is not None and not mine.active:
        raise DomainError(
            f"{mine.login}, bound to the OS account {account}, is no longer active; "
            f"{_binders(people)} can bind the account to someone else"
        )
    if requested is not None:
        requested = requested.strip()
        if not requested:
            raise DomainError("--user needs a login name")
        wanted = next((p for p in people if p.login == requested), None)
        if wanted is None:
            raise DomainError(f"no person with login {requested!r} in this database")
        if mine is not None and (mine.id == wanted.id or mine.admin):
            return wanted.login
        if mine is None:
            raise DomainError(_unbound(people, account))
        bound = f"bound to the OS account {wanted.os_user}" if wanted.os_user else "bound to no one"
        raise DomainError(
            f"the OS account {account} is {mine.login}'s and may not act as {wanted.login} "
            f"({bound}): only an administrator may use --user for someone else"
        )
    if mine is None:
        raise DomainError(_unbound(people, account))
    return mine.login


def _unbound(people: Sequence[PersonRow], account: str) -> str:
    if not people:
        return no_people()
    return (
        f"the OS account {account} is bound to no person in this database; "
        f"{_binders(people)} can bind it: `{BIND_HOW.format(account=account)}` "
        "or the people form on the team screen"
    )


def _binders(people: Iterable[PersonRow]) -> str:
    """Who can bind an account: the administrators, else the managers (for people below them)."""
    active = [p for p in people if p.active]
    admins = [p.login for p in active if p.admin]
    if admins:
        who, names = "an administrator", admins
    else:
        who, names = (
            "a manager (for people below them)",
            [p.login for p in active if p.role == "manager"],
        )
    if not names:
        return "an administrator"
    shown = ", ".join(names[:SHOWN_BINDERS]) + (" …" if len(names) > SHOWN_BINDERS else "")
    return f"{who} ({shown})"


def no_people() -> str:
    return (
        "this database has no people yet; `salestui init --user LOGIN` makes you its first "
        "person (or `salestui demo` a demo organisation)"
    )


def acting_person(conn, requested: str | None) -> PersonRow:
    """The person salestui acts as on the database behind ``conn`` (a read connection)."""
    people = all_people(conn)
    if not people:
        raise DomainError(no_people())
    login = acting_login(people, database_account(conn), requested)
    return next(p for p in people if p.login == login)
