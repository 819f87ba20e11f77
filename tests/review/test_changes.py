"""What changed since the last review, read from the seeded database (tests/review/fixtures.py)
with a few deals added here; every expected count worked out by hand."""

from __future__ import annotations

from datetime import timedelta

from salestui.context import AppContext
from salestui.db.tables import Opportunity, StageChange
from salestui.review.changes import classify_moves
from salestui.review.load import load_changes, load_kpis, load_trend
from salestui.scope import load_scope
from tests.fixtures import NOW, TODAY, days_ago


def _deal(s, title: str, amount: int, path: list[tuple[str, float]]) -> None:
    """A deal of rep_li (id 3) on Acme (id 3) that went through ``path``: (stage, days ago)."""
    stage, entered = path[-1][0], days_ago(path[-1][1])
    closed = stage in ("Won", "Lost")
    o = Opportunity(
        customer_id=3,
        owner_id=3,
        title=title,
        amount_minor=amount * 100,
        expected_close=TODAY + timedelta(days=30),
        stage=stage,
        probability=0 if stage == "Lost" else 100 if stage == "Won" else 10,
        created_at=days_ago(path[0][1]),
        stage_entered_at=entered,
        closed_at=entered if closed else None,
        lost_reason="price" if stage == "Lost" else None,
    )
    s.add(o)
    s.flush()
    before = None
    for st, ago in path:
        s.add(
            StageChange(
                opportunity_id=o.id,
                from_stage=before,
                to_stage=st,
                changed_at=days_ago(ago),
                changed_by="rep_li",
            )
        )
        before = st


def test_a_deal_created_and_lost_inside_the_window_counts_as_lost(review_db, session_for):
    s = session_for(review_db)
    # no review marked done: the window is the last 7 days (from 13 Nov 10:00)
    _deal(s, "Quick loss", 10_000, [("Prospect", 3), ("Lost", 1)])  # new and lost in the window
    _deal(s, "Old loss", 20_000, [("Prospect", 30), ("Qualified", 20), ("Lost", 2)])
    _deal(s, "Quick win", 5_000, [("Prospect", 4), ("Won", 2)])  # new and won in the window
    _deal(s, "Still open", 1_000, [("Prospect", 2)])  # new, still open: neither won nor lost
    s.commit()
    ctx = AppContext(review_db, "boss", clock=lambda: NOW)
    scope = ctx.read(load_scope, "boss")
    kpis, (_, forecast) = ctx.read(load_kpis, scope, NOW), ctx.read(load_trend, scope, NOW)
    c = ctx.read(load_changes, scope, NOW, kpis, forecast)
    # lost since 13 Nov 10:00: Quick loss and Old loss (the fixtures' #7 was lost at 13 Nov 10:00
    # exactly, the window's first moment, which belongs to the week before) → 2, 30,000
    assert sorted(m.title for m in c.lost) == ["Old loss", "Quick loss"]
    assert sum(m.amount_minor for m in c.lost) == 30_000 * 100
    # won: the fixtures' #6 (15 Nov) and Quick win → 2
    assert sorted(m.title for m in c.won) == ["Quick win", "腾达 pilot"]
    # the deals created in the window stay known as new: their stage before it is None
    assert next(m for m in c.lost if m.title == "Quick loss").from_stage is None


def test_a_closed_deal_is_won_or_lost_whether_or_not_it_is_new():
    moves = [
        (1, "a", "Li", 100, None, "Lost"),  # created and lost since the last review
        (2, "b", "Li", 200, None, "Won"),
        (3, "c", "Li", 300, None, "Qualified"),
        (4, "d", "Li", 400, "Proposal", "Lost"),
    ]
    found = {m.id: m.direction for m in classify_moves(moves)}
    assert found == {1: "lost", 2: "won", 3: "new", 4: "lost"}


def test_moved_is_the_net_move_of_a_deal_open_at_the_last_review(review_db, session_for):
    """README: the open stage a deal stood in at the last review against the one it is in now.
    No review marked done, so the window starts 7 days ago (13 Nov 10:00)."""
    s = session_for(review_db)
    _deal(s, "Forward", 1_000, [("Prospect", 30), ("Qualified", 3)])  # Prospect → Qualified
    _deal(s, "Back", 2_000, [("Prospect", 30), ("Proposal", 20), ("Qualified", 2)])
    # Qualified at the review, Proposal on the 16th, Qualified again on the 18th: where it was
    _deal(s, "To and fro", 3_000, [("Prospect", 30), ("Qualified", 20), ("Proposal", 4),
                                   ("Qualified", 2)])  # fmt: skip
    # created on the 17th and moved on the 19th: no stage at the review, so new, not moved
    _deal(s, "New and moved", 4_000, [("Prospect", 3), ("Proposal", 1)])
    s.commit()
    ctx = AppContext(review_db, "boss", clock=lambda: NOW)
    scope = ctx.read(load_scope, "boss")
    kpis, (_, forecast) = ctx.read(load_kpis, scope, NOW), ctx.read(load_trend, scope, NOW)
    c = ctx.read(load_changes, scope, NOW, kpis, forecast)
    mine = {"Forward", "Back", "To and fro", "New and moved"}
    moved = {m.title: (m.from_stage, m.to_stage, m.direction) for m in c.moved if m.title in mine}
    assert moved == {
        "Forward": ("Prospect", "Qualified", "forward"),
        "Back": ("Proposal", "Qualified", "backward"),
    }
