"""The pipeline board: one column per open stage, a strip of recent closes, all from the keyboard."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from salestui.board.load import FIRST_PAGE, BoardData, Viewer
from salestui.db.queries.board import BoardFilter, DealCard
from salestui.kernel.domain import LOST, OPEN_STAGES, WON, next_stage, previous_stage
from salestui.screens.board.column import StageColumn
from salestui.screens.board.lines import closed_text, filter_words, selected_text, summary_text
from salestui.screens.common.refusals import refusal_text

PAGE = 50  # cards per page fetched while scrolling


@dataclass(frozen=True)
class FilterState:
    scope: str = "team"
    person_id: int | None = None  # one person's deals only (from the palette or team screen)
    region_id: int | None = None
    close_month: str = ""  # YYYY-MM
    text: str = ""


class BoardScreen(Screen):
    """Move deals through the stages; every key is in ``BINDINGS`` and shown by ``?``."""

    CSS_PATH = "screen.tcss"
    BINDINGS = [
        Binding(
            "left,h", "column(-1)", "←", show=False, id="board.left", tooltip="Previous column"
        ),
        Binding("right,l", "column(1)", "→", show=False, id="board.right", tooltip="Next column"),
        Binding("up,k", "row(-1)", "↑", show=False, id="board.up", tooltip="Previous deal"),
        Binding("down,j", "row(1)", "↓", show=False, id="board.down", tooltip="Next deal"),
        Binding(
            "pageup", "row(-5)", "PgUp", show=False, id="board.pageup", tooltip="Five deals up"
        ),
        Binding(
            "pagedown", "row(5)", "PgDn", show=False, id="board.pagedown", tooltip="Five deals down"
        ),
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
        Binding(
            "x", "lost", "Lost", id="board.lost", tooltip="Mark the deal lost (asks the reason)"
        ),
        Binding(
            "enter",
            "open",
            "Open",
            id="board.open",
            tooltip="Open the deal: fields, history, activities",
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
        Binding(
            "u", "undo", "Undo", show=False, id="board.undo", tooltip="Undo your own last change"
        ),
        Binding(
            "r",
            "reload",
            "Reload",
            show=False,
            id="board.reload",
            tooltip="Reload from the database",
        ),
    ]

    class Loaded(Message):
        def __init__(self, viewer: Viewer, data: BoardData, keep: dict[str, int | None]) -> None:
            super().__init__()
            self.viewer, self.data, self.keep = viewer, data, keep

    class PageLoaded(Message):
        def __init__(self, stage: str, cards: list[DealCard], forward: bool) -> None:
            super().__init__()
            self.stage, self.cards, self.forward = stage, cards, forward

    class Changed(Message):
        def __init__(self, message: str, card: DealCard | None, from_stage: str) -> None:
            super().__init__()
            self.message, self.card, self.from_stage = message, card, from_stage

    class Failed(Message):
        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self) -> None:
        super().__init__()
        self.viewer: Viewer | None = None
        self.filter_state: FilterState | None = None
        self.column_index = 0
        self.data: BoardData | None = None
        self._paging: set[str] = set()
        self._notice: str | None = None  # said once the reload it waits for has been drawn

    # ---- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static("Pipeline · loading…", id="summary", classes="status")
        with Horizontal(id="columns"):
            for stage in OPEN_STAGES:
                yield StageColumn(stage, id=f"col-{stage.lower()}")
        yield Static("", id="closed")
        yield Static("", id="status", classes="status")
        yield Footer(show_command_palette=False)

    @property
    def columns(self) -> list[StageColumn]:
        return list(self.query(StageColumn))

    @property
    def column(self) -> StageColumn:
        return self.columns[self.column_index]

    @property
    def ctx(self):
        return self.app.ctx

    def on_mount(self) -> None:
        from salestui.runtime.startup import take_prefetch

        future = take_prefetch(self.ctx)
        if future is not None and future.done() and future.exception() is None:
            viewer, data = future.result()  # read while the app started: in the first frame
            self.viewer = viewer
            self.filter_state = FilterState(scope=viewer.default_scope())
            self.on_board_screen_loaded(self.Loaded(viewer, data, {}))
        else:
            self._load({}, future)
        self.set_interval(5.0, self._poll_changes)

    # ---- loading ----------------------------------------------------------------------------
    def board_filter(self) -> BoardFilter:
        from datetime import date

        fs = self.filter_state or FilterState()
        month = None
        if fs.close_month:
            y, m = fs.close_month.split("-")
            month = date(int(y), int(m), 1)
        owners = self.viewer.owner_ids(fs.scope) if self.viewer else None
        if fs.person_id is not None:
            owners = (fs.person_id,)
        return BoardFilter(owners, fs.region_id, month, fs.text)

    def load(self, keep: dict[str, int | None] | None = None) -> None:
        keep = keep or {c.stage: (c.selected.id if c.selected else None) for c in self.columns}
        self._load(keep)

    @work(thread=True, exclusive=True, group="board-load", exit_on_error=False)
    def _load(self, keep: dict[str, int | None], prefetch=None) -> None:
        from salestui.board.load import load_board, load_viewer
        from salestui.runtime.startup import prefetched

        ready = prefetched(prefetch) if prefetch is not None else None
        if ready is not None:  # the opening board, still being read when the screen mounted
            self.viewer = ready[0]
            self.filter_state = FilterState(scope=ready[0].default_scope())
            self.post_message(self.Loaded(ready[0], ready[1], keep))
            return
        viewer = self.viewer or load_viewer(self.ctx)
        if self.filter_state is None:
            self.filter_state = FilterState(scope=viewer.default_scope())
        self.viewer = viewer
        data = load_board(self.ctx, viewer, self.board_filter(), FIRST_PAGE)
        self.post_message(self.Loaded(viewer, data, keep))

    def on_board_screen_loaded(self, event: Loaded) -> None:
        if self.data is None:  # once the first frame is out, not before
            self.set_timer(0.5, self._warm_up)
        self.data = event.data
        for col, totals in zip(self.columns, event.data.totals, strict=True):
            col.totals = totals
            col.now = event.data.loaded_at
            col.stall_days = event.viewer.rules.stall_days
            col.set_cards(event.data.pages[col.stage], keep_id=event.keep.get(col.stage))
        if not self.column.cards:
            self._step_to_nonempty(1) or self._step_to_nonempty(-1)
        self._mark_active()
        self._show_summary()
        self._show_closed()
        if self._notice is not None:
            self._status(self._notice)
            self._notice = None
        else:
            self._show_selected()

    @work(thread=True, group="board-warm", exit_on_error=False)
    def _warm_up(self) -> None:
        """After the first frame, load what the first change needs (the ORM, the engine), so
        the first `]` is as quick as the next."""
        import salestui.services.deals  # noqa: F401

        self.ctx.engine  # noqa: B018

    def _poll_changes(self) -> None:
        self._check_version()

    @work(thread=True, exclusive=True, group="board-poll", exit_on_error=False)
    def _check_version(self) -> None:
        from salestui.db.queries.board import data_version

        version = self.ctx.read(data_version)
        previous = getattr(self, "_data_version", None)
        self._data_version = version
        if previous is not None and version != previous:
            self.app.call_from_thread(self.load)

    @work(thread=True, exclusive=True, group="board-totals", exit_on_error=False)
    def _reload_totals(self) -> None:
        from salestui.board.load import load_board

        data = load_board(self.ctx, self.viewer, self.board_filter(), FIRST_PAGE)
        self.app.call_from_thread(self._apply_totals, data)

    def _apply_totals(self, data: BoardData) -> None:
        self.data = data
        for col, totals in zip(self.columns, data.totals, strict=True):
            col.totals = totals
            if not col.cards and data.pages[col.stage]:
                col.set_cards(data.pages[col.stage])
            col.refresh()
        self._show_summary()
        self._show_closed()

    def _fetch_page(self, col: StageColumn, forward: bool) -> None:
        if col.stage in self._paging or not col.cards:
            return
        self._paging.add(col.stage)
        anchor = col.cards[-1] if forward else col.cards[0]
        self._page(col.stage, anchor, forward)

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
        self._paging.discard(event.stage)
        col = next(c for c in self.columns if c.stage == event.stage)
        if event.forward:
            col.append_page(event.cards)
        else:
            col.prepend_page(event.cards)
        self._show_selected()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self._paging.clear()
            text = refusal_text(event.worker.error, "could not reach the database")
            self._status(text, error=True)

    # ---- drawing ----------------------------------------------------------------------------
    def _mark_active(self) -> None:
        for i, col in enumerate(self.columns):
            col.active = i == self.column_index
            col.set_class(col.active, "-active")
            col.refresh()

    def _show_summary(self) -> None:
        if self.data is None:
            return
        summary = self.query_one("#summary", Static)
        width = summary.size.width - 2 if summary.size.width else 78
        words = filter_words(self.filter_state or FilterState(), self.viewer)
        summary.update(summary_text(self.data.total, words, width))

    def _show_closed(self) -> None:
        if self.data is None or self.viewer is None:
            return
        days = self.viewer.rules.recent_close_days
        self.query_one("#closed", Static).update(
            closed_text(self.data.closed, self.data.recent, days)
        )

    def _show_selected(self) -> None:
        card = self.column.selected
        if card is None or self.viewer is None or self.data is None:
            self._status("")
            return
        self._status(selected_text(card, self.data.loaded_at, self.viewer.rules))

    def _status(self, message, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.set_class(error, "-error")
        status.update(message)

    # ---- cursor -----------------------------------------------------------------------------
    def _step_to_nonempty(self, direction: int) -> bool:
        i = self.column_index + direction
        while 0 <= i < len(self.columns):
            if self.columns[i].cards:
                self.column_index = i
                return True
            i += direction
        return False

    def action_column(self, direction: int) -> None:
        if self._step_to_nonempty(direction):
            self._mark_active()
            self._show_selected()

    def action_row(self, delta: int) -> None:
        col = self.column
        col.move(delta)
        if delta > 0 and col.needs_next_page():
            self._fetch_page(col, forward=True)
        elif delta < 0 and col.needs_previous_page():
            self._fetch_page(col, forward=False)
        self._show_selected()

    # ---- changes ----------------------------------------------------------------------------
    def _selected_or_say(self) -> DealCard | None:
        card = self.column.selected
        if card is None:
            self._status("no deal selected", error=True)
        return card

    def action_advance(self) -> None:
        card = self._selected_or_say()
        if card is None:
            return
        target = next_stage(card.stage)
        if target is None:
            self._status("Negotiation is the last open stage: w marks it won, x lost", error=True)
            return
        self._move(card, target)

    def action_retreat(self) -> None:
        card = self._selected_or_say()
        if card is None:
            return
        target = previous_stage(card.stage)
        if target is None:
            self._status("Prospect is the first stage; x marks the deal lost", error=True)
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

        def chosen(reason: str | None) -> None:
            if reason:
                self._move(card, LOST, reason)

        self.app.push_screen(LostReasonScreen(card), chosen)

    @work(thread=True, group="board-write", exit_on_error=False)
    def _move(self, card: DealCard, to_stage: str, reason: str | None = None) -> None:
        from salestui.services.deals import move_stage

        change = self.ctx.write(
            move_stage,
            self.ctx.user,
            card.id,
            to_stage,
            card.version,
            lost_reason=reason,
            now=self.ctx.now(),
        )
        from salestui.db.queries.board import deal_card

        fresh = self.ctx.read(deal_card, card.id)
        self.post_message(self.Changed(change.message + "  (u undoes)", fresh, card.stage))

    def on_board_screen_changed(self, event: Changed) -> None:
        self._apply_change(event.card, event.from_stage)
        self._status(event.message)
        self._reload_totals()

    def _apply_change(self, card: DealCard | None, from_stage: str | None) -> None:
        """Redraw the moved card at once; exact totals follow from SQL in the background."""
        if card is None:
            return
        if from_stage is not None and from_stage != card.stage:
            src = next((c for c in self.columns if c.stage == from_stage), None)
            if src is not None:
                old = src.remove(card.id)
                if old is not None:
                    src.totals = replace(
                        src.totals,
                        count=src.totals.count - 1,
                        amount_minor=src.totals.amount_minor - old.amount_minor,
                        weighted_x100=src.totals.weighted_x100 - old.amount_minor * old.probability,
                        stalled=src.totals.stalled - int(src.is_stalled(old)),
                    )
        dst = next((c for c in self.columns if c.stage == card.stage), None)
        if dst is not None:
            if any(c.id == card.id for c in dst.cards):
                dst.replace_card(card)
            else:
                dst.insert_sorted(card)
                dst.totals = replace(
                    dst.totals,
                    count=dst.totals.count + 1,
                    amount_minor=dst.totals.amount_minor + card.amount_minor,
                    weighted_x100=dst.totals.weighted_x100 + card.amount_minor * card.probability,
                )
            dst.refresh()
        if not self.column.cards:
            self._step_to_nonempty(1) or self._step_to_nonempty(-1)
            self._mark_active()
        self._show_selected()

    def action_undo(self) -> None:
        self._undo()

    @work(thread=True, group="board-write", exit_on_error=False)
    def _undo(self) -> None:
        from salestui.services.deal_undo import undo_last

        change = self.ctx.write(undo_last, self.ctx.user, now=self.ctx.now())
        self.app.call_from_thread(self._reload_saying, change.message)

    def action_reload(self) -> None:
        self.load()

    # ---- dialogs ----------------------------------------------------------------------------
    def action_open(self) -> None:
        card = self._selected_or_say()
        if card is None:
            return
        from salestui.screens.board.deal_forms import DealDetailScreen

        self.app.push_screen(DealDetailScreen(card.id))

    def action_edit(self) -> None:
        card = self._selected_or_say()
        if card is None:
            return
        from salestui.screens.board.deal_forms import DealFormScreen

        self.app.push_screen(DealFormScreen(card), self._after_form)

    def action_new(self) -> None:
        from salestui.screens.board.deal_forms import DealFormScreen

        self.app.push_screen(DealFormScreen(None), self._after_form)

    def _after_form(self, message: str | None) -> None:
        if message:
            self._reload_saying(message)

    def _reload_saying(self, message: str) -> None:
        """Reload, then show ``message`` rather than the selected card (or it would vanish)."""
        self._status(message)
        self._notice = message
        self.load()

    def focus_on(self, kind: str, row_id: int, label: str) -> None:
        """Show one person's deals, or the deals of one customer, everyone's."""
        if kind == "person":
            self.filter_state = FilterState(scope="everyone", person_id=row_id)
        else:
            self.filter_state = FilterState(scope="everyone", text=label)
        self.load(keep={})

    def action_action_item(self) -> None:
        card = self._selected_or_say()
        if card is None:
            return
        from salestui.screens.actions.item_form import FollowUpItemScreen

        screen = FollowUpItemScreen(
            None,
            title=f"Follow up: {card.title}",
            owner_login=card.owner_login,
            link=("opportunity", card.id),
            today=self.ctx.now().date(),
        )
        self.app.push_screen(screen, lambda message: message and self._status(message))

    def action_filter(self) -> None:
        if self.viewer is None:
            return
        from salestui.screens.board.filter import FilterScreen

        def chosen(state: FilterState | None) -> None:
            if state is not None:
                self.filter_state = state
                self.load(keep={})

        self.app.push_screen(FilterScreen(self.filter_state or FilterState(), self.viewer), chosen)
