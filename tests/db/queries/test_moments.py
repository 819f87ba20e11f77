"""Stored timestamps to aware moments and back (PostgreSQL's aware values: test_postgres.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from salestui.db.queries.moments import aware, day, midnight, sqlite_text, stored

EIGHT = timezone(timedelta(hours=8))


def test_naive_text_from_sqlite_is_utc():
    assert aware("2026-11-20 10:00:00.000000") == datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert aware("2026-11-20 10:00:00.250000").microsecond == 250_000


def test_a_naive_datetime_is_utc():
    found = aware(datetime(2026, 11, 20, 10, 0))
    assert found == datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert found.utcoffset() == timedelta(0)


def test_an_aware_datetime_comes_back_in_utc():
    # 02:00 on the 21st in UTC+8 is 18:00 on the 20th in UTC
    found = aware(datetime(2026, 11, 21, 2, 0, tzinfo=EIGHT))
    assert (found.day, found.hour, found.utcoffset()) == (20, 18, timedelta(0))


def test_none_stays_none():
    assert aware(None) is None
    assert day(None) is None
    assert day("") is None


def test_stored_is_naive_utc():
    assert stored(datetime(2026, 11, 21, 2, 0, tzinfo=EIGHT)) == datetime(2026, 11, 20, 18, 0)
    assert stored(datetime(2026, 11, 20, 18, 0)) == datetime(2026, 11, 20, 18, 0)
    assert sqlite_text(datetime(2026, 11, 21, 2, 0, tzinfo=EIGHT)) == "2026-11-20 18:00:00.000000"


def test_days_from_text_dates_and_moments():
    assert day("2026-02-28") == date(2026, 2, 28)
    assert day("2026-02-28 23:00:00.000000") == date(2026, 2, 28)
    assert day(date(2026, 2, 28)) == date(2026, 2, 28)
    # 07:00 on 1 March in UTC+8 is still 28 February in UTC
    assert day(datetime(2026, 3, 1, 7, 0, tzinfo=EIGHT)) == date(2026, 2, 28)


def test_midnight_is_the_stored_start_of_a_day():
    assert midnight(date(2026, 11, 20)) == datetime(2026, 11, 20, 0, 0)
