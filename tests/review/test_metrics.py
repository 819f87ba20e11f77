"""The weekly review's pure figures on small tables, each expected value worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from salestui.review.changes import Snapshot, build_changes, classify_moves
from salestui.review.load import region_gaps
from salestui.review.metrics import (
    STAGE_BIT,
    KpiInputs,
    forecast_next_quarter,
    funnel,
    kpi_delta,
    revenue_trend,
    review_kpis,
)

P, Q, R, N, W, L = (STAGE_BIT[s] for s in STAGE_BIT)


# --- funnel ------------------------------------------------------------------------------------
def test_funnel_strict_and_any_stage_with_a_skip_and_a_backward_move():
    masks = {
        P: 4,  # 4 deals stayed in Prospect
        P | Q: 2,  # 2 reached Qualified
        P | Q | R | L: 1,  # lost in Proposal
        P | R: 1,  # skipped Qualified straight to Proposal
        P | Q | R | N | W: 2,  # won
        P | Q | R | N: 1,  # moved back from Negotiation to Proposal: still counted once each
    }
    f = funnel(masks)
    assert f.deals == 11
    # strict P→Q: entered P 11; entered P and Q: 2 + 1 + 2 + 1 = 6 → 6/11, drop 5
    s = f.strict
    assert (s[0].entered, s[0].advanced, s[0].drop_off) == (11, 6, 5)
    assert s[0].conversion == pytest.approx(6 / 11)
    # strict Q→R: entered Q 6; and R: 1 + 2 + 1 = 4 → 4/6 (the skip is not in it)
    assert (s[1].entered, s[1].advanced) == (6, 4)
    # strict R→N: entered R 1 + 1 + 2 + 1 = 5; and N: 3 → 3/5
    assert (s[2].entered, s[2].advanced) == (5, 3)
    # strict N→W: 3 → 2
    assert (s[3].entered, s[3].advanced) == (3, 2)
    # any-stage: reached P 11, Q or later 7 (the skip counts), R or later 5, N 3, W 2
    a = f.any_stage
    assert [(x.entered, x.advanced) for x in a] == [(11, 7), (7, 5), (5, 3), (3, 2)]
    assert a[0].conversion == pytest.approx(7 / 11)
    assert dict(f.entered)["Qualified"] == 6 and dict(f.reached)["Qualified"] == 7


def test_the_funnels_rows_give_the_bars_numbers_and_say_the_skips():
    from salestui.review.charts import funnel_text

    masks = {P | Q | R | N | W: 2, P | Q | R | W: 1, P | Q | R | N: 1}  # one won past Negotiation
    f = funnel(masks)
    rows = f.rows("strict")
    # every row's deals are the chart's bar: entered P 4, Q 4, R 4, N 3, W 3
    assert [(r.stage, r.deals) for r in rows] == list(f.counts("strict"))
    assert [r.deals for r in rows] == [4, 4, 4, 3, 3]
    # Negotiation → Won: 2 of 3 went on; Won's 3 = those 2 + 1 that skipped Negotiation
    n, w = rows[3], rows[4]
    assert (n.step.advanced, n.step.drop_off, w.deals, w.skipped_in, w.step) == (2, 1, 3, 1, None)
    assert [r.skipped_in for r in rows] == [0, 0, 0, 0, 1]
    assert "3  2 of 3 Negotiation (67%), 1 skipped it" in funnel_text(f, "strict")
    # any-stage: reached W 3 of reached N 4 (the skip counts as passing), nothing skipped
    a = f.rows("any")
    assert [r.deals for r in a] == [4, 4, 4, 4, 3] and a[3].step.advanced == 3
    assert all(r.skipped_in == 0 for r in a)


def test_funnel_with_no_deals():
    f = funnel({})
    assert f.deals == 0
    assert all(s.conversion is None and s.drop_off == 0 for s in f.strict + f.any_stage)


# --- trend and forecast -----------------------------------------------------------------------
def _m(y, m):
    return date(y, m, 1)


def test_revenue_trend_mom_yoy_and_the_same_month_last_year():
    monthly = {_m(2025, 10): 100, _m(2025, 11): 200, _m(2026, 10): 150, _m(2026, 11): 300}
    trend = revenue_trend(monthly, date(2026, 11, 20), months=14)
    assert trend[0].month == _m(2025, 10) and trend[-1].month == _m(2026, 11)
    last = trend[-1]
    # MoM: (300 - 150) / 150 = +100 %; YoY: (300 - 200) / 200 = +50 %
    assert last.mom == pytest.approx(1.0) and last.yoy == pytest.approx(0.5)
    assert last.last_year_minor == 200
    # Dec 2025 had nothing: 0, MoM (0 - 200) / 200 = -100 %
    dec = trend[2]
    assert dec.revenue_minor == 0 and dec.mom == pytest.approx(-1.0)
    # Jan 2026 after an empty December: MoM unknown (division by zero), not infinite
    assert trend[3].mom is None
    # Oct 2025 is the first month with data: no month before it to compare with
    assert trend[0].mom is None and trend[0].yoy is None


def test_forecast_seasonal_naive_with_growth_when_two_years_are_known():
    today = date(2026, 11, 20)  # next quarter: Jan–Mar 2027
    monthly = {}
    for i in range(1, 25):  # Nov 2024 .. Oct 2026: the 24 complete months
        k = 2026 * 12 + 10 - i  # months before Nov 2026
        monthly[date(k // 12, k % 12 + 1, 1)] = 100 if i > 12 else 120
    monthly[_m(2026, 1)], monthly[_m(2026, 2)], monthly[_m(2026, 3)] = 120, 120, 240
    # last 12 complete months (Nov 25..Oct 26): 9 × 120 + 120 + 120 + 240 = 1,560;
    # 12 before: 12 × 100 = 1,200; growth 1.3
    f = forecast_next_quarter(monthly, today)
    assert f.method.startswith("seasonal naive") and "+30%" in f.method
    # Jan 27 = Jan 26 × 1.3 = 156; Feb 156; Mar 240 × 1.3 = 312
    assert [v for _, v in f.months] == [156, 156, 312]
    assert f.total_minor == 624
    assert f.method_name == "seasonal naive"


def test_forecast_rounds_each_month_half_up_once():
    today = date(2026, 11, 20)
    monthly = {}
    for i in range(1, 25):  # Nov 2024 .. Oct 2026
        k = 2026 * 12 + 10 - i
        monthly[date(k // 12, k % 12 + 1, 1)] = 100 if i > 12 else 150
    monthly[_m(2026, 1)], monthly[_m(2026, 2)] = 151, 149
    # growth 1,800 / 1,200 = 1.5 exactly; Jan 27 = 151 × 1.5 = 226.5 → 227 (half up; Python's
    # round() gives 226, half to even), Feb 149 × 1.5 = 223.5 → 224, Mar 150 × 1.5 = 225
    f = forecast_next_quarter(monthly, today)
    assert [v for _, v in f.months] == [227, 224, 225]
    assert f.total_minor == 676


def test_forecast_falls_back_to_a_three_month_mean_with_little_history():
    monthly = {_m(2026, 8): 90, _m(2026, 9): 120, _m(2026, 10): 150, _m(2026, 11): 999}
    f = forecast_next_quarter(monthly, date(2026, 11, 20))
    # the last 3 complete months: Aug–Oct (November is not complete): (90+120+150)/3 = 120
    assert [v for _, v in f.months] == [120, 120, 120]
    assert f.method_name == "3-month mean"


def test_forecast_with_no_history_at_all():
    f = forecast_next_quarter({}, date(2026, 11, 20))
    assert f.total_minor == 0 and f.method_name == "3-month mean"


# --- KPIs --------------------------------------------------------------------------------------
def _inputs(**kw):
    base = dict(
        won_qtd_minor=0,
        target_quarter_minor=0,
        open_minor=0,
        weighted_x100=0,
        won_count=0,
        lost_count=0,
        new_customers=0,
        new_customer_target=0,
        due_minor=0,
        paid_of_due_minor=0,
        overdue_minor=0,
        receivable_minor=0,
    )
    return KpiInputs(**{**base, **kw})


def test_kpis_against_last_week_and_plan():
    now = _inputs(
        won_qtd_minor=30_000,
        target_quarter_minor=100_000,
        open_minor=200_000,
        weighted_x100=9_000_000,
        won_count=3,
        lost_count=1,
        new_customers=5,
        new_customer_target=10,
        due_minor=1_000,
        paid_of_due_minor=900,
        overdue_minor=400,
    )
    week = _inputs(
        won_qtd_minor=20_000,
        target_quarter_minor=100_000,
        open_minor=150_000,
        weighted_x100=6_000_000,
        won_count=2,
        lost_count=2,
        new_customers=4,
        due_minor=800,
        paid_of_due_minor=800,
        overdue_minor=100,
    )
    k = {x.key: x for x in review_kpis(now, week, 0.5, {"plan.win_rate": "40"})}
    # attainment 30 % now, 20 % a week ago (+10 pts); plan = half the quarter gone = 50 %
    assert k["attainment"].value == pytest.approx(30.0)
    assert k["attainment"].vs_week == pytest.approx(10.0)
    assert k["attainment"].vs_plan == pytest.approx(-20.0)
    # open pipeline plan: coverage 3 × (100,000 − 30,000) = 210,000 → 200,000 is −10,000
    assert k["open"].plan == 210_000 and k["open"].vs_plan == -10_000
    assert k["open"].vs_week == 50_000
    # weighted 90,000 (9,000,000 / 100) against 70,000 still to win
    assert k["weighted"].value == 90_000 and k["weighted"].vs_plan == 20_000
    # win rate 3/4 = 75 % against 2/4 = 50 % (+25 pts) and the plan setting 40 % (+35 pts)
    assert k["win_rate"].vs_week == pytest.approx(25.0)
    assert k["win_rate"].vs_plan == pytest.approx(35.0)
    # new customers 5 against a plan of 10 × 0.5 = 5
    assert k["new_customers"].vs_plan == 0
    # collection 900/1,000 = 90 % vs 100 % last week (−10 pts) and the default plan 95 %
    assert k["collection"].vs_week == pytest.approx(-10.0)
    assert k["collection"].vs_plan == pytest.approx(-5.0)
    assert k["overdue"].vs_week == 300 and k["overdue"].plan == 0


def test_kpis_of_an_empty_week_have_no_ratios_and_no_crash():
    k = {x.key: x for x in review_kpis(_inputs(), _inputs(), 0.0, {})}
    assert k["attainment"].value is None and k["attainment"].plan is None  # no target
    assert k["win_rate"].value is None and k["win_rate"].vs_week is None
    assert k["collection"].value is None
    assert k["open"].value == 0 and k["open"].vs_week == 0


def test_kpi_delta():
    assert kpi_delta(5, 3) == 2
    assert kpi_delta(None, 3) is None and kpi_delta(5, None) is None


# --- changes since the last review ------------------------------------------------------------
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def test_moves_classified_by_their_net_change_including_backwards():
    moves = [
        (1, "a", "Li", 100, "Qualified", "Proposal"),
        (2, "b", "Li", 200, "Negotiation", "Proposal"),  # moved backwards
        (3, "c", "Wang", 300, "Proposal", "Won"),
        (4, "d", "Wang", 400, "Prospect", "Lost"),
        (5, "e", "Wang", 500, None, "Prospect"),  # created since
        (6, "f", "Li", 600, "Proposal", "Proposal"),  # back where it was: no change
    ]
    found = {m.id: m.direction for m in classify_moves(moves)}
    assert found == {1: "forward", 2: "backward", 3: "won", 4: "lost", 5: "new"}


def test_first_review_without_a_snapshot_counts_the_last_seven_days():
    c = build_changes(NOW, None, [], [], [], {"open": 5.0}, 100)
    assert c.first_review and c.since == NOW - timedelta(days=7)
    assert c.kpi_changes == {} and c.forecast is None
    assert c.moved == () and c.won == () and c.slipped == ()


def test_changes_against_a_snapshot():
    snap = Snapshot(NOW - timedelta(days=7), "boss", {"open": 100.0, "win_rate": None}, 1_000)
    moves = [(1, "a", "Li", 100, "Negotiation", "Qualified"), (2, "b", "Li", 9, "Proposal", "Won")]
    slips = [
        (7, "g", "2026-11-30", "2026-12-15"),
        (7, "g", "2026-12-15", "2027-01-10"),  # pushed twice: 30 Nov → 10 Jan
        (8, "h", "2026-12-01", "2026-11-25"),  # pulled in: not a slip
    ]
    new = [(9, "big", "Li", 60_000_000), (10, "small", "Li", 1_000)]
    c = build_changes(NOW, snap, moves, slips, new, {"open": 120.0, "win_rate": 50.0}, 1_500)
    assert not c.first_review and c.since == snap.taken_at
    assert [m.direction for m in c.moved] == ["backward"]
    assert [m.id for m in c.won] == [2]
    assert c.slipped == ((7, "g", "2026-11-30", "2027-01-10"),)
    assert [d[0] for d in c.new_big] == [9]  # 600,000 ≥ 500,000
    assert c.kpi_changes == {"open": (100.0, 120.0), "win_rate": (None, 50.0)}
    assert c.forecast == (1_000, 1_500)


def test_snapshot_round_trip_and_junk():
    snap = Snapshot(NOW, "boss", {"open": 1.0}, 5)
    assert Snapshot.from_json(snap.to_json()) == snap
    assert Snapshot.from_json(None) is None
    assert Snapshot.from_json("{not json") is None
    assert Snapshot.from_json('{"by": "x"}') is None


def test_region_gaps_behind_the_share_of_the_quarter_gone():
    # elapsed 50 %: 华东 won 20 of 100 → 20 % → 30 pts behind; 华南 60 of 100 → ahead;
    # West has no target → skipped
    gaps = region_gaps([("华东", 20, 100), ("华南", 60, 100), ("West", 5, 0)], 0.5)
    assert gaps == [("华东", 20, 100, pytest.approx(30.0))]


def test_nice_ticks_are_round_steps_from_zero():
    from salestui.review.charts import nice_ticks

    # 12,005.5 / 4 = 3,001.4 → the next round step is 5,000: 0, 5,000, 10,000, 15,000
    assert nice_ticks(12_005.5) == [0, 5_000, 10_000, 15_000]
    # 100 / 4 = 25 → step 25 exactly: five ticks ending on the top
    assert nice_ticks(100) == [0, 25, 50, 75, 100]
    # 7 / 4 = 1.75 → step 2: 0, 2, 4, 6, 8
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(0) == [0.0]


def test_the_funnels_rows_in_chinese():
    from salestui.kernel.i18n import set_language
    from salestui.review.charts import funnel_text

    set_language("zh")
    masks = {P | Q | R | N | W: 2, P | Q | R | W: 1, P | Q | R | N: 1}
    text = funnel_text(funnel(masks), "strict")
    # 商务谈判 is 8 cells: padded to the 12 of the stage column, the bars start together
    assert text.splitlines()[3].startswith("商务谈判    █")
    assert "3  商务谈判 3 个中 2 个（67%），1 个跳过该阶段" in text
    assert "Negotiation" not in text and " of " not in text
