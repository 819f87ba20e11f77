"""Reassigning a customer and turning customer warnings into action items."""

from __future__ import annotations

import pytest
from sqlmodel import select

from salestui.db.tables import ActionItem, AuditLog, Customer, Opportunity
from salestui.kernel.errors import DomainError
from salestui.services.customers import action_for_warning, reassign_customer
from tests.customers import fixtures as fx


def test_manager_reassigns_with_audit(customers_db, session_for):
    s = session_for(customers_db)
    # 华信 (#1) belongs to rep_li; mgr_east gives it to rep_wang
    assert reassign_customer(s, "mgr_east", 1, "rep_wang", 1, now=fx.NOW).version == 2
    s.expire_all()
    assert s.get(Customer, 1).owner_id == 4
    audit = s.exec(select(AuditLog).where(AuditLog.table_name == "customer")).all()
    assert [(a.field, a.old, a.new, a.by_login) for a in audit] == [
        ("owner_id", "3", "4", "mgr_east"),
        ("version", "1", "2", "mgr_east"),
    ]
    # a stale version is refused and names who changed it
    with pytest.raises(DomainError, match="changed by mgr_east"):
        reassign_customer(s, "mgr_east", 1, "rep_li", 1, now=fx.NOW)


@pytest.mark.parametrize(
    "actor, customer, to, message",
    [
        ("rep_li", 1, "rep_wang", "only to yourself"),  # a rep cannot give customers away
        ("rep_wang", 1, "rep_wang", "belongs to 李伟"),  # nor take someone else's
        ("mgr_east", 2, "rep_li", "belongs to Sam South"),  # 腾达 is outside mgr_east's tree
        ("boss", 1, "nobody", "no person with login"),
        ("boss", 1, "rep_li", "already belongs"),
        ("boss", 99, "rep_li", "does not exist"),
    ],
)
def test_reassign_refusals_write_nothing(customers_db, session_for, actor, customer, to, message):
    s = session_for(customers_db)
    with pytest.raises(DomainError, match=message):
        reassign_customer(s, actor, customer, to, 1, now=fx.NOW)
    s.rollback()
    assert s.exec(select(AuditLog).where(AuditLog.table_name == "customer")).all() == []


def test_warning_becomes_one_item_for_the_owner(customers_db, session_for):
    s = session_for(customers_db)
    item_id = action_for_warning(
        s,
        "mgr_east",
        customer_id=3,
        kind="health",
        title="Acme health 43: call the buyer",
        due="2026-11-27",
        now=fx.NOW,
    )
    item = s.get(ActionItem, item_id)
    assert (item.owner_id, item.link_type, item.link_id, item.origin, item.warning_key) == (
        4,
        "customer",
        3,
        "health",
        "health:3:2026-11",
    )
    with pytest.raises(DomainError, match="already has an open item"):
        action_for_warning(
            s,
            "mgr_east",
            customer_id=3,
            kind="health",
            title="again",
            due="2026-11-27",
            now=fx.NOW,
        )
    s.rollback()
    assert len(s.exec(select(ActionItem)).all()) == 1
    with pytest.raises(DomainError, match="one of health"):
        action_for_warning(s, "boss", customer_id=3, kind="mood", title="x", due="2026-12-01")


def _acme_items(db: str) -> None:
    import sqlite3

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


def test_the_old_owners_open_deals_and_items_go_along(seeded_db, session_for):
    # Acme Corp (#3, rep_wang's): rep_wang's open deals #2 (Qualified) and #5 (Negotiation) and
    # open item go to rep_li; #7 (Lost), newbie's #8 and the done item stay where they are.
    _acme_items(seeded_db)
    s = session_for(seeded_db)
    done = reassign_customer(s, "mgr_east", 3, "rep_li", 1, now=fx.NOW)
    assert (done.version, done.deals, done.items) == (2, 2, 1)
    assert (
        done.message
        == "Acme Corp now belongs to 李伟; 2 open deals and 1 open action item went along"
    )
    s.expire_all()
    owners = s.exec(select(Opportunity.id, Opportunity.owner_id, Opportunity.version)
                    .where(Opportunity.customer_id == 3).order_by(Opportunity.id)).all()  # fmt: skip
    assert [tuple(r) for r in owners] == [(2, 3, 2), (5, 3, 2), (7, 4, 1), (8, 6, 1)]
    items = s.exec(select(ActionItem.title, ActionItem.owner_id).order_by(ActionItem.id)).all()
    assert [tuple(r) for r in items] == [("Call Acme back", 3), ("Sent Acme the quote", 4)]
    moved = s.exec(select(AuditLog.table_name, AuditLog.row_id, AuditLog.old, AuditLog.new)
                   .where(AuditLog.field == "owner_id")).all()  # fmt: skip
    assert sorted(tuple(r) for r in moved) == [
        ("action_item", 1, "4", "3"),
        ("customer", 3, "4", "3"),
        ("opportunity", 2, "4", "3"),
        ("opportunity", 5, "4", "3"),
    ]
    assert len({a.batch for a in s.exec(select(AuditLog)).all()}) == 1  # one change


def test_the_open_deals_may_stay(seeded_db, session_for):
    _acme_items(seeded_db)
    s = session_for(seeded_db)
    done = reassign_customer(s, "mgr_east", 3, "rep_li", 1, now=fx.NOW, with_open=False)
    assert (done.deals, done.items, done.message) == (0, 0, "Acme Corp now belongs to 李伟")
    s.expire_all()
    assert s.get(Opportunity, 2).owner_id == 4
