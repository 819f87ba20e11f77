"""Contacts on the hand-written org of tests/fixtures.py: 上海华信科技有限公司 #1 is rep_li's,
深圳腾达电子 #2 rep_south's, Acme Corp #3 rep_wang's; mgr_east manages rep_li, rep_wang and
newbie; boss is above everyone. Deals: #1 华信 ERP rollout (rep_li, customer 1), #2 Acme renewal
(rep_wang, 3), #3 腾达 smart factory (rep_south, 2), #8 Acme training (newbie, 3)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from salestui.db.queries.contacts import customer_contacts, deal_contacts
from salestui.db.tables import Lead
from salestui.kernel.errors import DomainError
from salestui.services.contacts import (
    add_contact,
    edit_contact,
    link_contact,
    remove_contact,
    unlink_contact,
)
from tests.fixtures import NOW


@pytest.fixture
def s(seeded_db, session_for):
    return session_for(seeded_db)


def contacts(s) -> list[tuple]:
    return [tuple(r) for r in s.execute(text(
        "SELECT customer_id, name, title, phone, email, role, version FROM contact ORDER BY id"
    ))]  # fmt: skip


def links(s) -> list[tuple]:
    return [tuple(r) for r in s.execute(text(
        "SELECT opportunity_id, contact_id FROM opportunity_contact ORDER BY 1, 2"
    ))]  # fmt: skip


def audit(s) -> list[tuple]:
    return [tuple(r) for r in s.execute(text(
        "SELECT row_id, field, old, new, by_login FROM audit_log WHERE table_name = 'contact' "
        "ORDER BY id"
    ))]  # fmt: skip


def test_a_manager_adds_to_a_reports_customer_a_rep_not_to_anothers(s):
    made = add_contact(s, "mgr_east", customer_id=1, name=" 张  伟 ", title="CIO",
                       phone="+86 138 0013 8000", email="zw@huaxin.cn", role="Decision_Maker",
                       now=NOW)  # fmt: skip
    assert made.message == "added 张 伟 to “上海华信科技有限公司”"
    assert contacts(s) == [(1, "张 伟", "CIO", "+86 138 0013 8000", "zw@huaxin.cn",
                            "decision maker", 1)]  # fmt: skip
    with pytest.raises(DomainError, match="“上海华信科技有限公司” belongs to 李伟"):
        add_contact(s, "rep_wang", customer_id=1, name="Someone", now=NOW)
    s.rollback()
    with pytest.raises(DomainError, match="belongs to Sam South"):
        add_contact(s, "mgr_east", customer_id=2, name="Someone", now=NOW)
    s.rollback()
    assert len(contacts(s)) == 1


def test_edit_checks_the_version_the_fields_and_audits_what_changed(s):
    cid = add_contact(s, "rep_li", customer_id=1, name="Zhang", phone="021 5555 0101", now=NOW)
    cid = cid.contact_id
    done = edit_contact(s, "rep_li", cid, 1, title="CTO", phone=None, role="influencer", now=NOW)
    assert (done.version, done.message) == (2, "changed Zhang: title, role")
    assert contacts(s) == [(1, "Zhang", "CTO", "021 5555 0101", "", "influencer", 2)]
    assert audit(s)[-2:] == [(cid, "title", "", "CTO", "rep_li"),
                             (cid, "role", "", "influencer", "rep_li")]  # fmt: skip
    # a second change made from version 1 is stale: it names who changed it last
    with pytest.raises(DomainError, match="the contact Zhang was changed by rep_li at"):
        edit_contact(s, "mgr_east", cid, 1, title="CEO", now=NOW)
    s.rollback()
    for fields, said in [
        ({"email": "zhang@"}, "'zhang@' is not an email address"),
        ({"phone": "call me"}, "'call me' is not a phone number"),
        ({"role": "boss"}, "not 'boss'"),
        ({"name": "  "}, "a contact needs a name"),
    ]:
        with pytest.raises(DomainError, match=said):
            edit_contact(s, "rep_li", cid, 2, **fields, now=NOW)
        s.rollback()
    # the role words an import reads: the same reader
    assert edit_contact(s, "rep_li", cid, 2, role="把关者", now=NOW).version == 3
    with pytest.raises(DomainError, match="belongs to 李伟"):
        edit_contact(s, "rep_wang", cid, 3, title="X", now=NOW)
    s.rollback()
    assert contacts(s) == [(1, "Zhang", "CTO", "021 5555 0101", "", "gatekeeper", 3)]


def test_link_needs_the_deals_customer_and_the_deal_rule(s):
    zhang = add_contact(s, "rep_li", customer_id=1, name="Zhang", now=NOW).contact_id
    bob = add_contact(s, "rep_wang", customer_id=3, name="Bob", now=NOW).contact_id
    assert link_contact(s, "rep_li", zhang, 1, now=NOW).message == (
        "linked Zhang to “华信 ERP rollout”"
    )
    with pytest.raises(DomainError, match="Zhang is already linked"):
        link_contact(s, "rep_li", zhang, 1, now=NOW)
    s.rollback()
    with pytest.raises(DomainError, match="not a contact of the customer of “Acme renewal”"):
        link_contact(s, "boss", zhang, 2, now=NOW)
    s.rollback()
    # rep_wang may change Acme Corp's contacts but not newbie's deal #8; their manager may
    with pytest.raises(DomainError, match="“Acme training” belongs to Nia New"):
        link_contact(s, "rep_wang", bob, 8, now=NOW)
    s.rollback()
    link_contact(s, "mgr_east", bob, 8, now=NOW)
    assert links(s) == [(1, zhang), (8, bob)]
    assert [r.name for r in deal_contacts(s, 8)] == ["Bob"]
    with pytest.raises(DomainError, match="Bob is not linked to “Acme renewal”"):
        unlink_contact(s, "rep_wang", bob, 2, now=NOW)
    s.rollback()
    unlink_contact(s, "mgr_east", bob, 8, now=NOW)
    assert links(s) == [(1, zhang)]
    assert audit(s)[-2:] == [(bob, "deal:8", None, "8", "mgr_east"),
                             (bob, "deal:8", "8", None, "mgr_east")]  # fmt: skip


def test_remove_takes_the_links_and_spares_a_converted_leads_contact(s):
    zhang = add_contact(s, "rep_li", customer_id=1, name="Zhang", email="z@hx.cn", now=NOW)
    wu = add_contact(s, "rep_li", customer_id=1, name="Wu", now=NOW).contact_id
    link_contact(s, "rep_li", zhang.contact_id, 1, now=NOW)
    link_contact(s, "rep_li", zhang.contact_id, 4, now=NOW)
    with pytest.raises(DomainError, match="belongs to 李伟"):
        remove_contact(s, "rep_wang", zhang.contact_id, now=NOW)
    s.rollback()
    done = remove_contact(s, "rep_li", zhang.contact_id, now=NOW)
    assert done.message == "removed Zhang and its 2 deal links"
    assert [r.name for r in customer_contacts(s, 1)] == ["Wu"]
    assert links(s) == []
    removed = [a for a in audit(s) if a[0] == zhang.contact_id][-5:]
    assert removed == [
        (zhang.contact_id, "*removed*", "Zhang", None, "rep_li"),
        (zhang.contact_id, "customer_id", "1", None, "rep_li"),
        (zhang.contact_id, "email", "z@hx.cn", None, "rep_li"),
        (zhang.contact_id, "deal:1", "1", None, "rep_li"),
        (zhang.contact_id, "deal:4", "4", None, "rep_li"),
    ]
    s.add(Lead(name="Wu", company="华信", source="web", grade="A", owner_id=3, created_at=NOW,
               status="converted", customer_id=1, contact_id=wu))  # fmt: skip
    s.commit()
    with pytest.raises(DomainError, match="Wu is what lead #1 was converted into"):
        remove_contact(s, "boss", wu, now=NOW)
    s.rollback()
    assert [r.name for r in customer_contacts(s, 1)] == ["Wu"]
    with pytest.raises(DomainError, match="contact #99 does not exist"):
        remove_contact(s, "boss", 99, now=NOW)


def test_the_audit_of_a_contact_is_seen_by_whoever_sees_its_customer(s):
    from salestui.db.queries.audit import audit_entries

    made = add_contact(s, "boss", customer_id=1, name="Zhang", now=NOW)  # 上海华信: rep_li's

    def seen(owners) -> list[tuple]:
        return [(e.table_name, e.row_id, e.field)
                for e in audit_entries(s, owners=owners) if e.table_name == "contact"]  # fmt: skip

    # people: boss 1, mgr_east 2, rep_li 3, rep_wang 4
    assert seen({2, 3, 4}) == [("contact", made.contact_id, "customer_id"),
                               ("contact", made.contact_id, "*created*")]  # fmt: skip
    assert seen({4}) == []
