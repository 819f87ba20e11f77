"""Values as other tools write them: money, percentages, counts, yes/no.

Each parser is built once per column from the column's values (``1.234,50`` or ``1,234.50`` is
decided from the whole column, never row by row) and then turns one string into one value or
raises :class:`Bad` with the reason a person can act on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from salestui.kernel.domain import MINOR_PER_MAJOR
from salestui.kernel.money import money_out_of_range


class Bad(ValueError):
    """One value that cannot be read; the message says why."""


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
# Counts (a quantity, a target's number of deals): far beyond any order, far inside 64 bits.
COUNT_LIMIT = 10**12
_NOT_NUMBERS = frozenset({"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"})
NOT_A_NUMBER_WHY = "is not a number (NaN or infinity): leave the cell empty where there is none"

TRUE_WORDS = frozenset({"true", "yes", "y", "1", "t", "active", "x", "是"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "f", "inactive", "", "否"})


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


def _decimal(raw: str, comma: bool) -> tuple[Decimal, str]:
    if raw.strip().lower() in _NOT_NUMBERS:
        raise Bad(NOT_A_NUMBER_WHY)
    s, negative, currency = _strip_number(raw)
    if not s:
        raise Bad("is not a number")
    style = _COMMA_STYLE if comma else _DOT_STYLE
    if not style.match(s):
        example = "1.234,50" if comma else "1,234.50"
        raise Bad(f"is not a number written like the rest of the column ({example})")
    s = s.replace(".", "").replace(",", ".") if comma else s.replace(",", "")
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise Bad("is not a number") from None
    return (-value if negative else value), currency


def money_parser(values: Iterable[str], *, prefer_comma: bool = False) -> Callable[[str], int]:
    """A parser to integer minor units; more than two decimals round half up to the cent."""
    comma = decimal_comma(values, prefer_comma=prefer_comma)
    currencies: list[str] = []

    plain = _PLAIN.match if not comma and MINOR_PER_MAJOR == 100 else None

    def parse(raw: str) -> int:
        if plain is not None and plain(raw):  # 1,234.5 → "1234" + "50" cents
            whole, _, cents = raw.replace(",", "").partition(".")
            return _money(int(whole + (cents + "00")[:2]))
        value, currency = _decimal(raw, comma)
        if currency:
            if not currencies:
                currencies.append(currency)
            elif currency != currencies[0]:
                raise Bad(
                    f"is in {currency} but the column is in {currencies[0]}; "
                    "salestui keeps one currency — convert before importing"
                )
        return _money(int((value * MINOR_PER_MAJOR).quantize(Decimal(1), rounding=ROUND_HALF_UP)))

    return parse


def _money(minor: int) -> int:
    if why := money_out_of_range(minor):
        raise Bad(why)
    return minor


def _count(value: int) -> int:
    if abs(value) >= COUNT_LIMIT:
        raise Bad(f"is beyond the range of a count (at most {COUNT_LIMIT - 1:,})")
    return value


def number_parser(values: Iterable[str], *, prefer_comma: bool = False) -> Callable[[str], Decimal]:
    comma = decimal_comma(values, prefer_comma=prefer_comma)
    return lambda raw: _decimal(raw, comma)[0]


def int_parser(values: Iterable[str], *, prefer_comma: bool = False) -> Callable[[str], int]:
    number = number_parser(values, prefer_comma=prefer_comma)

    def parse(raw: str) -> int:
        if raw.isdigit() and len(raw) < 13:
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


EXCEL_DAMAGE_WHY = (
    "looks like a range Excel turned into a date (1-5 becomes 01-May); "
    "fix it in the source or map it with --value-map"
)
