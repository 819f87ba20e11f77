"""`f` sets a deal's forecast category on the board and in its detail, pressed for real and
checked in the rows after. Every fixture deal closes 30 days after NOW, so deal #1 (Prospect)
defaults to pipeline, #3 (Proposal) to best case, #4 and #5 (Negotiation) to commit."""

from __future__ import annotations

import pytest

from salestui.screens.board.category import CategoryChoiceScreen
from salestui.screens.board.deal_detail import DealDetailScreen
from salestui.screens.board.screen import BoardScreen
from tests.screens.board.test_pilot import audit, board, card_lines, columns, deal, shown, status
from tests.screens.pilot import SIZE, make_app, press, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


async def test_f_sets_commit_the_card_shows_it_and_u_undoes(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert board(app).column.selected.id == 1
        assert "(p)" in card_lines(columns(app)["Prospect"], "华信 ERP rollout")[2]
        await press(pilot, "f")
        assert isinstance(app.screen, CategoryChoiceScreen)
        # the highlight starts on "as the stage says" (the fifth), commit is four up
        await press(pilot, "up", "up", "up", "up", "enter")
        assert isinstance(app.screen, BoardScreen)
        await settle(pilot)

        row = deal(seeded_db, 1)
        assert (row.forecast_category, row.version, row.stage) == ("commit", 2, "Prospect")
        assert [(r.field, r.old, r.new) for r in audit(seeded_db, by_login="boss")] == [
            ("forecast_category", None, "commit"),
            ("version", "1", "2"),
        ]
        assert "forecast category set to commit" in status(app)
        assert "[C]" in card_lines(columns(app)["Prospect"], "华信 ERP rollout")[2]

        await press(pilot, "u")
        await settle(pilot)
        assert deal(seeded_db, 1).forecast_category is None
        assert "(p)" in card_lines(columns(app)["Prospect"], "华信 ERP rollout")[2]


async def test_f_then_escape_writes_nothing(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f", "escape")
        assert isinstance(app.screen, BoardScreen)
        assert (deal(seeded_db, 1).forecast_category, deal(seeded_db, 1).version) == (None, 1)
        assert audit(seeded_db) == []


async def test_a_manager_sets_a_reports_deal_even_to_its_default_word(seeded_db):
    """mgr_east may change rep_li's deal; saying pipeline, which the stage gives anyway, still
    makes it the owner's word (the card's mark turns from (p) to [P])."""
    app = make_app(seeded_db, user="mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert board(app).column.selected.id == 1
        await press(pilot, "f", "up", "up", "enter")  # as the stage says, omitted, pipeline
        await settle(pilot)
        row = deal(seeded_db, 1)
        assert (row.forecast_category, row.updated_by) == ("pipeline", "mgr_east")
        assert "[P]" in card_lines(columns(app)["Prospect"], "华信 ERP rollout")[2]


async def test_f_in_the_detail_sets_it_and_the_detail_says_so(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l", "l")  # Proposal: #3, best case by its stage
        assert board(app).column.selected.id == 3
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, DealDetailScreen)
        text = shown(app.screen.query_one("#detail").content)
        assert "best case  (as the stage says · f sets it)" in text
        await press(pilot, "f")
        assert isinstance(app.screen, CategoryChoiceScreen)
        await press(pilot, "up", "enter")  # omitted, just above
        await settle(pilot)
        assert isinstance(app.screen, DealDetailScreen)
        assert deal(seeded_db, 3).forecast_category == "omitted"
        text = shown(app.screen.query_one("#detail").content)
        assert "omitted  (set by the owner · f changes it)" in text
        assert "forecast category set to omitted" in text
