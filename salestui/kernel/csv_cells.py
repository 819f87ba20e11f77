"""Cells a spreadsheet would run: every CSV salestui writes defuses them, and the importer reads
them back as they were.

A cell that begins with ``=``, ``+``, ``-`` or ``@`` (after any leading whitespace), or with a tab
or carriage return, is a formula to Excel, LibreOffice and Google Sheets: ``=HYPERLINK(…)`` or
``+cmd|' /C calc'!A0`` typed by anyone into a deal's title runs on the machine of whoever opens
the export. Such a cell is written with a ``'`` in front (OWASP's advice); a plain number such as
``-5.00`` stays as it is, since it is data to every spreadsheet. A cell that already begins with
``'`` followed by such a text gets one more, so that reading back (drop one ``'``) always gives
the original: ``restored(guarded(text)) == text`` for every text.

``--raw`` turns the guard off for one command (a script that wants the cells verbatim): the CLI
wraps the writing in ``formulas_as_written()``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_LEADS = frozenset("=+-@")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_AS_WRITTEN: ContextVar[bool] = ContextVar("csv_formulas_as_written", default=False)


def _runs(text: str) -> bool:
    if not text:
        return False
    if text[0] in "\t\r":
        return True
    first = text.lstrip()[:1]
    return first in _LEADS and not _NUMBER.match(text)


def _needs_guard(text: str) -> bool:
    return _runs(text) or (text.startswith("'") and _needs_guard(text[1:]))


# A cell can need the guard only if it begins with one of these or with white space (the test
# of the first character alone settles almost every cell: 2.4 million in a large report).
_FIRST = frozenset("=+-@'\t\r")


def _suspect(value: object) -> bool:
    return isinstance(value, str) and value != "" and (value[0] in _FIRST or value[0].isspace())


def guarded(value: object) -> object:
    """``value`` as a CSV cell a spreadsheet shows and never runs."""
    if _suspect(value) and not _AS_WRITTEN.get() and _needs_guard(value):
        return "'" + value
    return value


def guarded_row(values) -> list:
    if _AS_WRITTEN.get():
        return list(values)
    first = _FIRST
    return [
        "'" + v
        if isinstance(v, str) and v and (v[0] in first or v[0].isspace()) and _needs_guard(v)
        else v
        for v in values
    ]


class CsvOut:
    """The one way salestui writes CSV: ``\n`` line ends, every cell guarded.

    The csv module quotes a cell holding a line end only when that character is in its line
    terminator, so with ``\n`` a lone ``\r`` in a title would be written bare and end the line
    for every reader: a row holding one is written with every cell quoted.
    """

    def __init__(self, out) -> None:
        self._plain = csv.writer(out, lineterminator="\n")
        self._quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writerow(self, values: Iterable) -> None:
        row = guarded_row(values)
        if "\r" in "".join([v for v in row if isinstance(v, str)]):
            self._quoted.writerow(row)
        else:
            self._plain.writerow(row)

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)

    def write_columns(self, columns: list[list]) -> None:
        """The rows made of ``columns`` (one list of cells each, all as long): guarded and
        written as :meth:`writerow` would, a column at a time — the guard looks only at text
        columns, and the rows go to the csv module in one call."""
        texts = [_texts(c) for c in columns]
        if any("\r" in t for t in texts):  # rare: row by row, quoting the ones with a \r
            for row in zip(*columns, strict=True):
                self.writerow(row)
            return
        if not _AS_WRITTEN.get():
            columns = [
                [guarded(v) for v in c] if t and _suspect_in(t) else c
                for c, t in zip(columns, texts, strict=True)
            ]
        self._plain.writerows(zip(*columns, strict=True))


def _texts(column: list) -> str:
    """A column's text cells joined by NUL: one string to search at C speed."""
    try:
        return "\0".join(column)
    except TypeError:  # numbers or empty cells among them
        pass
    if not any(issubclass(kind, str) for kind in set(map(type, column))):
        return ""  # a column of numbers: nothing to search
    return "\0".join([v for v in column if isinstance(v, str)])


def _suspect_in(texts: str) -> bool:
    """Somewhere in ``texts`` (a column's cells joined by NUL) a cell begins as one of
    :data:`_FIRST` or with white space, and is not a plain number (-5.7 is data): only then is
    each cell of the column looked at. A NUL within a cell can only make it look, never skip
    one."""
    joined = "\0" + texts
    return _LEADING.search(joined) is not None and _SUSPECT.search(joined) is not None


_LEADING = re.compile(r"\0[=+\-@'\t\r\s]")  # the quick look first; then without numbers
_SUSPECT = re.compile(r"\0(?![+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:\0|\Z))[=+\-@'\t\r\s]")


def restored(text: str) -> str:
    """A cell read from a CSV, without the ``'`` that :func:`guarded` put in front."""
    if text.startswith("'") and _needs_guard(text[1:]):
        return text[1:]
    return text


@contextmanager
def formulas_as_written(as_written: bool = True) -> Iterator[None]:
    """Within it, CSV cells are written verbatim (``--raw``)."""
    token = _AS_WRITTEN.set(as_written)
    try:
        yield
    finally:
        _AS_WRITTEN.reset(token)
