"""Calendar periods: months added, the quarter, the week and its first day, the share gone by."""

from __future__ import annotations

from datetime import date

from salestui.kernel.periods import (
    Period,
    add_months,
    first_weekday,
    last_12_months,
    quarter_start,
    share_elapsed,
    twelve_months_before,
    week_bounds,
    year_before,
)


def test_add_months_lands_on_the_first_of_the_month():
    assert add_months(date(2026, 11, 20), 0) == date(2026, 11, 1)
    assert add_months(date(2026, 11, 20), 2) == date(2027, 1, 1)  # across the year
    assert add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)
    assert add_months(date(2026, 3, 1), -14) == date(2025, 1, 1)


def test_week_bounds_with_monday_and_sunday_first():
    friday = date(2026, 11, 20)
    assert week_bounds(friday, 0) == (date(2026, 11, 16), date(2026, 11, 23))
    # Sunday first (6): the Sunday before, 15 Nov, to Sunday 22 Nov
    assert week_bounds(friday, 6) == (date(2026, 11, 15), date(2026, 11, 22))
    # a Sunday in a Monday week belongs to the week that began six days before
    assert week_bounds(date(2026, 11, 22), 0)[0] == date(2026, 11, 16)
    # ... and starts its own week when Sunday is the first day
    assert week_bounds(date(2026, 11, 22), 6)[0] == date(2026, 11, 22)


def test_first_weekday_setting():
    assert first_weekday({}) == 0
    assert first_weekday({"week_start": "sunday"}) == 6
    assert first_weekday({"week_start": "Sat"}) == 5
    assert first_weekday({"week_start": "2"}) == 2
    assert first_weekday({"week_start": "someday"}) == 0  # junk: the default


def test_quarter_and_elapsed_share():
    assert quarter_start(date(2026, 11, 20)) == date(2026, 10, 1)
    assert quarter_start(date(2026, 1, 1)) == date(2026, 1, 1)
    assert quarter_start(date(2026, 6, 30)) == date(2026, 4, 1)
    assert Period.containing("quarter", date(2026, 6, 30)).start == date(2026, 4, 1)
    # Oct (31) + 20 days of Nov = 51 of 92 days
    assert share_elapsed(date(2026, 10, 1), date(2027, 1, 1), date(2026, 11, 20)) == 51 / 92
    assert share_elapsed(date(2026, 10, 1), date(2027, 1, 1), date(2026, 9, 30)) == 0.0
    assert share_elapsed(date(2026, 10, 1), date(2027, 1, 1), date(2027, 2, 1)) == 1.0


def test_the_last_12_months_are_the_calendar_days_after_the_same_day_last_year():
    window = last_12_months(date(2026, 11, 20))
    # 2025-11-21 through 2026-11-20: 365 days (no 29 February in between)
    assert (window.start, window.last, window.end) == (
        date(2025, 11, 21),
        date(2026, 11, 20),
        date(2026, 11, 21),
    )
    assert not window.contains(date(2025, 11, 20)) and window.contains(date(2025, 11, 21))
    assert (window.end - window.start).days == 365
    # across a 29 February: 2027-03-01 .. 2028-02-29 holds 366 days
    leap = last_12_months(date(2028, 2, 29))
    assert (leap.start, leap.last) == (date(2027, 3, 1), date(2028, 2, 29))
    before = twelve_months_before(date(2026, 11, 20))
    assert (before.start, before.last) == (date(2024, 11, 21), date(2025, 11, 20))
    assert year_before(date(2024, 2, 29)) == date(2023, 2, 28)
