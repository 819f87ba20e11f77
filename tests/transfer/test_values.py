"""Money, percentages and dates as exports write them; formats decided from the whole column."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from salestui.kernel.errors import DomainError
from salestui.transfer.dates import detect_order, parse_moment, style_option
from salestui.transfer.values import Bad, excel_damage, int_parser, money_parser, percent_parser


@pytest.mark.parametrize(
    ("raw", "minor"),
    [
        ("1,234.50", 123450),
        ("USD 485,000.00", 48500000),
        ("¥12,000", 1200000),
        ("$1,234", 123400),
        ("(12.30)", -1230),
        ("16.448", 1645),  # three decimals round half up to the cent
        ("1234", 123400),
    ],
)
def test_money_with_a_decimal_point(raw, minor):
    assert money_parser([raw])(raw) == minor


def test_money_with_decimal_commas_is_decided_from_the_column():
    column = ["1.234,50", "261,96", "258,576", "45"]
    parse = money_parser(column)
    assert [parse(v) for v in column] == [123450, 26196, 25858, 4500]


def test_a_semicolon_file_reads_ambiguous_amounts_with_a_decimal_comma():
    assert money_parser(["12,5"], prefer_comma=True)("12,5") == 1250
    assert money_parser(["1,234"])("1,234") == 123400


def test_money_refuses_words_and_a_second_currency():
    parse = money_parser(["USD 1.00"])
    with pytest.raises(Bad, match="not a number"):
        parse("n/a")
    parse("USD 5.00")
    with pytest.raises(Bad, match="one currency"):
        parse("EUR 5.00")


def test_percentages_with_and_without_the_sign_and_as_fractions():
    parse = percent_parser(["65%", "65.0%", "7.5%"])
    assert (parse("65%"), parse("65.0%"), parse("7.5%")) == (65, 65, 8)
    fractions = percent_parser(["0.65", "0.1"])
    assert fractions("0.65") == 65
    assert percent_parser(["65", "10"])("65") == 65


def test_whole_numbers():
    assert int_parser(["1,234"])("1,234") == 1234
    with pytest.raises(Bad, match="whole number"):
        int_parser(["1.5"])("1.5")


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "order", "moment"),
    [
        ("2018-02-01 00:00:00", None, utc(2018, 2, 1)),
        ("2026-11-20T10:00:00+08:00", None, utc(2026, 11, 20, 2)),
        ("03/01/19", "DMY", utc(2019, 1, 3)),
        ("11/8/2020", "MDY", utc(2020, 11, 8)),
        ("26-02-2018 19:58", "DMY", utc(2018, 2, 26, 19, 58)),
        ("2/26/2018 19:58", "MDY", utc(2018, 2, 26, 19, 58)),
        ("01-Jan-2015", None, utc(2015, 1, 1)),
        ("Jan 5, 2015", None, utc(2015, 1, 5)),
        ("1/2/70", "MDY", utc(1970, 1, 2)),
        ("1/2/2020 3:04 PM", "MDY", utc(2020, 1, 2, 15, 4)),
    ],
)
def test_date_forms(raw, order, moment):
    assert parse_moment(raw, order) == moment


def test_the_day_month_order_comes_from_the_whole_column():
    assert detect_order(["03/01/19", "04/01/19", "30/12/22"]) == ("DMY", None)
    assert detect_order(["11/8/2020", "6/16/2020"]) == ("MDY", None)
    assert detect_order(["2019-01-03"]) == ("YMD", None)
    order, example = detect_order(["03/01/19", "04/02/19"])
    assert order is None and example == "03/01/19"
    with pytest.raises(DomainError, match="mixes"):
        detect_order(["13/01/2020", "01/13/2020"])


def test_an_unknown_order_is_never_guessed_row_by_row():
    with pytest.raises(Bad, match="--date-format"):
        parse_moment("03/04/2019", None)


def test_date_format_option():
    assert style_option("dmy").order == "DMY"
    assert style_option("M/D/Y").order == "MDY"
    assert style_option("%d.%m.%Y").pattern == "%d.%m.%Y"
    with pytest.raises(DomainError, match="--date-format"):
        style_option("dd-mm")


def test_excel_damaged_ranges_are_recognised():
    assert excel_damage("01-May") and excel_damage("May-20")
    assert not excel_damage("2015-05-01") and not excel_damage("1-5")
    with pytest.raises(Bad, match="Excel"):
        parse_moment("01-May", "DMY")
    assert parse_moment("20/12/2020", "DMY").date() == date(2020, 12, 20)


@pytest.mark.parametrize("raw", ["¹", "²³"])
def test_digits_of_other_forms_are_refused_in_words_not_a_crash(raw):
    # str.isdigit() is true for superscripts, which int() cannot read
    with pytest.raises(Bad):
        int_parser([raw])(raw)
