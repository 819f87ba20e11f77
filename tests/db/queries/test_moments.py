"""Stored timestamps to aware moments and back (PostgreSQL's aware values: test_postgres.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

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


# --- the person's clock: a day's moments and a moment's month (salestui.kernel.clock) ----------

# (stored UTC moment, its month in Los Angeles) around both summer-time changes of 2026 and the
# month ends: 03-08 10:00 UTC is when PDT (UTC−7) starts, 11-01 09:00 UTC when PST (−8) returns.
LA_MONTHS = [
    (datetime(2026, 3, 1, 7, 59), "2026-02"),  # 02-28 23:59 PST
    (datetime(2026, 3, 1, 8, 0), "2026-03"),  # 03-01 00:00 PST
    (datetime(2026, 4, 1, 6, 59), "2026-03"),  # 03-31 23:59 PDT
    (datetime(2026, 4, 1, 7, 0), "2026-04"),
    (datetime(2026, 11, 1, 6, 59), "2026-10"),  # 10-31 23:59 PDT
    (datetime(2026, 11, 1, 7, 0), "2026-11"),
    (datetime(2026, 12, 1, 7, 59), "2026-11"),  # 11-30 23:59 PST
    (datetime(2026, 12, 1, 8, 0), "2026-12"),
]


def months_found(conn, dialect: str) -> list[str]:
    from salestui.db.queries.executor import rows
    from salestui.db.queries.moments import local_prefix

    p: dict = {}
    span = (datetime(2026, 2, 1), datetime(2027, 1, 1))
    month = local_prefix(dialect, "t.at", 7, span, p)
    return [r.m for r in rows(conn, f"SELECT {month} AS m FROM t ORDER BY t.at", p)]


def test_a_moment_s_month_on_the_person_s_clock_in_sqlite():
    from salestui.db.queries.executor import LiteConnection
    from salestui.kernel.clock import zone_of

    conn = LiteConnection(":memory:")
    conn.raw.execute("CREATE TABLE t (at TEXT)")
    conn.raw.executemany("INSERT INTO t VALUES (?)", [(sqlite_text(m),) for m, _ in LA_MONTHS])
    with zone_of("America/Los_Angeles"):
        assert months_found(conn, "sqlite") == [m for _, m in LA_MONTHS]
    with zone_of("Asia/Shanghai"):  # +8 all year: each moment is 8 hours on, in the same month
        assert months_found(conn, "sqlite") == SHANGHAI_MONTHS
    assert months_found(conn, "sqlite") == UTC_MONTHS  # UTC: the stored text itself


SHANGHAI_MONTHS = ["2026-03", "2026-03", "2026-04", "2026-04"] + ["2026-11"] * 2 + ["2026-12"] * 2
UTC_MONTHS = ["2026-03", "2026-03", "2026-04", "2026-04"] + ["2026-11"] * 2 + ["2026-12"] * 2


def test_a_day_starts_at_the_person_s_midnight():
    from salestui.kernel.clock import zone_of

    with zone_of("Asia/Shanghai"):
        assert midnight(date(2026, 10, 1)) == datetime(2026, 9, 30, 16, 0)
        assert day(datetime(2026, 9, 30, 16, 0, tzinfo=UTC)) == date(2026, 10, 1)
        assert day(datetime(2026, 9, 30, 15, 59, tzinfo=UTC)) == date(2026, 9, 30)
    with zone_of("America/Los_Angeles"):
        assert midnight(date(2026, 7, 1)) == datetime(2026, 7, 1, 7, 0)  # PDT
        assert midnight(date(2026, 12, 1)) == datetime(2026, 12, 1, 8, 0)  # PST
    assert midnight(date(2026, 10, 1)) == datetime(2026, 10, 1)  # UTC


@given(st.datetimes(datetime(1900, 1, 1), datetime(2200, 1, 1)), st.sampled_from([0, 1]))
def test_aware_is_the_naive_moment_in_utc_whatever_its_form(moment, fold):
    """``aware`` builds the aware moment without ``replace`` (four times quicker): the same
    moment, microseconds and fold kept, from a naive datetime and from the text SQLite holds."""
    moment = moment.replace(fold=fold)
    want = moment.replace(tzinfo=UTC)
    got = aware(moment)
    assert (got, got.tzinfo, got.fold) == (want, UTC, fold)
    text = aware(moment.isoformat(sep=" ", timespec="microseconds"))
    assert (text, text.tzinfo) == (want, UTC)
    assert aware(want.astimezone(EIGHT)) == want
