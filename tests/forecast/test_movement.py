"""The week's pipeline waterfall on the review's seeded database (tests/review/fixtures.py), the
week's changes made through the services (so the audit log and the stage history hold them as
the app writes them); every figure worked out by hand below.

NOW is Fri 2026-11-20 10:00 UTC; the week runs from Mon 16 Nov 00:00; the quarter ends
2027-01-01. Every seeded deal is due 2026-12-20 (in the quarter).

Before the week (30 days ago) rep_li creates "Later deal", 70,000, due 2027-02-10 (not in the
pipeline). In the week:

| deal                    | owner     | start   | what happened                        | bucket     | adds     |
|-------------------------|-----------|---------|--------------------------------------|------------|----------|
| #1 华信 ERP rollout      | rep_li    | 120,000 | 120,000 → 100,000 → 110,000           | decreased  | −10,000  |
| #2 Acme renewal         | rep_wang  |  80,000 | won                                  | won        | −80,000  |
| #3 腾达 smart factory    | rep_south | 600,000 | 600,000 → 650,000                     | increased  | +50,000  |
| #4 华信 data platform    | rep_li    | 450,000 | due 2027-02-15, then 400,000          | pushed out | −450,000 |
| #5 Acme expansion       | rep_wang  | 900,000 | Proposal → Negotiation (3 days ago)  | unchanged  | 0        |
| #8 Acme training        | newbie    | –       | created 1 day ago, 15,000            | new        | +15,000  |
| Later deal              | rep_li    | –       | due 2027-02-10 → 2026-12-15           | pulled in  | +70,000  |
| Quick (created, lost)   | rep_wang  | –       | created and lost in the week, 5,000  | lost       | 0        |
| Next year               | rep_wang  | –       | created, due 2027-03-01              | (none)     | 0        |

Start 120+80+600+450+900 = 2,150,000 (5 deals); Σ = 15+70−450+50−10−80 = −405,000;
end 2,150,000 − 405,000 = 1,745,000 = 110+650+900+15+70 (5 deals).
"""

from __future__ import annotations

from datetime import date

from salestui.context import AppContext
from salestui.review.waterfall import BUCKETS, load_movement
from salestui.scope import load_scope
from tests.fixtures import NOW

K = 100  # minor units per major


def _movement(db, login):
    ctx = AppContext(db, login, clock=lambda: NOW)
    return ctx.read(load_movement, ctx.read(load_scope, login), NOW)


def _adds(w) -> dict[str, int]:
    return {b: w.minor[b] // K for b in BUCKETS if w.deals[b]}


def test_the_boss_sees_the_whole_waterfall_each_deal_in_one_bucket(week_db):
    m = _movement(week_db, "boss")
    assert m.week_start == date(2026, 11, 16)
    assert m.quarter_end == date(2027, 1, 1)
    w = m.total
    assert (w.start_deals, w.start_minor) == (5, 2_150_000 * K)
    assert _adds(w) == {
        "new": 15_000,
        "pulled_in": 70_000,
        "pushed_out": -450_000,
        "increased": 50_000,
        "decreased": -10_000,
        "won": -80_000,
        "lost": 0,
    }
    assert all(w.deals[b] == 1 for b in BUCKETS)
    assert (w.end_deals, w.end_minor) == (5, 1_745_000 * K)
    assert w.start_minor + sum(w.minor.values()) == w.end_minor


def test_the_lines_roll_up_the_org_tree_and_add_up(week_db):
    m = _movement(week_db, "boss")
    by = {(ln.label, ln.team): ln.figures for ln in m.lines}
    li = by[("李伟", False)]
    assert (li.start_minor, li.end_minor) == (570_000 * K, 180_000 * K)
    assert _adds(li) == {"pulled_in": 70_000, "pushed_out": -450_000, "decreased": -10_000}
    wang = by[("Wang Fang", False)]
    assert (wang.start_minor, wang.end_minor) == (980_000 * K, 900_000 * K)
    assert _adds(wang) == {"won": -80_000, "lost": 0}
    east = by[("Mei East · team", True)]  # Mei, 李伟, Wang Fang, Nia New
    assert (east.start_minor, east.end_minor) == (1_550_000 * K, 1_095_000 * K)
    assert by[("Bo Boss · team", True)].end_minor == m.total.end_minor
    # people with nothing in either pipeline (Bo and Mei themselves) get no line
    assert ("Bo Boss", False) not in by and ("Mei East", False) not in by
    assert [(ln.depth, ln.team) for ln in m.lines][:4] == [
        (0, True),
        (0, True),
        (1, True),
        (2, False),
    ]


def test_a_rep_sees_only_their_own_deals(week_db):
    w = _movement(week_db, "rep_li").total
    assert (w.start_minor, w.end_minor) == (570_000 * K, 180_000 * K)
    assert w.deals["won"] == 0 and w.deals["new"] == 0


def test_a_quiet_week_is_start_equals_end(review_db):
    # the seed alone: #8 (created a day ago) is the week's only movement
    w = _movement(review_db, "boss").total
    assert (w.start_minor, w.end_minor) == (2_150_000 * K, 2_165_000 * K)
    assert _adds(w) == {"new": 15_000}


def test_the_week_starts_on_the_teams_first_weekday(week_db, session_for):
    from salestui.db.ledger_tables import Setting

    s = session_for(week_db)
    s.add(Setting(key="week_start", value="thursday"))  # the week from Thu 19 Nov 00:00
    s.commit()
    m = _movement(week_db, "boss")
    assert m.week_start == date(2026, 11, 19)
    w = m.total
    # since Thursday: #3 +50,000 (1 day ago), #4's push (2 days ago) and the 400,000 before it
    # are earlier, so #4 is out at both ends; #1's 120,000 → 100,000 came before Thursday:
    # it starts at 110,000 (the 2-days-ago edit fell on Wed 18 Nov 10:00) and is unchanged;
    # #2 won −80,000; #8 new +15,000; Later deal pulled in on Wednesday (in at both ends);
    # Quick and Next year: Quick created Tuesday, lost Wednesday; Next year created
    # Thursday 10:00, due in March (no bucket).
    assert _adds(w) == {"new": 15_000, "increased": 50_000, "won": -80_000}
    assert w.start_minor == (110_000 + 80_000 + 600_000 + 900_000 + 70_000) * K
    assert w.start_minor + sum(w.minor.values()) == w.end_minor == 1_745_000 * K
