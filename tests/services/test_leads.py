"""A lead's contact, qualification, disqualification and conversion, on the leads of
tests/leads/fixtures.py (NOW 2026-11-20 10:00 UTC)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text

from salestui.db.queries.actions import sla_breaches
from salestui.kernel.errors import DomainError
from salestui.kernel.sla import SLA_HOURS_DEFAULT
from salestui.services.leads import (
    Conversion,
    contact_lead,
    convert_lead,
    disqualify_lead,
    qualify_lead,
)
from tests.fixtures import NOW, rows_digest
from tests.leads.fixtures import add_leads


@pytest.fixture
def db(seeded_db):
    return add_leads(seeded_db)


@pytest.fixture
def s(db, session_for):
    return session_for(db)


def lead(s, lead_id: int) -> tuple:
    return tuple(s.execute(text(
        "SELECT status, first_contact_at, status_reason, owner_id, customer_id, contact_id, "
        "opportunity_id, version FROM lead WHERE id = :i"), {"i": lead_id}).one())  # fmt: skip


def breaching(s) -> list[int]:
    return [w.link_id for w in sla_breaches(s, None, NOW, SLA_HOURS_DEFAULT)[0]]


def count(s, table: str) -> int:
    return s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_the_first_contact_stops_the_clock_and_clears_the_warning(s):
    # #1 (A, in 3 h ago, deadline 2 h after) is the one breach of the fixture
    assert breaching(s) == [1]
    done = contact_lead(s, "rep_li", 1, kind="call", when="2026-11-20 09:30", note="wants a demo",
                        now=NOW)  # fmt: skip
    assert done.message == "logged a call with 张三 — first contact, the SLA clock stopped"
    status, met, *_ = lead(s, 1)
    assert (status, str(met)[:16]) == ("contacted", "2026-11-20 09:30")
    assert breaching(s) == []
    act = s.execute(text("SELECT kind, lead_id, customer_id, opportunity_id, note, person_id "
                         "FROM activity WHERE id = :i"), {"i": done.activity_id}).one()  # fmt: skip
    assert tuple(act) == ("call", 1, None, None, "wants a demo", 3)
    # a second contact keeps the first moment
    contact_lead(s, "rep_li", 1, kind="email", now=NOW)
    assert str(lead(s, 1)[1])[:16] == "2026-11-20 09:30"


def test_a_contact_before_the_lead_came_in_is_refused(s):
    with pytest.raises(DomainError, match="came in after that moment"):
        contact_lead(s, "rep_li", 1, when="2026-11-19 09:00", now=NOW)


def test_qualify_needs_a_contact_and_keeps_the_note(s):
    with pytest.raises(DomainError, match="has not been contacted yet"):
        qualify_lead(s, "rep_li", 1, now=NOW)
    qualify_lead(s, "rep_li", 5, note="budget in Q1", now=NOW)
    assert lead(s, 5)[:3:2] == ("qualified", "budget in Q1")


def test_disqualify_needs_a_reason(s, db):
    before = rows_digest(db)
    with pytest.raises(DomainError, match="needs a reason"):
        disqualify_lead(s, "rep_li", 1, reason="  ", now=NOW)
    assert rows_digest(db) == before
    disqualify_lead(s, "rep_li", 1, reason="a student", now=NOW)
    assert lead(s, 1)[:3:2] == ("disqualified", "a student")
    assert breaching(s) == []


@pytest.mark.parametrize(
    ("actor", "lead_id", "said"),
    [
        ("rep_wang", 1, "belongs to 李伟"),  # a peer's
        ("rep_li", 3, "has no owner yet; a manager of its region takes it"),
        ("rep_south", 3, "has no owner yet"),
        ("rep_li", 99, "lead #99 does not exist"),
    ],
)
def test_whose_lead(s, db, actor, lead_id, said):
    before = rows_digest(db)
    with pytest.raises(DomainError, match=said):
        contact_lead(s, actor, lead_id, now=NOW)
    s.rollback()
    assert rows_digest(db) == before


def test_a_manager_of_the_region_takes_an_unowned_lead(s):
    done = contact_lead(s, "mgr_east", 3, now=NOW)
    assert done.message.endswith("; the lead is yours now")
    assert lead(s, 3)[3] == 2  # mgr_east's now
    assert not qualify_lead(s, "mgr_east", 3, now=NOW).message.endswith("yours now")


def test_convert_makes_customer_contact_and_deal_in_one_batch(s):
    done = convert_lead(s, "mgr_east", 1, Conversion(title="星河 ERP", amount="120000",
                                                      expected_close="2027-01-31"), now=NOW)  # fmt: skip
    status, _, _, owner, cid, kid, did, version = lead(s, 1)
    assert (status, owner, version) == ("converted", 3, 2)
    assert (cid, kid, did) == (done.customer_id, done.contact_id, done.deal_id)
    customer = s.execute(text("SELECT name, owner_id, region_id, industry FROM customer "
                              "WHERE id = :i"), {"i": cid}).one()  # fmt: skip
    assert tuple(customer) == ("星河科技有限公司", 3, 1, "manufacturing")
    contact = s.execute(text("SELECT customer_id, name, email, phone FROM contact WHERE id = :i"),
                        {"i": kid}).one()  # fmt: skip
    assert tuple(contact) == (cid, "张三", "zhang@xinghe.cn", "+86 138 0013 8000")
    deal = s.execute(text("SELECT customer_id, owner_id, title, amount_minor, expected_close, "
                          "stage FROM opportunity WHERE id = :i"), {"i": did}).one()  # fmt: skip
    assert tuple(deal)[:4] == (cid, 3, "星河 ERP", 12_000_000)
    assert str(deal[4]) == "2027-01-31" and deal[5] == "Prospect"
    batches = s.execute(text("SELECT DISTINCT table_name, batch FROM audit_log "
                             "WHERE batch = :b"), {"b": done.batch}).all()  # fmt: skip
    assert {t for t, _ in batches} == {"customer", "contact", "opportunity", "lead"}


def test_converting_twice_is_refused(s, db):
    convert_lead(s, "rep_li", 1, now=NOW)
    before = rows_digest(db)
    with pytest.raises(DomainError, match="is converted already"):
        convert_lead(s, "rep_li", 1, now=NOW)
    with pytest.raises(DomainError, match="is converted already"):
        disqualify_lead(s, "rep_li", 1, reason="oops", now=NOW)
    assert rows_digest(db) == before


def test_the_defaults_a_lead_gives(s):
    done = convert_lead(s, "rep_wang", 2, now=NOW)
    deal = s.execute(text("SELECT title, amount_minor, expected_close FROM opportunity "
                          "WHERE id = :i"), {"i": done.deal_id}).one()  # fmt: skip
    # the company's name and the source; no amount yet; 90 days from the person's today
    assert (deal[0], deal[1]) == ("Roe Widgets — online", 0)
    assert str(deal[2]) == str(date(2026, 11, 20) + timedelta(days=90))


def test_a_refused_deal_leaves_no_customer_or_contact_behind(s, db):
    before = rows_digest(db)
    customers, contacts = count(s, "customer"), count(s, "contact")
    with pytest.raises(DomainError, match="amount cannot be negative"):
        convert_lead(s, "rep_li", 1, Conversion(amount="-5"), now=NOW)
    assert (count(s, "customer"), count(s, "contact")) == (customers, contacts)
    assert rows_digest(db) == before


def test_a_likely_duplicate_is_refused_until_picked_or_said_another(s, db):
    before = rows_digest(db)
    with pytest.raises(
        DomainError, match=r"“华信” is likely the same as “上海华信科技有限公司” \(#1"
    ):
        convert_lead(s, "mgr_east", 3, now=NOW)
    assert rows_digest(db) == before
    done = convert_lead(s, "mgr_east", 3, Conversion(customer_id=1), now=NOW)
    assert done.customer_id == 1
    assert lead(s, 3)[3:5] == (2, 1)


def test_a_bad_email_on_the_contact_part_writes_nothing(s, db):
    before = rows_digest(db)
    with pytest.raises(DomainError, match="email"):
        convert_lead(s, "rep_li", 1, Conversion(email="not-an-email"), now=NOW)
    assert rows_digest(db) == before
