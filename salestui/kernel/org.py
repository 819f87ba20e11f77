"""The org tree: who is below whom, and so who may change what. Pure functions over people rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from salestui.kernel.i18n import N_, _


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
        return _("{who} cannot be their own manager").format(who=who)
    if manager_id not in subtree_ids(people, person_id):
        return None
    manager_of = {p.id: p.manager_id for p in people}
    chain, step = [manager_id], manager_of.get(manager_id)
    while step is not None and step != person_id and step not in chain:
        chain.append(step)
        step = manager_of.get(step)
    line = " → ".join(name.get(i, f"#{i}") for i in [*chain, person_id])
    boss = name.get(manager_id, f"#{manager_id}")
    return _("{who} cannot report to {boss}: {boss} already reports to {who} ({line})").format(
        who=who, boss=boss, line=line
    )


def assignable(people, actor) -> list:
    """Whom ``actor`` may give deals, customers or items to: the active people who are the actor
    or below them in the org tree (an administrator: anyone active)."""
    people = tuple(people)
    below = subtree_ids(people, actor.id)
    admin = getattr(actor, "admin", False)
    return [p for p in people if p.active and (admin or p.id in below)]


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
    if owner not in assignable(people, actor):
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


# Fields of a person only a manager above them or an administrator changes (name and title are
# the person's own to correct); of those, nobody changes their own manager, role or flag.
PLACE_FIELDS: frozenset[str] = frozenset(
    {"manager", "role", "admin", "os_user", "active", "region"}
)
OWN_PLACE_FIELDS: frozenset[str] = frozenset({"manager", "role", "admin"})


def person_change_problem(people: Iterable[_Node], actor_id: int, person_id: int, changes):
    """Why the actor may not make ``changes`` (field → new value) to the person, in words (None:
    they may).

    Nobody moves themselves in the org or raises their own rights, administrators included: a
    slip cannot leave anyone answering to nobody. Only an administrator makes someone an
    administrator: nobody gives a right they do not hold.
    """
    people = tuple(people)
    who = next((p for p in people if p.id == person_id), None)
    name = getattr(who, "login", f"#{person_id}")
    fields = set(changes)
    if person_id == actor_id:
        own = fields & (PLACE_FIELDS if not _is_admin(people, actor_id) else OWN_PLACE_FIELDS)
        if own:
            words = _(", ").join(_(w) for f, w in _FIELD_WORDS.items() if f in own)
            return _(
                "you cannot change your own {words}; ask a manager above you or an administrator"
            ).format(words=words)
    elif not may_change_person(people, actor_id, person_id):
        if fields & PLACE_FIELDS:
            return _(
                "{name} does not report to you: only a manager above them or an administrator "
                "changes their manager, region, role, binding or activity"
            ).format(name=name)
        return _(
            "{name} does not report to you: you may change only your own name, title and time zone"
        ).format(name=name)
    if changes.get("admin") and not _is_admin(people, actor_id):
        return _("only an administrator makes {name} an administrator").format(name=name)
    return None


_FIELD_WORDS = {  # in the people form's order
    "manager": N_("manager"),
    "region": N_("region"),
    "role": N_("role"),
    "os_user": N_("OS account"),
    "admin": N_("administrator flag"),
    "active": N_("active flag"),
}


def manager_problem(people: Iterable[_Node], actor_id: int, person_id: int, manager_id):
    """Why the person may not report to ``manager_id`` when the actor puts them there (None: they
    may): no circle (:func:`reporting_line_problem`), and a manager places people only below
    themselves — the top of the organisation and other branches are an administrator's."""
    people = tuple(people)
    problem = reporting_line_problem(people, person_id, manager_id)
    if problem or _is_admin(people, actor_id):
        return problem
    if manager_id is None:
        return _("only an administrator puts someone at the top of the organisation")
    if manager_id not in subtree_ids(people, actor_id):
        boss = next((getattr(p, "login", "") for p in people if p.id == manager_id), "")
        return _(
            "you may put people only below yourself or someone who reports to you, not below {boss}"
        ).format(boss=boss or f"#{manager_id}")
    return None


def last_admin_problem(people: Iterable[_Node], person_id: int, admin: bool, active: bool):
    """Why the person may not end up with this flag and activity (None: they may): the last
    active administrator stays one, or nobody could bind an account or mend the org again."""
    people = tuple(people)
    who = next((p for p in people if p.id == person_id), None)
    if who is None or not (getattr(who, "admin", False) and getattr(who, "active", True)):
        return None
    if admin and active:
        return None
    others = [
        p
        for p in people
        if p.id != person_id and getattr(p, "admin", False) and getattr(p, "active", True)
    ]
    if others:
        return None
    if not admin:
        return _(
            "{login} is the last active administrator and cannot lose the administrator flag; "
            "make someone else an administrator first"
        ).format(login=who.login)
    return _(
        "{login} is the last active administrator and cannot be deactivated; "
        "make someone else an administrator first"
    ).format(login=who.login)


def add_person_problem(people: Iterable[_Node], actor_id: int, manager_id):
    """Why the actor may not add a person reporting to ``manager_id`` (None: they may): a manager
    adds people below themselves, an administrator anywhere."""
    people = tuple(people)
    actor = next((p for p in people if p.id == actor_id), None)
    if not _is_admin(people, actor_id) and getattr(actor, "role", "rep") != "manager":
        return _("only a manager or an administrator adds people")
    return manager_problem(people, actor_id, -1, manager_id)  # -1: nobody in the tree yet
