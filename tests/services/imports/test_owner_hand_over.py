"""A customers import that gives a customer a new owner hands over what reassigning hands over
(services/hand_over.py): the old owner's open deals on it and open items about it; another
person's deals and closed ones stay (tests/fixtures.py: Acme Corp #3 is rep_wang's; its deals
#2 Qualified and #5 Negotiation are rep_wang's, #8 Prospect newbie's, #7 Lost rep_wang's)."""

from __future__ import annotations

from sqlalchemy import text

from salestui.services.imports.run import ImportOptions, import_file, undo_import
from tests.fixtures import NOW


def owners(s) -> dict:
    s.expire_all()
    deals = dict(
        s.execute(text("SELECT id, owner_id FROM opportunity WHERE customer_id = 3")).all()
    )
    items = dict(s.execute(text("SELECT title, owner_id FROM action_item")).all())
    return {"deals": deals, "items": items}


def test_a_new_owner_by_import_takes_the_old_owners_open_deals_and_items(
    seeded_db, session_for, tmp_path
):
    s = session_for(seeded_db)
    for title, status in (("call Acme", "open"), ("sent Acme the quote", "done")):
        s.execute(text(
            "INSERT INTO action_item (title, owner_id, due, status, priority, link_type, link_id, "
            "origin, created_by, created_at, version) VALUES (:t, 4, '2026-12-01', :s, 'normal', "
            "'customer', 3, 'manual', 'boss', :at, 1)"), {"t": title, "s": status, "at": NOW})  # fmt: skip
    s.commit()
    before = owners(s)
    # rep_wang is #4, rep_li #3, newbie #6
    assert before == {"deals": {2: 4, 5: 4, 7: 4, 8: 6},
                      "items": {"call Acme": 4, "sent Acme the quote": 4}}  # fmt: skip
    path = tmp_path / "customers.csv"
    path.write_text("name,owner\nAcme Corp,rep_li\n", encoding="utf-8")
    # a dry run says what would go along and moves nothing
    dry = import_file(s, path, ImportOptions(kind="customers", dry_run=True), actor="boss", now=NOW)
    assert "  with new owners would go 2 open deals and 1 open action item" in dry.lines()
    assert owners(s) == before
    summary = import_file(s, path, ImportOptions(kind="customers"), actor="boss", now=NOW)
    assert summary.updated == 1, summary.lines()
    assert "  with new owners went 2 open deals and 1 open action item" in summary.lines()
    assert owners(s) == {"deals": {2: 3, 5: 3, 7: 4, 8: 6},
                         "items": {"call Acme": 3, "sent Acme the quote": 4}}  # fmt: skip
    versions = dict(s.execute(text("SELECT id, version FROM opportunity")).all())
    audited = s.execute(text(
        "SELECT table_name, row_id FROM audit_log WHERE batch = :b AND field = 'owner_id'"),
        {"b": summary.batch}).all()  # fmt: skip
    assert sorted(tuple(a) for a in audited) == [
        ("action_item", 1),
        ("customer", 3),
        ("opportunity", 2),
        ("opportunity", 5),
    ]
    undo_import(s, summary.batch, actor="boss", now=NOW)
    assert owners(s) == before
    # the moved deals' versions went up with the move; newbie's #8 was never touched
    s.expire_all()
    assert dict(s.execute(text("SELECT id, version FROM opportunity")).all())[8] == versions[8]
