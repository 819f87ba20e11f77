"""The person's clock: the time zone that decides "today", where a period or window starts and
ends, and how every stored moment is shown. Stored timestamps stay UTC; only the calendar is the
person's.

One process acts for one person, so the zone is the process's, set once when the person is
known (:func:`use_zone`, from their ``timezone``; none set: the system's). Everything that turns
a moment into a day or a day into a moment asks :func:`zone`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from salestui.kernel.errors import DomainError

_zone: tzinfo | None = None


def system_zone() -> tzinfo:
    """The machine's zone: ``TZ`` when it names one, else /etc/localtime's name, else the fixed
    offset the C library reports now."""
    for name in (os.environ.get("TZ", "").lstrip(":"), _localtime_name()):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return datetime.now().astimezone().tzinfo or UTC


def _localtime_name() -> str:
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return ""
    marker = "/zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else ""


def zone_named(name: str) -> tzinfo:
    """An IANA zone by name (``Asia/Shanghai``, ``UTC``); a clear refusal for anything else."""
    raw = str(name).strip()
    try:
        if raw and ".." not in raw and not raw.startswith("/"):
            return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    hint = ", ".join(sorted(z for z in available_timezones() if raw and raw.lower() in z.lower()))
    said = f"; did you mean {hint[:120]}?" if hint else " (e.g. Asia/Shanghai, Europe/Berlin, UTC)"
    raise DomainError(f"no time zone named {raw!r}{said}")


def zone() -> tzinfo:
    global _zone
    if _zone is None:
        _zone = system_zone()
    return _zone


def zone_name(z: tzinfo | None = None) -> str:
    """A zone as people name it (``Asia/Shanghai``); the person's by default."""
    z = zone() if z is None else z
    return getattr(z, "key", None) or str(z)


def use_zone(name_or_zone: str | tzinfo | None) -> tzinfo:
    """The person's zone from now on: a name, a zone, or None / "" for the system's."""
    global _zone
    if isinstance(name_or_zone, tzinfo):
        _zone = name_or_zone
    elif name_or_zone and str(name_or_zone).strip():
        _zone = zone_named(str(name_or_zone))
    else:
        _zone = system_zone()
    return _zone


@contextmanager
def zone_of(name_or_zone: str | tzinfo) -> Iterator[tzinfo]:
    """Within the block, the clock of ``name_or_zone`` (tests at the boundaries of a day)."""
    global _zone
    before = _zone
    try:
        yield use_zone(name_or_zone)
    finally:
        _zone = before


def local_now(moment: datetime | None = None) -> datetime:
    """``moment`` (now by default; naive means UTC) on the person's clock: ``.date()`` is their
    today."""
    if moment is None:
        return datetime.now(zone())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone())


def local_day(moment: datetime) -> date:
    """The person's calendar day of a moment (naive means UTC)."""
    return local_now(moment).date()


def day_start(day: date) -> datetime:
    """The first moment of ``day`` on the person's clock, as an aware UTC moment: every period,
    window and "since" that starts or ends on a day starts or ends here."""
    z = zone()
    return datetime(day.year, day.month, day.day, tzinfo=z).astimezone(UTC)


def offsets(start: datetime, end: datetime) -> tuple[tuple[datetime | None, int], ...]:
    """The zone's UTC offsets (minutes) over [start, end): ``(from, minutes)`` pairs, the first
    ``from`` None. One pair for a zone without daylight saving in that span; a query turning a
    stored moment into a local day or month shifts by these (see ``db/queries/moments.py``)."""
    z = zone()
    first, last = _utc(start).date(), _utc(end).date() + timedelta(days=1)  # whole UTC days
    key = getattr(z, "key", None)
    if key is None:
        return _offsets(z, first, last)
    return _cached_offsets(key, first, last)


def _utc(moment: datetime) -> datetime:
    return (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment).astimezone(UTC)


@lru_cache(maxsize=64)
def _cached_offsets(key: str, first: date, last: date):
    return _offsets(ZoneInfo(key), first, last)


def _minutes(z: tzinfo, at: datetime) -> int:
    return round(at.astimezone(z).utcoffset().total_seconds() / 60)


def _offsets(z: tzinfo, first: date, last: date):
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    end = datetime(last.year, last.month, last.day, tzinfo=UTC)
    found: list[tuple[datetime | None, int]] = [(None, _minutes(z, start))]
    if z is UTC or getattr(z, "key", None) == "UTC":
        return tuple(found)
    step = timedelta(days=1)  # no zone changes its offset twice in a day
    at = start
    while at < end:
        nxt = min(at + step, end)
        if _minutes(z, nxt) != found[-1][1]:
            lo, hi = at, nxt  # the change is in (lo, hi]: find its second
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                if _minutes(z, mid) == found[-1][1]:
                    lo = mid
                else:
                    hi = mid
            found.append((hi.replace(microsecond=0), _minutes(z, hi)))
        at = nxt
    return tuple(found)
