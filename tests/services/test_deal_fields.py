"""A deal's competitor, next step and lost note through services/deals.py (the hand-written
organisation of tests/fixtures.py; deals as listed in tests/services/test_deals.py).

NOW is 2026-11-20 10:00 UTC: a next step on 2026-11-19 is in the past, 2026-11-27 is not.
"""

from __future__ import annotations

from datetime import date

import pytest

from salestui.services.deal_create import create_deal
from salestui.services.deal_undo import undo_last
from salestui.services.deals import edit_deal, move_stage
from tests.services.test_deals import (
    ERP,
    GOOD,
    NOW,
    PILOT,
    SUPPORT,
    assert_refused,
    audit,
    deal,
)


@pytest.fixture
def s(seeded_db, session_for):
    return session_for(seeded_db)


def test_create_with_competitor_and_next_step(s):
    change = create_deal(
        s, "mgr_east", **GOOD, competitor="  SAP \n China ", next_step="demo to the CIO",
        next_date="2026-11-27", now=NOW,
    )  # fmt: skip
    d = deal(s, change.deal_id)
    assert (d.competitor, d.next_step, d.next_step_date) == (
        "SAP China",  # one line: the break and the doubled space become one space
        "demo to the CIO",
        date(2026, 11, 27),
    )
    fields = {r[3]: r[5] for r in audit(s, row_id=d.id)}
    assert fields["competitor"] == "SAP China"
    assert fields["next_step_date"] == "2026-11-27"


@pytest.mark.parametrize(
    ("override", "match"),
    [
        ({"next_step": "call", "next_date": "2026-11-19"}, "in the past"),
        ({"next_step": "call"}, "needs its date"),
        ({"next_date": "2026-11-27"}, "not only its date"),
        ({"next_step": "call", "next_date": "27/11/2026"}, "next step date"),
        ({"competitor": "x" * 201}, "competitor is longer than 200"),
        ({"competitor": "SAP\x1b[31m"}, "competitor"),
        ({"next_step": "call\x00", "next_date": "2026-11-27"}, "next step"),
    ],
)
def test_create_refuses(s, seeded_db, override, match):
    kwargs = {**GOOD, **override}
    assert_refused(s, seeded_db, lambda: create_deal(s, "mgr_east", **kwargs, now=NOW), match)


def test_edit_sets_and_clears_competitor_and_next_step(s):
    edit_deal(s, "rep_li", ERP, 1, competitor="Oracle", next_step="send the quote",
              next_date="2026-11-27", now=NOW)  # fmt: skip
    d = deal(s, ERP)
    assert (d.competitor, d.next_step, d.next_step_date, d.version) == (
        "Oracle", "send the quote", date(2026, 11, 27), 2,
    )  # fmt: skip
    # the step alone keeps the date the deal has
    edit_deal(s, "rep_li", ERP, 2, next_step="send the revised quote", now=NOW)
    assert deal(s, ERP).next_step_date == date(2026, 11, 27)
    edit_deal(s, "rep_li", ERP, 3, competitor="", next_step="", next_date="", now=NOW)
    d = deal(s, ERP)
    assert (d.competitor, d.next_step, d.next_step_date) == ("", "", None)


def test_a_next_step_date_already_past_may_stay_but_not_be_set_anew(s, seeded_db):
    from sqlalchemy import text

    s.exec(text("UPDATE opportunity SET next_step = 'call', next_step_date = '2026-11-10' "
                "WHERE id = 1"))  # fmt: skip
    s.commit()
    # a form sends every field back: the date it already had is not refused
    edit_deal(s, "rep_li", ERP, 1, title="ERP rollout", next_step="call",
              next_date="2026-11-10", now=NOW)  # fmt: skip
    assert deal(s, ERP).title == "ERP rollout"
    assert_refused(
        s, seeded_db,
        lambda: edit_deal(s, "rep_li", ERP, 2, next_date="2026-11-12", now=NOW), "in the past",
    )  # fmt: skip


def test_a_closed_deal_takes_no_new_next_step(s, seeded_db):
    assert_refused(
        s, seeded_db,
        lambda: edit_deal(s, "rep_south", PILOT, 1, next_step="kick-off",
                          next_date="2026-11-27", now=NOW),
        "closed deal has no next step",
    )  # fmt: skip


def test_lost_with_a_note_and_its_undo(s):
    move_stage(s, "rep_li", ERP, "Lost", 1, lost_reason="competitor",
               lost_note="went with Oracle:\nthey bundled support", now=NOW)  # fmt: skip
    d = deal(s, ERP)
    assert (d.lost_reason, d.lost_note) == ("competitor", "went with Oracle:\nthey bundled support")
    fields = {r[3]: (r[4], r[5]) for r in audit(s, row_id=ERP)}
    assert fields["lost_note"] == ("", "went with Oracle:\nthey bundled support")
    undo_last(s, "rep_li", now=NOW)
    d = deal(s, ERP)
    assert (d.stage, d.lost_reason, d.lost_note) == ("Prospect", None, "")


@pytest.mark.parametrize(
    ("to", "kwargs", "match"),
    [
        ("Qualified", {"lost_note": "why not"}, "only a lost deal takes a lost note"),
        ("Lost", {"lost_reason": "price", "lost_note": "x" * 2001}, "longer than 2000"),
        ("Lost", {"lost_reason": "price", "lost_note": "\x1b]52;c;x\x07"}, "lost note"),
    ],
)
def test_a_lost_note_is_refused(s, seeded_db, to, kwargs, match):
    assert_refused(s, seeded_db, lambda: move_stage(s, "rep_li", ERP, to, 1, **kwargs, now=NOW),
                   match)  # fmt: skip


def test_edit_a_lost_deals_note_but_not_an_open_ones(s, seeded_db):
    edit_deal(s, "rep_wang", SUPPORT, 1, lost_note="budget moved to 2027", now=NOW)
    assert deal(s, SUPPORT).lost_note == "budget moved to 2027"
    assert_refused(
        s, seeded_db, lambda: edit_deal(s, "rep_li", ERP, 1, lost_note="x", now=NOW),
        "only a lost deal",
    )  # fmt: skip


def test_an_edit_reads_the_amount_as_the_import_does(s, seeded_db):
    edit_deal(s, "rep_li", ERP, 1, amount="¥1,234,567.50", now=NOW)
    assert deal(s, ERP).amount_minor == 123456750  # 1,234,567.50 × 100
    assert_refused(
        s, seeded_db, lambda: edit_deal(s, "rep_li", ERP, 2, amount="¥12.345", now=NOW),
        "more than two decimals",
    )  # fmt: skip
