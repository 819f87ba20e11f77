"""Which sign-offs an amount needs and who holds each role (DOMAIN.md: up to 500,000 the
director; above, finance, legal and VP), by default and by the settings."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from salestui.kernel.approvals import (
    Holders,
    approval_rules_from,
    holders_of,
    may_decide,
    owners_signed_for,
)
from salestui.kernel.org import subtree_ids

LARGE = ("finance", "legal", "vp")


@pytest.mark.parametrize(
    ("amount_minor", "roles"),
    [
        (0, ("director",)),
        (49_999_999, ("director",)),  # 499,999.99
        (50_000_000, ("director",)),  # 500,000.00: the director's still
        (50_000_001, LARGE),  # 500,000.01
        (125_000_050, LARGE),
    ],
)
def test_the_default_rule_around_500_000(amount_minor, roles):
    assert approval_rules_from({}).roles_for(amount_minor) == roles


def test_settings_move_the_threshold_and_name_the_roles():
    rules = approval_rules_from(
        {
            "approval.threshold": "100000",
            "approval.roles.large": " Finance , cfo ",
            "approval.roles.small": "",
        }  # fmt: skip
    )
    assert rules.roles_for(10_000_000) == ("director",)  # 100,000.00; "" keeps the default
    assert rules.roles_for(10_000_001) == ("finance", "cfo")
    assert approval_rules_from({"approval.threshold": "lots"}).threshold_minor == 50_000_000


@dataclass(frozen=True)
class P:
    id: int
    login: str
    display_name: str
    role: str
    manager_id: int | None
    admin: bool = False
    active: bool = True


# top (an administrator) → east (manager) → (li, wang); top → south (rep); cfo reports to top
PEOPLE = (
    P(1, "top", "Top", "manager", None, admin=True),
    P(2, "east", "East", "manager", 1),
    P(3, "li", "Li", "rep", 2),
    P(4, "wang", "Wang", "rep", 2),
    P(5, "south", "South", "rep", 1),
    P(6, "cfo", "Cfo", "rep", 1),
    P(7, "gone", "Gone", "manager", 1, active=False),
)


def logins(found) -> list[str]:
    return sorted(p.login for p in found)


def test_by_default_a_director_is_a_manager_above_the_owner_and_other_roles_administrators():
    rules = approval_rules_from({})
    assert logins(holders_of(PEOPLE, "director", 3, rules)) == ["east", "top"]
    assert logins(holders_of(PEOPLE, "director", 5, rules)) == ["top"]
    assert logins(holders_of(PEOPLE, "director", 2, rules)) == ["top"]  # never oneself
    assert logins(holders_of(PEOPLE, "finance", 3, rules)) == ["top"]
    assert not may_decide(PEOPLE, PEOPLE[2], "director", 3, rules)  # the owner, li
    assert not may_decide(PEOPLE, PEOPLE[1], "director", 5, rules)  # east is not above south


def test_named_holders_replace_the_default_and_leavers_hold_nothing():
    rules = approval_rules_from(
        {"approval.holders.finance": "cfo, gone", "approval.holders.director": "south"}
    )
    assert logins(holders_of(PEOPLE, "finance", 3, rules)) == ["cfo"]
    assert logins(holders_of(PEOPLE, "director", 3, rules)) == ["south"]
    assert logins(holders_of(PEOPLE, "legal", 3, rules)) == ["top"]


# a loop in bad data: x manages y, y manages x; z reports to y
LOOPED = (
    *PEOPLE,
    P(8, "x", "X", "manager", 9),
    P(9, "y", "Y", "manager", 8),
    P(10, "z", "Z", "rep", 9),
)


def above_by_subtree(people, owner_id) -> list[str]:
    """The rule as DOMAIN.md says it: an active manager whose subtree holds the owner."""
    return sorted(
        p.login
        for p in people
        if p.active and p.role == "manager" and p.id != owner_id
        and owner_id in subtree_ids(people, p.id)
    )  # fmt: skip


def test_director_holders_walk_up_the_chain_as_the_subtrees_say_loop_included():
    rules = approval_rules_from({})
    for owner in LOOPED:
        assert logins(holders_of(LOOPED, "director", owner.id, rules)) == above_by_subtree(
            LOOPED, owner.id
        )
    assert logins(holders_of(LOOPED, "director", 10, rules)) == ["x", "y"]
    assert logins(holders_of(LOOPED, "director", 8, rules)) == ["y"]  # never oneself


@pytest.mark.parametrize(
    "settings",
    [{}, {"approval.holders.finance": "cfo"}, {"approval.holders.director": "south"}],
)
def test_a_persons_own_list_reads_every_owner_whose_sign_off_they_hold(settings):
    rules = approval_rules_from(settings)
    holders = Holders(LOOPED, rules)
    for actor in LOOPED:
        owners = owners_signed_for(LOOPED, actor, rules)
        for role in ("director", "finance", "legal", "vp"):
            for owner in LOOPED:
                if any(h.id == actor.id for h in holders.of(role, owner.id)):
                    assert owners is None or owner.id in owners, (actor.login, role, owner.login)
    assert owners_signed_for(LOOPED, PEOPLE[1], approval_rules_from({})) == {3, 4}  # east
    assert owners_signed_for(LOOPED, PEOPLE[6], approval_rules_from({})) == set()  # gone
    assert owners_signed_for(LOOPED, PEOPLE[0], approval_rules_from({})) is None  # top, admin
