"""Calendar periods: months added, the quarter, the week and its first day, the share gone by."""

from __future__ import annotations

from datetime import date

from salestui.kernel.periods import (
    Period,
    add_months,
    first_weekday,
    quarter_start,
    share_elapsed,
    week_bounds,
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
