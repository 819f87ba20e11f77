"""Dates as people type them in forms, and timestamps shown in local time."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from salestui.kernel.clock import local_now
from salestui.kernel.errors import DomainError

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# The days a record may carry: a 9999-12-31 "no end" marker or a year-0 typo is refused where it
# is typed or imported, before date arithmetic (a quarter after it, a local time) overflows.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2200, 12, 31)


def day_out_of_range(day: date) -> str | None:
    """Why ``day`` cannot be a record's date, or None when it can."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        return f"is outside {EARLIEST_DAY.year}–{LATEST_DAY.year}"
    return None


def parse_day(text: str | date, *, field: str = "date") -> date:
    """ISO ``YYYY-MM-DD`` only in forms: unambiguous, and what the app shows back."""
    if isinstance(text, date):
        return text
    raw = str(text).strip()
    if not raw:
        raise DomainError(f"{field} is required (YYYY-MM-DD)")
    if not _ISO_DAY.match(raw):
        raise DomainError(f"{field} must be a date as YYYY-MM-DD, not {raw!r}")
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise DomainError(f"{field} must be a real date as YYYY-MM-DD, not {raw!r}") from None
    if why := day_out_of_range(day):
        raise DomainError(f"{field} {raw} {why}")
    return day


def utc_now() -> datetime:
    return datetime.now(UTC)


DAY = "%Y-%m-%d"
MONTH = "%Y-%m"
SHORT_MONTH = "%y-%m"  # under a chart


def shown_date(day: date | None, fmt: str = DAY, missing: str | None = "") -> str | None:
    """A calendar day or month as screens and reports show it (``DAY`` 2026-11-20, ``MONTH``
    2026-11, ``SHORT_MONTH`` 26-11); ``missing`` for None or NaT. A day is the person's already:
    no time zone is applied (a stored moment is shown with :func:`local`)."""
    if day is None or day != day:
        return missing
    return day.strftime(fmt)


def shown_dates(days, fmt: str = DAY, missing: str | None = "") -> list[str | None]:
    """:func:`shown_date` of each day of a pandas column of days (datetime64): the same text."""
    text = days.dt.strftime(fmt)
    return [missing if v is None or v != v else v for v in text.tolist()]


def local(moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC moment on the person's clock (``salestui.kernel.clock``)."""
    if moment is None:
        return ""
    return local_now(moment).strftime(fmt)


def days_between(earlier: datetime, later: datetime) -> int:
    if earlier.tzinfo is None:
        earlier = earlier.replace(tzinfo=UTC)
    if later.tzinfo is None:
        later = later.replace(tzinfo=UTC)
    return (later - earlier).days
