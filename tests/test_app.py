"""Where the app's links lead (``SalestuiApp.jump_to``, ``show_deal``): the command palette's
hits and the links of action items. On the hand-written organisation of tests/fixtures.py: the
cards expected are read off its docstring."""

from __future__ import annotations

import pytest

from salestui.screens.actions.screen import ActionPlansScreen
from salestui.screens.board.deal_detail import DealDetailScreen
from salestui.screens.board.filter_state import FilterState
from salestui.screens.board.screen import BoardScreen
from tests.screens.pilot import SIZE, make_app, press, settle

pytestmark = pytest.mark.usefixtures("utc_zone")

LI, SOUTH = 3, 2  # rep_li's person id, 华南's region id (the order fixtures.build adds them)


def cards(board: BoardScreen) -> dict[str, list[int]]:
    return {c.stage: [card.id for card in c.cards] for c in board.columns}


async def test_a_deal_opens_on_the_board_from_another_mode(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        app.jump_to("deal", 4, "华信 data platform")
        await settle(pilot)
        assert isinstance(app.screen, DealDetailScreen) and app.screen.deal_id == 4
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen), "the deal opened over the board"


@pytest.mark.parametrize(
    ("kind", "row_id", "label", "shown", "expected"),
    [
        ("person", LI, "李伟", FilterState("everyone", person_id=LI), [[1], [], [], [4]]),
        ("region", SOUTH, "华南", FilterState("everyone", region_id=SOUTH), [[], [], [3], []]),
        (
            "customer",
            3,
            "Acme Corp",
            FilterState("everyone", text="Acme Corp"),
            [[8], [2], [], [5]],
        ),
    ],
)
async def test_a_person_region_or_customer_filters_the_board(
    seeded_db, kind, row_id, label, shown, expected
):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        app.jump_to(kind, row_id, label)
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert board.filter_state == shown
        assert list(cards(board).values()) == expected


async def test_a_deal_linked_from_an_action_item_opens_over_action_plans(review_db):
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "enter")  # the first item links to a deal
        assert isinstance(app.screen, DealDetailScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, ActionPlansScreen), "back where the link was followed"
