"""Values as other tools write them: money, percentages, counts, yes/no.

Each parser is built once per column from the column's values (``1.234,50`` or ``1,234.50`` is
decided from the whole column, never row by row) and then turns one string into one value or
raises :class:`Bad` with the reason a person can act on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal

from salestui.kernel.i18n import N_
from salestui.kernel.money import (
    Unreadable,
    decimal_comma,
    read_decimal,
    read_money,
)

# One value that cannot be read; the message says why. Money is read by the kernel's one reader
# (``salestui.kernel.money.read_money``: forms and ``--amount`` read through it too), so its
# refusal is the same exception.
Bad = Unreadable

# Counts (a quantity, a target's number of deals): far beyond any order, far inside 64 bits.
COUNT_LIMIT = 10**12

TRUE_WORDS = frozenset({"true", "yes", "y", "1", "t", "active", "x", "是"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "f", "inactive", "", "否"})


def money_parser(values: Iterable[str], *, prefer_comma: bool = False) -> Callable[[str], int]:
    """A parser to integer minor units; more than two decimals round half up to the cent, and a
    column keeps to the one currency its first value named."""
    comma = decimal_comma(values, prefer_comma=prefer_comma)
    currencies: list[str] = []

    def parse(raw: str) -> int:
        minor, currency = read_money(raw, comma)
        if currency:
            if not currencies:
                currencies.append(currency)
            elif currency != currencies[0]:
                raise Bad(
                    f"is in {currency} but the column is in {currencies[0]}; "
                    "salestui keeps one currency — convert before importing"
                )
        return minor

    return parse


def _count(value: int) -> int:
    if abs(value) >= COUNT_LIMIT:
        raise Bad(f"is beyond the range of a count (at most {COUNT_LIMIT - 1:,})")
    return value


def number_parser(values: Iterable[str], *, prefer_comma: bool = False) -> Callable[[str], Decimal]:
    comma = decimal_comma(values, prefer_comma=prefer_comma)
    return lambda raw: read_decimal(raw, comma)[0]


def int_parser(values: Iterable[str], *, prefer_comma: bool = False) -> Callable[[str], int]:
    number = number_parser(values, prefer_comma=prefer_comma)

    def parse(raw: str) -> int:
        if raw.isascii() and raw.isdigit() and len(raw) < 13:
            return int(raw)
        value = number(raw)
        if value != value.to_integral_value():
            raise Bad("must be a whole number")
        return _count(int(value))

    return parse


def percent_parser(values: Iterable[str], *, prefer_comma: bool = False) -> Callable[[str], int]:
    """``65%``, ``65.0%`` and ``65`` are 65; a column of fractions (``0.65``) is read as such."""
    values = list(values)
    number = number_parser([v.replace("%", "") for v in values], prefer_comma=prefer_comma)
    fractions = False
    if values and not any("%" in v for v in values):
        try:
            read = [number(v) for v in values if v.strip()]
            fractions = bool(read) and all(abs(x) <= 1 for x in read) and any(x % 1 for x in read)
        except Bad:
            fractions = False

    def parse(raw: str) -> int:
        value = number(raw.replace("%", ""))
        if fractions and "%" not in raw:
            value *= 100
        return _count(int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP)))

    return parse


def parse_bool(raw: str) -> bool:
    key = raw.strip().lower()
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    raise Bad("is not yes/no (true/false, 1/0)")


_EXCEL_DAMAGE = re.compile(
    r"^(\d{1,2}-(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)-\d{1,2})$",
    re.IGNORECASE,
)


def excel_damage(raw: str) -> bool:
    """``01-May`` or ``May-20``: a range such as 1-5 or 5-20 that Excel turned into a date."""
    return bool(_EXCEL_DAMAGE.match(raw.strip()))


EXCEL_DAMAGE_WHY = N_(
    "looks like a range Excel turned into a date (1-5 becomes 01-May); "
    "fix it in the source or map it with --value-map"
)  # shown with _()
