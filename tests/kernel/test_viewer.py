"""The one visibility rule, on a small org written here.

1 Boss (manager)            6 Ada (administrator)        7 Lone (rep; manager #99 is not in the data)
├── 2 East (manager)
│   ├── 3 Amy (rep)
│   └── 4 Bob (rep)
└── 5 South (rep)
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from salestui.kernel.errors import DomainError
from salestui.kernel.viewer import OWNER_SCOPES, Viewer, owner_filter


@dataclass(frozen=True)
class P:
    id: int
    login: str
    role: str
    manager_id: int | None
    display_name: str
    admin: bool = False


ORG = (
    P(1, "boss", "manager", None, "Boss"),
    P(2, "east", "manager", 1, "East"),
    P(3, "amy", "rep", 2, "Amy"),
    P(4, "bob", "rep", 2, "Bob"),
    P(5, "south", "rep", 1, "South"),
    P(6, "ada", "manager", None, "Ada", admin=True),
    P(7, "lone", "rep", 99, "Lone"),
)
# The same org without Ada and Lone: Boss is at the top of everyone.
BOSS_ON_TOP = ORG[:5]


def viewer(login: str, people=ORG) -> Viewer:
    return Viewer.of(people, login)


def test_the_board_scopes_of_a_rep_a_manager_and_the_top():
    assert OWNER_SCOPES == ("me", "team", "everyone")
    amy = viewer("amy")
    assert amy.scopes() == ("me",)  # a rep's three scopes are all her own deals
    assert [amy.owner_ids(s) for s in OWNER_SCOPES] == [(3,), (3,), (3,)]  # never everyone's
    east = viewer("east")
    assert east.scopes() == OWNER_SCOPES
    assert [east.owner_ids(s) for s in OWNER_SCOPES] == [(2,), (2, 3, 4), (2, 3, 4)]
    assert viewer("boss").owner_ids("everyone") == (1, 2, 3, 4, 5)  # Ada and Lone: not below
    assert viewer("boss", BOSS_ON_TOP).owner_ids("everyone") is None  # no list to test
    ada = viewer("ada")
    assert [ada.owner_ids(s) for s in OWNER_SCOPES] == [(6,), (6,), None]
    assert ada.scopes() == OWNER_SCOPES  # an administrator may widen to everyone
    nobody = viewer("who")
    assert nobody.person is None
    assert [nobody.owner_ids(s) for s in OWNER_SCOPES] == [(), (), ()]  # sees nothing


def test_the_board_opens_on_the_team_of_a_manager_and_on_a_reps_own_deals():
    assert viewer("boss").default_scope() == "team"
    assert viewer("east").default_scope() == "team"
    assert viewer("amy").default_scope() == "me"
    assert viewer("ada").default_scope() == "everyone"
    assert viewer("who").default_scope() == "me"


def test_everything_else_shows_the_subtree_and_an_admin_everything():
    assert viewer("amy").seen_owner_ids() == (3,)
    assert viewer("east").seen_owner_ids() == (2, 3, 4)
    assert viewer("boss").seen_owner_ids() == (1, 2, 3, 4, 5)
    assert viewer("boss", BOSS_ON_TOP).seen_owner_ids() is None
    assert viewer("ada").seen_owner_ids() is None
    assert viewer("who").seen_owner_ids() == ()
    assert viewer("east").may_see(4) and not viewer("east").may_see(5)
    assert not viewer("amy").may_see(None)  # an unowned row: administrators only
    assert viewer("ada").may_see(None) and viewer("ada").may_see(7)


def test_how_the_review_names_its_scope():
    assert viewer("amy").scope_label() == "Amy"
    assert viewer("east").scope_label() == "East and team"
    assert viewer("boss", BOSS_ON_TOP).scope_label() == "Boss and team"
    assert viewer("ada").scope_label() == "everyone"


def test_every_report_header_names_whose_view_it_is():
    assert viewer("amy").whose_view() == "view of Amy (amy): their own rows"
    assert viewer("east").whose_view() == "view of East (east): their own rows and their team's"
    assert viewer("ada").whose_view() == "view of Ada (ada), administrator: everyone"


def test_mine_is_the_viewers_own_rows():
    assert viewer("east").own() == ((2,), "East")
    assert viewer("amy").own() == ((3,), "Amy")
    with pytest.raises(DomainError):
        viewer("who").own()


def test_the_leaderboard_shows_a_rep_their_line_a_manager_their_team_an_admin_the_company():
    assert viewer("amy").race() == (3, "Amy", "rep")  # her own line only
    assert viewer("south").race() == (5, "South", "rep")
    assert viewer("east").race() == (2, "Team of East", "manager")
    assert viewer("boss").race() == (1, "Team of Boss", "manager")  # Ada and Lone: not below
    assert viewer("boss", BOSS_ON_TOP).race() == (None, "Company", "manager")
    assert viewer("ada").race() == (None, "Company", "admin")  # an administrator
    assert viewer("lone").race() == (7, "Lone", "rep")  # manager not in the data: still a rep
    with pytest.raises(DomainError, match="no such person"):
        viewer("who").race()  # an unknown login never gets the company


def test_a_reports_owner_option_stays_inside_the_viewers_part():
    assert viewer("boss").narrowed_to("east") == (
        frozenset({2, 3, 4}),
        "East (east) and their team",
    )
    assert viewer("amy").narrowed_to("amy") == (frozenset({3}), "Amy (amy)")
    with pytest.raises(DomainError, match="--owner south: South is outside your view"):
        viewer("east").narrowed_to("south")


def test_a_reports_owner_option_keeps_the_login_and_everyone_below():
    assert owner_filter(ORG, "east") == (frozenset({2, 3, 4}), "East (east) and their team")
    assert owner_filter(ORG, " amy ") == (frozenset({3}), "Amy (amy)")
    with pytest.raises(DomainError, match="no person with login 'nobody'"):
        owner_filter(ORG, "nobody")
