"""The column-wise twins of the cell formatters (a large report's fast path) give exactly the text
of the one-value functions they stand beside, whatever the values: the one-value functions are
the definition, and each twin is checked against it value by value."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from salestui.kernel.csv_cells import CsvOut, formulas_as_written
from salestui.kernel.dates import shown_date, shown_dates
from salestui.kernel.format import number, numbers
from salestui.kernel.money import money_plain, money_plain_column
from salestui.kernel.report_table import Column, render_columns, render_table


@given(st.lists(st.none() | st.integers(-(10**15), 10**15)))
def test_amounts_column_wise_are_the_amounts_one_by_one(values):
    assert money_plain_column(values) == [None if v is None else money_plain(v) for v in values]


HALVES = st.integers(-(10**6), 10**6).map(lambda n: n / 20)  # x.x5 and x.x0: every half case


@settings(max_examples=300)
@given(
    st.lists(
        st.none()
        | st.just(float("nan"))
        | st.just(-0.0)
        | HALVES
        | st.floats(-1e15, 1e15)  # (the one-value rounding itself stops at 28 digits)
    ),
    st.integers(0, 3),
)
def test_numbers_column_wise_are_the_numbers_one_by_one(values, decimals):
    column = [float("nan") if v is None else v for v in values]
    assert numbers(column, decimals=decimals, missing=None) == [
        number(v, decimals=decimals, missing=None) for v in column
    ]


def test_numbers_by_hand():
    # half away from zero on the number as written; no "-0"
    assert numbers([12.25, -12.25, 2.675, -0.04, float("nan")], decimals=1, missing=None) == [
        "12.3",
        "-12.3",
        "2.7",
        "0.0",
        None,
    ]
    # halves a float holds just below (2.675 is 2.67499999999999982236431605997495353221893310546875)
    # round up all the same: the number as written decides
    assert numbers([2.675, -2.675, 1.005, 0.145], decimals=2, missing=None) == [
        "2.68",
        "-2.68",
        "1.01",
        "0.15",
    ]


@given(st.lists(st.none() | st.dates(date(1900, 1, 1), date(2200, 12, 31))))
def test_days_column_wise_are_the_days_one_by_one(days):
    column = pd.to_datetime(pd.Series(days, dtype="object")).astype("datetime64[us]")
    assert shown_dates(column, missing=None) == [
        None if d is None else shown_date(d, missing=None) for d in days
    ]


CELL = (
    st.none()
    | st.integers(-1000, 1000)
    | st.sampled_from(["-5.7", "+3", "=1+1", "@SUM(A1)", " =x", "'=x", "\tx", "a\rb", "", "-"])
    | st.text(max_size=6)
)


def _by_rows(rows, as_written: bool) -> str:
    out = io.StringIO()
    with formulas_as_written(as_written):
        writer = CsvOut(out)
        for row in rows:
            writer.writerow(row)
    return out.getvalue()


@settings(max_examples=300)
@given(st.integers(1, 4).flatmap(lambda n: st.lists(st.lists(CELL, min_size=n, max_size=n))))
def test_csv_written_a_column_at_a_time_is_the_csv_written_row_by_row(rows):
    width = len(rows[0]) if rows else 1
    columns = [[r[i] for r in rows] for i in range(width)]
    for as_written in (False, True):
        out = io.StringIO()
        with formulas_as_written(as_written):
            CsvOut(out).write_columns(columns)
        assert out.getvalue() == _by_rows(rows, as_written)


def test_a_table_given_by_columns_renders_as_by_rows():
    columns = (
        Column("id", "Id", right=True, thousands=False),
        Column("name", "Customer"),
        Column("amount", "Amount", money=True, right=True),
    )
    data = {"id": [1, 2, 3], "name": ["=cmd", "Acme | Co", None], "amount": [12345, -5, None]}
    rows = [
        {"id": 1, "name": "=cmd", "amount": 12345},
        {"id": 2, "name": "Acme | Co", "amount": -5},
        {"id": 3, "name": None, "amount": None},
    ]
    for fmt in ("csv", "md", "json"):
        assert render_columns(columns, data, fmt) == render_table(columns, rows, fmt)
    assert render_columns(columns, data, "csv").splitlines()[1] == "1,'=cmd,123.45"
