"""The pipeline board: one column per open stage, a strip of recent closes, all from the keyboard."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import var
from textual.widgets import Static
from textual.worker import Worker

from salestui.board.load import FIRST_PAGE, BoardData, Viewer
from salestui.db.queries.board import BoardFilter, DealCard
from salestui.kernel.clock import local_now
from salestui.kernel.domain import LOST, OPEN_STAGES, WON, next_stage, previous_stage
from salestui.kernel.i18n import N_, _
from salestui.screens.board.bindings import BOARD_KEYS
from salestui.screens.board.category import BoardCategoryKey
from salestui.screens.board.column import StageColumn
from salestui.screens.board.columns import BoardColumns
from salestui.screens.board.dialogs import BoardDialogs
from salestui.screens.board.filter_state import FilterState
from salestui.screens.board.lines import closed_text, filter_words, selected_text, summary_text
from salestui.screens.board.locate import BoardLocate
from salestui.screens.common.base import BaseScreen
from salestui.screens.common.follow import FollowsChanges
from salestui.screens.common.footer import Footer
from salestui.screens.common.head import HeadLine

PAGE = 50  # cards per page fetched while scrolling


class BoardScreen(FollowsChanges, BoardLocate, BoardCategoryKey, BoardDialogs, BaseScreen):
    """Move deals through the stages; every key is in ``BINDINGS`` and shown by ``?``."""

    # the workers that read its figures (the head line says `reading…` while they run)
    READS = frozenset({"board-load", "board-totals", "board-page"})

    TITLE = N_("Board")

    CSS_PATH = "screen.tcss"
    BINDINGS = BOARD_KEYS

    class Loaded(Message):
        """A whole board read; ``keep``: per stage, the card the cursor stays on."""

        def __init__(self, viewer: Viewer, data: BoardData, keep: dict[str, int | None]) -> None:
            super().__init__()
            self.viewer, self.data, self.keep = viewer, data, keep

    class PageLoaded(Message):
        """More cards of one column, after (``forward``) or before the ones held."""

        def __init__(self, stage: str, cards: list[DealCard], forward: bool) -> None:
            super().__init__()
            self.stage, self.cards, self.forward = stage, cards, forward

    class TotalsLoaded(Message):
        """Exact totals from SQL after a change was drawn."""

        def __init__(self, data: BoardData) -> None:
            super().__init__()
            self.data = data

    class Changed(Message):
        """A deal moved (``from_stage``) or changed: ``card`` as it is now; ``follow``: the cursor
        goes with it (`]`, `[`)."""

        def __init__(
            self, message: str, card: DealCard | None, from_stage: str, follow: bool = False
        ) -> None:
            super().__init__()
            self.message, self.card, self.from_stage = message, card, from_stage
            self.follow = follow

    class Undone(Message):
        """The person's last change was undone; ``message`` says what came back."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    filter_state: var[FilterState | None] = var(None, init=False)
    """The filter in force; None until the viewer (and so the default scope) is known."""

    def __init__(self) -> None:
        super().__init__()
        self.viewer: Viewer | None = None
        self.data: BoardData | None = None
        self._notice: str | None = None  # said once the reload it waits for has been drawn

    # ---- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield HeadLine(_("Pipeline"), id="summary")
        with BoardColumns(id="columns"):
            for stage in OPEN_STAGES:
                yield StageColumn(stage, id=f"col-{stage.lower()}")
        yield Static("", id="closed", markup=False)
        yield self.status_line()
        yield Footer(show_command_palette=False)

    @property
    def board_columns(self) -> BoardColumns:
        return self.query_one(BoardColumns)

    @property
    def columns(self) -> list[StageColumn]:
        return self.board_columns.columns

    @property
    def column(self) -> StageColumn:
        return self.board_columns.current

    @property
    def column_index(self) -> int:
        return self.board_columns.index

    def on_mount(self) -> None:
        from salestui.runtime.startup import ready_by_mount, take_prefetch

        future = take_prefetch(self.ctx)
        if ready_by_mount(future) and future.exception() is None:
            viewer, data = future.result()  # read while the app started: in the first frame
            self.on_board_screen_loaded(self.Loaded(viewer, data, {}))
        else:
            self._load({}, future)
        self.follow_changes()  # another person's change shows without a key

    # ---- loading ----------------------------------------------------------------------------
    def board_filter(self) -> BoardFilter:
        return (self.filter_state or FilterState()).query(self.viewer)

    def load(self, keep: dict[str, int | None] | None = None) -> None:
        keep = keep or {c.stage: (c.selected.id if c.selected else None) for c in self.columns}
        self._load(keep)

    @work(thread=True, exclusive=True, group="board-load", exit_on_error=False)
    def _load(self, keep: dict[str, int | None], prefetch=None) -> None:
        from salestui.board.load import load_board, load_viewer
        from salestui.runtime.startup import prefetched

        ready = prefetched(prefetch) if prefetch is not None else None
        if ready is not None:  # the opening board, still being read when the screen mounted
            self.post_message(self.Loaded(ready[0], ready[1], keep))
            return
        viewer = load_viewer(self.ctx)  # the org now: a new hire's deals show on their manager's
        shown = self.filter_state or FilterState(scope=viewer.default_scope())
        data = load_board(self.ctx, viewer, shown.query(viewer), FIRST_PAGE)
        self.post_message(self.Loaded(viewer, data, keep))

    def on_board_screen_loaded(self, event: Loaded) -> None:
        quiet = self._quiet_reload and self._notice is None and self.data is not None
        if quiet and event.viewer == self.viewer and self.data.draws_the_same(event.data):
            self._quiet_reload = False  # someone's change this board does not show
            self.data, self._data_version = event.data, event.data.version
            return
        self.viewer = event.viewer
        if self.filter_state is None:
            self.filter_state = FilterState(scope=event.viewer.default_scope())
        if self.data is None:  # once the first frame is out, not before
            self.set_timer(0.5, self._warm_up)
        self.data = event.data
        self._data_version = event.data.version  # the version its cards were read at
        self.board_columns.fill(event.data, event.viewer.rules.stall_days, event.keep)
        self._show_summary()
        self._show_closed()
        if self.select_new:
            self.locate_newest()
        quiet, self._quiet_reload = self._quiet_reload, False
        if self._notice is not None:
            self.say(self._notice)
            self._notice = None
        elif not (quiet and self._saying):
            self._show_selected()

    @work(thread=True, group="board-warm", exit_on_error=False)
    def _warm_up(self) -> None:
        """After the first frame: what the first `]`, the forms and the other screens need
        (``runtime.startup.warm_up``)."""
        from salestui.runtime.startup import warm_up

        warm_up(self.ctx)

    def changed_elsewhere(self) -> None:
        self._quiet_reload = True  # someone's change: what was just said stays said
        self.load()

    @work(thread=True, exclusive=True, group="board-totals", exit_on_error=False)
    def _reload_totals(self) -> None:
        from salestui.board.load import load_board

        data = load_board(self.ctx, self.viewer, self.board_filter(), FIRST_PAGE)
        self.post_message(self.TotalsLoaded(data))

    def on_board_screen_totals_loaded(self, event: TotalsLoaded) -> None:
        self.data = event.data
        self.board_columns.refill_totals(event.data)
        self._show_summary()
        self._show_closed()

    @work(thread=True, group="board-page", exit_on_error=False)
    def _page(self, stage: str, anchor: DealCard, forward: bool) -> None:
        from salestui.board.load import load_page

        flt = self.board_filter()
        if forward:
            cards = load_page(self.ctx, stage, flt, after=anchor, limit=PAGE)
        else:
            cards = load_page(self.ctx, stage, flt, before=anchor, limit=PAGE)
        self.post_message(self.PageLoaded(stage, cards, forward))

    def on_board_screen_page_loaded(self, event: PageLoaded) -> None:
        self.board_columns.add_page(event.stage, event.cards, event.forward)
        self._show_selected()

    def worker_failed(self, worker: Worker) -> None:
        self.board_columns.paging.clear()  # a page that failed may be asked for again
        super().worker_failed(worker)

    # ---- drawing ----------------------------------------------------------------------------
    def _show_summary(self) -> None:
        if self.data is None:
            return
        summary = self.query_one("#summary", Static)
        # the line spans the terminal: before the first layout (the board read while the app
        # started) the terminal's width, not a guess that showed compact amounts on a wide one
        width = (summary.size.width or self.app.size.width or 80) - 2
        words = filter_words(self.filter_state or FilterState(), self.viewer)
        summary.update(summary_text(self.data.total, words, width))

    def _show_closed(self) -> None:
        if self.data is None or self.viewer is None:
            return
        days = self.viewer.rules.recent_close_days
        self.query_one("#closed", Static).update(
            closed_text(self.data.closed, self.data.recent, days)
        )

    _quiet_reload = False  # the load under way came from the poll, not from this person
    _saying = False  # the status line holds a message rather than the selected card

    def say(self, message, error: bool = False) -> None:
        super().say(message, error)
        self._saying = bool(message)

    def _show_selected(self) -> None:
        card = self.column.selected
        if card is None or self.viewer is None or self.data is None:
            self.say("")
            return
        self.say(selected_text(card, self.data.loaded_at, self.viewer.rules))
        self._saying = False

    # ---- cursor -----------------------------------------------------------------------------
    def action_column(self, direction: int) -> None:
        if self.board_columns.step(direction):
            self.board_columns.mark_active()
            self._show_selected()

    def action_row(self, delta: int) -> None:
        wanted = self.board_columns.move(delta)
        if wanted is not None:
            self._page(*wanted)
        self._show_selected()

    # ---- changes ----------------------------------------------------------------------------
    def _selected_or_say(self) -> DealCard | None:
        card = self.column.selected
        if card is None:
            self.say(_("no deal selected"), error=True)
        return card

    def action_advance(self) -> None:
        card = self._selected_or_say()
        if card is None:
            return
        target = next_stage(card.stage)
        if target is None:
            self.say(_("Negotiation is the last open stage: w marks it won, x lost"), error=True)
            return
        self._move(card, target)

    def action_retreat(self) -> None:
        card = self._selected_or_say()
        if card is None:
            return
        target = previous_stage(card.stage)
        if target is None:
            self.say(_("Prospect is the first stage; x marks the deal lost"), error=True)
            return
        self._move(card, target)

    def action_won(self) -> None:
        card = self._selected_or_say()
        if card is not None:
            self._move(card, WON)

    def action_lost(self) -> None:
        card = self._selected_or_say()
        if card is None:
            return
        from salestui.screens.board.deal_forms import LostReasonScreen

        def chosen(answer: tuple[str, str] | None) -> None:
            if answer:
                self._move(card, LOST, *answer)

        self.app.push_screen(LostReasonScreen(card), chosen)

    @work(thread=True, group="board-write", exit_on_error=False)
    def _move(self, card: DealCard, to_stage: str, reason: str | None = None, note=None) -> None:
        from salestui.services.deals import move_stage

        change = self.ctx.write(
            move_stage,
            self.ctx.user,
            card.id,
            to_stage,
            card.version,
            lost_reason=reason,
            lost_note=note,
            now=self.ctx.now(),
        )
        from salestui.db.queries.board import deal_card

        fresh = self.ctx.read(deal_card, card.id)
        follow = to_stage in OPEN_STAGES
        self.post_message(
            self.Changed(change.message + "  " + _("(u undoes)"), fresh, card.stage, follow)
        )

    def on_board_screen_changed(self, event: Changed) -> None:
        card = event.card
        if card is not None:  # the days in stage count from the change's own moment on
            moment = local_now(card.stage_entered_at)
            for col in self.columns:
                col.now = max(col.now or moment, moment)
        self.board_columns.move_card(card, event.from_stage)  # exact totals follow
        if event.follow and card is not None and card.stage in OPEN_STAGES:
            self.follow(card)
        self.say(event.message)
        self._reload_totals()

    def action_undo(self) -> None:
        self._undo()

    @work(thread=True, group="board-write", exit_on_error=False)
    def _undo(self) -> None:
        from salestui.services.deal_undo import undo_last

        change = self.ctx.write(undo_last, self.ctx.user, now=self.ctx.now())
        self.post_message(self.Undone(change.message))

    def on_board_screen_undone(self, event: Undone) -> None:
        self._reload_saying(event.message)

    def action_reload(self) -> None:
        self.load()

    # ---- after the dialogs (screens/board/dialogs.py) -----------------------------------------
    def _after_form(self, message: str | None) -> None:
        if message:
            self._reload_saying(message)

    def _reload_saying(self, message: str) -> None:
        """Reload, then show ``message`` rather than the selected card (or it would vanish)."""
        self.say(message)
        self._notice = message
        self.load()

    def focus_on(self, kind: str, row_id: int, label: str) -> None:
        """Show one person's deals, or everyone's deals in one region or of one customer."""
        self.filter_state = FilterState.focused(kind, row_id, label)
        self.load(keep={})

    def action_filter(self) -> None:
        if self.viewer is None:
            return
        from salestui.screens.board.filter import FilterScreen

        def chosen(state: FilterState | None) -> None:
            if state is not None:
                self.filter_state = state
                self.load(keep={})

        self.app.push_screen(FilterScreen(self.filter_state or FilterState(), self.viewer), chosen)
