"""Invoices, credit notes and the collection rate: one definition each, which every query and
figure uses, so the team screen, the weekly review and the customer screens cannot disagree.

- An order is an *invoice* when its amount is positive. An order of zero or negative amount is a
  *credit note* (a refund, a return, a void): it lowers revenue, which is net of it, but it is
  never owed, so it is never receivable, never overdue, never counted as an order and never in a
  collection rate.
- What is *open* on an invoice is its amount less what has been paid, when that is positive;
  *receivable* sums the open amounts, *overdue* those of invoices due before today.
- The *collection rate* of a period is paid ÷ due over the invoices falling due in the period up
  to and including today (an invoice not yet due cannot be collected late); "paid" is what has
  been paid on them as recorded on the day the figure is for.

The SQL spellings below take the ``sales_order`` table's alias, so every query shares them.
"""

from __future__ import annotations

from datetime import date, timedelta

from salestui.kernel.i18n import N_, _
from salestui.kernel.periods import Window

# What a collection rate is over, in English: the JSON and CSV keep these words, and
# :func:`basis_words` says them in the person's language.
_BASIS = N_("invoices due {period}")
_BASIS_TO_DATE = N_("invoices due {period} to date")


def is_invoice(amount_minor: int) -> bool:
    return int(amount_minor) > 0


def invoice_sql(alias: str = "") -> str:
    """The condition "this order is an invoice, not a credit note"."""
    return f"{_col(alias)}amount_minor > 0"


def open_sql(alias: str = "", paid: str | None = None) -> str:
    """An invoice's open amount (0 on a credit note or a paid invoice). ``paid``: the paid
    expression to use (:func:`paid_sql`), the recorded ``paid_minor`` by default."""
    a = _col(alias)
    paid = paid or f"{a}paid_minor"
    return f"CASE WHEN {invoice_sql(alias)} AND {paid} < {a}amount_minor THEN {a}amount_minor - {paid} ELSE 0 END"


def paid_sql(alias: str = "", as_of: str | None = None) -> str:
    """What has been paid on an order: as recorded, or (``as_of``, a bound parameter's name) as
    it stood at the end of that day — a payment without a date counts as made."""
    a = _col(alias)
    if as_of is None:
        return f"{a}paid_minor"
    return (
        f"CASE WHEN {a}paid_date IS NULL OR {a}paid_date <= :{as_of} THEN {a}paid_minor ELSE 0 END"
    )


def collection_window(start: date, end: date, today: date) -> Window:
    """The due dates a collection rate counts for the period [start, end): the period up to and
    including ``today`` (empty for a period that has not begun)."""
    last = min(end, today + timedelta(days=1))
    return Window(start, max(start, last))


def collection_rate(paid_minor, due_minor):
    """Paid ÷ due as a fraction; None when nothing fell due. Also column-wise over pandas
    Series (NaN where nothing fell due)."""
    if hasattr(due_minor, "where"):
        return paid_minor / due_minor.where(due_minor > 0)
    return None if due_minor <= 0 else paid_minor / due_minor


def collection_basis(period: str, start: date, end: date, today: date) -> str:
    """What the collection rate of the period [start, end) called ``period`` is over, as every
    place that shows one says it: ``invoices due 2026-Q4 to date`` while the period runs,
    ``invoices due 2026-Q3`` once it is over."""
    to_date = collection_window(start, end, today).end < end
    return (_BASIS_TO_DATE if to_date else _BASIS).format(period=period)


def basis_words(basis: str) -> str:
    """:func:`collection_basis`'s English words in the person's language (a Markdown report, a
    screen); anything else as it is."""
    head, tail = "invoices due ", " to date"
    if not basis.startswith(head):
        return _(basis)
    period = basis[len(head) :]
    if period.endswith(tail):
        return _(_BASIS_TO_DATE).format(period=period[: -len(tail)])
    return _(_BASIS).format(period=period)


def _col(alias: str) -> str:
    return f"{alias}." if alias else ""
