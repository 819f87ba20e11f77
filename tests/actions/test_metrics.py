"""Action plans' pure figures: due groups, warning keys, quarterly milestones."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from salestui.actions.metrics import (
    customer_of,
    due_group,
    milestones,
    suggested_due,
    warning_key,
    warning_kind,
)

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # a Friday


def test_due_groups_follow_the_week_start():
    today = date(2026, 11, 20)  # Friday; Monday week ends Sunday 22
    assert due_group(date(2026, 11, 19), today) == "Overdue"
    assert due_group(today, today) == "Today"
    assert due_group(date(2026, 11, 22), today) == "This week"
    assert due_group(date(2026, 11, 23), today) == "Later"
    # with Saturday as the first day the week ends on Friday: Saturday is already next week
    assert due_group(date(2026, 11, 21), today, first_weekday=5) == "Later"


def test_warning_keys_and_due_dates():
    assert warning_key("stalled", 12) == "stalled:opportunity:12"
    assert warning_key("sla", 7) == "sla:lead:7"
    assert warning_key("health", 7, today=date(2026, 1, 3)) == "health:7:2026-01"  # monthly
    assert warning_key("churn", 7) == "churn:7"
    assert warning_key("overdue", 7, 12) == "overdue:12"  # the invoice, not the customer
    assert warning_key("complaint", 7, 3) == "complaint:3"
    for kind, args in (("health", (7,)), ("overdue", (7,)), ("mood", (7,))):
        with pytest.raises(ValueError):
            warning_key(kind, *args)
    assert [warning_kind(k) for k in ("health:7:2026-01", "sla:lead:7")] == ["health", "sla"]
    day = date(2026, 1, 3)  # the customer a customer warning's key names, as keyed that month
    assert [customer_of(k, day) for k in ("health:7:2026-01", "churn:12", "churn:0012")] == [
        7, 12, None]  # fmt: skip
    others = ("health:7:2025-12", "overdue:7", "sla:lead:7", "churn:", "churn:x", "health:7")
    assert [customer_of(k, day) for k in others] == [None] * len(others)
    today = date(2026, 11, 20)
    assert suggested_due("sla", today) == today  # a hot lead: today
    assert suggested_due("stalled", today) == date(2026, 11, 23)
    assert suggested_due("health", today) == date(2026, 11, 27)


def test_milestones_months_from_their_targets_and_weeks_split_by_days():
    q0 = date(2026, 10, 1)
    months = {date(2026, 10, 1): 3_100, date(2026, 11, 1): 3_000, date(2026, 12, 1): 6_200}
    won = {date(2026, 10, 2): 1_000, date(2026, 10, 30): 2_500, date(2026, 11, 18): 500}
    stones = milestones(q0, 12_300, months, won, date(2026, 11, 20), first_weekday=0)
    q, oct_, nov, dec = stones[:4]
    assert (q.label, q.target_minor, q.actual_minor) == ("Q4 2026", 12_300, 4_000)
    # Oct: target 3,100, won 3,500 → met; Nov: 500 of 3,000 with 20 of 30 days gone
    # (pace 2,000) → behind; Dec: to come
    assert (oct_.actual_minor, oct_.state) == (3_500, "met")
    assert (nov.actual_minor, nov.state) == (500, "behind")
    assert dec.state == "to come"
    weeks = stones[4:]
    # the first week is Mon 28 Sep – Sun 4 Oct, cut to 1–4 Oct: 4 days × 3,100/31 = 400
    assert (weeks[0].start, weeks[0].end, weeks[0].target_minor) == (
        date(2026, 10, 1),
        date(2026, 10, 5),
        400,
    )
    # the week of 26 Oct straddles two months: 6 Oct days × 100 + 1 Nov day × 100 = 700
    straddle = next(w for w in weeks if w.start == date(2026, 10, 26))
    assert straddle.target_minor == 700 and straddle.actual_minor == 2_500
    # the last week is cut at the quarter's end: 28–31 Dec, 4 days × 200 = 800
    assert (weeks[-1].start, weeks[-1].end, weeks[-1].target_minor) == (
        date(2026, 12, 28),
        date(2027, 1, 1),
        800,
    )
    assert len(weeks) == 14


def test_milestones_without_month_targets_split_the_quarter_by_days():
    stones = milestones(date(2026, 10, 1), 9_200, {}, {}, date(2026, 10, 5))
    # 9,200 over 92 days = 100 a day: Oct 3,100, Nov 3,000, Dec 3,100
    assert [s.target_minor for s in stones[1:4]] == [3_100, 3_000, 3_100]
    assert stones[0].state == "behind"  # nothing won, 5 days in


def test_milestones_without_any_target():
    stones = milestones(date(2026, 10, 1), 0, {}, {date(2026, 10, 2): 10}, date(2026, 11, 1))
    assert stones[0].state == "no target" and stones[0].progress is None


def test_a_quarter_target_split_into_months_rounds_half_up():
    # 1.38 over 92 days: October 138 × 31 / 92 = 46.5 → 47 (half up, not to even: 46),
    # November 138 × 30 / 92 = 45, December 46.5 → 47
    stones = milestones(date(2026, 10, 1), 138, {}, {}, date(2026, 10, 5))
    assert [s.target_minor for s in stones[1:4]] == [47, 45, 47]
    # a week's target is its days' share of its month's, summed exactly and rounded once:
    # week 1 is Thu 1 – Sun 4 October (Monday weeks): 4 × 47 / 31 = 6.06 → 6
    assert stones[4].target_minor == 6
