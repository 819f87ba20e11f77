"""Text from data is shown as text, never read as markup.

A rich ``Table`` and a Textual ``DataTable`` both read a ``str`` cell as console markup: a deal
called ``Renewal [Q3]`` would show as ``Renewal `` and one called ``Pilot [/]`` would crash the
app of whoever's screen shows it; an ESC in it would reach their terminal. The tables of the screens are these two, which take every
``str`` cell as plain text; a cell that wants style comes as a ``Text`` already.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

from rich.table import Table
from rich.text import Text
from textual.widgets import DataTable

from salestui.kernel.format import printable


def plain(cell: object) -> object:
    return Text(printable(cell)) if isinstance(cell, str) else cell


def plain_options(options) -> list[tuple[object, object]]:
    """A ``Select``'s (label, value) pairs with every ``str`` label shown as text (a Select reads
    its labels as markup: a region called ``[/]`` would crash the form that offers it)."""
    return [(plain(label), value) for label, value in options]


def drawn(row) -> tuple:
    """What a row of cells draws, to compare with the row drawn before (a rich ``Text``
    compares its words and spans alone, not its style or justification)."""
    return tuple(
        (c.plain, str(c.style), c.justify, c.no_wrap, c.overflow, tuple(c.spans))
        if isinstance(c, Text)
        else c
        for c in row
    )


class PlainTable(Table):
    def add_row(self, *renderables, **kwargs) -> None:
        super().add_row(*map(plain, renderables), **kwargs)


class PlainDataTable(DataTable):
    """A ``DataTable`` taking every ``str`` cell as text, which can also be drawn afresh in one
    go (:meth:`drawing`) and leave itself as drawn when that draws nothing new."""

    _recording: list | None = None  # the calls collected inside :meth:`drawing`
    _drawn: list | None = None  # what the last drawing drew (None: changed since, or never)

    @contextmanager
    def drawing(self) -> Iterator[PlainDataTable]:
        """Collect the ``clear`` / ``add_column`` / ``add_row`` calls made inside and, on
        leaving, make them only when they draw something other than the last drawing did while
        nothing else changed the table: a screen read again after someone else's change that
        changed none of its rows keeps its table — cursor, scroll and rendered lines — as it was
        (with twenty people on one server every change of the others reads each shown screen
        again). The rows are in the table after the block, not inside it."""
        self._recording = calls = []
        try:
            yield self
        finally:
            self._recording = None
        forms = [form for form, _ in calls]
        if forms == self._drawn:
            return
        self._drawn = None  # a call failing half way leaves a table no drawing describes
        for _, call in calls:
            call()
        self._drawn = forms

    def _record(self, form: tuple, call: Callable[[], object]) -> bool:
        """Whether the call was collected by a drawing (else it changes the table now)."""
        if self._recording is None:
            self._drawn = None
            return False
        self._recording.append((form, call))
        return True

    def clear(self, columns: bool = False):
        clear = super().clear
        return self if self._record(("clear", columns), lambda: clear(columns)) else clear(columns)

    def add_column(self, label, *, width=None, key=None, default=None):
        form = ("column", drawn((label, default)), width, key)
        add = partial(super().add_column, label, width=width, key=key, default=default)
        return None if self._record(form, add) else add()

    def add_row(self, *cells, height=1, key=None, label=None):
        cells = tuple(map(plain, cells))
        form = ("row", drawn((*cells, label)), height, key)
        add = partial(super().add_row, *cells, height=height, key=key, label=label)
        return None if self._record(form, add) else add()

    def update_cell(self, row_key, column_key, value, **kwargs) -> None:
        self._drawn = None
        super().update_cell(row_key, column_key, plain(value), **kwargs)

    def update_cell_at(self, coordinate, value, **kwargs) -> None:
        self._drawn = None
        super().update_cell_at(coordinate, plain(value), **kwargs)

    def remove_row(self, row_key) -> None:
        self._drawn = None
        super().remove_row(row_key)

    def remove_column(self, column_key) -> None:
        self._drawn = None
        super().remove_column(column_key)

    def sort(self, *columns, key=None, reverse: bool = False):
        self._drawn = None
        return super().sort(*columns, key=key, reverse=reverse)
