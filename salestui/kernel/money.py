"""Money as integer minor units: parsed from what a person types, shown with thousands separators."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from salestui.kernel.domain import MINOR_PER_MAJOR
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import ZH, language

# The money range: amounts up to ten trillion in major units (10^15 minor units) either way. Wider
# than any deal, order or target a team keeps, and far inside SQLite's and PostgreSQL's 64-bit
# integers, so a sum of many still fits.
MONEY_LIMIT_MINOR = 10**15


def money_out_of_range(minor: int) -> str | None:
    """Why ``minor`` cannot be stored as money, or None when it can."""
    if abs(minor) >= MONEY_LIMIT_MINOR:
        return (
            f"is beyond the money range (at most {MONEY_LIMIT_MINOR // MINOR_PER_MAJOR - 1:,}"
            f".{MINOR_PER_MAJOR - 1} either way)"
        )
    return None


# more whole digits than any amount in range has: refused before the arithmetic
_MOST_DIGITS = len(str(MONEY_LIMIT_MINOR // MINOR_PER_MAJOR))


class Unreadable(ValueError):
    """A value that cannot be read as a number; the message says why, for a person to act on."""


# How people and other tools write an amount: a currency code or sign before or after it
# (``¥1,234,567``, ``USD 485,000.00``, ``1,234元``), spaces or apostrophes between thousands,
# ``(12.30)`` or a trailing minus for a negative, a decimal point or (a column's choice) comma.
_CODE_LEAD = re.compile(r"^(US\$|CN¥|RMB|[A-Za-z]{3})\s*(?=[-+(\d$€£¥￥₹₩])")
_CODE_TAIL = re.compile(r"(?<=[\d)])\s*(RMB|[A-Za-z]{3}|元)$")
_SYMBOL = re.compile(r"[$€£¥￥₹₩]")
_SPACES = re.compile(r"[\s\u00a0\u202f'_]")
_DOT_STYLE = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_COMMA_STYLE = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_COMMA_EVIDENCE = re.compile(r"\d,(\d{1,2}|\d{4,})$|\.\d{3},|^\d{1,3}(\.\d{3}){2,}$")
_DOT_EVIDENCE = re.compile(r"\d\.(\d{1,2}|\d{4,})$|,\d{3}\.|^\d{1,3}(,\d{3}){2,}$")
_PLAIN = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$")
_QUICK_DOT = re.compile(r"^-?[\d,]*\d\.\d\d?$")
DECISIVE_VOTES = 2000
_NOT_NUMBERS = frozenset({"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"})
NOT_A_NUMBER_WHY = "is not a number (NaN or infinity): leave the cell empty where there is none"


def _strip_number(raw: str) -> tuple[str, bool, str]:
    """The bare digits of a number, whether it is negative, and the currency it named."""
    s = raw.strip()
    currency = ""
    m = _CODE_LEAD.match(s) or _CODE_TAIL.search(s)
    if m:
        currency = m.group(1).upper()
        s = (s[: m.start()] + s[m.end() :]).strip()
    m = _SYMBOL.search(s)
    if m:
        currency = currency or m.group(0)
        s = _SYMBOL.sub("", s).strip()
    negative = False
    if s.startswith("(") and s.endswith(")"):
        s, negative = s[1:-1].strip(), True
    if s.startswith("-") or s.startswith("−"):
        s, negative = s[1:], not negative
    elif s.endswith("-"):
        s, negative = s[:-1], not negative
    elif s.startswith("+"):
        s = s[1:]
    return _SPACES.sub("", s), negative, currency


def decimal_comma(values: Iterable[str], *, prefer_comma: bool = False) -> bool:
    """Whether a column writes ``1.234,50`` (True) or ``1,234.50`` (False), from all its values."""
    comma = dot = 0
    for v in values:
        if comma + dot >= DECISIVE_VOTES:
            break
        if _QUICK_DOT.match(v):
            dot += 1
            continue
        s = _strip_number(v)[0]
        if _COMMA_EVIDENCE.search(s):
            comma += 1
        elif _DOT_EVIDENCE.search(s):
            dot += 1
    if comma == dot:
        return prefer_comma
    return comma > dot


def read_decimal(raw: str, comma: bool = False) -> tuple[Decimal, str]:
    """A number as written (``comma``: with a decimal comma) and the currency it named, if any."""
    if raw.strip().lower() in _NOT_NUMBERS:
        raise Unreadable(NOT_A_NUMBER_WHY)
    s, negative, currency = _strip_number(raw)
    if not s:
        raise Unreadable("is not a number")
    style = _COMMA_STYLE if comma else _DOT_STYLE
    if not style.match(s):
        example = "1.234,50" if comma else "1,234.50"
        raise Unreadable(f"is not a number written like the rest of the column ({example})")
    s = s.replace(".", "").replace(",", ".") if comma else s.replace(",", "")
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise Unreadable("is not a number") from None
    return (-value if negative else value), currency


def read_money(raw: str, comma: bool = False) -> tuple[int, str]:
    """THE reading of an amount, whoever wrote it (an import's cell, a form, ``--amount``):
    integer minor units, more than two decimals rounded half up to the cent, and the currency
    named. Raises :class:`Unreadable` saying why."""
    beyond = money_out_of_range(MONEY_LIMIT_MINOR)
    if not comma and MINOR_PER_MAJOR == 100 and _PLAIN.match(raw):  # 1,234.5 → "1234" + "50"
        whole, _, cents = raw.replace(",", "").partition(".")
        if len(whole.lstrip("-0")) > _MOST_DIGITS:  # nor turned into an int: 4,300 digits raise
            raise Unreadable(beyond)
        minor, currency = int(whole + (cents + "00")[:2]), ""
    else:
        value, currency = read_decimal(raw, comma)
        if value.adjusted() >= _MOST_DIGITS:  # nor multiplied past Decimal's 28 digits
            raise Unreadable(beyond)
        minor = int((value * MINOR_PER_MAJOR).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if why := money_out_of_range(minor):
        raise Unreadable(why)
    return minor, currency


def parse_amount(text: str, *, field: str = "amount") -> int:
    """An amount a person typed, read as an import reads it (``¥1,234,567``, ``USD 1,250.50``,
    ``1 234 567``): a form's figure is never guessed, so it refuses a negative, more than two
    decimals and a decimal comma (``12,34``) that a column of figures could have settled."""
    raw = str(text).strip()
    if not raw:
        raise DomainError(f"{field} is required")
    try:
        value, _ = read_decimal(raw)
        minor, _ = read_money(raw)
    except Unreadable as exc:
        why = str(exc)
        if why.startswith("is not a number"):
            why = "must be a number such as 125000, 1,250.50 or ¥1,234,567"
        raise DomainError(f"{field} {why}, not {text!r}") from None
    if value < 0:
        raise DomainError(f"{field} cannot be negative")
    if value != value.quantize(Decimal("0.01")):
        raise DomainError(f"{field} has more than two decimals: {text!r}")
    return minor


def _with_cents(minor: int, thousands: str) -> str:
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(int(minor)), MINOR_PER_MAJOR)
    return f"{sign}{whole:{thousands}}.{cents:02d}"


# Chinese reads large amounts in 万 (10^4) and 亿 (10^8): an option a team turns on with the
# setting ``ui.wan`` (``on``), for Chinese only; English keeps thousands separators.
WAN_SETTING = "ui.wan"
_large_units = False


def use_large_units(on: bool) -> None:
    global _large_units
    _large_units = bool(on)


def _in_units(major: Decimal, units: tuple[tuple[int, str], ...], places: int) -> str | None:
    """``major`` in the largest of ``units`` it reaches, half up to ``places``; None below all."""
    sign = "-" if major < 0 else ""
    size = abs(major)
    for scale, suffix in reversed(units):
        if size >= scale:
            shown = (size / scale).quantize(Decimal(10) ** -places, rounding=ROUND_HALF_UP)
            return f"{sign}{shown:,}{suffix}"
    return None


_CHINESE_UNITS = ((10**4, "万"), (10**8, "亿"))


def format_amount(minor: int | None, *, decimals: bool = False) -> str:
    """12345600 → '123,456' (whole units on boards; ``decimals`` for detail and reports); in
    Chinese with ``ui.wan`` on, '12.35万'."""
    if minor is None:
        return ""
    if _large_units and language() == ZH:
        major = Decimal(int(minor)) / MINOR_PER_MAJOR
        said = _in_units(major, _CHINESE_UNITS, 2)
        if said is not None:
            return said
    if decimals:
        return _with_cents(minor, ",")
    major = Decimal(int(minor)) / MINOR_PER_MAJOR
    return f"{major.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"


def money_plain(minor: int) -> str:
    """123456 → '1234.56': exact, parseable, for CSV and JSON (never a float's rounding)."""
    return _with_cents(minor, "")


def money_plain_column(values) -> list[str | None]:
    """:func:`money_plain` of each whole number of a column (None stays None): the same text,
    at a third of the cost (a report of 125,000 customers has 375,000 amounts)."""
    per, width = MINOR_PER_MAJOR, len(str(MINOR_PER_MAJOR - 1))
    return [
        None
        if m is None
        else f"{m // per}.{m % per:0{width}d}"
        if m >= 0
        else f"-{-m // per}.{-m % per:0{width}d}"
        for m in values
    ]


def format_compact(minor: int | None) -> str:
    """A short amount for narrow columns: 950, 12.5k, 3.40M, 1.2B; in Chinese 950, 1.25万,
    3.40亿 (Chinese counts in ten-thousands, never in thousands)."""
    if minor is None:
        return ""
    major = Decimal(int(minor)) / MINOR_PER_MAJOR
    if language() == ZH:
        return (
            _in_units(major, _CHINESE_UNITS, 2)
            or f"{major.quantize(Decimal(1), rounding=ROUND_HALF_UP)}"
        )
    sign = "-" if major < 0 else ""
    major = abs(major)
    # Round half up in each unit, and step up a unit when rounding reaches 1,000 (999.5 → 1.0k).
    for scale, suffix, places in ((1, "", 0), (10**3, "k", 1), (10**6, "M", 2), (10**9, "B", 2)):
        shown = (major / scale).quantize(Decimal(10) ** -places, rounding=ROUND_HALF_UP)
        if shown < 1000 or suffix == "B":
            break
    return f"{sign if shown else ''}{shown}{suffix}"


# THE rounding of every shown figure computed from money: half up (a half goes away from zero),
# in integers, once, at the end. Never Python's round(), which takes a half to the even
# neighbour, on a float that may not hold the half exactly.


def divide_half_up(numerator: int, denominator: int) -> int:
    """``numerator ÷ denominator`` to the nearest integer, a half away from zero; exact at any
    size."""
    numerator, denominator = int(numerator), int(denominator)
    if denominator == 0:
        raise ZeroDivisionError("divide_half_up by zero")
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    q, r = divmod(abs(numerator), denominator)
    whole = q + (1 if 2 * r >= denominator else 0)
    return -whole if numerator < 0 else whole


def half_up(value: int | float | Decimal | Fraction) -> int:
    """A figure that is not whole (a share of a target, a forecast, a plan) as whole minor units,
    half up. An int, Decimal or Fraction is exact; a float is taken at its exact binary value."""
    if isinstance(value, Fraction):
        return divide_half_up(value.numerator, value.denominator)
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def weighted_minor(amount_times_percent: int) -> int:
    """Σ(amount × probability%) kept exact as integer, then rounded half up to minor units,
    once: the board, its report and the weekly review all show this."""
    return divide_half_up(amount_times_percent, 100)
