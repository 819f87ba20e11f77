"""Whose customers the tiers show once the org is read again (``customers.load.owners_now``):
the person's whole view follows the org; a choice of their own stays, less anyone they may no
longer see."""

from __future__ import annotations

from salestui.customers.load import owners_now


class Org:
    """A viewer who may see the customers of ``seen`` (None: everyone's)."""

    def __init__(self, seen):
        self.seen = seen

    def seen_owner_ids(self):
        return self.seen


def test_the_whole_view_follows_the_org():
    assert owners_now(frozenset({1, 2}), frozenset({1, 2}), Org({1, 2, 9})) == {1, 2, 9}
    assert owners_now(frozenset({1, 2}), frozenset({1, 2}), Org({1})) == {1}
    assert owners_now(None, None, Org({1, 2})) == {1, 2}  # the first read
    assert owners_now(None, None, Org(None)) is None  # everyone's, before and after


def test_a_choice_of_their_own_stays_less_anyone_no_longer_seen():
    assert owners_now(frozenset({2}), frozenset({1, 2}), Org({1, 2, 9})) == {2}
    assert owners_now(frozenset({1, 2}), frozenset({1, 2, 3}), Org({1, 3})) == {1}
    assert owners_now(frozenset({4}), None, Org(None)) == {4}  # an admin's pick of one owner
