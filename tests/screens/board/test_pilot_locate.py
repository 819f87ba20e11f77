"""Where the board's cursor goes: with a moved deal, to the palette's deal, to a new deal, to a
column's ends; and a moved card's days in stage. Real keys, then the rows and the cursor."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from salestui.app import SalestuiApp
from salestui.context import AppContext
from salestui.db.engine import open_database
from salestui.db.tables import Opportunity
from salestui.screens.board.screen import BoardScreen
from tests import fixtures
from tests.screens.board.test_pilot import (
    board,
    card_lines,
    columns,
    fill_new_deal,
    filter_text,
    status,
)
from tests.screens.pilot import SIZE, add_prospects, make_app, press, read, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


def stage_of(db: str, deal_id: int) -> str:
    return read(db, select(Opportunity).where(Opportunity.id == deal_id))[0].stage


async def test_bracket_twice_moves_the_same_deal_two_stages(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert board(app).column.selected.id == 1
        await press(pilot, "right_square_bracket")
        assert (board(app).column.stage, board(app).column.selected.id) == ("Qualified", 1)
        await press(pilot, "right_square_bracket")
        assert (board(app).column.stage, board(app).column.selected.id) == ("Proposal", 1)
        assert stage_of(seeded_db, 1) == "Proposal"
        assert stage_of(seeded_db, 8) == "Prospect", "the other Prospect deal stays"
        await press(pilot, "left_square_bracket")
        assert (board(app).column.stage, board(app).column.selected.id) == ("Qualified", 1)
        assert stage_of(seeded_db, 1) == "Qualified"


async def test_a_moved_card_counts_from_its_move_not_minus_one_day(seeded_db):
    """The board was read at 10:00; the move happens at 10:30 on the running clock: the card's
    stage entry is half an hour after the board's "now", which read -1d before."""
    moment = [fixtures.NOW]
    app = SalestuiApp(AppContext(open_database(seeded_db), "boss", clock=lambda: moment[0]))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        moment[0] = fixtures.NOW + timedelta(minutes=30)
        await press(pilot, "right_square_bracket")
        qualified = columns(app)["Qualified"]
        lines = card_lines(qualified, "华信 ERP rollout")
        assert " 0d " in lines[3] + " " and "-1d" not in "".join(lines)
        assert "-1d" not in "".join(line.plain for line in qualified.render().renderables)


async def test_end_and_home_reach_the_ends_of_a_long_column(seeded_db):
    add_prospects(seeded_db, 60)  # 62 Prospect deals; 20 read on opening
    rows = read(
        seeded_db,
        select(Opportunity)
        .where(Opportunity.stage == "Prospect")
        .order_by(Opportunity.stage_entered_at, Opportunity.id),
    )
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        col = board(app).column
        assert len(col.cards) < 62
        await press(pilot, "end")
        assert col.selected.id == rows[-1].id
        assert col.base + col.cursor + 1 == 62
        await press(pilot, "home")
        assert col.selected.id == rows[0].id and col.base + col.cursor == 0
        await press(pilot, "G")
        assert col.selected.id == rows[-1].id
        await press(pilot, "g")
        assert col.selected.id == rows[0].id


async def test_end_in_a_short_column_goes_to_its_last_card(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "end")
        assert board(app).column.selected.id == 8
        await press(pilot, "home")
        assert board(app).column.selected.id == 1


async def test_a_new_deal_is_selected_after_it_is_saved(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fill_new_deal(pilot, amount="12,500.00", close="2026-12-31")
        await settle(pilot)
        new = read(seeded_db, select(Opportunity).where(Opportunity.title == "Acme cloud"))[0]
        assert isinstance(app.screen, BoardScreen)
        assert (board(app).column.stage, board(app).column.selected.id) == ("Prospect", new.id)
        assert "created “Acme cloud”" in status(app), "the save's message stays"


async def test_palette_deal_puts_the_cursor_on_it(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"腾达 smart", "enter")
        await settle(pilot)
        await press(pilot, "escape")  # closes the deal's detail
        assert isinstance(app.screen, BoardScreen)
        assert (board(app).column.stage, board(app).column.selected.id) == ("Proposal", 3)


async def test_palette_deal_outside_the_filter_widens_it(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = board(app)
        await filter_text(pilot, "华信")  # the filter hides Acme renewal
        assert not columns(app)["Qualified"].cards
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Acme renewal", "enter")
        await settle(pilot)
        await press(pilot, "escape")
        assert (screen.column.stage, screen.column.selected.id) == ("Qualified", 2)
        assert "filter cleared" in status(app)


async def test_palette_closed_deal_says_why_the_cursor_stays(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"腾达 pilot", "enter")
        await settle(pilot)
        await press(pilot, "escape")
        assert board(app).column.selected.id == 1
        assert "open deals only" in status(app)
