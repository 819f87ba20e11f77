"""Dates as exports write them, with the day/month order decided from a whole column.

``03/04/2019`` is the 3rd of April or the 4th of March; one row cannot say which, a column can
(``13/04/2019`` further down settles it). When no value in the file settles it the import stops
and asks for ``--date-format`` rather than guess. Two-digit years ``00``–``68`` are 20xx,
``69``–``99`` are 19xx (the POSIX rule). A timestamp without a zone is taken as UTC.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from salestui.kernel import clock
from salestui.kernel.dates import day_out_of_range
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.transfer.values import Bad, excel_damage

ORDERS = ("DMY", "MDY", "YMD")
_TIME = r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6})\d*)?)?\s*([AaPp][Mm])?)?"
_ZONE = r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
_NUMERIC = re.compile(r"^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})" + _TIME + _ZONE + "$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            "jan january", "feb february", "mar march", "apr april", "may", "jun june",
            "jul july", "aug august", "sep sept september", "oct october", "nov november",
            "dec december",
        ),
        start=1,
    )
    for m in names.split()
}  # fmt: skip
_DAY_NAMED = re.compile(
    r"^(\d{1,2})[-/. ]([A-Za-z]{3,9})\.?[-/., ]+(\d{2,4})" + _TIME + _ZONE + "$"
)
_NAMED_DAY = re.compile(
    r"^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?[-/. ](\d{1,2})(?:st|nd|rd|th)?,?[-/. ]+(\d{2,4})"
    + _TIME
    + _ZONE
    + "$"
)
_YEAR_NAMED = re.compile(r"^(\d{4})-([A-Za-z]{3,9})-(\d{1,2})" + _TIME + _ZONE + "$")


@dataclass(frozen=True)
class DateStyle:
    """The way one column writes its dates: a field order, or an explicit strftime pattern."""

    order: str | None = None  # DMY / MDY / YMD
    pattern: str | None = None


def style_option(value: str | None) -> DateStyle | None:
    """``--date-format`` as typed: DMY, MDY, YMD, or a strftime pattern such as ``%d.%m.%Y``."""
    if not value:
        return None
    upper = value.strip().upper().replace("/", "").replace("-", "").replace(".", "")
    if upper in ORDERS:
        return DateStyle(order=upper)
    if "%" in value:
        return DateStyle(pattern=value)
    raise DomainError(
        _(
            "--date-format must be DMY, MDY, YMD or a strftime pattern like %d.%m.%Y, not {value}"
        ).format(value=repr(value))
    )


def _year(text: str) -> int:
    y = int(text)
    if len(text) <= 2:
        return 2000 + y if y < 69 else 1900 + y
    return y


def detect_order(values: Iterable[str]) -> tuple[str | None, str | None]:
    """The day/month order a column's values need, and an example when they do not settle it.

    Returns ``(order, None)`` when decided, ``(None, example)`` when every value fits both D/M/Y
    and M/D/Y; raises :class:`DomainError` when the column mixes the two.
    """
    dmy = mdy = True
    seen_any = False
    example = None
    ambiguous = None
    dmy_only = mdy_only = None
    for v in values:
        m = _NUMERIC.match(v.strip())
        if not m or len(m.group(1)) == 4:
            continue
        seen_any = True
        a, b = int(m.group(1)), int(m.group(3))
        if not (a <= 12 and b <= 31):
            mdy = False
            dmy_only = dmy_only or v
        if not (b <= 12 and a <= 31):
            dmy = False
            mdy_only = mdy_only or v
        if a != b and a <= 12 and b <= 12:
            ambiguous = ambiguous or v
        example = example or v
    if not seen_any:
        return "YMD", None
    if dmy and mdy:
        return ("DMY", None) if ambiguous is None else (None, ambiguous)
    if not dmy and not mdy:
        raise DomainError(
            _(
                "the column mixes day-first and month-first dates ({dmy_only} is D/M/Y, {mdy_only} is M/D/Y); fix the file or pass --date-format with a strftime pattern"
            ).format(dmy_only=repr(dmy_only), mdy_only=repr(mdy_only))
        )
    return ("DMY" if dmy else "MDY"), None


def _clock(m: re.Match, first: int) -> tuple[int, int, int, int, timezone]:
    hour, minute, second, frac, ampm, zone = m.groups()[first : first + 6]
    if hour is None:
        return 0, 0, 0, 0, clock.zone()
    h, mi, s = int(hour), int(minute), int(second or 0)
    if ampm:
        if not 1 <= h <= 12:
            raise Bad("has an hour that does not fit AM/PM")
        h = h % 12 + (12 if ampm.lower() == "pm" else 0)
    micro = int((frac or "0").ljust(6, "0")[:6])
    tz = clock.zone() if not zone else UTC
    if zone and zone.upper() not in ("Z", "UTC", "GMT"):
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    return h, mi, s, micro, tz


def _build(y: int, mo: int, d: int, clock: tuple) -> datetime:
    h, mi, s, micro, tz = clock
    try:
        return datetime(y, mo, d, h, mi, s, micro, tzinfo=tz).astimezone(UTC)
    except OverflowError:
        raise Bad("is outside the calendar") from None
    except ValueError as exc:
        raise Bad(f"is not a real date ({exc})") from None


def _month(name: str) -> int:
    month = _MONTHS.get(name.lower().rstrip("."))
    if month is None:
        raise Bad(f"has an unknown month name {name!r}")
    return month


def parse_moment(raw: str, order: str | None) -> datetime:
    """One value as an aware UTC datetime; a date or time without an offset is the person's
    (a bare date: the first moment of that day on their clock)."""
    s = raw.strip()
    m = _NUMERIC.match(s)
    if m:
        a, b, c = m.group(1), m.group(3), m.group(4)
        if len(a) == 4:
            return _build(int(a), int(b), int(c), _clock(m, 4))
        if len(c) == 3 or order is None:
            raise Bad("is a date whose day/month order is not known: pass --date-format")
        if order == "YMD":
            return _build(_year(a), int(b), int(c), _clock(m, 4))
        d, mo = (a, b) if order == "DMY" else (b, a)
        return _build(_year(c), int(mo), int(d), _clock(m, 4))
    m = _DAY_NAMED.match(s)
    if m:
        return _build(_year(m.group(3)), _month(m.group(2)), int(m.group(1)), _clock(m, 3))
    m = _NAMED_DAY.match(s)
    if m:
        return _build(_year(m.group(3)), _month(m.group(1)), int(m.group(2)), _clock(m, 3))
    m = _YEAR_NAMED.match(s)
    if m:
        return _build(int(m.group(1)), _month(m.group(2)), int(m.group(3)), _clock(m, 3))
    m = _COMPACT.match(s)
    if m:
        return _build(int(m.group(1)), int(m.group(2)), int(m.group(3)), (0, 0, 0, 0, clock.zone()))
    try:
        moment = datetime.fromisoformat(s)
    except ValueError:
        if excel_damage(s):
            raise Bad("has no year: Excel turned it into a day-month; re-export the file") from None
        raise Bad("is not a date") from None
    return _utc(moment)


def _utc(moment: datetime) -> datetime:
    try:
        return moment.replace(tzinfo=moment.tzinfo or clock.zone()).astimezone(UTC)
    except OverflowError:
        raise Bad("is outside the calendar") from None


def moment_parser(style: DateStyle) -> Callable[[str], datetime]:
    read = _reader(style)

    def parse(raw: str) -> datetime:
        moment = read(raw)
        if why := day_out_of_range(clock.local_day(moment)):
            raise Bad(why)
        return moment

    return parse


def _reader(style: DateStyle) -> Callable[[str], datetime]:
    if style.pattern:
        pattern = style.pattern

        def strict(raw: str) -> datetime:
            try:
                moment = datetime.strptime(raw.strip(), pattern)
            except ValueError:
                raise Bad(f"does not match --date-format {pattern}") from None
            return _utc(moment)

        return strict
    order = style.order
    return lambda raw: parse_moment(raw, order)


def day_parser(style: DateStyle) -> Callable[[str], date]:
    moment = moment_parser(style)
    return lambda raw: clock.local_day(moment(raw))


def column_style(
    values: Iterable[str], chosen: DateStyle | None, *, column: str
) -> DateStyle | None:
    """The style to read one column with: the one chosen, or the one its values settle.

    ``None`` means the column cannot tell; the caller may borrow another column's order.
    """
    if chosen is not None:
        return chosen
    order, _example = detect_order(_unique(values))
    return DateStyle(order=order) if order else None


def ambiguity_message(column: str, values: Iterable[str]) -> str:
    _order, example = detect_order(_unique(values))
    return (
        f"column {column!r}: dates such as {example!r} read as D/M/Y or M/D/Y and no date in the "
        "file settles which; pass --date-format DMY or --date-format MDY"
    )


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
