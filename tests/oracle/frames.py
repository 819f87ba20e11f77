"""The tables as pandas frames, read straight from the SQLite file (no salestui code), and the
calendar the README defines: today, the last 12 months, quarters — in the clock's zone."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

TIMESTAMPS = {
    "person": [],
    "customer": ["created_at"],
    "opportunity": ["created_at", "stage_entered_at", "closed_at", "last_activity_at"],
    "stage_change": ["changed_at"],
    "activity": ["occurred_at"],
    "complaint": ["opened_at", "first_response_at", "resolved_at"],
    "lead": ["created_at", "first_contact_at"],
    "action_item": ["created_at", "done_at"],
    "audit_log": ["at"],
}
DATES = {
    "person": ["hire_date"],
    "opportunity": ["expected_close"],
    "sales_order": ["order_date", "due_date", "paid_date"],
    "target": ["period_start"],
    "nps_answer": ["answered_on"],
    "action_item": ["due"],
}
TABLES = (
    "region person customer opportunity stage_change sales_order activity target complaint "
    "nps_answer lead action_item setting audit_log"
).split()


@dataclass
class Clock:
    """The moment a report is run and the zone its calendar is read in."""

    now: datetime  # aware
    zone: str = "UTC"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    @property
    def local_now(self) -> pd.Timestamp:
        """Now as a naive local wall-clock time, comparable with the frames' columns."""
        return pd.Timestamp(self.now.astimezone(self.tz).replace(tzinfo=None))

    @property
    def today(self) -> date:
        return self.now.astimezone(self.tz).date()


def load(path: str, clock: Clock) -> dict[str, pd.DataFrame]:
    """Every table; stored UTC timestamps become naive local wall-clock times of ``clock``."""
    con = sqlite3.connect(path)
    try:
        frames = {t: pd.read_sql(f'SELECT * FROM "{t}"', con) for t in TABLES}
    finally:
        con.close()
    for table, cols in TIMESTAMPS.items():
        for col in cols:
            utc = pd.to_datetime(frames[table][col], utc=True, format="mixed")
            frames[table][col] = utc.dt.tz_convert(clock.zone).dt.tz_localize(None)
    for table, cols in DATES.items():
        for col in cols:
            frames[table][col] = pd.to_datetime(frames[table][col]).dt.date
    return frames


def settings(frames) -> dict[str, str]:
    s = frames["setting"]
    return dict(zip(s["key"], s["value"], strict=True))


def setting_int(frames, key: str, default: int) -> int:
    try:
        return int(settings(frames).get(key, default))
    except ValueError:
        return default


def minus_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def last_12_months(today: date, back: int = 0) -> tuple[date, date]:
    """README: from the day after the same day last year through today; ``back`` years earlier."""
    end = minus_years(today, back)
    return minus_years(end, 1) + timedelta(days=1), end


def quarter_of(d: date) -> tuple[date, date]:
    """First and last day of d's quarter."""
    q0 = date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    nxt = date(q0.year + (q0.month + 2) // 12, (q0.month + 2) % 12 + 1, 1)
    return q0, nxt - timedelta(days=1)


def day(ts) -> date | None:
    return None if pd.isna(ts) else ts.date()


def between(series: pd.Series, first: date, last: date) -> pd.Series:
    """Dates (or the dates of timestamps) within [first, last]."""
    if pd.api.types.is_datetime64_any_dtype(series):
        series = series.dt.date
    return series.map(lambda d: d is not None and not pd.isna(d) and first <= d <= last).astype(
        bool
    )


def half_up(numerator: int, denominator: int) -> int:
    """An exact integer ratio rounded half up (away from zero for negatives)."""
    sign = -1 if (numerator < 0) != (denominator < 0) else 1
    q, r = divmod(abs(numerator), abs(denominator))
    return sign * (q + (1 if 2 * r >= abs(denominator) else 0))


def major(minor: int) -> str:
    """Minor units as the reports write money: major units, two decimals."""
    sign = "-" if minor < 0 else ""
    return f"{sign}{abs(minor) // 100}.{abs(minor) % 100:02d}"
