"""The week of tests/forecast/test_movement.py's table, written through the services."""

from __future__ import annotations

import pytest

from salestui.db.tables import Approval
from salestui.services.deal_create import create_deal
from salestui.services.deals import edit_deal, load_deal, move_stage
from tests.fixtures import days_ago


def _edit(s, login, deal_id, ago, **kw):
    edit_deal(s, login, deal_id, load_deal(s, deal_id).version, now=days_ago(ago), **kw)


def _move(s, login, deal_id, stage, ago, **kw):
    move_stage(s, login, deal_id, stage, load_deal(s, deal_id).version, now=days_ago(ago), **kw)


@pytest.fixture
def week_db(review_db, session_for):
    s = session_for(review_db)
    later = create_deal(
        s, "rep_li", customer_id=1, title="Later deal", amount="70000",
        expected_close="2027-02-10", now=days_ago(30),
    ).deal_id  # fmt: skip
    _edit(s, "rep_li", 1, 3, amount="100000")
    _edit(s, "rep_li", 1, 2, amount="110000")
    _edit(s, "rep_south", 3, 1, amount="650000")
    _edit(s, "rep_li", 4, 2, expected_close="2027-02-15")
    _edit(s, "rep_li", 4, 1, amount="400000")
    s.add(  # the director's sign-off a win of 80,000 needs, given before the week
        Approval(
            opportunity_id=2, approver_role="director", status="approved",
            requested_at=days_ago(9), decided_at=days_ago(8), decided_by="mgr_east",
        )
    )  # fmt: skip
    s.commit()
    _move(s, "rep_wang", 2, "Won", 1)
    _edit(s, "rep_li", later, 2, expected_close="2026-12-15")
    quick = create_deal(
        s, "rep_wang", customer_id=3, title="Quick", amount="5000",
        expected_close="2026-12-01", now=days_ago(3),
    ).deal_id  # fmt: skip
    _move(s, "rep_wang", quick, "Lost", 2, lost_reason="price")
    create_deal(
        s, "rep_wang", customer_id=3, title="Next year", amount="40000",
        expected_close="2027-03-01", now=days_ago(1),
    )  # fmt: skip
    return review_db
