"""The tiers list at any width and in Chinese, by its real keys (issue 17): the name column
stays and takes what the numbers leave, → moves a whole column, s brings the sorted column on
screen, health carries ⚠, the status line names the whole customer and the w filter; the tiers,
the detail, the leads and their dialogs leave no English on a Chinese screen."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from salestui.kernel.i18n import set_language
from salestui.screens.common.column_table import ColumnTable, share_widths
from salestui.screens.customers.columns import COLUMNS, fixed_widths
from salestui.screens.customers.screen import CustomersScreen
from tests.fixtures import LONG_CUSTOMER, lengthen_names
from tests.leads.fixtures import add_leads
from tests.screens.pilot import make_app, press, settle
from tests.screens.untranslated import assert_no_english_after

pytestmark = pytest.mark.usefixtures("utc_zone")


def test_numbers_keep_their_width_and_names_share_the_rest():
    # 200 wide: the 13 fixed columns take 97 cells + 2 padding each (26), name and owner 2 each:
    # 200 − 97 − 26 − 4 = 73 left, 47 over their least (16 + 10 = 26): the name 47·16//26 = 28
    # more, the owner the other 19
    fixed = fixed_widths()  # in English, sorted by none of them
    assert sum(fixed.values()) == 97
    widths = share_widths(200, fixed, {"name": 16, "owner": 10}, scrollbar=0)
    assert (widths["name"], widths["owner"]) == (16 + 28, 10 + 19)
    assert {k: widths[k] for k in fixed} == fixed
    # 80 wide: nothing over, the least widths (the list scrolls)
    narrow = share_widths(80, fixed, {"name": 16, "owner": 10}, scrollbar=0)
    assert (narrow["name"], narrow["owner"]) == (16, 10)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_tiers_keys_at_each_width(customers_db, size):
    db = lengthen_names(customers_db)
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        screen = app.screen
        assert isinstance(screen, CustomersScreen)
        table = screen.query_one("#list", ColumnTable)
        name_width = table.columns["name"].width
        assert name_width >= 16
        assert table.columns["revenue_12m"].width == COLUMNS["revenue_12m"][1]
        # → scrolls by one whole column: the first scrolling column's width (ABC: 3 + 2)
        if table.max_scroll_x:
            await press(pilot, "right")
            assert table.scroll_x == 5
            await press(pilot, "left")
            assert table.scroll_x == 0
        # j moves as ↓; the status line names the whole customer under the cursor
        first = screen.selected_id()
        await press(pilot, "j")
        assert screen.selected_id() != first
        await press(pilot, "k")
        assert screen.selected_id() == first
        said = str(screen.query_one("#status").render())
        assert str(screen.rows.loc[first]["name"]) in said
        # w: the status line says the filter is on
        await press(pilot, "w")
        assert "only health warnings (w)" in str(screen.query_one("#status").render())
        # sorting by the region (the last column) brings it on screen
        while screen.sort_column != "region":
            await press(pilot, "s")
        fixed_w = table.columns["name"].get_render_width(table)
        stops = table.column_stops()
        room = table.scrollable_content_region.width - fixed_w
        region_start = stops[-1]
        assert region_start >= table.scroll_x
        assert region_start + table.columns["region"].get_render_width(table) <= (
            table.scroll_x + room
        )
        assert "sorted by Region" in str(screen.query_one("#status").render())


async def test_health_warning_marked_and_long_name_whole_in_status(customers_db):
    db = lengthen_names(customers_db)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        screen = app.screen
        await press(pilot, "w")  # only the health warnings
        table = screen.query_one("#list", ColumnTable)
        for row in range(table.row_count):
            assert "⚠" in str(table.get_cell_at((row, 5)))
        await press(pilot, "w", "slash")
        await pilot.press(*"Ltd")  # part of the long name
        await press(pilot, "enter")
        if screen.rows is not None and len(screen.rows):
            assert cell_len(LONG_CUSTOMER) > table.columns["name"].width
            await press(pilot, "j", "k")
            assert LONG_CUSTOMER in str(screen.query_one("#status").render())


def cells_of(table: ColumnTable, y: int) -> dict[str, str]:
    """Line ``y`` of the table as drawn, cut into its columns (each with its padding)."""
    line, out, i = table.render_line(y).text, {}, 0
    for column in table.ordered_columns:
        width, cell = column.get_render_width(table), ""
        while i < len(line) and cell_len(cell) < width:
            cell, i = cell + line[i], i + 1
        out[column.key.value] = cell
    return out


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_numbers_end_at_their_columns_right_edge(customers_db, language):
    """The figures stand right-aligned as drawn. (A PNG made by ``rsvg-convert`` from the picture
    shows them left: rsvg drops the leading spaces of each span; ``sed 's/<svg /<svg
    xml:space="preserve" /'`` before converting keeps them.)"""
    set_language(language)
    app = make_app(customers_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        table = app.screen.query_one("#list", ColumnTable)
        rows = [cells_of(table, y) for y in range(1, 7)]
        delta = next(r for r in rows if r["name"].strip() == "Delta Tools")
        # Delta Tools: pipeline 0, health 75 under ⚠ (8 + 2 and 6 + 2 cells, one of padding each side)
        assert delta["open_pipeline"] == "        0 "
        assert delta["health"] == "  ⚠  75 "
        # revenue, the list sorted by it: Rev 12m▼ fits its figures' 8, 近12月收入▼ takes 11
        money = {"en": " 150.0k ", "zh": " 15.00万 "}[language]
        room = {"en": 8 + 2, "zh": 11 + 2}[language]
        assert delta["revenue_12m"] == " " * (room - cell_len(money)) + money
        for row in rows:
            for key in ("health", "revenue_12m", "revenue_change", "overdue", "open_pipeline"):
                cell = row[key]
                assert cell.endswith(" ") and (not cell.strip() or cell[-2] != " "), (key, cell)


CHINESE = {
    "tiers": ("2",),
    "filter": ("2", "slash"),
    "detail": ("2", "enter"),
    "warning_item": ("2", "a"),
    "new": ("2", "n"),
    "edit": ("2", "e"),
    "contact": ("2", "enter", "c"),
    "merge": ("2", "M"),
    "duplicates": ("2", "d"),
    "help": ("2", "question_mark"),
    "detail_help": ("2", "enter", "question_mark"),
}


@pytest.mark.parametrize("screen", CHINESE)
async def test_customer_screens_in_chinese(customers_db, screen):
    # at 200 columns: names cropped with … would read as words ("Ten…")
    await assert_no_english_after(customers_db, CHINESE[screen], size=(200, 50))


LEADS = {"leads": ("6",), "convert": ("6", "down", "down", "down", "V"), "qualify": ("6", "Q"),
         "disqualify": ("6", "D"), "help": ("6", "question_mark")}  # fmt: skip


@pytest.mark.parametrize("screen", LEADS)
async def test_leads_in_chinese(seeded_db, screen):
    await assert_no_english_after(add_leads(seeded_db), LEADS[screen], size=(200, 50))
