"""Calendar periods: a month, a quarter or a year (what a leaderboard and a target are counted
over), the week, and the share of a period gone by.

A period is its kind and its first day; its end is the first day of the next one (half-open), so
"closed in the period" is ``start <= closed_at < end`` with no edge counted twice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _

KINDS: tuple[str, ...] = ("month", "quarter", "year")
_MONTHS = {"month": 1, "quarter": 3, "year": 12}


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def first_weekday(settings: Mapping[str, str]) -> int:
    """The ``week_start`` setting (a day name or 0–6, Monday = 0); Monday when unset or junk."""
    raw = str(settings.get("week_start", "")).strip().lower()
    if raw.isascii() and raw.isdigit() and int(raw) < 7:
        return int(raw)
    for i, name in enumerate(WEEKDAYS):
        if raw and name.startswith(raw[:3]):
            return i
    return 0


def week_bounds(day: date, first: int = 0) -> tuple[date, date]:
    """The week holding ``day``: its first day and the first day of the next (half-open)."""
    start = day - timedelta(days=(day.weekday() - first) % 7)
    return start, start + timedelta(days=7)


def year_before(day: date) -> date:
    """The same calendar day a year earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Window:
    """A run of calendar days, half-open like a period: ``start <= day < end``. A timestamp is
    in it when it falls on one of its days (from midnight of ``start`` to midnight of ``end``)."""

    start: date
    end: date  # the day after the last

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end


def last_days(today: date, days: int) -> Window:
    """THE "last N days" of every N-day figure (the health score's 90 and 180 days, the churn
    check's 90 days against the 360 before, "none in 180 days"): N calendar days ending today,
    today included — on 2026-11-20 the last 90 days are 2026-08-23 … 2026-11-20. The N days
    before them end the day before their start."""
    return Window(today - timedelta(days=days - 1), today + timedelta(days=1))


def last_12_months(today: date) -> Window:
    """THE "last 12 months" of every 12-month figure (orders, revenue, the health score's deals,
    activities, complaints and NPS, collections, the funnel): the 12 calendar months ending
    today, from the day after the same day last year through today, by calendar date."""
    return Window(year_before(today) + timedelta(days=1), today + timedelta(days=1))


def twelve_months_before(today: date) -> Window:
    """The 12 months before :func:`last_12_months` (its year-on-year comparison), by the same
    rule one year back."""
    return last_12_months(year_before(today))


def share_elapsed(start: date, end: date, today: date) -> float:
    """How much of [start, end) has gone by at the end of ``today`` (0–1)."""
    total = (end - start).days
    if total <= 0:
        return 1.0
    return min(1.0, max(0.0, ((today - start).days + 1) / total))


@dataclass(frozen=True, order=True)
class Period:
    kind: str
    start: date

    @classmethod
    def containing(cls, kind: str, day: date) -> Period:
        if kind not in KINDS:
            raise DomainError(f"a period is a {', a '.join(KINDS)}, not {kind!r}")
        if kind == "month":
            return cls(kind, date(day.year, day.month, 1))
        if kind == "quarter":
            return cls(kind, quarter_start(day))
        return cls(kind, date(day.year, 1, 1))

    @property
    def months(self) -> int:
        return _MONTHS[self.kind]

    @property
    def end(self) -> date:
        return add_months(self.start, self.months)

    def step(self, n: int) -> Period:
        return Period(self.kind, add_months(self.start, n * self.months))

    def month_starts(self) -> list[date]:
        return [add_months(self.start, i) for i in range(self.months)]

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def __str__(self) -> str:
        return self.label


_FORMS = (
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})-?[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})$"), "year"),
)
RELATIVE = {
    "this-month": ("month", 0),
    "last-month": ("month", -1),
    "this-quarter": ("quarter", 0),
    "last-quarter": ("quarter", -1),
    "this-year": ("year", 0),
    "last-year": ("year", -1),
}


def parse_period(text: str, today: date | None = None) -> Period:
    """``2026-11``, ``2026-Q4``, ``2026``, or (given today) ``this-month`` … ``last-year``."""
    raw = (text or "").strip().lower().replace(" ", "-").replace("_", "-")
    if today is not None and raw in RELATIVE:
        kind, back = RELATIVE[raw]
        return Period.containing(kind, today).step(back)
    for pattern, kind in _FORMS:
        m = pattern.match(raw)
        if not m:
            continue
        year = int(m.group(1))
        if not 1970 <= year <= 2200:
            raise DomainError(_("the year {year} is out of range (1970–2200)").format(year=year))
        if kind == "year":
            return Period(kind, date(year, 1, 1))
        n = int(m.group(2))
        if kind == "month":
            if not 1 <= n <= 12:
                raise DomainError(
                    _("there is no month {n} in {year} (01–12)").format(n=n, year=year)
                )
            return Period(kind, date(year, n, 1))
        return Period(kind, date(year, (n - 1) * 3 + 1, 1))
    if today is not None:
        said = _("a period is YYYY-MM, YYYY-Qn or YYYY or {words}, not {text}")
    else:
        said = _("a period is YYYY-MM, YYYY-Qn or YYYY, not {text}")
    raise DomainError(said.format(words=", ".join(RELATIVE), text=repr(text)))
