"""A customers import that gives a customer another owner hands the old owner's open deals and
open action items over, as reassigning by hand does (tests/fixtures.py: Acme Corp #3 is
rep_wang's (#4); its deals #2 Qualified and #5 Negotiation are rep_wang's, #7 Lost is
rep_wang's, #8 Prospect is newbie's (#6))."""

from __future__ import annotations

import sqlite3

from sqlalchemy import text

from salestui.services.imports.run import ImportOptions, import_file, undo_import
from tests.fixtures import NOW


def _acme_items(db: str) -> None:
    con = sqlite3.connect(db)
    for title, status in (("Call Acme back", "open"), ("Sent Acme the quote", "done")):
        con.execute(
            "INSERT INTO action_item (title, owner_id, due, status, priority, link_type, "
            "link_id, origin, created_by, created_at, version) VALUES (?, 4, '2026-12-01', ?, "
            "'normal', 'customer', 3, 'manual', 'rep_wang', '2026-11-19', 1)",
            (title, status),
        )
    con.commit()
    con.close()


def owners(s) -> list[tuple]:
    return [tuple(r) for r in s.execute(text(
        "SELECT 'deal', id, owner_id, version FROM opportunity WHERE customer_id = 3 UNION ALL "
        "SELECT 'item', id, owner_id, version FROM action_item ORDER BY 1, 2"
    ))]  # fmt: skip


def test_a_new_owner_by_import_takes_the_open_deals_and_items_and_the_undo_gives_them_back(
    seeded_db, session_for, tmp_path
):
    _acme_items(seeded_db)
    path = tmp_path / "c.csv"
    path.write_text("name,owner\nAcme Corp,rep_li\n", encoding="utf-8")
    s = session_for(seeded_db)
    before = owners(s)
    assert before == [("deal", 2, 4, 1), ("deal", 5, 4, 1), ("deal", 7, 4, 1), ("deal", 8, 6, 1),
                      ("item", 1, 4, 1), ("item", 2, 4, 1)]  # fmt: skip
    summary = import_file(s, path, ImportOptions(kind="customers"), actor="mgr_east", now=NOW)
    assert summary.updated == 1
    # rep_wang's two open deals and one open item go to rep_li (#3); the lost deal, newbie's
    # deal and the done item stay
    assert owners(s) == [("deal", 2, 3, 2), ("deal", 5, 3, 2), ("deal", 7, 4, 1),
                         ("deal", 8, 6, 1), ("item", 1, 3, 2), ("item", 2, 4, 1)]  # fmt: skip
    assert summary.handed_over == "2 open deals and 1 open action item"
    assert (
        "  2 open deals and 1 open action item went along to their customer's new owner"
        in summary.lines()
    )
    undo_import(s, summary.batch, actor="mgr_east", now=NOW)
    s.expire_all()
    assert [(k, i, o) for k, i, o, _ in owners(s)] == [(k, i, o) for k, i, o, _ in before]
    assert s.execute(text("SELECT owner_id FROM customer WHERE id = 3")).scalar() == 4


def test_an_import_that_keeps_the_owner_hands_nothing_over(seeded_db, session_for, tmp_path):
    _acme_items(seeded_db)
    path = tmp_path / "c.csv"
    path.write_text("name,owner,industry\nAcme Corp,rep_wang,retail\n", encoding="utf-8")
    s = session_for(seeded_db)
    summary = import_file(s, path, ImportOptions(kind="customers"), actor="mgr_east", now=NOW)
    assert summary.handed_over == ""
    assert [o for _, _, o, _ in owners(s)] == [4, 4, 4, 6, 4, 4]
