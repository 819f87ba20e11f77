"""Who may see what: the one visibility rule, asked by every screen, report, export and the log.

Pure functions over people rows (anything with an id, login, role, manager and display name), so
a change to the rule is made here and nowhere else. The rule:

- an administrator sees everything; anyone else their own rows and those of everyone below them
  in the org tree (a rep: only their own); a login the database does not know sees nothing;
- the board's owner scopes are "me", "team" and "everyone", where a non-administrator's
  "everyone" is their part of the org — so a rep, whose three are all their own deals, is
  offered "me" only; it opens on a manager's team, a rep's own deals, an admin's everyone;
- the team leaderboard shows a rep their own line, a manager their part of the org, an
  administrator the company;
- the action plans' "mine" is the viewer's own items;
- a report's ``--owner LOGIN`` keeps the rows of LOGIN and of everyone below them, within what
  the viewer sees.

"Everyone" is ``None`` rather than a list of every id: the whole organisation needs no owner
filter, and a list of every id only slows the SQL down.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.kernel.org import subtree_ids

OWNER_SCOPES: tuple[str, ...] = ("me", "team", "everyone")


class Person(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def login(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def manager_id(self) -> int | None: ...
    @property
    def display_name(self) -> str: ...
    @property
    def admin(self) -> bool: ...


@dataclass(frozen=True)
class Viewer:
    """The person at the keyboard (None: a login this database does not know) and the org."""

    person: Person | None
    people: tuple[Person, ...]

    @classmethod
    def of(cls, people: Iterable[Person], login: str) -> Viewer:
        people = tuple(people)
        return cls(next((p for p in people if p.login == login), None), people)

    @property
    def is_admin(self) -> bool:
        return self.person is not None and bool(self.person.admin)

    def _team(self) -> set[int]:
        return subtree_ids(self.people, self.person.id) if self.person is not None else set()

    def _ids(self, ids: set[int]) -> tuple[int, ...] | None:
        if self.people and len(ids) == len(self.people):
            return None  # the top of the tree sees everyone: no owner list to test
        return tuple(sorted(ids))

    def seen_owner_ids(self) -> tuple[int, ...] | None:
        """Whose rows this person sees anywhere; None: everyone's (an administrator)."""
        if self.is_admin:
            return None
        return self._ids(self._team())

    def may_see(self, owner_id: int | None) -> bool:
        """Whether a row owned by ``owner_id`` is in this person's view (an unowned row: only an
        administrator's)."""
        seen = self.seen_owner_ids()
        return seen is None or owner_id in seen

    def scopes(self) -> tuple[str, ...]:
        """The board's owner scopes this person is offered: a rep with nobody below them has
        their own deals only, so "me" alone."""
        if self.is_admin or len(self._team()) > 1:
            return OWNER_SCOPES
        return ("me",)

    def owner_ids(self, scope: str) -> tuple[int, ...] | None:
        """Whose deals the board's owner ``scope`` ("me", "team", "everyone") shows; None:
        everyone's."""
        if self.person is None:
            return ()
        if scope == "me":
            return (self.person.id,)
        if scope == "team":
            return self._ids(self._team())
        return self.seen_owner_ids()

    def default_scope(self) -> str:
        """The board's owner scope on opening."""
        if self.is_admin:
            return "everyone"
        return "team" if "team" in self.scopes() else "me"

    def scope_label(self) -> str:
        """How the weekly review names whose rows it covers."""
        if self.is_admin:
            return _("everyone")
        if self.person is None:
            return _("nobody")
        if len(self._team()) > 1:
            return _("{name} and team").format(name=self.person.display_name)
        return self.person.display_name

    def reach_label(self) -> str:
        """How a report names the rows it covers: "everyone" when that is what the person sees."""
        return _("everyone") if self.seen_owner_ids() is None else self.scope_label()

    def whose_view(self) -> str:
        """The line every report's header carries: whose view it is and what that covers."""
        me = self.person
        if me is None:
            return _("nobody's view (a login this database does not know)")
        who = f"{me.display_name} ({me.login})"
        if self.is_admin:
            return _("view of {who}, administrator: everyone").format(who=who)
        if len(self._team()) > 1:
            return _("view of {who}: their own rows and their team's").format(who=who)
        return _("view of {who}: their own rows").format(who=who)

    def own(self) -> tuple[tuple[int, ...], str]:
        """The viewer's own rows only ("mine"), and how to name them."""
        if self.person is None:
            raise DomainError(_("no such person in this database (use --user LOGIN)"))
        return (self.person.id,), self.person.display_name

    def race(self) -> tuple[int | None, str, str]:
        """Whose lines the leaderboard shows (None: the company), its label, and the viewer's
        role ("admin" for an administrator)."""
        me = self.person
        if me is None:
            raise DomainError(_("no such person in this database (use --user LOGIN)"))
        if me.admin:
            return None, "Company", "admin"
        team = self._team()
        if len(team) == len(self.people):
            return None, "Company", me.role
        if len(team) > 1 or me.role == "manager":
            return me.id, f"Team of {me.display_name}", me.role
        return me.id, me.display_name, me.role

    def narrowed_to(self, login: str) -> tuple[frozenset[int], str]:
        """A report's ``--owner LOGIN``: the ids of LOGIN and everyone below them, and how the
        report names them; refused when LOGIN is outside this person's view."""
        ids, label = owner_filter(self.people, login)
        owner = next(p for p in self.people if p.login == login.strip())
        if not self.may_see(owner.id):
            raise DomainError(
                _("--owner {login}: {name} is outside your view").format(
                    login=login.strip(), name=owner.display_name
                )
            )
        seen = self.seen_owner_ids()
        return (ids if seen is None else ids & frozenset(seen)), label


def owner_filter(people: Iterable[Person], login: str) -> tuple[frozenset[int], str]:
    """A report's ``--owner LOGIN``: the ids of LOGIN and of everyone below them, and how the
    report names them."""
    people = tuple(people)
    person = next((p for p in people if p.login == login.strip()), None)
    if person is None:
        raise DomainError(
            _("no person with login {login} in this database (--owner)").format(login=repr(login))
        )
    ids = frozenset(subtree_ids(people, person.id))
    label = f"{person.display_name} ({person.login})"
    if len(ids) > 1:
        label = _("{person} and their team").format(person=label)
    return ids, label
