"""People changed and added: name, title, manager, region, role, administrator flag, OS account
and activity, by the org's rules (``salestui.kernel.org``) whatever the door — the people form,
``salestui people`` — one transaction, audited, against the version read.

A person's manager, role and flag decide what they and others may see and change, so each change
is checked against the whole org as it would be afterwards: no circle, nobody their own manager,
an OS account bound to one person, always an active administrator left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from salestui.db.queries.people import PersonRow, all_regions
from salestui.db.tables import Person
from salestui.kernel.clock import local_day, zone_name, zone_named
from salestui.kernel.dates import utc_now
from salestui.kernel.domain import ROLES
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import N_, _
from salestui.kernel.org import (
    add_person_problem,
    last_admin_problem,
    manager_problem,
    person_change_problem,
)
from salestui.services.audit import new_batch, record
from salestui.services.rules import actor_row, stale, update_at_version
from salestui.services.text import refuse_control_characters

TABLE = "person"
# What a change may name, and the column each is stored in.
FIELDS: dict[str, str] = {
    "display_name": "display_name",
    "title": "title",
    "manager": "manager_id",
    "region": "region_id",
    "role": "role",
    "admin": "admin",
    "os_user": "os_user",
    "active": "active",
    "timezone": "timezone",
}
# A field as a person reads it, where its key is not already that.
WORDS = {"display_name": "name", "os_user": "OS account", "timezone": "time zone"}
# a field as a message names it (in English its key, as a script passes it), shown with _()
FIELD_WORDS = {
    "display_name": N_("display_name"),
    "title": N_("title"),
    "manager": N_("manager"),
    "region": N_("region"),
    "role": N_("role"),
    "admin": N_("admin"),
    "os_user": N_("os_user"),
    "active": N_("active"),
    "timezone": N_("timezone"),
}


@dataclass(frozen=True)
class PersonChanged:
    """What a save did: each field's old and new value as a person reads them (a manager by
    login, a region by name), and the person's version now."""

    login: str
    version: int
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)
    created: bool = False

    def words(self) -> str:
        if self.created:
            return _("added {login}").format(login=self.login)
        if not self.changes:
            return _("nothing to change for {login}").format(login=self.login)
        said = _(", ").join(
            f"{_(FIELD_WORDS.get(f, f))} {_said(f, old)} → {_said(f, new)}"
            for f, (old, new) in self.changes.items()
        )
        return _("changed {login}: {changes}").format(login=self.login, changes=said)


def _said(field: str, value: object) -> str:
    if value is None or value == "":
        return _("(none)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field == "role":
        return _(str(value))  # rep, manager
    return str(value)


def _person(people: list[PersonRow], login: str, what: str = "person") -> PersonRow:
    login = (login or "").strip()
    found = next((p for p in people if p.login == login), None)
    if found is None:
        raise DomainError(
            _("no {what} with login {login} in this database").format(what=what, login=repr(login))
        )
    return found


def _manager_id(people: list[PersonRow], login: str | None) -> int | None:
    if login is None or not login.strip():
        return None
    manager = _person(people, login, "manager")
    if not manager.active:
        raise DomainError(
            _("{login} is no longer active and cannot manage anyone").format(login=manager.login)
        )
    return manager.id


def _region_id(session: Session, name: str | None) -> int | None:
    if name is None or not name.strip():
        return None
    regions = all_regions(session)
    found = next((r for r in regions if r.name == name.strip()), None)
    if found is None:
        known = ", ".join(r.name for r in regions) or "none yet"
        raise DomainError(
            _("there is no region named {value} (regions: {known})").format(
                value=repr(name.strip()), known=known
            )
        )
    return found.id


def _text(value: object, what: str, *, empty: bool) -> str:
    text = " ".join(str(value or "").split())
    if not text and not empty:
        raise DomainError(_("a person's {what} cannot be empty").format(what=what))
    return text


def _account(value: object) -> str | None:
    account = str(value or "").strip()
    if not account:
        return None
    if any(c.isspace() for c in account):
        raise DomainError(_("an OS account has no spaces: {account}").format(account=repr(account)))
    return account


def _wanted(session: Session, people: list[PersonRow], changes: dict) -> dict[str, object]:
    """The new values as stored (ids for the manager and region), each checked on its own."""
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise DomainError(_("a person has no field {unknown}").format(unknown=repr(unknown[0])))
    values: dict[str, object] = {}
    for name, value in changes.items():
        if name == "display_name":
            values[name] = _text(value, "name", empty=False)
        elif name == "title":
            values[name] = _text(value, "title", empty=True)
        elif name == "manager":
            values[name] = _manager_id(people, value)
        elif name == "region":
            values[name] = _region_id(session, value)
        elif name == "role":
            role = str(value or "").strip().lower()
            if role not in ROLES:
                raise DomainError(
                    _("a role is {value}, not {value2}").format(
                        value=" or ".join(ROLES), value2=repr(value)
                    )
                )
            values[name] = role
        elif name == "os_user":
            values[name] = _account(value)
        elif name == "timezone":
            values[name] = _zone(value)
        else:
            values[name] = bool(value)
    return values


def _zone(value: object) -> str:
    """An IANA zone's name as stored; "" (the system's) for none."""
    raw = str(value or "").strip()
    return zone_name(zone_named(raw)) if raw else ""


def _check_account(people: list[PersonRow], person_id: int, account: str | None) -> None:
    holder = next((p for p in people if account and p.os_user == account), None)
    if holder is not None and holder.id != person_id:
        raise DomainError(
            _(
                "the OS account {account} is already bound to {login}; unbind it there first (salestui people unbind {login})"
            ).format(account=repr(account), login=holder.login)
        )


def _shown(people: list[PersonRow], session: Session, name: str, value: object) -> object:
    """A stored value as a person reads it: a manager's login, a region's name."""
    if value is None:
        return None
    if name == "manager":
        return next(p.login for p in people if p.id == value)
    if name == "region":
        return next((r.name for r in all_regions(session) if r.id == value), f"#{value}")
    return value


def change_person(
    session: Session,
    actor_login: str,
    login: str,
    changes: dict[str, object],
    version: int | None = None,
    now: datetime | None = None,
) -> PersonChanged:
    """Change the fields named in ``changes`` (keys of :data:`FIELDS`; a manager by login, a
    region by name, None or "" for none) of the person ``login``, as read at ``version`` (None:
    as it is now — a script acting on what it just read).

    Only the values that differ count: the rules are asked about those, so a form that sends
    every field back does not need the right to change the ones left alone.
    """
    now = now or utc_now()
    refuse_control_characters(
        {"login": login, **{WORDS.get(name, name): value for name, value in changes.items()}}
    )
    actor, people = actor_row(session, actor_login)
    person = _person(people, login)
    row = session.get(Person, person.id)
    if version is not None and row.version != version:
        raise stale(session, TABLE, person.id, person.display_name)
    version = row.version
    values = _wanted(session, people, changes)
    before = {name: getattr(row, column) for name, column in FIELDS.items()}
    values = {name: v for name, v in values.items() if v != before[name]}
    if not values:
        return PersonChanged(person.login, version)
    problem = person_change_problem(people, actor.id, person.id, values)
    if problem is None and "manager" in values:
        problem = manager_problem(people, actor.id, person.id, values["manager"])
    if problem is None:
        problem = last_admin_problem(
            people, person.id, values.get("admin", row.admin), values.get("active", row.active)
        )
    if problem is not None:
        raise DomainError(problem)
    if values.get("active") is False:
        below = [p.login for p in people if p.manager_id == person.id and p.active]
        if below:
            raise DomainError(
                _(
                    "{login} still has people reporting to them ({value}); give them another manager first"
                ).format(login=person.login, value=", ".join(below))
            )
    if "os_user" in values:
        _check_account(people, person.id, values["os_user"])
    stored = {FIELDS[name]: v for name, v in values.items()}
    try:
        saved = update_at_version(session, Person, person.id, version, stored)
    except IntegrityError:
        session.rollback()
        raise DomainError(
            _(
                "the OS account {value} was bound to someone else meanwhile; nothing was saved"
            ).format(value=repr(values.get("os_user")))
        ) from None
    if not saved:
        raise stale(session, TABLE, person.id, person.display_name)
    record(
        session,
        actor=actor.login,
        table=TABLE,
        row_id=person.id,
        changes={
            **{FIELDS[name]: (before[name], v) for name, v in values.items()},
            "version": (version, version + 1),
        },
        batch=new_batch(),
        at=now,
    )
    session.commit()
    shown = {
        name: (_shown(people, session, name, before[name]), _shown(people, session, name, v))
        for name, v in values.items()
    }
    return PersonChanged(person.login, version + 1, shown)


def add_person(
    session: Session,
    actor_login: str,
    login: str,
    display_name: str,
    *,
    manager: str | None = None,
    role: str = "rep",
    title: str = "",
    region: str | None = None,
    now: datetime | None = None,
) -> PersonChanged:
    """A new active person, bound to no OS account yet. ``manager`` None: below the actor (an
    administrator adding the top of a new organisation gives ""); the region is the manager's
    unless named."""
    now = now or utc_now()
    given = {"display_name": display_name, "title": title, "manager": manager}
    given |= {"role": role, "region": region}
    refuse_control_characters(
        {"login": login, **{WORDS.get(name, name): value for name, value in given.items()}}
    )
    actor, people = actor_row(session, actor_login)
    login = (login or "").strip()
    if not login or any(c.isspace() for c in login):
        raise DomainError(
            _("a login is one word without spaces, not {login}").format(login=repr(login))
        )
    if any(p.login == login for p in people):
        raise DomainError(
            _("there is already a person with login {login}").format(login=repr(login))
        )
    values = _wanted(
        session,
        people,
        {
            "display_name": display_name,
            "title": title,
            "manager": actor.login if manager is None else manager,
            "role": role,
            "region": region,
        },
    )
    problem = add_person_problem(people, actor.id, values["manager"])
    if problem is not None:
        raise DomainError(problem)
    if region is None and values["manager"] is not None:
        values["region"] = next(p.region_id for p in people if p.id == values["manager"])
    row = Person(
        login=login,
        display_name=values["display_name"],
        title=values["title"],
        manager_id=values["manager"],
        region_id=values["region"],
        role=values["role"],
        hire_date=local_day(now),
    )
    session.add(row)
    session.flush()
    record(
        session,
        actor=actor.login,
        table=TABLE,
        row_id=row.id,
        changes={
            "*created*": (None, login),
            **{FIELDS[name]: (None, v) for name, v in values.items() if v not in (None, "")},
        },
        batch=new_batch(),
        at=now,
    )
    session.commit()
    shown = {
        name: (None, _shown(people, session, name, v))
        for name, v in values.items()
        if v not in (None, "")
    }
    return PersonChanged(login, row.version, shown, created=True)
