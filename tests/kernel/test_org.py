"""The org tree: who is below whom, who may change what."""

from __future__ import annotations

from dataclasses import dataclass

from salestui.kernel.org import may_change, may_change_person, reporting_line_problem, subtree_ids

# ---------------------------------------------------------------- org tree


@dataclass(frozen=True)
class Node:
    id: int
    manager_id: int | None


ORG = [
    Node(1, None),  # boss
    Node(2, 1),  # mgr_east
    Node(3, 2),  # rep under mgr_east
    Node(4, 2),
    Node(5, 1),  # rep_south, directly under boss
    Node(6, 3),  # below a rep (a team lead's report)
]


def test_subtree_ids():
    assert subtree_ids(ORG, 1) == {1, 2, 3, 4, 5, 6}
    assert subtree_ids(ORG, 2) == {2, 3, 4, 6}
    assert subtree_ids(ORG, 5) == {5}
    assert subtree_ids(ORG, 99) == {99}  # an unknown person has only themselves


def test_subtree_ids_of_a_deep_tree():
    # A chain 0 ← 1 ← 2 ← … ← 4999: everyone is below 0; from 4990 down only ten remain.
    chain = [Node(0, None)] + [Node(i, i - 1) for i in range(1, 5000)]
    assert subtree_ids(chain, 0) == set(range(5000))
    assert subtree_ids(chain, 4990) == set(range(4990, 5000))


def test_subtree_ids_terminates_on_a_cycle():
    # Bad data: 10 → 11 → 12 → 10 (each managed by the previous one), and 13 below 12.
    people = [Node(10, 12), Node(11, 10), Node(12, 11), Node(13, 12), Node(14, None)]
    assert subtree_ids(people, 10) == {10, 11, 12, 13}
    assert subtree_ids(people, 13) == {13}


def test_may_change():
    assert may_change(ORG, 3, 3)  # own deal
    assert not may_change(ORG, 3, 4)  # a colleague's deal
    assert may_change(ORG, 3, 6)  # someone below them
    assert may_change(ORG, 2, 6)  # a manager, two levels down
    assert not may_change(ORG, 2, 5)  # mgr_east on rep_south: not below them
    assert not may_change(ORG, 2, 1)  # never upwards
    assert may_change(ORG, 1, 5)


# ---------------------------------------------------------------- administrators, people, circles


@dataclass(frozen=True)
class Member:
    id: int
    login: str
    manager_id: int | None
    admin: bool = False


# boss(1) ← mgr(2) ← rep(3); mgr(2) ← rep2(4); ops(5) an admin under boss
TEAM = (
    Member(1, "boss", None),
    Member(2, "mgr", 1),
    Member(3, "rep", 2),
    Member(4, "rep2", 2),
    Member(5, "ops", 1, admin=True),
)


def test_an_administrator_changes_anything_a_rep_only_their_own():
    assert may_change(TEAM, 5, 1)  # the admin, on the top manager's deal
    assert may_change(TEAM, 3, 3) and not may_change(TEAM, 3, 4)
    assert not may_change(TEAM, 2, 5)  # a manager, on someone not below them


def test_who_may_change_a_person():
    assert may_change_person(TEAM, 1, 3)  # the top manager, on a rep two levels down
    assert may_change_person(TEAM, 2, 4)  # the rep's manager
    assert not may_change_person(TEAM, 2, 2)  # nobody changes themselves…
    assert may_change_person(TEAM, 5, 5)  # …but an administrator
    assert not may_change_person(TEAM, 3, 4)  # a colleague
    assert not may_change_person(TEAM, 2, 1)  # upwards
    assert may_change_person(TEAM, 5, 1)


def test_reporting_lines_that_make_a_circle_are_refused_with_the_circle():
    assert reporting_line_problem(TEAM, 3, 4) is None  # a rep under a colleague: fine
    assert reporting_line_problem(TEAM, 3, None) is None
    assert reporting_line_problem(TEAM, 3, 3) == "rep cannot be their own manager"
    assert reporting_line_problem(TEAM, 1, 3) == (
        "boss cannot report to rep: rep already reports to boss (rep → mgr → boss)"
    )
    assert reporting_line_problem(TEAM, 2, 4) == (
        "mgr cannot report to rep2: rep2 already reports to mgr (rep2 → mgr)"
    )
