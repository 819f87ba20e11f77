"""services/deal_lines.py on the organisation of tests/fixtures.py (deal ids as in
tests/services/test_deals.py): the amount follows the lines, the approval rule of a typed amount
holds, a refusal writes nothing."""

from __future__ import annotations

import pytest
from sqlmodel import select

from salestui.db.tables import AuditLog, OpportunityLine, Product
from salestui.services.deal_lines import add_line, change_line, deal_lines, remove_line
from salestui.services.deal_undo import undo_last
from salestui.services.deals import edit_deal
from tests.services.test_deals import (
    ERP,
    FACTORY,
    NOW,
    PLATFORM,
    approvals,
    assert_refused,
    deal,
)


@pytest.fixture
def s(seeded_db, session_for):
    session = session_for(seeded_db)
    session.add(Product(sku="ERP-1", name="ERP seat", product_line="software",
                        list_price_minor=1_000_000, unit_cost_minor=200_000))  # fmt: skip
    session.add(Product(sku="SVC-9", name="Onsite day", product_line="services",
                        list_price_minor=99, unit_cost_minor=50))  # fmt: skip
    session.commit()
    return session


def lines(s, deal_id):
    s.expire_all()
    return [(n.sku, n.quantity, n.unit_price_minor, n.discount_bp, n.total_minor)
            for n in deal_lines(s, deal_id)]  # fmt: skip


def test_first_line_sets_the_amount_and_the_version(s):
    done = add_line(s, "rep_li", ERP, 1, product="ERP-1", quantity=3, now=NOW)
    # 3 × 10,000.00 list price, no discount
    assert lines(s, ERP) == [("ERP-1", 3, 1_000_000, 0, 3_000_000)]
    d = deal(s, ERP)
    assert (d.amount_minor, d.version, done.version) == (3_000_000, 2, 2)
    assert "30,000.00" in done.message


def test_lines_sum_with_rounding_and_discount(s):
    add_line(s, "rep_li", ERP, 1, product="erp seat", quantity="2", discount="12.5", now=NOW)
    add_line(s, "rep_li", ERP, 2, product="Onsite day", quantity=3, discount="12.5", now=NOW)
    # 2 × 10,000.00 × 0.875 = 17,500.00; 3 × 0.99 × 0.875 = 2.59875 → 2.60
    assert [t for *_, t in lines(s, ERP)] == [1_750_000, 260]
    assert deal(s, ERP).amount_minor == 1_750_260
    line_id = s.exec(select(OpportunityLine.id).order_by(OpportunityLine.id)).first()
    change_line(s, "rep_li", ERP, 3, line_id, discount="100", now=NOW)
    assert deal(s, ERP).amount_minor == 260  # the free line counts nothing
    remove_line(s, "rep_li", ERP, 4, line_id, now=NOW)
    assert deal(s, ERP).amount_minor == 260
    assert deal(s, ERP).version == 5


def test_a_given_price_and_the_audit(s):
    add_line(s, "rep_li", ERP, 1, product="SVC-9", quantity=1, unit_price="0.05",
             discount="50", now=NOW)  # fmt: skip
    assert lines(s, ERP) == [("SVC-9", 1, 5, 5000, 3)]  # 2.5 fen → 3
    fields = {r.field for r in s.exec(select(AuditLog).where(
        AuditLog.table_name == "opportunity_line")).all()}  # fmt: skip
    assert fields == {"*created*", "product_id", "quantity", "unit_price_minor", "discount_bp"}
    deal_rows = s.exec(select(AuditLog.field, AuditLog.old, AuditLog.new).where(
        AuditLog.table_name == "opportunity", AuditLog.row_id == ERP)).all()  # fmt: skip
    assert ("amount_minor", "12000000", "3") in deal_rows


def test_typed_amount_refused_once_lines_exist(s, seeded_db):
    add_line(s, "rep_li", ERP, 1, product="ERP-1", now=NOW)
    assert_refused(
        s, seeded_db,
        lambda: edit_deal(s, "rep_li", ERP, 2, amount="5", now=NOW),
        match="^the amount follows its 1 product line; change the lines$",
    )  # fmt: skip
    # the same amount again (a form saving its other fields) is no change to the amount
    edit_deal(s, "rep_li", ERP, 2, amount="10,000.00", title="ERP v2", now=NOW)
    assert deal(s, ERP).title == "ERP v2"


def test_raising_a_negotiation_deal_asks_the_sign_offs_a_typed_amount_would(s):
    # 华信 data platform is in Negotiation at 450,000 (the director's); 60 seats → 600,000.
    before = approvals(s, PLATFORM)
    add_line(s, "rep_li", PLATFORM, 1, product="ERP-1", quantity=60, now=NOW)
    assert deal(s, PLATFORM).amount_minor == 60_000_000
    assert {r for r, *_ in approvals(s, PLATFORM)} - {r for r, *_ in before} == {
        "finance", "legal", "vp"
    }  # fmt: skip
    assert deal(s, PLATFORM).approval == "pending"


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda s: add_line(s, "rep_li", ERP, 1, product="NOPE", now=NOW),
         "^no product with SKU or name 'NOPE'"),
        (lambda s: add_line(s, "rep_li", ERP, 1, product="ERP-1", quantity=0, now=NOW),
         "quantity must be at least 1"),
        (lambda s: add_line(s, "rep_li", ERP, 1, product="ERP-1", discount="101", now=NOW),
         "discount is between 0 and 100"),
        (lambda s: add_line(s, "rep_li", ERP, 1, product="ERP-1", unit_price="x", now=NOW),
         "unit price"),
        (lambda s: add_line(s, "rep_wang", ERP, 1, product="ERP-1", now=NOW),
         "belongs to"),
        (lambda s: add_line(s, "rep_li", ERP, 7, product="ERP-1", now=NOW),
         "after you opened it"),
        (lambda s: remove_line(s, "rep_li", ERP, 1, 99, now=NOW), "has no line #99"),
        (lambda s: add_line(s, "rep_south", FACTORY, 1, product="ERP-1",
                            quantity=10**9, now=NOW), "money range"),
    ],
)  # fmt: skip
def test_refusals_write_nothing(s, seeded_db, call, match):
    assert_refused(s, seeded_db, lambda: call(s), match=match)
    assert s.exec(select(OpportunityLine)).all() == []


def test_a_deal_beyond_the_money_range_is_refused(s, seeded_db):
    # each line fits (5 × 10^14 fen), their sum (10^15) does not
    add_line(s, "rep_li", ERP, 1, product="ERP-1", quantity=5 * 10**8, now=NOW)
    assert_refused(
        s, seeded_db,
        lambda: add_line(s, "rep_li", ERP, 2, product="ERP-1", quantity=5 * 10**8, now=NOW),
        match="the deal's amount is beyond the money range",
    )  # fmt: skip
    assert len(lines(s, ERP)) == 1


def test_a_line_change_is_not_undone_from_the_board(s, seeded_db):
    add_line(s, "rep_li", ERP, 1, product="ERP-1", now=NOW)
    assert_refused(s, seeded_db, lambda: undo_last(s, "rep_li", now=NOW), match="product lines")
