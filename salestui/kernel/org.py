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


def may_change(people: Iterable[_Node], actor_id: int, owner_id: int) -> bool:
    """A rep changes only what they own; a manager what anyone below them owns."""
    return owner_id == actor_id or owner_id in subtree_ids(people, actor_id)


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
    if owner.id not in subtree_ids(people, actor.id):
        raise DomainError(
            f"you may give {what} only to yourself or people who report to you, "
            f"not to {owner.display_name}"
        )
    return owner
