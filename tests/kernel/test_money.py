"""Money as integer minor units: parsed, shown, weighted; hand-worked values."""

from __future__ import annotations

import pytest

from salestui.kernel.errors import DomainError
from salestui.kernel.money import (
    divide_half_up,
    format_amount,
    format_compact,
    half_up,
    money_plain,
    parse_amount,
    weighted_minor,
)

# ---------------------------------------------------------------- parse_amount


@pytest.mark.parametrize(
    ("typed", "minor"),
    [
        ("1,234.50", 123450),  # 1234.50 major × 100
        ("0", 0),
        ("125000", 12500000),  # 125,000 × 100
        ("1,250,000", 125000000),  # 1,250,000 × 100
        ("  42.5 ", 4250),  # spaces trimmed; 42.50 × 100
        ("0.01", 1),  # one cent
        ("+7", 700),
        ("500,000.00", 50000000),  # the approval boundary: 500,000 × 100
    ],
)
def test_parse_amount_accepts(typed, minor):
    assert parse_amount(typed) == minor


@pytest.mark.parametrize(
    "typed",
    ["12.345", "1.234", "1,23", "12,34", "1,2345", "-1", "-0.01", "abc", "", "   ", "1e5", "1..2"],
)
def test_parse_amount_refuses(typed):
    with pytest.raises(DomainError):
        parse_amount(typed)


@pytest.mark.parametrize(
    ("typed", "minor"),
    [
        ("¥1,234,567", 123456700),  # 1,234,567 × 100
        ("￥1,234,567.50", 123456750),  # the full-width sign
        ("RMB 1,250,000.50", 125000050),
        ("USD 485,000.00", 48500000),
        ("1,234元", 123400),
        ("1 234 567", 123456700),  # spaces between thousands
    ],
)
def test_parse_amount_reads_what_the_import_reads(typed, minor):
    """A form takes an amount as the import takes the same cell: one reader for both."""
    from salestui.transfer.values import money_parser

    assert parse_amount(typed) == minor == money_parser([typed])(typed)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("¥-5", "cannot be negative"),
        ("(12.30)", "cannot be negative"),
        ("¥12.345", "more than two decimals"),
        ("1.2万", "must be a number such as"),  # the import does not read 万 either
        ("¥abc", "must be a number such as"),
        ("nan", "must be a number such as"),
    ],
)
def test_parse_amount_refuses_what_a_form_must_not_guess(typed, why):
    with pytest.raises(DomainError, match=why):
        parse_amount(typed)


def test_parse_amount_names_the_field():
    with pytest.raises(DomainError, match="budget"):
        parse_amount("x", field="budget")


# ---------------------------------------------------------------- format_amount / format_compact


@pytest.mark.parametrize(
    ("minor", "shown"),
    [
        (12345600, "123,456"),  # 123,456.00
        (150, "2"),  # 1.50 rounds half up to 2
        (149, "1"),  # 1.49 rounds down
        (250, "3"),  # 2.50 rounds half up to 3 (not to even 2)
        (-150, "-2"),  # -1.50: half away from zero
        (-149, "-1"),
        (0, "0"),
        (100000000000, "1,000,000,000"),  # 1e9 major
        (None, ""),
    ],
)
def test_format_amount_whole_units(minor, shown):
    assert format_amount(minor) == shown


@pytest.mark.parametrize(
    ("minor", "shown"),
    [(123450, "1,234.50"), (5, "0.05"), (-5, "-0.05"), (-123456, "-1,234.56"), (0, "0.00")],
)
def test_format_amount_with_decimals(minor, shown):
    assert format_amount(minor, decimals=True) == shown


@pytest.mark.parametrize(
    ("minor", "shown"),
    [
        (95000, "950"),  # 950 major
        (99900, "999"),  # 999 major: still plain
        (99949, "999"),  # 999.49 rounds down
        (99950, "1.0k"),  # 999.50 rounds half up to 1,000 → shown as 1.0k, never "1000"
        (100000, "1.0k"),  # 1,000 major
        (250, "3"),  # 2.50 rounds half up
        (1225000, "12.3k"),  # 12,250 major = 12.25k, half up → 12.3k
        (1224900, "12.2k"),  # 12,249 = 12.249k → 12.2k
        (34000000, "340.0k"),  # 34,000,000 minor = 340,000 major = 340.0k
        (340000000, "3.40M"),  # 3,400,000 major
        (99995000, "1.00M"),  # 999,950 major = 999.95k → half up 1,000.0k → shown 1.00M
        (125000000000, "1.25B"),  # 1,250,000,000 major
        (-1500000, "-15.0k"),  # -15,000 major
        (-95000, "-950"),
        (-40, "0"),  # -0.40 rounds to 0: no "-0"
        (None, ""),
    ],
)
def test_format_compact(minor, shown):
    assert format_compact(minor) == shown


# ---------------------------------------------------------------- weighted_minor


@pytest.mark.parametrize(
    ("x100", "minor"),
    [
        (0, 0),
        (149, 1),  # 1.49 minor → 1
        (150, 2),  # 1.50 minor → half up → 2
        (151, 2),
        (407385, 4074),  # 123.45 × 33 % = 40.7385 major = 4073.85 minor → 4074
        (120000000, 1200000),  # 120,000 major × 10 %: 12,000,000 × 10 / 100 = 1,200,000
    ],
)
def test_weighted_minor(x100, minor):
    assert weighted_minor(x100) == minor


def test_money_plain_is_exact():
    assert money_plain(0) == "0.00"
    assert money_plain(5) == "0.05"
    assert money_plain(123456789) == "1234567.89"  # no thousands separator
    assert money_plain(-150) == "-1.50"


@pytest.mark.parametrize(
    ("typed", "minor"),
    [("9999999999999.99", 999_999_999_999_999), ("0.01", 1)],
)
def test_the_money_range_reaches_ten_trillion_less_a_cent(typed, minor):
    assert parse_amount("0" * 40 + typed) == minor  # leading zeros are no size
    assert parse_amount(typed) == minor


@pytest.mark.parametrize(
    "typed",
    [
        "99999999999999999999",
        "12,000,000,000,000.55",
        "10000000000000",
        # more digits than Python turns into an int (4,300) or Decimal multiplies exactly (28):
        # refused the same way, never a ValueError (the forecast call form's fuzz test found it)
        "9" * 5002,
        "9" * 5002 + ".5",
        "¥ " + "9" * 40,
        "1" + "0" * 30 + ".25",
    ],
)
def test_a_form_refuses_an_amount_beyond_the_money_range(typed):
    with pytest.raises(DomainError, match="amount is beyond the money range"):
        parse_amount(typed)


# ---------------------------------------------------------------- the one rounding: half up


@pytest.mark.parametrize(
    ("numerator", "denominator", "rounded"),
    [
        (5, 2, 3),  # 2.5 → 3 (round() would give 2)
        (7, 2, 4),  # 3.5 → 4
        (-5, 2, -3),  # a half goes away from zero either way
        (5, -2, -3),
        (14, 3, 5),  # 4.67
        (13, 3, 4),  # 4.33
        (15050, 100, 151),  # 150.5 minor units of a weighted total → 151
        (10**17 + 50, 100, 10**15 + 1),  # exact far beyond a float's 53 bits
    ],
)
def test_divide_half_up(numerator, denominator, rounded):
    assert divide_half_up(numerator, denominator) == rounded


def test_half_up_of_every_kind_of_number():
    from decimal import Decimal
    from fractions import Fraction

    assert half_up(Fraction(453, 2)) == 227  # 226.5
    assert half_up(Decimal("0.5")) == 1 and half_up(Decimal("-0.5")) == -1
    assert half_up(2.5) == 3 and half_up(150.5) == 151  # floats whose half is exact
    assert half_up(7) == 7


def test_weighted_minor_is_half_up_where_round_is_not():
    # 1.01 × 50 % = 0.505 → 51 hundredths... of a major unit: 50.5 minor → 51
    assert weighted_minor(101 * 50) == 51 and round(101 * 50 / 100) == 50
