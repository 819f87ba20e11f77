"""The board's keys (DESIGN.md's list), in the order `?` shows them: the footer and `?` read
this table, the actions it names are ``BoardScreen``'s."""

from __future__ import annotations

from textual.binding import Binding

from salestui.kernel.i18n import N_
from salestui.screens.common.log_key import log_binding

BOARD_KEYS = [
    Binding(
        "left,h", "column(-1)", "←", show=False, id="board.left", tooltip=N_("Previous column")
    ),
    Binding("right,l", "column(1)", "→", show=False, id="board.right", tooltip=N_("Next column")),
    Binding("up,k", "row(-1)", "↑", show=False, id="board.up", tooltip=N_("Previous deal")),
    Binding("down,j", "row(1)", "↓", show=False, id="board.down", tooltip=N_("Next deal")),
    Binding(
        "pageup", "row(-5)", N_("PgUp"), show=False, id="board.pageup", tooltip=N_("Five deals up")
    ),
    Binding(
        "pagedown",
        "row(5)",
        N_("PgDn"),
        show=False,
        id="board.pagedown",
        tooltip=N_("Five deals down"),
    ),
    Binding(
        "home,g", "end(False)", N_("Home"), show=False, id="board.home", tooltip=N_("First deal")
    ),
    Binding("end,G", "end(True)", N_("End"), show=False, id="board.end", tooltip=N_("Last deal")),
    Binding(
        "right_square_bracket",
        "advance",
        N_("Next"),
        key_display="]",
        id="board.advance",
        tooltip=N_("Move the deal to the next stage"),
    ),
    Binding(
        "left_square_bracket",
        "retreat",
        N_("Back"),
        key_display="[",
        id="board.retreat",
        tooltip=N_("Move the deal to the previous stage"),
    ),
    Binding("w", "won", N_("Won"), id="board.won", tooltip=N_("Mark the deal won")),
    Binding(
        "x", "lost", N_("Lost"), id="board.lost", tooltip=N_("Mark the deal lost (asks the reason)")
    ),
    Binding(
        "enter",
        "open",
        N_("Open"),
        id="board.open",
        tooltip=N_("Open the deal: fields, history, activities"),
    ),
    log_binding("board", "the deal"),
    Binding(
        "f",
        "category",
        N_("Fcst"),
        id="board.category",
        tooltip=N_("Forecast category: commit, best case, pipeline, omitted, or as the stage says"),
    ),
    Binding("e", "edit", N_("Edit"), show=False, id="board.edit", tooltip=N_("Edit the deal")),
    Binding("n", "new", N_("New"), show=False, id="board.new", tooltip=N_("Create a deal")),
    Binding(
        "a",
        "action_item",
        N_("Item"),
        show=False,
        id="board.item",
        tooltip=N_("Add an action item for the deal"),
    ),
    Binding(
        "slash",
        "filter",
        N_("Filter"),
        key_display="/",
        id="board.filter",
        tooltip=N_("Filter by owner, region, close month, text"),
    ),
    Binding(
        "u",
        "undo",
        N_("Undo"),
        show=False,
        id="board.undo",
        tooltip=N_("Undo your own last change"),
    ),
    Binding(
        "r",
        "reload",
        N_("Reload"),
        show=False,
        id="board.reload",
        tooltip=N_("Reload from the database"),
    ),
]
