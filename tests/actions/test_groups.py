"""The grouped warnings inbox: counts per kind and per customer or owner, worked out by hand."""

from __future__ import annotations

from datetime import date

from salestui.actions.groups import inbox_lines
from salestui.actions.inbox import InboxWarning


def warning(key, kind, subject, owner):
    return InboxWarning(key, kind, subject, "why", owner, date(2026, 11, 20), "customer", 1,
                        "t", False, owner.upper())  # fmt: skip


INBOX = [
    warning("s1", "stalled", "Deal A", "li"),
    warning("s2", "stalled", "Deal B", "li"),
    warning("s3", "stalled", "Deal C", "wang"),
    warning("o1", "overdue", "Acme", "li"),
    warning("o2", "overdue", "Acme", "wang"),
]


def test_kinds_open_groups_folded_a_group_of_one_shown_as_its_warning():
    rows = inbox_lines(INBOX, {"stalled": 7, "overdue": 2}, set())
    # overdue before stalled (KIND_ORDER); Acme's two invoices under the customer, folded;
    # stalled: LI's two deals folded under LI, WANG's one deal shown as itself
    assert [(r.key, r.depth, r.count, r.shown) for r in rows] == [
        ("k:overdue", 0, 2, 2),
        ("g:overdue:Acme", 1, 2, 2),
        ("k:stalled", 0, 7, 3),  # 7 in all, 3 listed
        ("g:stalled:LI", 1, 2, 2),
        ("s3", 1, 0, 0),
    ]


def test_opening_a_group_and_folding_a_kind():
    rows = inbox_lines(INBOX, {}, {"g:stalled:LI", "k:overdue"})
    assert [r.key for r in rows] == ["k:overdue", "k:stalled", "g:stalled:LI", "s1", "s2", "s3"]
