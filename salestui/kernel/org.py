"""The org tree: who is below whom, and so who may change what. Pure functions over people rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class _Node(Protocol):
    id: int
    manager_id: int | None


def subtree_ids(people: Iterable[_Node], root_id: int) -> set[int]:
    """``root_id`` and everyone below them, at any depth (cycles in bad data are cut)."""
    children: dict[int | None, list[int]] = {}
    for p in people:
        children.setdefault(p.manager_id, []).append(p.id)
    seen = {root_id}
    stack = [root_id]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def _is_admin(people: Iterable[_Node], person_id: int) -> bool:
    return any(p.id == person_id and getattr(p, "admin", False) for p in people)


def may_change(people: Iterable[_Node], actor_id: int, owner_id: int) -> bool:
    """A rep changes only what they own; a manager what anyone below them owns; an administrator
    anything."""
    people = tuple(people)
    if _is_admin(people, actor_id):
        return True
    return owner_id == actor_id or owner_id in subtree_ids(people, actor_id)


def may_change_person(people: Iterable[_Node], actor_id: int, person_id: int) -> bool:
    """Who may change a person's manager, role, administrator flag, OS account or activity: a
    manager above them (never oneself) or an administrator."""
    people = tuple(people)
    if _is_admin(people, actor_id):
        return True
    return person_id != actor_id and person_id in subtree_ids(people, actor_id)


def reporting_line_problem(people: Iterable[_Node], person_id: int, manager_id: int | None):
    """Why the person ``person_id`` may not report to ``manager_id``, in words (None: they may).

    Nobody is their own manager, and nobody reports to someone below them: that would make a
    circle, and a circle has no top to roll figures up to.
    """
    if manager_id is None:
        return None
    people = tuple(people)
    name = {p.id: getattr(p, "login", f"#{p.id}") for p in people}
    who = name.get(person_id, f"#{person_id}")
    if manager_id == person_id:
        return f"{who} cannot be their own manager"
    if manager_id not in subtree_ids(people, person_id):
        return None
    manager_of = {p.id: p.manager_id for p in people}
    chain, step = [manager_id], manager_of.get(manager_id)
    while step is not None and step != person_id and step not in chain:
        chain.append(step)
        step = manager_of.get(step)
    line = " → ".join(name.get(i, f"#{i}") for i in [*chain, person_id])
    boss = name.get(manager_id, f"#{manager_id}")
    return f"{who} cannot report to {boss}: {boss} already reports to {who} ({line})"


def assignee(people, actor, login: str | None, what: str):
    """Whom ``actor`` may give ``what`` (deals, customers, items) to: an active person who is
    the actor or below them in the org tree; a clear refusal otherwise."""
    from salestui.kernel.errors import DomainError

    login = (login or "").strip()
    owner = next((p for p in people if p.login == login), None)
    if owner is None:
        raise DomainError(f"no person with login {login!r}")
    if not owner.active:
        raise DomainError(f"{owner.display_name} is no longer active; choose someone else")
    if not getattr(actor, "admin", False) and owner.id not in subtree_ids(people, actor.id):
        raise DomainError(
            f"you may give {what} only to yourself or people who report to you, "
            f"not to {owner.display_name}"
        )
    return owner


def circles(people: Iterable[_Node]) -> list[str]:
    """Every management circle already in the data (someone their own manager, or a chain that
    comes back to where it began), each in words — for reports that must say so rather than
    follow it round forever."""
    people = tuple(people)
    manager_of = {p.id: p.manager_id for p in people}
    name = {p.id: getattr(p, "login", f"#{p.id}") for p in people}
    found, settled = [], set()
    for start in manager_of:
        path, step = [], start
        while step is not None and step in manager_of and step not in settled and step not in path:
            path.append(step)
            step = manager_of[step]
        if step in path:
            loop = path[path.index(step) :]
            found.append(" → ".join(name[i] for i in [*loop, step]))
        settled.update(path)
    return found
