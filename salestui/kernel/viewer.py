"""Who may see what: the one visibility rule, asked by every screen, report and export.

Pure functions over people rows (anything with an id, login, role, manager and display name), so
a change to the rule is made here and nowhere else. The rule as it stands:

- the board opens on a manager's team, a rep's own deals, an admin's (or an unknown login's)
  everyone; anyone may then pick "me", "team" or "everyone";
- the customer list and the weekly review show an admin everyone's rows, anyone else their own
  and those of everyone below them in the org tree;
- the team leaderboard shows a manager their own team, a rep the team they race in (their
  manager's), and the top of the org and admins the whole company;
- the action plans' "mine" is the viewer's own items;
- a report's ``--owner LOGIN`` keeps the rows of LOGIN and of everyone below them.

"Everyone" is ``None`` rather than a list of every id: the whole organisation needs no owner
filter, and a list of every id only slows the SQL down.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from salestui.kernel.errors import DomainError
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

    def _is_admin_or_unknown(self) -> bool:
        return self.person is None or self.person.admin

    def _team(self) -> set[int]:
        return subtree_ids(self.people, self.person.id)

    def owner_ids(self, scope: str) -> tuple[int, ...] | None:
        """Whose deals the board's owner ``scope`` ("me", "team", "everyone") shows; None:
        everyone's."""
        if scope == "everyone" or self.person is None:
            return None
        if scope == "me":
            return (self.person.id,)
        team = self._team()
        if len(team) == len(self.people):
            return None  # the top of the tree sees everyone: no owner list to test
        return tuple(sorted(team))

    def default_scope(self) -> str:
        """The board's owner scope on opening."""
        if self._is_admin_or_unknown():
            return "everyone"
        return "team" if self.person.role == "manager" else "me"

    def seen_owner_ids(self) -> tuple[int, ...] | None:
        """Whose rows the customer list and the weekly review show; None: everyone's."""
        if self._is_admin_or_unknown():
            return None
        return self.owner_ids("team")

    def scope_label(self) -> str:
        """How the weekly review names whose rows it covers."""
        if self._is_admin_or_unknown():
            return "everyone"
        return self.person.display_name + (" and team" if len(self._team()) > 1 else "")

    def own(self) -> tuple[tuple[int, ...], str]:
        """The viewer's own rows only ("mine"), and how to name them."""
        if self.person is None:
            raise DomainError("no such person in this database (use --user LOGIN)")
        return (self.person.id,), self.person.display_name

    def race(self) -> tuple[int | None, str, str]:
        """Whose team the leaderboard shows (None: the company), its label, and the viewer's
        role ("admin" for a login the database does not know)."""
        me = self.person
        if me is None or me.admin or me.manager_id is None:
            return None, "Company", me.role if me else "admin"
        if me.role == "manager":
            return me.id, f"Team of {me.display_name}", me.role
        boss = next((p for p in self.people if p.id == me.manager_id), None)
        if boss is None:
            return None, "Company", me.role
        return boss.id, f"Team of {boss.display_name}", me.role


def owner_filter(people: Iterable[Person], login: str) -> tuple[frozenset[int], str]:
    """A report's ``--owner LOGIN``: the ids of LOGIN and of everyone below them, and how the
    report names them."""
    people = tuple(people)
    person = next((p for p in people if p.login == login.strip()), None)
    if person is None:
        raise DomainError(f"no person with login {login!r} in this database (--owner)")
    ids = frozenset(subtree_ids(people, person.id))
    label = f"{person.display_name} ({person.login})"
    if len(ids) > 1:
        label += " and their team"
    return ids, label
