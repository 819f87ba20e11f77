"""A table drawn afresh in one go (``PlainDataTable.drawing``) is left as it was — rows,
cursor, rendered lines — when the drawing draws the same as the last one, and drawn anew when
anything differs: a row, a cell's style, a column, or a change made to the table since."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets.data_table import DuplicateKey

from salestui.screens.common.plain import PlainDataTable


class One(App):
    def compose(self) -> ComposeResult:
        yield PlainDataTable(id="t")


def draw(table: PlainDataTable, rows: list[tuple]) -> None:
    with table.drawing():
        table.clear(columns=True)
        table.add_column("name", width=10, key="name")
        table.add_column("amount", width=8, key="amount")
        for key, *cells in rows:
            table.add_row(*cells, key=key)


def shown(table: PlainDataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


ROWS = [("a", "Acme [Q3]", Text("10", style="green")), ("b", "Bolt", Text("20"))]
AS_DRAWN = [["Acme [Q3]", "10"], ["Bolt", "20"]]  # ROWS as the table shows them


@asynccontextmanager
async def drawn_once():
    """A running app whose table has ROWS drawn: (its pilot, the table)."""
    app = One()
    async with app.run_test() as pilot:
        table = app.query_one(PlainDataTable)
        draw(table, ROWS)
        yield pilot, table


async def test_the_same_drawing_leaves_the_table_as_drawn_another_draws_it_anew(monkeypatch):
    from textual.widgets import DataTable

    cleared: list[bool] = []
    real = DataTable.clear
    monkeypatch.setattr(DataTable, "clear", lambda t, columns=False: (cleared.append(columns), real(t, columns))[1])  # fmt: skip
    async with drawn_once() as (pilot, table):
        await pilot.pause()
        assert shown(table) == AS_DRAWN  # text, not markup
        assert cleared == [True]
        table.move_cursor(row=1)
        draw(table, list(ROWS))  # the same again (new objects, equal)
        await pilot.pause()
        assert cleared == [True] and table.cursor_row == 1
        # a cell's style alone differs: drawn anew (rich's Text compares words and spans only)
        draw(table, [ROWS[0], ("b", "Bolt", Text("20", style="red"))])
        await pilot.pause()
        assert cleared == [True, True]
        assert table.get_row_at(1)[1].style == "red"
        # a changed row: drawn anew
        draw(table, [ROWS[0], ("b", "Bolt", Text("25"))])
        await pilot.pause()
        assert shown(table)[1] == ["Bolt", "25"] and len(cleared) == 3


async def test_a_change_made_since_draws_it_anew():
    async with drawn_once() as (pilot, table):
        table.update_cell("a", "amount", "99")  # outside a drawing
        await pilot.pause()
        draw(table, ROWS)  # the same drawing as before: the table is put back as it says
        await pilot.pause()
        assert shown(table) == AS_DRAWN
        table.add_row("Cargo", "30", key="c")  # a page drawn later, say
        draw(table, ROWS)
        await pilot.pause()
        assert shown(table) == AS_DRAWN


async def test_nothing_is_drawn_inside_the_block_and_an_error_draws_nothing():
    async with drawn_once() as (pilot, table):
        with pytest.raises(RuntimeError), table.drawing():
            table.clear()
            table.add_row("Zeta", "1", key="z")
            assert table.row_count == 2  # collected, not yet made
            raise RuntimeError("a read failed half way")
        await pilot.pause()
        assert shown(table) == AS_DRAWN


async def test_a_drawing_failing_half_way_is_not_taken_for_the_last_one():
    async with drawn_once() as (pilot, table):
        with pytest.raises(DuplicateKey):  # a key twice: Textual refuses the second row
            draw(table, [ROWS[0], ("a", "Acme again", "1")])
        draw(table, ROWS)
        await pilot.pause()
        assert shown(table) == AS_DRAWN
