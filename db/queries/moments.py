"""The one place where stored timestamps meet the app's aware ones.

Timestamps are stored as UTC: SQLite keeps them as naive text (``2026-11-20 10:00:00.000000``),
PostgreSQL as ``timestamptz``. The app works with aware UTC datetimes. Every read turns what
comes back (text, a naive or an aware datetime, or None) into an aware moment with
:func:`aware`, every query parameter goes the other way with :func:`stored`, and calendar days
come back through :func:`day`. Standard library only: the board reads before SQLAlchemy loads.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

# How SQLAlchemy's DateTime writes a moment on SQLite; bound text must compare the same way.
SQLITE_TIMESTAMP = "%Y-%m-%d %H:%M:%S.%f"


def aware(value: datetime | str | None) -> datetime | None:
    """A stored timestamp (naive means UTC) as an aware UTC datetime; None stays None."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(str(value))
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def stored(moment: datetime) -> datetime:
    """A moment as it is stored: naive UTC (an aware moment is converted, a naive one is UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def sqlite_text(moment: datetime) -> str:
    """A moment as SQLite holds it, for the stdlib driver."""
    return stored(moment).strftime(SQLITE_TIMESTAMP)


def day(value: date | datetime | str | None) -> date | None:
    """A stored calendar day (a date, or its ISO text on SQLite); a timestamp gives its UTC day."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return aware(value).date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def midnight(on: date) -> datetime:
    """The start of a calendar day as a stored moment (naive UTC)."""
    return datetime(on.year, on.month, on.day)
