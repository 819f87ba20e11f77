"""Money, dates, pipeline figures, settings and the org tree: pure functions, hand-worked values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from salestui.board.metrics import days_in_stage, is_stalled, pipeline_total, stall_reasons
from salestui.db.queries.board import StageTotals
from salestui.kernel.dates import parse_day
from salestui.kernel.domain import approvers_for
from salestui.kernel.errors import DomainError
from salestui.kernel.money import format_amount, format_compact, parse_amount, weighted_minor
from salestui.kernel.org import may_change, subtree_ids
from salestui.kernel.settings import rules_from

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
LIMITS = {"Prospect": 14, "Qualified": 21, "Proposal": 30, "Negotiation": 30}


# ---------------------------------------------------------------- parse_amount


@pytest.mark.parametrize(
    ("typed", "minor"),
    [
        ("1,234.50", 123450),  # 1234.50 major × 100
        ("0", 0),
        ("125000", 12500000),  # 125,000 × 100
        ("1,250,000", 125000000),  # 1,250,000 × 100
        ("  42.5 ", 4250),  # spaces trimmed; 42.50 × 100
        ("0.01", 1),  # one cent
        ("+7", 700),
        ("500,000.00", 50000000),  # the approval boundary: 500,000 × 100
    ],
)
def test_parse_amount_accepts(typed, minor):
    assert parse_amount(typed) == minor


@pytest.mark.parametrize(
    "typed",
    ["12.345", "1.234", "1,23", "12,34", "1,2345", "-1", "-0.01", "abc", "", "   ", "1e5", "1..2"],
)
def test_parse_amount_refuses(typed):
    with pytest.raises(DomainError):
        parse_amount(typed)


def test_parse_amount_names_the_field():
    with pytest.raises(DomainError, match="budget"):
        parse_amount("x", field="budget")


# ---------------------------------------------------------------- format_amount / format_compact


@pytest.mark.parametrize(
    ("minor", "shown"),
    [
        (12345600, "123,456"),  # 123,456.00
        (150, "2"),  # 1.50 rounds half up to 2
        (149, "1"),  # 1.49 rounds down
        (250, "3"),  # 2.50 rounds half up to 3 (not to even 2)
        (-150, "-2"),  # -1.50: half away from zero
        (-149, "-1"),
        (0, "0"),
        (100000000000, "1,000,000,000"),  # 1e9 major
        (None, ""),
    ],
)
def test_format_amount_whole_units(minor, shown):
    assert format_amount(minor) == shown


@pytest.mark.parametrize(
    ("minor", "shown"),
    [(123450, "1,234.50"), (5, "0.05"), (-5, "-0.05"), (-123456, "-1,234.56"), (0, "0.00")],
)
def test_format_amount_with_decimals(minor, shown):
    assert format_amount(minor, decimals=True) == shown


@pytest.mark.parametrize(
    ("minor", "shown"),
    [
        (95000, "950"),  # 950 major
        (99900, "999"),  # 999 major: still plain
        (99949, "999"),  # 999.49 rounds down
        (99950, "1.0k"),  # 999.50 rounds half up to 1,000 → shown as 1.0k, never "1000"
        (100000, "1.0k"),  # 1,000 major
        (250, "3"),  # 2.50 rounds half up
        (1225000, "12.3k"),  # 12,250 major = 12.25k, half up → 12.3k
        (1224900, "12.2k"),  # 12,249 = 12.249k → 12.2k
        (34000000, "340.0k"),  # 34,000,000 minor = 340,000 major = 340.0k
        (340000000, "3.40M"),  # 3,400,000 major
        (99995000, "1.00M"),  # 999,950 major = 999.95k → half up 1,000.0k → shown 1.00M
        (125000000000, "1.25B"),  # 1,250,000,000 major
        (-1500000, "-15.0k"),  # -15,000 major
        (-95000, "-950"),
        (-40, "0"),  # -0.40 rounds to 0: no "-0"
        (None, ""),
    ],
)
def test_format_compact(minor, shown):
    assert format_compact(minor) == shown


# ---------------------------------------------------------------- weighted_minor


@pytest.mark.parametrize(
    ("x100", "minor"),
    [
        (0, 0),
        (149, 1),  # 1.49 minor → 1
        (150, 2),  # 1.50 minor → half up → 2
        (151, 2),
        (407385, 4074),  # 123.45 × 33 % = 40.7385 major = 4073.85 minor → 4074
        (120000000, 1200000),  # 120,000 major × 10 %: 12,000,000 × 10 / 100 = 1,200,000
    ],
)
def test_weighted_minor(x100, minor):
    assert weighted_minor(x100) == minor


# ---------------------------------------------------------------- parse_day


def test_parse_day_accepts_iso_and_dates():
    assert parse_day("2026-12-30") == date(2026, 12, 30)
    assert parse_day(" 2024-02-29 ") == date(2024, 2, 29)  # a real leap day
    assert parse_day(date(2026, 1, 5)) == date(2026, 1, 5)


@pytest.mark.parametrize(
    "typed",
    ["2026-02-30", "2025-02-29", "30/12/2026", "12/30/2026", "", "  ", "2026-13-01", "tomorrow"],
)
def test_parse_day_refuses(typed):
    with pytest.raises(DomainError, match="close"):
        parse_day(typed, field="close date")


# ---------------------------------------------------------------- days in stage, stalled


def test_days_in_stage_counts_whole_days():
    assert days_in_stage(NOW - timedelta(days=14), NOW) == 14
    assert days_in_stage(NOW - timedelta(days=14, hours=23), NOW) == 14  # not yet 15 whole days
    assert days_in_stage(NOW - timedelta(hours=3), NOW) == 0
    assert days_in_stage(NOW + timedelta(days=2), NOW) == 0  # a clock ahead never goes negative
    naive = (NOW - timedelta(days=3)).replace(tzinfo=None)  # stored UTC without an offset
    assert days_in_stage(naive, NOW) == 3


def test_stalled_only_when_the_limit_is_exceeded():
    # Prospect limit 14: 14 days is at the limit (not stalled), 15 exceeds it.
    assert not is_stalled("Prospect", NOW - timedelta(days=14), NOW, LIMITS)
    assert not is_stalled("Prospect", NOW - timedelta(days=14, hours=23), NOW, LIMITS)
    assert is_stalled("Prospect", NOW - timedelta(days=15), NOW, LIMITS)
    # Negotiation limit 30: 30 → no, 31 → yes.
    assert not is_stalled("Negotiation", NOW - timedelta(days=30), NOW, LIMITS)
    assert is_stalled("Negotiation", NOW - timedelta(days=31), NOW, LIMITS)
    # A manager's own limit applies.
    assert is_stalled("Proposal", NOW - timedelta(days=8), NOW, {**LIMITS, "Proposal": 7})


@pytest.mark.parametrize("stage", ["Won", "Lost"])
def test_closed_deals_never_stall(stage):
    assert not is_stalled(stage, NOW - timedelta(days=400), NOW, LIMITS)


def test_stall_reasons_of_a_slipping_negotiation():
    # Like fixture deal #4: 40 days in Negotiation (limit 30), last visit 25 days ago, pushed twice.
    reasons = stall_reasons(
        stage="Negotiation",
        stage_entered_at=NOW - timedelta(days=40),
        last_activity_at=NOW - timedelta(days=25),
        close_date_pushes=2,
        expected_close=date(2026, 12, 20),
        now=NOW,
        limits=LIMITS,
    )
    assert reasons == [
        "40d in Negotiation (limit 30d)",
        "last activity 25d ago",
        "close date pushed 2×",
    ]


def test_stall_reasons_without_activity_and_with_a_passed_close_date():
    reasons = stall_reasons(
        stage="Prospect",
        stage_entered_at=NOW - timedelta(days=15),
        last_activity_at=None,
        close_date_pushes=0,
        expected_close=date(2026, 11, 1),
        now=NOW,
        limits=LIMITS,
    )
    assert reasons == [
        "15d in Prospect (limit 14d)",
        "no activity logged",
        "close date 2026-11-01 passed",
    ]


def test_stall_reasons_empty_when_not_stalled():
    reasons = stall_reasons(
        stage="Prospect",
        stage_entered_at=NOW - timedelta(days=14),
        last_activity_at=None,
        close_date_pushes=3,
        expected_close=date(2026, 1, 1),
        now=NOW,
        limits=LIMITS,
    )
    assert reasons == []


# ---------------------------------------------------------------- pipeline_total


def test_pipeline_total_sums_and_rounds_weighted_once():
    totals = [
        StageTotals("Prospect", 2, 13_500_000, 135_000_000, 1),
        StageTotals("Qualified", 1, 8_000_050, 200_001_250, 0),
        StageTotals("Proposal", 0, 0, 0, 0),
        StageTotals("Negotiation", 3, 50, 50 * 75 + 50, 2),
    ]
    total = pipeline_total(totals)
    assert total.count == 6  # 2 + 1 + 0 + 3
    assert total.amount_minor == 21_500_100  # 13,500,000 + 8,000,050 + 0 + 50
    # Σ x100 = 135,000,000 + 200,001,250 + 3,800 = 335,005,050 → /100 = 3,350,050.50 → half up
    assert total.weighted_minor == 3_350_051
    assert total.stalled == 3  # 1 + 0 + 0 + 2


def test_pipeline_total_rounds_at_the_end_not_per_stage():
    # Each stage alone is 0.50 minor (would round to 1 each = 2); together 1.00 exactly.
    totals = [StageTotals("Prospect", 1, 5, 50, 0), StageTotals("Qualified", 1, 2, 50, 0)]
    assert pipeline_total(totals).weighted_minor == 1


def test_pipeline_total_of_nothing():
    total = pipeline_total([])
    assert (total.count, total.amount_minor, total.weighted_minor, total.stalled) == (0, 0, 0, 0)


def test_approvers_boundary():
    # 500,000.00 major = 50,000,000 minor: director; one cent more: finance, legal, VP.
    assert approvers_for(50_000_000) == ("director",)
    assert approvers_for(50_000_001) == ("finance", "legal", "vp")
    assert approvers_for(0) == ("director",)


# ---------------------------------------------------------------- settings


def test_rules_defaults_are_domain_md():
    rules = rules_from({})
    assert rules.stall_days == {"Prospect": 14, "Qualified": 21, "Proposal": 30, "Negotiation": 30}
    assert rules.probability == {
        "Prospect": 10,
        "Qualified": 25,
        "Proposal": 50,
        "Negotiation": 75,
        "Won": 100,
        "Lost": 0,
    }
    assert rules.recent_close_days == 30


def test_rules_overrides_from_settings():
    rules = rules_from(
        {
            "stall_days.Proposal": "45",
            "stall_days.Prospect": " 7 ",
            "probability.Qualified": "30",
            "recent_close_days": "14",
            "unrelated.key": "whatever",
        }
    )
    assert rules.stall_days == {"Prospect": 7, "Qualified": 21, "Proposal": 45, "Negotiation": 30}
    assert rules.probability["Qualified"] == 30
    assert rules.probability["Negotiation"] == 75  # untouched
    assert rules.recent_close_days == 14


def test_rules_ignore_or_clamp_junk():
    rules = rules_from(
        {
            "stall_days.Prospect": "abc",  # junk → default 14
            "stall_days.Qualified": "0",  # at least one day
            "stall_days.Proposal": "-5",  # at least one day
            "stall_days.Negotiation": "2.5",  # not a whole number → default 30
            "probability.Prospect": "150",  # clamped to 100
            "probability.Qualified": "-5",  # clamped to 0
            "probability.Proposal": "",  # junk → default 50
            "recent_close_days": "0",  # at least one day
        }
    )
    assert rules.stall_days == {"Prospect": 14, "Qualified": 1, "Proposal": 1, "Negotiation": 30}
    assert rules.probability["Prospect"] == 100
    assert rules.probability["Qualified"] == 0
    assert rules.probability["Proposal"] == 50
    assert rules.recent_close_days == 1


# ---------------------------------------------------------------- org tree


@dataclass(frozen=True)
class Node:
    id: int
    manager_id: int | None


ORG = [
    Node(1, None),  # boss
    Node(2, 1),  # mgr_east
    Node(3, 2),  # rep under mgr_east
    Node(4, 2),
    Node(5, 1),  # rep_south, directly under boss
    Node(6, 3),  # below a rep (a team lead's report)
]


def test_subtree_ids():
    assert subtree_ids(ORG, 1) == {1, 2, 3, 4, 5, 6}
    assert subtree_ids(ORG, 2) == {2, 3, 4, 6}
    assert subtree_ids(ORG, 5) == {5}
    assert subtree_ids(ORG, 99) == {99}  # an unknown person has only themselves


def test_subtree_ids_of_a_deep_tree():
    # A chain 0 ← 1 ← 2 ← … ← 4999: everyone is below 0; from 4990 down only ten remain.
    chain = [Node(0, None)] + [Node(i, i - 1) for i in range(1, 5000)]
    assert subtree_ids(chain, 0) == set(range(5000))
    assert subtree_ids(chain, 4990) == set(range(4990, 5000))


def test_subtree_ids_terminates_on_a_cycle():
    # Bad data: 10 → 11 → 12 → 10 (each managed by the previous one), and 13 below 12.
    people = [Node(10, 12), Node(11, 10), Node(12, 11), Node(13, 12), Node(14, None)]
    assert subtree_ids(people, 10) == {10, 11, 12, 13}
    assert subtree_ids(people, 13) == {13}


def test_may_change():
    assert may_change(ORG, 3, 3)  # own deal
    assert not may_change(ORG, 3, 4)  # a colleague's deal
    assert may_change(ORG, 3, 6)  # someone below them
    assert may_change(ORG, 2, 6)  # a manager, two levels down
    assert not may_change(ORG, 2, 5)  # mgr_east on rep_south: not below them
    assert not may_change(ORG, 2, 1)  # never upwards
    assert may_change(ORG, 1, 5)


@pytest.mark.parametrize("typed", ["20261230", "2026-W52-3", "2026-12-3", "26-12-30"])
def test_parse_day_takes_only_yyyy_mm_dd(typed):
    with pytest.raises(DomainError, match="YYYY-MM-DD"):
        parse_day(typed)
