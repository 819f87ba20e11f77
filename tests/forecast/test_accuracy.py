"""Forecast accuracy's figures on a 4-week table worked out by hand (README, "Forecast accuracy")."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from salestui.forecast.accuracy import (
    Error,
    closest,
    error,
    flat,
    pooled,
    rolled_up,
    week_number,
    week_starts,
    weekly_calls,
)

Q3 = date(2026, 7, 1)  # a Wednesday: week 1 starts on Monday 29 June


def at(day: int, month: int = 7, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour)


CALLS = [
    (date(2026, 6, 29), at(30, 6), 1200),  # week 1, Tuesday…
    (date(2026, 6, 29), at(1, 7), 1300),  # …then Wednesday: the week's call is 1300
    (date(2026, 7, 6), at(7), 800),  # week 2
    # week 3: no call
    (date(2026, 7, 20), at(21), 1000),  # week 4
    (date(2026, 9, 28), at(29, 9), 5000),  # week 14: outside weeks 1–13
]


def test_weeks_start_on_the_week_holding_the_quarters_first_day():
    weeks = week_starts(Q3)
    assert weeks[0] == date(2026, 6, 29) and weeks[1] == date(2026, 7, 6)
    assert weeks[12] == date(2026, 9, 21) and len(weeks) == 13
    assert week_starts(Q3, first_weekday=6)[0] == date(2026, 6, 28)  # weeks start on Sunday
    assert week_number(date(2026, 9, 28), Q3) == 14


def test_the_weeks_call_is_the_last_made_in_it():
    assert weekly_calls(CALLS, Q3) == {1: 1300, 2: 800, 4: 1000}
    # the order they are read in does not matter
    assert weekly_calls(list(reversed(CALLS)), Q3) == {1: 1300, 2: 800, 4: 1000}


def test_error_and_bias_by_hand():
    # actual 1000: week 1 +300 (+30 %), week 2 −200 (−20 %), week 3 skipped, week 4 0
    e = error(weekly_calls(CALLS, Q3), 1000)
    assert e.weeks == 3
    assert e.mape == pytest.approx((0.3 + 0.2 + 0.0) / 3)  # 16.7 %
    assert e.bias == pytest.approx((0.3 - 0.2 + 0.0) / 3)  # +3.3 %: over-called a little


def test_nothing_closed_leaves_the_quarter_out_and_says_so():
    e = error({1: 500}, 0)
    assert (e.mape, e.bias, e.weeks) == (None, None, 1)
    assert "left out" in e.why_none
    assert error({}, 1000).why_none == "no call in weeks 1–13"


def test_which_method_came_closest():
    calls = error({1: 1300, 2: 800, 4: 1000}, 1000)  # 16.7 %
    # pipeline 700, 900, 950, 1000: 30 + 10 + 5 + 0 = 45 / 4 = 11.25 %, bias −11.25 %
    pipeline = error({1: 700, 2: 900, 3: 950, 4: 1000}, 1000)
    assert pipeline.mape == pytest.approx(0.1125) and pipeline.bias == pytest.approx(-0.1125)
    trend = error(flat(1100), 1000)  # 10 % every week
    assert trend.weeks == 13 and trend.mape == pytest.approx(0.1)
    assert closest({"calls": calls, "pipeline": pipeline, "trend": trend}) == "trend"
    assert closest({"calls": calls, "pipeline": pipeline}) == "pipeline"
    # a tie goes to the calls
    assert closest({"trend": error(flat(1100), 1000), "calls": error({1: 900}, 1000)}) == "calls"
    assert closest({"calls": error({}, 1000)}) is None


def test_pooled_quarters_weigh_every_week_the_same():
    a = Error(0.5, 0.5, 3)  # 3 weeks at +50 %
    b = Error(None, None, 2, "nothing closed: left out")
    c = Error(0.1, -0.1, 1)
    e = pooled([a, b, c])
    assert e.mape == pytest.approx((1.5 + 0.1) / 4)  # 40 %
    assert e.bias == pytest.approx((1.5 - 0.1) / 4)  # +35 %
    assert e.weeks == 4 and e.why_none == "1 quarter(s) left out"


def test_rolled_up_over_the_subtree():
    own = {1: 0, 2: 500, 3: 300}
    subtree = {1: {1, 2, 3}, 2: {2, 3}, 3: {3}, 4: {4}}
    assert rolled_up(own, subtree) == {1: 800, 2: 800, 3: 300, 4: 0}
