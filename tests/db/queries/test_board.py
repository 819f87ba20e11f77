"""Board queries on the hand-written organisation of tests/fixtures.py (figures from its docstring)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from salestui.board.metrics import is_stalled
from salestui.db.queries.board import (
    BoardFilter,
    StageTotals,
    credit_risk_customers,
    recent_closes,
    stage_page,
    stage_totals,
    with_credit_risk,
)
from salestui.db.tables import Customer, Opportunity, Region, SalesOrder
from salestui.kernel.domain import DEFAULT_STALL_DAYS
from salestui.services.deals import edit_deal
from tests import fixtures

NOW, TODAY = fixtures.NOW, fixtures.TODAY
EVERYONE = BoardFilter()
# People in the order the fixture adds them.
BOSS, MGR_EAST, REP_LI, REP_WANG, REP_SOUTH, NEWBIE = range(1, 7)
HUAXIN, TENGDA, ACME = 1, 2, 3


@pytest.fixture
def s(seeded_db, session_for):
    return session_for(seeded_db)


def totals(s, flt=EVERYONE, stall=DEFAULT_STALL_DAYS) -> dict[str, tuple[int, int, int, int]]:
    return {
        t.stage: (t.count, t.amount_minor, t.weighted_x100, t.stalled)
        for t in stage_totals(s, flt, NOW, stall)
    }


# ---------------------------------------------------------------- stage totals


def test_stage_totals_of_the_whole_pipeline(s):
    assert totals(s) == {
        # #1 120,000 @10 % (20 days > 14: stalled) + #8 15,000 @10 % (1 day)
        #   amount 135,000 → 13,500,000 minor; weighted ×100 = 13,500,000 × 10 = 135,000,000
        "Prospect": (2, 13_500_000, 135_000_000, 1),
        # #2 80,000 @25 %: 8,000,000 minor × 25 = 200,000,000; 5 days < 21
        "Qualified": (1, 8_000_000, 200_000_000, 0),
        # #3 600,000 @50 %: 60,000,000 × 50 = 3,000,000,000; 10 days < 30
        "Proposal": (1, 60_000_000, 3_000_000_000, 0),
        # #4 450,000 + #5 900,000 = 1,350,000 @75 %: 135,000,000 × 75 = 10,125,000,000;
        #   #4 is 40 days > 30: stalled, #5 3 days
        "Negotiation": (2, 135_000_000, 10_125_000_000, 1),
    }


def test_stage_totals_come_in_stage_order_even_when_empty(s):
    rows = stage_totals(s, BoardFilter(owner_ids=(BOSS,)), NOW, DEFAULT_STALL_DAYS)
    assert rows == [
        StageTotals("Prospect", 0, 0, 0, 0),
        StageTotals("Qualified", 0, 0, 0, 0),
        StageTotals("Proposal", 0, 0, 0, 0),
        StageTotals("Negotiation", 0, 0, 0, 0),
    ]
    assert totals(s, BoardFilter(owner_ids=())) == {
        st: (0, 0, 0, 0) for st in ("Prospect", "Qualified", "Proposal", "Negotiation")
    }


def test_stage_totals_of_a_managers_team(s):
    team = BoardFilter(owner_ids=(MGR_EAST, REP_LI, REP_WANG, NEWBIE))
    assert totals(s, team) == {
        "Prospect": (2, 13_500_000, 135_000_000, 1),  # #1 rep_li, #8 newbie
        "Qualified": (1, 8_000_000, 200_000_000, 0),  # #2 rep_wang
        "Proposal": (0, 0, 0, 0),  # #3 is rep_south's
        "Negotiation": (2, 135_000_000, 10_125_000_000, 1),  # #4 rep_li, #5 rep_wang
    }


def test_stage_totals_of_one_rep(s):
    assert totals(s, BoardFilter(owner_ids=(REP_LI,))) == {
        "Prospect": (1, 12_000_000, 120_000_000, 1),  # #1: 12,000,000 × 10
        "Qualified": (0, 0, 0, 0),
        "Proposal": (0, 0, 0, 0),
        "Negotiation": (1, 45_000_000, 3_375_000_000, 1),  # #4: 45,000,000 × 75
    }


def test_stage_totals_by_region_of_the_customer(s):
    south = s.exec(select(Region).where(Region.name == "华南")).one()
    assert totals(s, BoardFilter(region_id=south.id)) == {
        "Prospect": (0, 0, 0, 0),
        "Qualified": (0, 0, 0, 0),
        "Proposal": (1, 60_000_000, 3_000_000_000, 0),  # #3 for 深圳腾达电子, the one 华南 customer
        "Negotiation": (0, 0, 0, 0),
    }


def test_stage_totals_by_close_month(s):
    # Every fixture deal closes on TODAY + 30 = 2026-12-20; move #2 to January.
    edit_deal(s, "rep_wang", 2, 1, expected_close="2027-01-15", now=NOW)
    december = totals(s, BoardFilter(close_month=date(2026, 12, 1)))
    assert {k: v[0] for k, v in december.items()} == {
        "Prospect": 2,
        "Qualified": 0,
        "Proposal": 1,
        "Negotiation": 2,
    }
    january = totals(s, BoardFilter(close_month=date(2027, 1, 1)))
    assert january["Qualified"] == (1, 8_000_000, 200_000_000, 0)
    assert sum(v[0] for v in january.values()) == 1
    november = totals(s, BoardFilter(close_month=date(2026, 11, 1)))
    assert sum(v[0] for v in november.values()) == 0


@pytest.mark.parametrize("needle", ["华信", "上海华信", "科技有限"])
def test_stage_totals_by_text_in_a_cjk_customer_name(s, needle):
    # 上海华信科技有限公司 has #1 (Prospect) and #4 (Negotiation); "上海" / "科技" are in no title.
    assert totals(s, BoardFilter(text=needle)) == {
        "Prospect": (1, 12_000_000, 120_000_000, 1),
        "Qualified": (0, 0, 0, 0),
        "Proposal": (0, 0, 0, 0),
        "Negotiation": (1, 45_000_000, 3_375_000_000, 1),
    }


@pytest.mark.parametrize("needle", ["EXPANSION", "Expansion", "  expansion "])
def test_stage_totals_by_text_in_a_title_any_case(s, needle):
    assert totals(s, BoardFilter(text=needle)) == {
        "Prospect": (0, 0, 0, 0),
        "Qualified": (0, 0, 0, 0),
        "Proposal": (0, 0, 0, 0),
        "Negotiation": (1, 90_000_000, 6_750_000_000, 0),  # #5 Acme expansion: 90,000,000 × 75
    }


def test_stage_totals_combine_filters(s):
    # Text "acme" matches the Acme Corp customer (#2, #5, #8 open); owner rep_wang keeps #2, #5.
    flt = BoardFilter(owner_ids=(REP_WANG,), text="ACME")
    assert {k: v[0] for k, v in totals(s, flt).items()} == {
        "Prospect": 0,
        "Qualified": 1,
        "Proposal": 0,
        "Negotiation": 1,
    }


def test_stalled_count_follows_the_stage_limits(s):
    # With Prospect's limit at 25 days #1 (20 days) is no longer stalled; with Negotiation at 2,
    # both #4 (40 days) and #5 (3 days) are.
    limits = {**DEFAULT_STALL_DAYS, "Prospect": 25, "Negotiation": 2}
    got = totals(s, stall=limits)
    assert got["Prospect"][3] == 0
    assert got["Negotiation"][3] == 2


def _add_deal(s, title, stage, entered, *, amount=1000, customer=ACME, owner=REP_WANG, prob=25):
    o = Opportunity(
        customer_id=customer,
        owner_id=owner,
        title=title,
        amount_minor=amount * 100,
        expected_close=TODAY + timedelta(days=30),
        stage=stage,
        probability=prob,
        created_at=entered,
        stage_entered_at=entered,
    )
    s.add(o)
    return o


def test_stalled_at_the_exact_limit_agrees_with_the_cards(s):
    # Prospect's limit is 14 days; DOMAIN.md: stalled when days in stage *exceed* it.
    _add_deal(s, "at limit", "Prospect", NOW - timedelta(days=14), prob=10)  # 14 days: no
    _add_deal(s, "limit + 23h", "Prospect", NOW - timedelta(days=14, hours=23), prob=10)  # 14: no
    _add_deal(s, "limit + 1 day", "Prospect", NOW - timedelta(days=15), prob=10)  # 15: yes
    s.commit()
    got = totals(s)["Prospect"]
    assert got[0] == 5  # 2 fixture deals + 3
    assert got[3] == 2  # fixture #1 (20 days) + "limit + 1 day"
    cards = stage_page(s, "Prospect", EVERYONE, limit=50)
    marked = [
        c.title for c in cards if is_stalled(c.stage, c.stage_entered_at, NOW, DEFAULT_STALL_DAYS)
    ]
    assert sorted(marked) == sorted(["华信 ERP rollout", "limit + 1 day"])
    assert len(marked) == got[3]  # the header count and the card markers agree


# ---------------------------------------------------------------- keyset pages


def test_stage_page_walks_forward_and_backward_without_gaps_or_duplicates(s):
    base = datetime(2026, 9, 1, 8, 0, tzinfo=fixtures.UTC)
    for i in range(120):
        # Pairs share a timestamp so that the id has to break ties.
        _add_deal(s, f"bulk {i:03d}", "Qualified", base + timedelta(hours=i // 2))
    s.commit()
    # Expected display order worked out without the query: (stage_entered_at, id) ascending.
    rows = s.exec(select(Opportunity).where(Opportunity.stage == "Qualified")).all()
    expected = [o.id for o in sorted(rows, key=lambda o: (o.stage_entered_at, o.id))]
    assert len(expected) == 121  # the 120 new ones + fixture #2 (entered 5 days ago: last)
    assert expected[-1] == 2

    forward: list[int] = []
    pages = []
    page = stage_page(s, "Qualified", EVERYONE, limit=50)
    while page:
        pages.append(len(page))
        forward += [c.id for c in page]
        last = page[-1]
        page = stage_page(
            s, "Qualified", EVERYONE, after=(last.stage_entered_at, last.id), limit=50
        )
    assert pages == [50, 50, 21]  # 121 = 50 + 50 + 21
    assert forward == expected

    backward: list[int] = []
    first = stage_page(s, "Qualified", EVERYONE, limit=50)[0]
    # Start past the end and page back to the first card.
    end_key = (datetime(2100, 1, 1, tzinfo=fixtures.UTC), 10**9)
    page = stage_page(s, "Qualified", EVERYONE, before=end_key, limit=50)
    back_pages = []
    while page:
        back_pages.append(len(page))
        backward = [c.id for c in page] + backward
        head = page[0]
        page = stage_page(
            s, "Qualified", EVERYONE, before=(head.stage_entered_at, head.id), limit=50
        )
    assert back_pages == [50, 50, 21]
    assert backward == expected
    assert backward[0] == first.id


def test_stage_page_respects_the_filter(s):
    for i in range(7):
        _add_deal(s, f"south {i}", "Proposal", NOW - timedelta(days=i), customer=TENGDA)
    s.commit()
    page = stage_page(s, "Proposal", BoardFilter(owner_ids=(REP_SOUTH,)), limit=50)
    assert [c.title for c in page] == ["腾达 smart factory"]  # the bulk ones are rep_wang's
    page = stage_page(s, "Proposal", BoardFilter(text="south"), limit=3)
    assert [c.title for c in page] == ["south 6", "south 5", "south 4"]  # longest in stage first


def test_a_card_carries_what_the_board_shows(s):
    (card,) = [c for c in stage_page(s, "Negotiation", EVERYONE) if c.id == 4]
    assert card.customer == "上海华信科技有限公司"
    assert (card.owner_login, card.owner_name) == ("rep_li", "李伟")
    assert card.amount_minor == 45_000_000
    assert card.stage_entered_at == NOW - timedelta(days=40)
    assert card.last_activity_at == NOW - timedelta(days=25)
    assert (card.close_date_pushes, card.approval) == (2, "pending")
    assert card.expected_close == date(2026, 12, 20)


# ---------------------------------------------------------------- credit risk


def _order(s, customer, due_days_ago, *, paid_late_by=None, paid=True, amount=10_000):
    due = TODAY - timedelta(days=due_days_ago)
    s.add(
        SalesOrder(
            customer_id=customer,
            order_date=due - timedelta(days=30),
            due_date=due,
            amount_minor=amount * 100,
            paid_minor=amount * 100 if paid else 0,
            paid_date=(due + timedelta(days=paid_late_by or 0)) if paid else None,
        )
    )


def test_credit_risk_customers(s):
    late_once = Customer(name="West Trading", region_id=3, owner_id=REP_WANG, created_at=NOW)
    not_due = Customer(name="Future Ltd", region_id=3, owner_id=REP_WANG, created_at=NOW)
    s.add_all([late_once, not_due])
    s.flush()
    # Acme paid two past invoices late (5 and 12 days after due): a history of late payment.
    _order(s, ACME, 90, paid_late_by=5)
    _order(s, ACME, 60, paid_late_by=12)
    # 华信 paid on the due date and ten days before it: on time.
    _order(s, HUAXIN, 90, paid_late_by=0)
    _order(s, HUAXIN, 60, paid_late_by=-10)
    # West Trading: one late payment only (the history needs two).
    _order(s, late_once.id, 90, paid_late_by=3)
    _order(s, late_once.id, 60, paid_late_by=0)
    # Future Ltd: unpaid but due today and in ten days: not overdue yet.
    _order(s, not_due.id, 0, paid=False)
    _order(s, not_due.id, -10, paid=False)
    s.commit()
    everyone = [HUAXIN, TENGDA, ACME, late_once.id, not_due.id]
    # 深圳腾达电子: the fixture's invoice 10 days overdue, unpaid.
    assert credit_risk_customers(s, everyone, TODAY) == {TENGDA, ACME}
    assert credit_risk_customers(s, [HUAXIN, late_once.id], TODAY) == set()
    assert credit_risk_customers(s, [], TODAY) == set()
    # Eleven days later Future Ltd's second invoice is overdue as well.
    assert not_due.id in credit_risk_customers(s, everyone, TODAY + timedelta(days=11))


def test_cards_are_marked_with_credit_risk(s):
    cards = with_credit_risk(s, stage_page(s, "Proposal", EVERYONE), TODAY)
    assert [(c.customer, c.credit_risk) for c in cards] == [("深圳腾达电子", True)]
    cards = with_credit_risk(s, stage_page(s, "Prospect", EVERYONE), TODAY)
    assert not any(c.credit_risk for c in cards)


# ---------------------------------------------------------------- recent closes


def test_recent_closes(s):
    sums, cards = recent_closes(s, EVERYONE, NOW - timedelta(days=30))
    # #6 腾达 pilot Won 50,000 five days ago; #7 Acme support Lost 30,000 seven days ago.
    assert sums == {"Won": (1, 5_000_000), "Lost": (1, 3_000_000)}
    assert [(c.id, c.stage) for c in cards] == [(6, "Won"), (7, "Lost")]  # newest first
    assert cards[1].lost_reason == "competitor"


def test_recent_closes_since_and_filters(s):
    sums, cards = recent_closes(s, EVERYONE, NOW - timedelta(days=6))
    assert sums == {"Won": (1, 5_000_000), "Lost": (0, 0)}  # the loss was 7 days ago
    team = BoardFilter(owner_ids=(MGR_EAST, REP_LI, REP_WANG, NEWBIE))
    sums, cards = recent_closes(s, team, NOW - timedelta(days=30))
    assert sums == {"Won": (0, 0), "Lost": (1, 3_000_000)}  # the win is rep_south's
    sums, cards = recent_closes(s, BoardFilter(text="腾达"), NOW - timedelta(days=30), limit=1)
    assert [c.id for c in cards] == [6]


def test_a_percent_or_underscore_typed_in_the_filter_is_that_character(seeded_db, session_for):
    s = session_for(seeded_db)
    assert sum(t[0] for t in totals(s).values()) > 0
    for typed in ("%", "_", "\\"):
        found = totals(s, BoardFilter(owner_ids=EVERYONE.owner_ids, text=typed))
        assert sum(t[0] for t in found.values()) == 0, typed  # no title or customer holds one
