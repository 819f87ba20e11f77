"""Dates as people type them."""

from __future__ import annotations

from datetime import date

import pytest

from salestui.kernel.dates import parse_day
from salestui.kernel.errors import DomainError

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


@pytest.mark.parametrize("typed", ["20261230", "2026-W52-3", "2026-12-3", "26-12-30"])
def test_parse_day_takes_only_yyyy_mm_dd(typed):
    with pytest.raises(DomainError, match="YYYY-MM-DD"):
        parse_day(typed)


def test_shown_date_of_a_day_a_month_and_nothing():
    import pandas as pd

    from salestui.kernel.dates import MONTH, SHORT_MONTH, shown_date

    day = date(2026, 3, 7)
    assert shown_date(day) == "2026-03-07"
    assert shown_date(day, MONTH) == "2026-03"
    assert shown_date(day, SHORT_MONTH) == "26-03"
    assert shown_date(day, "%b %Y") == "Mar 2026"
    # a pandas day (midnight, no zone) stays that day: no time zone is applied
    assert shown_date(pd.Timestamp("2026-03-07")) == "2026-03-07"
    assert shown_date(None) == "" and shown_date(pd.NaT, missing=None) is None


@pytest.mark.parametrize("typed", ["9999-12-31", "1899-12-31", "2201-01-01"])
def test_a_form_refuses_a_day_outside_1900_to_2200(typed):
    with pytest.raises(DomainError, match=f"close {typed} is outside 1900–2200"):
        parse_day(typed, field="close")
