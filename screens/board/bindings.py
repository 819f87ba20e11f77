"""The board's keys (DESIGN.md's list), in the order `?` shows them: the footer and `?` read
this table, the actions it names are ``BoardScreen``'s."""

from __future__ import annotations

from textual.binding import Binding

from salestui.screens.common.activity_form import log_binding

BOARD_KEYS = [
    Binding("left,h", "column(-1)", "←", show=False, id="board.left", tooltip="Previous column"),
    Binding("right,l", "column(1)", "→", show=False, id="board.right", tooltip="Next column"),
    Binding("up,k", "row(-1)", "↑", show=False, id="board.up", tooltip="Previous deal"),
    Binding("down,j", "row(1)", "↓", show=False, id="board.down", tooltip="Next deal"),
    Binding("pageup", "row(-5)", "PgUp", show=False, id="board.pageup", tooltip="Five deals up"),
    Binding(
        "pagedown", "row(5)", "PgDn", show=False, id="board.pagedown", tooltip="Five deals down"
    ),
    Binding("home,g", "end(False)", "Home", show=False, id="board.home", tooltip="First deal"),
    Binding("end,G", "end(True)", "End", show=False, id="board.end", tooltip="Last deal"),
    Binding(
        "right_square_bracket",
        "advance",
        "Next",
        key_display="]",
        id="board.advance",
        tooltip="Move the deal to the next stage",
    ),
    Binding(
        "left_square_bracket",
        "retreat",
        "Back",
        key_display="[",
        id="board.retreat",
        tooltip="Move the deal to the previous stage",
    ),
    Binding("w", "won", "Won", id="board.won", tooltip="Mark the deal won"),
    Binding("x", "lost", "Lost", id="board.lost", tooltip="Mark the deal lost (asks the reason)"),
    Binding(
        "enter",
        "open",
        "Open",
        id="board.open",
        tooltip="Open the deal: fields, history, activities",
    ),
    log_binding("board", "the deal"),
    Binding(
        "f",
        "category",
        "Fcst",
        id="board.category",
        tooltip="Forecast category: commit, best case, pipeline, omitted, or as the stage says",
    ),
    Binding("e", "edit", "Edit", show=False, id="board.edit", tooltip="Edit the deal"),
    Binding("n", "new", "New", show=False, id="board.new", tooltip="Create a deal"),
    Binding(
        "a",
        "action_item",
        "Item",
        show=False,
        id="board.item",
        tooltip="Add an action item for the deal",
    ),
    Binding(
        "slash",
        "filter",
        "Filter",
        key_display="/",
        id="board.filter",
        tooltip="Filter by owner, region, close month, text",
    ),
    Binding("u", "undo", "Undo", show=False, id="board.undo", tooltip="Undo your own last change"),
    Binding(
        "r",
        "reload",
        "Reload",
        show=False,
        id="board.reload",
        tooltip="Reload from the database",
    ),
]
