"""The board's pipeline figures: days in stage, stalled and why, totals; hand-worked values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from salestui.board.metrics import days_in_stage, is_stalled, pipeline_total, stall_reasons
from salestui.db.queries.board import StageTotals

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
LIMITS = {"Prospect": 14, "Qualified": 21, "Proposal": 30, "Negotiation": 30}


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
