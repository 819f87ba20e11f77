"""Who signs off a deal, and who may: the amount's roles and each role's holders, from the
settings (DOMAIN.md's rule by default: up to 500,000 the sales director; above it finance,
legal and the VP).

Settings: ``approval.threshold`` (major units, default 500000), ``approval.roles.small`` /
``approval.roles.large`` (comma-separated roles, default ``director`` / ``finance,legal,vp``),
``approval.holders.<role>`` (comma-separated logins). A role nobody is named for is held, for
``director``, by the managers above the deal's owner; for any other role by the administrators.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from salestui.kernel.domain import (
    APPROVAL_THRESHOLD_MAJOR,
    DIRECTOR_APPROVERS,
    LARGE_DEAL_APPROVERS,
    MINOR_PER_MAJOR,
)
from salestui.kernel.i18n import _
from salestui.kernel.org import subtree_ids
from salestui.kernel.settings import int_setting

DIRECTOR = "director"


def _words(raw: str | None, default: tuple[str, ...]) -> tuple[str, ...]:
    found = tuple(w.strip().lower() for w in str(raw or "").split(",") if w.strip())
    return found or default


@dataclass(frozen=True)
class ApprovalRules:
    threshold_minor: int = APPROVAL_THRESHOLD_MAJOR * MINOR_PER_MAJOR
    small: tuple[str, ...] = DIRECTOR_APPROVERS
    large: tuple[str, ...] = LARGE_DEAL_APPROVERS
    holders: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def roles_for(self, amount_minor: int) -> tuple[str, ...]:
        """The sign-offs a deal of this amount needs (at the threshold: the small deal's)."""
        return self.small if amount_minor <= self.threshold_minor else self.large


def approval_rules_from(settings: Mapping[str, str]) -> ApprovalRules:
    threshold = int_setting(settings, "approval.threshold", APPROVAL_THRESHOLD_MAJOR, lo=0)
    small = _words(settings.get("approval.roles.small"), DIRECTOR_APPROVERS)
    large = _words(settings.get("approval.roles.large"), LARGE_DEAL_APPROVERS)
    prefix = "approval.holders."
    holders = {
        key[len(prefix) :].strip().lower(): tuple(_words(value, ()))
        for key, value in settings.items()
        if key.startswith(prefix) and _words(value, ())
    }
    return ApprovalRules(threshold * MINOR_PER_MAJOR, small, large, holders)


class Holders:
    """Who holds each sign-off, for many sign-offs at once: the org is read once and each (role,
    owner) answered once. A list of every pending sign-off asks a few hundred questions tens of
    thousands of times (27,000 pending at 1,000,000 deals): asked one by one, a walk of the whole
    org per manager per row, it took seconds (``tests/benchmarks/bench_writes.py``)."""

    def __init__(self, people: Sequence, rules: ApprovalRules) -> None:
        self.rules = rules
        self._active = [p for p in people if p.active]
        self._managers = [p for p in self._active if p.role == "manager"]
        self._manager_of = {p.id: p.manager_id for p in people}
        self._found: dict[tuple[str, int], list] = {}

    def of(self, role: str, owner_id: int) -> list:
        """The active people who may give ``role``'s sign-off on a deal owned by ``owner_id``."""
        key = (role, owner_id)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._holders(role, owner_id)
        return found

    def _holders(self, role: str, owner_id: int) -> list:
        named = self.rules.holders.get(role)
        if named:
            return [p for p in self._active if p.login.lower() in named]
        if role == DIRECTOR:
            above = self._above(owner_id)
            return [p for p in self._managers if p.id != owner_id and p.id in above]
        return [p for p in self._active if p.admin]

    def _above(self, person_id: int) -> set[int]:
        """The managers whose subtree holds the person: up the chain (a cycle in bad data cut)."""
        seen: set[int] = set()
        boss = self._manager_of.get(person_id)
        while boss is not None and boss not in seen:
            seen.add(boss)
            boss = self._manager_of.get(boss)
        return seen


def holders_of(people: Sequence, role: str, owner_id: int, rules: ApprovalRules) -> list:
    """The active people who may give ``role``'s sign-off on a deal owned by ``owner_id``."""
    return Holders(people, rules).of(role, owner_id)


def owners_signed_for(people: Sequence, actor, rules: ApprovalRules) -> set[int] | None:
    """The owners of the deals whose sign-offs ``actor`` may give some of (None: anyone's), for
    a list of their own to read only those deals; :class:`Holders` then says exactly which."""
    if not actor.active:
        return set()
    login = actor.login.lower()
    if getattr(actor, "admin", False) or any(login in named for named in rules.holders.values()):
        return None
    if actor.role == "manager" and not rules.holders.get(DIRECTOR):
        return subtree_ids(people, actor.id) - {actor.id}
    return set()


def may_decide(people: Iterable, actor, role: str, owner_id: int, rules: ApprovalRules) -> bool:
    people = tuple(people)
    return any(p.id == actor.id for p in holders_of(people, role, owner_id, rules))


def win_refusal(
    title: str,
    amount_minor: int,
    owner_id: int,
    given: Mapping[str, tuple[str, str | None]],
    people: Sequence,
    rules: ApprovalRules,
) -> str | None:
    """Why a deal may not be won yet, or None: every sign-off its amount needs must be given
    (DOMAIN.md: approval at Negotiation). ``given``: role → (status, decided by) of the deal's
    approvals; the refusal names the roles and who holds them — at every door that wins a deal."""
    rejected = [f"{_(r)} ({by})" for r, (state, by) in given.items() if state == "rejected"]
    if rejected:
        return _("“{title}” was declined by {who}; it cannot be won").format(
            title=title, who=_(", ").join(rejected)
        )
    missing = [r for r in rules.roles_for(amount_minor) if given.get(r, ("",))[0] != "approved"]
    if not missing:
        return None
    waits = _("; ").join(
        _("{role}: {people}").format(
            role=_(r),
            people=_(", ").join(p.display_name for p in holders_of(people, r, owner_id, rules)),
        )
        for r in missing
    )
    if any(r not in given for r in missing):
        return _(
            "“{title}” needs its sign-off before it is won ({waits}): move it to "
            "{stage} to ask for it"
        ).format(title=title, waits=waits, stage=_("Negotiation"))
    return _("“{title}” waits for approval before it is won ({waits})").format(
        title=title, waits=waits
    )
