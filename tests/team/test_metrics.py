"""The team figures on small tables written here, every expectation worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from salestui.kernel.errors import DomainError
from salestui.kernel.periods import Period, parse_period
from salestui.team.leaderboard import Board, Person
from salestui.team.metrics import (
    Parts,
    Targets,
    TeamRules,
    attainment,
    average_deal,
    bonus_pool,
    collection_rate,
    group_figures,
    process_score,
    resolve_targets,
    sales_cycle,
    team_rules_from,
    win_rate,
)
from salestui.team.trends import (
    channels,
    concentration,
    funnel,
    heat_levels,
    month_changes,
    new_hire_ramp,
    product_lines,
    quadrants,
    tenure_month,
)

M = 100  # minor units per major unit


# ---- ratios ---------------------------------------------------------------------------------
def test_attainment_win_rate_deal_size_cycle_collection():
    assert attainment(80 * M, 100 * M) == 0.8
    assert attainment(80 * M, None) is None and attainment(80 * M, 0) is None
    assert win_rate(3, 1) == 0.75  # 3 / (3 + 1)
    assert win_rate(0, 0) is None  # nothing closed: no rate, not 0 %
    assert average_deal(100, 3) == 33  # 33.33 → 33
    assert average_deal(101, 2) == 51  # 50.5 rounds half up
    assert average_deal(0, 0) is None
    assert sales_cycle(90.0, 3) == 30.0  # (40 + 10 + 40) / 3
    assert collection_rate(30, 120) == 0.25 and collection_rate(0, 0) is None


def test_process_score_weights_result_and_visits():
    # w = 15 %: 100 × (0.85 × 0.8 + 0.15 × min(4 / 1.5, 2)) = 100 × (0.68 + 0.30) = 98
    assert process_score(0.8, 4, 1.5, 15) == pytest.approx(98.0)
    # the seeds move the weight to 30 %: 100 × (0.7 × 0.8 + 0.3 × 1.0) = 86
    assert process_score(0.8, 3, 3.0, 30) == pytest.approx(86.0)
    # attainment capped at 200 %: 100 × (0.85 × 2 + 0.15 × 0) = 170
    assert process_score(5.0, 0, 0, 15) == pytest.approx(170.0)
    assert process_score(None, 10, 1, 15) is None
    assert team_rules_from({"score.process_weight_pct": "30"}).process_weight_pct == 30
    assert team_rules_from({"score.process_weight_pct": "15"}).process_weight_pct == 15
    assert team_rules_from({"score.process_weight_pct": "junk"}).process_weight_pct == 30
    assert team_rules_from({"score.process_weight_pct": "250"}).process_weight_pct == 100


def test_the_score_weighs_visits_30_percent_by_default():
    # seed 003: w = 30 %. 80 % attainment, 10 visits of 20 expected:
    # 100 × (0.7 × 0.8 + 0.3 × 0.5) = 56 + 15 = 71
    from salestui.team.metrics import figures

    rules = team_rules_from({})
    assert rules.process_weight_pct == 30
    f = figures(Parts(revenue=80 * M, visits=10), 100 * M, 20.0, rules)
    assert f.score == pytest.approx(71.0)


def test_bonus_pool_only_above_120_percent():
    # 1,300,000 of 1,000,000 = 130 % > 120 %: 15 % of the 300,000 above target = 45,000
    assert bonus_pool(1_300_000 * M, 1_000_000 * M) == 45_000 * M
    assert bonus_pool(1_200_000 * M, 1_000_000 * M) == 0  # exactly 120 % does not exceed it
    assert bonus_pool(1_200_001, 1_000_000) == 30_000  # 0.15 × 200,001 = 30,000.15 → 30,000
    assert bonus_pool(5 * M, None) == 0 and bonus_pool(5 * M, 0) == 0
    # settings: above 110 %, 10 %: 1,150 of 1,000 → 10 % of 150 = 15
    assert bonus_pool(1150, 1000, TeamRules(bonus_threshold_pct=110, bonus_share_pct=10)) == 15


# ---- targets ----------------------------------------------------------------------------------
def test_resolve_targets_prefers_own_period_then_quarters_then_months():
    rows = [
        ("person", 1, "month", "2026-10-01", "revenue", 100),
        ("person", 1, "month", "2026-11-01", "revenue", 200),
        ("person", 1, "month", "2026-12-01", "revenue", 300),
        ("person", 2, "quarter", "2026-10-01", "revenue", 1000),
        ("person", 2, "month", "2026-10-01", "revenue", 333),  # the quarter spread: counted once
        ("person", 3, "year", "2026-01-01", "revenue", 9),  # another period's kind: ignored
        ("team", 7, "quarter", "2026-10-01", "visits", 40),
    ]
    q4 = resolve_targets(rows, "quarter", date(2026, 10, 1))
    assert q4.revenue == {("person", 1): 600, ("person", 2): 1000}  # 100 + 200 + 300
    assert q4.visits == {("team", 7): 40}
    nov = resolve_targets(rows, "month", date(2026, 11, 1))
    assert nov.revenue == {("person", 1): 200}
    # a year: each quarter its own target, else its months': 5,000 (Q3) + 100 + 200 + 300 (Q4)
    rows.append(("person", 1, "quarter", "2026-07-01", "revenue", 5000))
    year = resolve_targets(rows, "year", date(2026, 1, 1))
    assert year.revenue == {("person", 1): 5600, ("person", 2): 1000, ("person", 3): 9}


# ---- rollups ----------------------------------------------------------------------------------
PARTS = {
    # person: revenue, won, lost, Σcycle days, visits
    3: Parts(revenue=200 * M, won=1, lost=1, cycle_days=40, visits=4),
    4: Parts(revenue=100 * M, won=1, lost=1, cycle_days=10, visits=1),
    5: Parts(revenue=50 * M, won=1, cycle_days=40, visits=2, due=50 * M),
}
PEOPLE = (
    Person(1, "Boss", None, 10, "manager"),
    Person(2, "Mgr", 1, 10, "manager"),
    Person(3, "Li", 2, 10),
    Person(4, "Wang", 2, 10),
    Person(6, "New", 2, 10),
    Person(5, "South", 1, 20),
)
CHILDREN = {1: [2, 5], 2: [3, 4, 6]}
TARGETS = Targets(
    {("person", 3): 250 * M, ("person", 4): 200 * M, ("person", 5): 100 * M, ("person", 6): 50 * M},
    {},
)


def test_manager_rollup_is_a_weighted_ratio_not_an_average_of_averages():
    team = group_figures(("team", 2), [2, 3, 4, 6], PARTS, TARGETS, 1.5, TeamRules())
    # 300 / 500 = 60 % — the mean of 80 %, 50 %, 0 % would be 43 %
    assert team.revenue == 300 * M and team.target == 500 * M
    assert team.attainment == pytest.approx(0.6)
    assert team.win_rate == 0.5  # (1 + 1) / (2 + 2)
    assert team.average_deal == 150 * M  # 300 / 2
    assert team.cycle_days == 25  # (40 + 10) / 2
    assert team.collection_rate is None  # nothing fell due
    # a team target of its own wins over the members' sum
    own = Targets({**TARGETS.revenue, ("team", 2): 400 * M}, {})
    assert group_figures(("team", 2), [2, 3, 4, 6], PARTS, own, 1.5, TeamRules()).attainment == 0.75


def test_new_customer_and_visits_targets_roll_up_like_revenue():
    """Li won 2 new customers and made 4 visits against targets of 3 and 10; Wang 1 new
    customer, 1 visit against 2 and 5; New has a visits target of 8 and nothing else; Mgr's
    team has no target of its own, so it adds its members': new customers 3 + 2 = 5 (New has
    none), visits 10 + 5 + 8 = 23 — against 2 + 1 = 3 new customers and 4 + 1 = 5 visits."""
    parts = {**PARTS, 3: replace(PARTS[3], new_customers=2), 4: replace(PARTS[4], new_customers=1)}
    targets = Targets(
        TARGETS.revenue,
        {("person", 3): 10, ("person", 4): 5, ("person", 6): 8},
        {("person", 3): 3, ("person", 4): 2},
    )
    li = group_figures(("person", 3), [3], parts, targets, 1.5, TeamRules())
    assert (li.new_customers, li.new_customers_target, li.visits, li.visits_target) == (2, 3, 4, 10)
    team = group_figures(("team", 2), [2, 3, 4, 6], parts, targets, 1.5, TeamRules(), CHILDREN)
    assert (team.new_customers, team.new_customers_target) == (3, 5)
    assert (team.visits, team.visits_target) == (5, 23)
    south = group_figures(("person", 5), [5], parts, targets, 1.5, TeamRules())
    assert (south.new_customers_target, south.visits_target) == (None, None)  # none set


def test_board_tree_folds_and_sorts_and_ranks():
    board = Board(PEOPLE, PARTS, TARGETS, TeamRules(), {10: "华东", 20: "华南"}, None, "Company")
    lines = board.lines(set())
    assert [(ln.depth, ln.label) for ln in lines] == [
        (0, "Company"),
        (1, "华东"),  # 300 before 华南's 50 (by revenue, descending)
        (2, "Boss"),
        (3, "Mgr"),
        (4, "Li"),
        (4, "Wang"),
        (4, "New"),
        (1, "华南"),
        (2, "South"),
    ]
    company = lines[0].figures
    assert company.revenue == 350 * M and company.attainment == pytest.approx(350 / 600)
    assert company.win_rate == 0.6  # 3 / 5
    assert company.cycle_days == 30  # 90 / 3
    assert company.collection_rate == 0.0  # 0 of 50 paid
    # the median visits of people with a target: 0, 1, 2, 4 → 1.5
    assert board.team_median() == 1.5
    folded = board.lines({"person:2"})
    assert [ln.label for ln in folded] == ["Company", "华东", "Boss", "Mgr", "华南", "South"]
    by_name = board.lines(set(), "name", False)
    assert [ln.label for ln in by_name if ln.depth == 4] == ["Li", "New", "Wang"]
    ranked = board.ranking("attainment")
    # Li 80 %, Wang 50 %, South 50 %, New 0 %; Boss and Mgr have no target and no parts
    assert [ln.label for ln in ranked] == ["Li", "Wang", "South", "New"]


def test_under_a_region_a_manager_line_counts_the_team_in_that_region():
    """Boss (华东) manages South (华南): under 华东 Boss's line is Boss, Mgr, Li, Wang and New —
    revenue 200 + 100 = 300, target 250 + 200 + 50 = 500 — the same as 华东 itself, not the
    whole team's 350; South's 50 shows under 华南. The lines below a region add up to it."""
    board = Board(PEOPLE, PARTS, TARGETS, TeamRules(), {10: "华东", 20: "华南"}, None, "Company")
    lines = {ln.key: ln for ln in board.lines(set())}
    region, boss = lines["region:10"], lines["person:1"]
    assert (boss.figures.revenue, boss.figures.target) == (300 * M, 500 * M)
    assert (boss.figures.revenue, boss.figures.target) == (
        region.figures.revenue,
        region.figures.target,
    )
    assert (boss.size, boss.team_size) == (5, 6)  # shown as "Boss (5 of 6)"
    assert lines["person:2"].team_size == 0  # Mgr's whole team is in 华东
    assert lines["region:20"].figures.revenue == lines["person:5"].figures.revenue == 50 * M


def test_a_manager_sees_their_own_team_only():
    board = Board(PEOPLE, PARTS, TARGETS, TeamRules(), {10: "华东"}, 2, "Team of Mgr")
    assert sorted(board.visible()) == [2, 3, 4, 6]
    root = board.lines(set())[0]
    assert root.figures.revenue == 300 * M and root.size == 4


# ---- periods ----------------------------------------------------------------------------------
def test_periods_step_and_parse():
    q = Period.containing("quarter", date(2026, 11, 20))
    assert (q.start, q.end, q.label) == (date(2026, 10, 1), date(2027, 1, 1), "2026-Q4")
    assert q.step(-1).label == "2026-Q3" and q.step(1).label == "2027-Q1"
    assert Period.containing("month", date(2026, 1, 5)).step(-1).label == "2025-12"
    assert parse_period("2026-q2").start == date(2026, 4, 1)
    assert parse_period("2026-02") == Period("month", date(2026, 2, 1))
    assert parse_period("last-month", date(2026, 1, 10)).label == "2025-12"
    for bad in ("2026-13", "2026-Q5", "26", "next week", "1900"):
        with pytest.raises(DomainError):
            parse_period(bad, date(2026, 1, 1))


# ---- ramp, quadrants, concentration -------------------------------------------------------
def test_new_hire_ramp_win_rate_by_month_of_tenure():
    hired = date(2026, 1, 15)
    assert tenure_month(hired, date(2026, 1, 1)) == 1 and tenure_month(hired, date(2026, 3, 1)) == 3
    old = date(2020, 1, 1)
    ramp = new_hire_ramp(
        [
            (hired, date(2026, 1, 1), 1, 3),  # month 1
            (hired, date(2026, 3, 1), 2, 2),  # month 3
            (hired, date(2026, 4, 1), 5, 0),  # month 4: neither new nor senior
            (old, date(2026, 3, 1), 7, 3),  # month 75 → the last bucket
            (None, date(2026, 3, 1), 9, 9),  # no hire date: left out
        ]
    )
    # first 3 months: (1 + 2) / (4 + 4) = 37.5 %; seniors 7 / 10 = 70 %
    assert ramp.new_hires == pytest.approx(0.375) and ramp.seniors == pytest.approx(0.7)
    assert (ramp.new_closed, ramp.senior_closed) == (8, 10)
    assert ramp.by_month[0] == (1, 1, 3) and ramp.by_month[-1] == (24, 7, 3)


def test_quadrants_split_at_the_medians():
    # ability = revenue ÷ closed deals (major): A 100/2 = 50, B 90/1 = 90, C 10/2 = 5, D 0
    points, a_med, e_med = quadrants(
        [(1, 100 * M, 1, 1, 10), (2, 90 * M, 1, 0, 2), (3, 10 * M, 1, 1, 20), (4, 0, 0, 0, 1)]
    )
    assert a_med == 27.5  # median of 0, 5, 50, 90
    assert e_med == 6  # median of 1, 2, 10, 20
    assert {p.person_id: p.quadrant for p in points} == {
        1: "star",
        2: "talent",
        3: "worker",
        4: "needs help",
    }


def test_region_concentration_top3_bottom2():
    c = concentration({"A": 40, "B": 30, "C": 15, "D": 10, "E": 5, "F": 0})
    # total 100: top 3 = 40 + 30 + 15 = 85 %; bottom 2 = E 5 + F 0 = 5 %
    assert c.top3 == pytest.approx(0.85) and c.bottom2 == pytest.approx(0.05)
    assert [n for n, _ in c.shares] == ["A", "B", "C", "D", "E", "F"]
    assert concentration({"A": 0}) is None
    two = concentration({"A": 3, "B": 1})  # fewer than 5 regions: the groups overlap
    assert two.top3 == 1.0 and two.bottom2 == 1.0


def test_heat_levels_quartiles_of_non_zero_cells():
    levels = heat_levels({"A": [0, 1, 2, 3], "B": [4, 5, 6, 7, 8]})
    # non-zero 1..8: cuts at the 2nd, 4th, 6th values (3, 5, 7)
    assert levels == {"A": [0, 1, 1, 2], "B": [2, 3, 3, 4, 4]}


def test_product_lines_and_channels():
    lines = product_lines([("Software", 600, 100), ("Sensors", 400, 300)])
    # margin 500 and 100; margin % 500/600 = 83.3 %; shares of revenue 60/40, of margin 5/6, 1/6
    sw = lines[0]
    assert (sw.name, sw.margin, sw.revenue_share) == ("Software", 500, 0.6)
    assert sw.margin_pct == pytest.approx(5 / 6) and sw.margin_share == pytest.approx(5 / 6)
    ch = channels([("direct", 900, 3, 1), ("e-commerce", 100, 1, 3)])
    assert ch[0].win_rate == 0.75 and ch[0].average_deal == 300 and ch[0].share == 0.9
    assert ch[1].win_rate == 0.25


def test_month_on_month_and_year_on_year():
    series = [(date(2025, 1 + i, 1), 100, None) for i in range(12)]
    series += [(date(2026, 1, 1), 150, 120), (date(2026, 2, 1), 0, 120)]
    out = month_changes(series)
    assert out[0].mom is None and out[0].yoy is None
    assert out[12].mom == 0.5 and out[12].yoy == 0.5  # (150 − 100) / 100 both ways
    assert out[13].mom == -1.0 and out[13].yoy == -1.0
    assert out[13].target == 120


def test_funnel_conversion_from_history():
    steps = funnel({"Prospect": 10, "Qualified": 6, "Proposal": 3, "Negotiation": 3, "Won": 2})
    assert [s.conversion for s in steps[:4]] == [0.6, 0.5, 1.0, pytest.approx(2 / 3)]
    assert steps[0].drop_off == pytest.approx(0.4)
    assert steps[-1].conversion is None
    assert funnel({})[0].conversion is None


def test_team_targets_roll_up_team_by_team():
    from salestui.team.metrics import group_target

    # boss(1) → mgr(2) → reps 3, 4;  boss → rep 5.  mgr's team has its own target 1,000,000;
    # reps 3 and 4 hold person targets 400,000 + 500,000 = 900,000 (below their manager's);
    # rep 5 holds 100,000.  boss's team, with no target of its own, is
    # mgr's team target + rep 5 = 1,000,000 + 100,000 = 1,100,000 (not 900,000 + 100,000).
    children = {1: [2, 5], 2: [3, 4]}
    table = {
        ("team", 2): 1_000_000,
        ("person", 3): 400_000,
        ("person", 4): 500_000,
        ("person", 5): 100_000,
    }
    everyone = [1, 2, 3, 4, 5]
    assert group_target(table, ("team", 1), everyone, children) == 1_100_000
    assert group_target(table, ("company", None), everyone, children) == 1_100_000
    assert group_target(table, ("team", 2), [2, 3, 4], children) == 1_000_000
    # without mgr's team target, mgr's team is the sum of its people: 900,000; boss 1,000,000
    del table[("team", 2)]
    assert group_target(table, ("team", 1), everyone, children) == 1_000_000
    # a region is not a branch of the tree: the sum of its people's targets
    assert group_target(table, ("region", 7), [3, 5], children) == 500_000
    # no target anywhere below: none
    assert group_target({}, ("team", 1), everyone, children) is None


def test_product_line_pipeline_is_the_open_lines_totals_beside_the_revenue():
    from types import SimpleNamespace as L

    from salestui.kernel.deal_lines import open_by_line

    open_lines = [
        L(
            product_line="Software", quantity=3, unit_price_minor=99, discount_bp=1250
        ),  # 259.875 → 260
        L(product_line="Software", quantity=1, unit_price_minor=1_000, discount_bp=0),  # 1,000
        L(product_line="Services", quantity=2, unit_price_minor=500, discount_bp=10_000),  # free: 0
        L(product_line="Cloud", quantity=4, unit_price_minor=250, discount_bp=0),  # 1,000
    ]
    pipeline = open_by_line(open_lines)
    assert pipeline == {"Software": 1_260, "Services": 0, "Cloud": 1_000}
    lines = product_lines([("Software", 600, 100), ("Sensors", 400, 300)], pipeline)
    # revenue first; lines with pipeline only follow, the bigger pipeline first
    assert [(x.name, x.revenue, x.pipeline) for x in lines] == [
        ("Software", 600, 1_260),
        ("Sensors", 400, 0),
        ("Cloud", 0, 1_000),
        ("Services", 0, 0),
    ]
    assert lines[0].revenue_share == 0.6  # shares of the period's revenue, unchanged
