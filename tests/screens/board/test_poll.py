"""The board's 5-second look for other people's changes reloads the columns but leaves a message
on the status line alone: the answer to the person's own key (``moved to Qualified``) must not
vanish because a teammate saved something a moment later."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from salestui.db.engine import make_engine
from salestui.db.tables import Opportunity
from salestui.services.deals import edit_deal
from tests import fixtures
from tests.screens.board.test_pilot import board, columns, status
from tests.screens.pilot import SIZE, make_app, press, settle, workers_started

pytestmark = pytest.mark.usefixtures("utc_zone")


def teammate_edits(db: str, deal_id: int, **fields) -> None:
    """Another person's save, through the service (audited: the board's poll sees it)."""
    engine = make_engine(db)
    with Session(engine) as s:
        deal = s.get(Opportunity, deal_id)
        edit_deal(s, "boss", deal_id, deal.version, now=fixtures.NOW, **fields)
    engine.dispose()


async def poll(pilot) -> None:
    board(pilot.app)._check_version()  # what the 5-second poll does
    await settle(pilot)
    await settle(pilot)


async def test_a_teammate_s_change_reloads_but_keeps_the_message(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await poll(pilot)  # the version as this person first read it
        await press(pilot, "right_square_bracket")
        assert "moved to Qualified" in status(app)
        await poll(pilot)  # the person's own move: a new version
        teammate_edits(seeded_db, 8, title="Renamed by a teammate")
        await poll(pilot)
        titles = [c.title for c in columns(app)["Prospect"].cards]
        assert titles == ["Renamed by a teammate"]  # reloaded
        assert "moved to Qualified" in status(app)  # and still said


async def test_with_nothing_said_the_reload_shows_the_selected_card_as_it_now_is(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await poll(pilot)
        selected = board(app).column.selected
        assert "no next step" in status(app)
        teammate_edits(seeded_db, selected.id, next_step="call the buyer", next_date="2026-12-01")
        await poll(pilot)
        assert "call the buyer" in status(app)


async def test_a_change_this_board_does_not_show_draws_nothing_again(seeded_db):
    """rep_wang sees his own deals; Sam South's deal renamed changes nothing on his board: the
    columns keep the cards they hold (no redraw, no stage averages read again). His own deal
    renamed is drawn."""
    app = make_app(seeded_db, user="rep_wang")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await poll(pilot)
        held = {stage: col.cards for stage, col in columns(app).items()}
        ran = workers_started(app)
        teammate_edits(seeded_db, 3, title="Renamed by Sam")  # 腾达 smart factory, rep_south
        await poll(pilot)
        assert "board-load" in ran  # read again: the mark moved
        assert all(columns(app)[stage].cards is cards for stage, cards in held.items())
        assert "board-durations" not in ran
        teammate_edits(seeded_db, 2, title="Acme renewal, renamed")  # his own
        await poll(pilot)
        assert [c.title for c in columns(app)["Qualified"].cards] == ["Acme renewal, renamed"]
        assert "board-durations" in ran
