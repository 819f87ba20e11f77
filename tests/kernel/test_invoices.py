"""Invoices, credit notes and the collection rate's window and words, worked out by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd

from salestui.kernel.invoices import (
    basis_words,
    collection_basis,
    collection_rate,
    collection_window,
    invoice_sql,
    is_invoice,
    open_sql,
    paid_sql,
)

Q4, Q1 = date(2026, 10, 1), date(2027, 1, 1)


def test_a_credit_note_is_not_an_invoice():
    assert is_invoice(1) and not is_invoice(0) and not is_invoice(-500)
    assert invoice_sql("s") == "s.amount_minor > 0"


def test_the_collection_window_stops_at_today():
    # Q4 on 2026-11-20: invoices due 2026-10-01 .. 2026-11-20
    w = collection_window(Q4, Q1, date(2026, 11, 20))
    assert (w.start, w.last) == (Q4, date(2026, 11, 20))
    # a quarter over: all of it; a quarter not begun: nothing
    assert collection_window(Q4, Q1, date(2027, 2, 1)).end == Q1
    w = collection_window(Q1, date(2027, 4, 1), date(2026, 11, 20))
    assert w.start == w.end == Q1


def test_the_rate_and_its_words():
    assert collection_rate(750, 1000) == 0.75 and collection_rate(0, 0) is None
    rates = collection_rate(pd.Series([50, 0]), pd.Series([100, 0]))
    assert rates[0] == 0.5 and pd.isna(rates[1])
    assert collection_basis("2026-Q4", Q4, Q1, date(2026, 11, 20)) == (
        "invoices due 2026-Q4 to date"
    )
    assert collection_basis("2026-Q4", Q4, Q1, date(2027, 1, 1)) == "invoices due 2026-Q4"
    # on the last day every invoice of the period has fallen due: no "to date"
    assert collection_basis("2026-Q4", Q4, Q1, date(2026, 12, 31)) == "invoices due 2026-Q4"


def test_the_basis_in_the_persons_words():
    from salestui.kernel.i18n import set_language

    assert basis_words("invoices due 2026-Q4 to date") == "invoices due 2026-Q4 to date"
    set_language("zh")
    assert basis_words("invoices due 2026-Q4 to date") == "2026-Q4 至今到期的发票"
    assert basis_words("invoices due 2026-11") == "2026-11 到期的发票"
    assert basis_words("") == ""


def test_the_sql_spellings_share_the_filter():
    assert "s.amount_minor > 0" in open_sql("s")
    assert paid_sql("s") == "s.paid_minor"
    assert ":d" in paid_sql("s", "d") and "paid_date IS NULL" in paid_sql("s", "d")
