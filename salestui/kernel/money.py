"""Money as integer minor units: parsed from what a person types, shown with thousands separators."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from salestui.kernel.domain import MINOR_PER_MAJOR
from salestui.kernel.errors import DomainError

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


_TYPED = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$")


def parse_amount(text: str, *, field: str = "amount") -> int:
    """``'1,234.50'`` → 123450. Refuses negatives, more than two decimals and anything non-numeric."""
    raw = str(text).strip().replace(" ", "").replace("_", "")
    if not raw:
        raise DomainError(f"{field} is required")
    if not _TYPED.match(raw):
        raise DomainError(f"{field} must be a number such as 125000 or 1,250.50, not {text!r}")
    try:
        value = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        raise DomainError(f"{field} must be a number, not {text!r}") from None
    if value < 0:
        raise DomainError(f"{field} cannot be negative")
    minor = int(value * MINOR_PER_MAJOR)
    if why := money_out_of_range(minor):
        raise DomainError(f"{field} {why}")
    return minor


def _with_cents(minor: int, thousands: str) -> str:
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(int(minor)), MINOR_PER_MAJOR)
    return f"{sign}{whole:{thousands}}.{cents:02d}"


def format_amount(minor: int | None, *, decimals: bool = False) -> str:
    """12345600 → '123,456' (whole units on boards; ``decimals`` for detail and reports)."""
    if minor is None:
        return ""
    if decimals:
        return _with_cents(minor, ",")
    major = Decimal(int(minor)) / MINOR_PER_MAJOR
    return f"{major.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"


def money_plain(minor: int) -> str:
    """123456 → '1234.56': exact, parseable, for CSV and JSON (never a float's rounding)."""
    return _with_cents(minor, "")


def format_compact(minor: int | None) -> str:
    """A short amount for narrow columns: 950, 12.5k, 3.40M, 1.2B."""
    if minor is None:
        return ""
    major = Decimal(int(minor)) / MINOR_PER_MAJOR
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
