"""What the tests of the per-person kept figures share: the real clock (their stints and
activities are left up to now, so the windows are the real ones, ending today on the tests' UTC
clock) and a moment some days before it as SQLite keeps it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

NOW = datetime.now(UTC).replace(microsecond=0)
TODAY = NOW.date()


def ago(days: float) -> str:
    return (NOW - timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S.%f")


def last_90_days() -> tuple[datetime, datetime]:
    """The first and the end moment (UTC midnights) of the 90 days ending today, written here
    from their definition (today and the 89 days before; half-open)."""
    start, end = TODAY - timedelta(days=89), TODAY + timedelta(days=1)
    return (datetime(d.year, d.month, d.day, tzinfo=UTC) for d in (start, end))


def moment(text: str) -> datetime:
    """A moment as SQLite keeps it, read back on the UTC clock."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
