"""The Textual application: one mode per screen, keys `1`–`7`, `?` for keys, `q` to quit."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from salestui.commands import JumpProvider
from salestui.context import AppContext
from salestui.kernel.i18n import N_, _

PALETTE_PROMPT = N_("Search for a deal, customer or person…")
# Textual's own palette commands, for the catalogue (translated in get_system_commands).
SYSTEM_COMMANDS = (
    N_("Bell"),
    N_("Ring the bell"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)


def _board_screen():
    from salestui.screens.board.screen import BoardScreen

    return BoardScreen()


def _team_screen():
    from salestui.screens.team.screen import TeamScreen

    return TeamScreen()


def _actions_screen():
    from salestui.screens.actions.screen import ActionPlansScreen

    return ActionPlansScreen()


def _review_screen():
    from salestui.screens.review.screen import ReviewScreen

    return ReviewScreen()


def _customers_screen():
    from salestui.screens.customers.screen import CustomersScreen

    return CustomersScreen()


def _leads_screen():
    from salestui.screens.leads.screen import LeadsScreen

    return LeadsScreen()


def _forecast_screen():
    from salestui.screens.forecast.screen import ForecastScreen

    return ForecastScreen()


class SalestuiApp(App[None]):
    """salestui on one database for one person (``ctx.user``)."""

    TITLE = "salestui"
    CSS_PATH = "app.tcss"
    MODES = {
        "board": _board_screen,
        "customers": _customers_screen,
        "team": _team_screen,
        "actions": _actions_screen,
        "review": _review_screen,
        "leads": _leads_screen,
        "forecast": _forecast_screen,
    }
    COMMANDS = App.COMMANDS | {JumpProvider}
    DEFAULT_MODE = "board"
    BINDINGS = [
        Binding(
            "1",
            "switch_mode('board')",
            N_("Board"),
            show=False,
            id="mode.board",
            tooltip=N_("Pipeline board"),
        ),
        Binding(
            "2",
            "switch_mode('customers')",
            N_("Customers"),
            show=False,
            id="mode.customers",
            tooltip=N_("Customer tiers: who matters, who is slipping"),
        ),
        Binding(
            "3",
            "switch_mode('team')",
            N_("Team"),
            show=False,
            id="mode.team",
            tooltip=N_("Team leaderboard and targets"),
        ),
        Binding(
            "4",
            "switch_mode('actions')",
            N_("Actions"),
            show=False,
            id="mode.actions",
            tooltip=N_("Action plans: my and the team's items, warnings inbox, milestones"),
        ),
        Binding(
            "5",
            "switch_mode('review')",
            N_("Review"),
            show=False,
            id="mode.review",
            tooltip=N_("Weekly review: KPIs, funnel, trend, problems, changes, this week's items"),
        ),
        Binding(
            "6",
            "switch_mode('leads')",
            N_("Leads"),
            show=False,
            id="mode.leads",
            tooltip=N_("Leads: first-contact clock; contact, qualify, disqualify, convert"),
        ),
        Binding(
            "7",
            "switch_mode('forecast')",
            N_("Forecast"),
            show=False,
            id="mode.forecast",
            tooltip=N_("Forecast: the quarter rolled up the org, each person's weekly call"),
        ),
        Binding(
            "question_mark",
            "keys",
            N_("Keys"),
            id="app.keys",
            tooltip=N_("Every key of this screen"),
        ),
        Binding("q", "quit", N_("Quit"), id="app.quit", tooltip=N_("Leave salestui")),
    ]

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.on_wait = self._waiting

    # ---- the first frame ----------------------------------------------------------------------
    _first_frame_out = False

    def _display(self, screen, renderable) -> None:
        """Textual lays the opening screen out while its start-up ``batch_update`` is still open
        (the app's own compose and mount come after the screen's) and drops that whole frame:
        ``App._display`` returns while a batch is open. The terminal then got only the regions
        changed after the batch (the footer) and the board one or two layout passes later,
        40–100 ms on. The first whole frame is written when it is made; every later one keeps
        Textual's batching."""
        from textual._compositor import LayoutUpdate

        if self._first_frame_out or not isinstance(renderable, LayoutUpdate):
            super()._display(screen, renderable)
            return
        self._first_frame_out = True
        held, self._batch_count = self._batch_count, 0
        try:
            super()._display(screen, renderable)
        finally:
            self._batch_count = held

    def _waiting(self, line: str) -> None:
        """A write waits for another's lock (on a worker thread): say so where the person looks."""
        import threading

        if threading.get_ident() == self._thread_id:
            self.show_waiting(line)
        else:
            self.call_from_thread(self.show_waiting, line)

    def show_waiting(self, line: str) -> None:
        """On the screen in front: its status line, a form's error line, else a notification."""
        from rich.text import Text
        from textual.css.query import NoMatches
        from textual.widgets import Static

        for where in ("#status", "#error"):
            try:
                self.screen.query_one(where, Static).update(Text(line))
                return
            except NoMatches:
                continue
        self.notify(Text(line).plain, markup=False, timeout=2)

    def get_system_commands(self, screen):
        """Textual's own palette commands (theme, quit, screenshot …) in the person's language."""
        from textual.app import SystemCommand

        for command in super().get_system_commands(screen):
            yield SystemCommand(_(command.title), _(command.help), command.callback)

    def action_command_palette(self) -> None:
        """Textual's palette with its prompt in the person's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=_(PALETTE_PROMPT), id="--command-palette"))

    def action_keys(self) -> None:
        from salestui.screens.common.keys import KeysScreen

        self.push_screen(KeysScreen(self.screen))

    def jump_to(self, kind: str, row_id: int, label: str) -> None:
        """Where a palette hit (or a link) leads: a deal opens, a customer, person or region
        filters the board."""
        self.switch_mode("board")
        if kind == "deal":
            from salestui.screens.board.screen import BoardScreen

            if isinstance(self.screen, BoardScreen):
                self.screen.locate(row_id)  # the board's cursor goes to the deal too
            self.show_deal(row_id)
        else:
            from salestui.screens.board.screen import BoardScreen

            board = self.screen
            if isinstance(board, BoardScreen):
                board.focus_on(kind, row_id, label)

    def show_deal(self, deal_id: int) -> None:
        """One deal's detail over the screen in front. Screens of other features open it here,
        not by importing the board's dialogs (their packages would import each other)."""
        from salestui.screens.board.deal_detail import DealDetailScreen

        self.push_screen(DealDetailScreen(deal_id))
