"""The Textual application: one mode per screen, keys `1`–`5`, `?` for keys, `q` to quit."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from salestui.context import AppContext
from salestui.screens.board import BoardScreen


class SalestuiApp(App[None]):
    """salestui on one database for one person (``ctx.user``)."""

    TITLE = "salestui"
    CSS_PATH = "app.tcss"
    MODES = {"board": BoardScreen}
    DEFAULT_MODE = "board"
    BINDINGS = [
        Binding("1", "switch_mode('board')", "Board", id="mode.board", tooltip="Pipeline board"),
        Binding("question_mark", "keys", "Keys", id="app.keys", tooltip="Every key of this screen"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave salestui"),
    ]

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx

    def action_keys(self) -> None:
        from salestui.screens.keys import KeysScreen

        self.push_screen(KeysScreen(self.screen))
