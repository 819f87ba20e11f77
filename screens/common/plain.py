"""Text from data is shown as text, never read as markup.

A rich ``Table`` and a Textual ``DataTable`` both read a ``str`` cell as console markup: a deal
called ``Renewal [Q3]`` would show as ``Renewal `` and one called ``Pilot [/]`` would crash the
app of whoever's screen shows it; an ESC in it would reach their terminal. The tables of the screens are these two, which take every
``str`` cell as plain text; a cell that wants style comes as a ``Text`` already.
"""

from __future__ import annotations

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
    def add_row(self, *cells, **kwargs):
        return super().add_row(*map(plain, cells), **kwargs)

    def update_cell(self, row_key, column_key, value, **kwargs) -> None:
        super().update_cell(row_key, column_key, plain(value), **kwargs)

    def update_cell_at(self, coordinate, value, **kwargs) -> None:
        super().update_cell_at(coordinate, plain(value), **kwargs)
