"""Putting the board's cursor on one deal: the deal just moved by `]` / `[`, the deal opened from
the command palette, the deal just created, and the first / last card of a column (Home, End).

A card outside the window of cards held is read with the cards around it, so a column of
400,000 deals jumps as fast as a column of 40.
"""

from __future__ import annotations

from textual import work
from textual.message import Message

from salestui.board.load import Window
from salestui.db.queries.board import DealCard
from salestui.kernel.i18n import _

PAGE = 50  # cards read around the deal, or at a column's end


class BoardLocate:
    """Mixed into ``BoardScreen``: uses its columns, filter, ``load`` and ``say``."""

    class WindowLoaded(Message):
        """Cards of one column to hold, the cursor on ``window.deal_id``; ``said`` is what to
        say instead of the selected card (a filter changed, or why the cursor could not go)."""

        def __init__(self, window: Window | None, said: str = "", quiet: bool = False) -> None:
            super().__init__()
            self.window, self.said, self.quiet = window, said, quiet

    def follow(self, card: DealCard) -> None:
        """After `]` / `[`: the cursor goes with the moved deal into its new column, so the next
        key moves the same deal again. A moved deal is the column's newest, so when the held
        window does not reach the column's end it becomes the last card, the page before it read
        after."""
        cols = self.board_columns
        col = cols.of_stage(card.stage)
        if col is None:
            return
        if not any(c.id == card.id for c in col.cards):
            col.set_window([card], max(0, col.totals.count - 1), card.id)
            cols.paging.add(col.stage)
            self._page(col.stage, card, False)
        else:
            col.set_window(col.cards, col.base, card.id)
        cols.index = cols.columns.index(col)
        cols.mark_active()

    def locate(self, deal_id: int) -> None:
        """Put the cursor on ``deal_id`` (the palette's deal, a new deal): under the filter in
        force when it shows the deal, else under the widest scope the person has, else say why
        it is not on the board."""
        self._locate(deal_id)

    select_new = False  # `n` saved a deal: select it once the board has reloaded

    def locate_newest(self) -> None:
        """After `n` saved: the deal this person created last, the message of the save kept."""
        self.select_new = False
        self._locate(None)

    @work(thread=True, exclusive=True, group="board-locate", exit_on_error=False)
    def _locate(self, deal_id: int | None) -> None:
        from salestui.board.load import (
            FIRST_PAGE,
            load_board,
            load_viewer,
            load_window,
            newest_created,
        )
        from salestui.screens.board.filter_state import FilterState

        ctx = self.ctx
        quiet = deal_id is None
        if deal_id is None:
            deal_id = newest_created(ctx)
            if deal_id is None:
                return
        viewer = self.viewer or load_viewer(ctx)
        state = self.filter_state or FilterState(scope=viewer.default_scope())
        card, window = load_window(ctx, state.query(viewer), deal_id, PAGE // 2)
        if card is None:
            return
        if window is not None:
            self.post_message(self.WindowLoaded(window, quiet=quiet))
            return
        from salestui.kernel.domain import OPEN_STAGES

        if card.stage not in OPEN_STAGES:
            said = _("“{title}” is {stage}: the board shows open deals only").format(
                title=card.title, stage=_(card.stage)
            )
            self.post_message(self.WindowLoaded(None, said))
            return
        if not viewer.may_see(card.owner_id):
            said = _("“{title}” is {owner}'s, outside the deals you see").format(
                title=card.title, owner=card.owner_name
            )
            self.post_message(self.WindowLoaded(None, said))
            return
        wide = FilterState(scope=viewer.scopes()[-1])
        _card, window = load_window(ctx, wide.query(viewer), deal_id, PAGE // 2)
        data = load_board(ctx, viewer, wide.query(viewer), FIRST_PAGE)
        said = _("filter cleared to show “{title}”").format(title=card.title)
        self.post_message(self.FilterWidened(wide, data))
        self.post_message(self.WindowLoaded(window, said))

    class FilterWidened(Message):
        """The filter the palette's deal needed, with the board read under it."""

        def __init__(self, state, data) -> None:
            super().__init__()
            self.state, self.data = state, data

    def on_board_locate_filter_widened(self, event: FilterWidened) -> None:
        self.filter_state = event.state
        self.on_board_screen_loaded(self.Loaded(self.viewer, event.data, {}))

    def on_board_locate_window_loaded(self, event: WindowLoaded) -> None:
        window = event.window
        if window is not None:
            cols = self.board_columns
            col = cols.of_stage(window.stage)
            if col is not None and window.cards:
                col.set_window(window.cards, window.base, window.deal_id)
                cols.index = cols.columns.index(col)
                cols.mark_active()
        if event.said:
            self.say(event.said)
        elif not event.quiet:
            self._show_selected()

    # ---- Home / End ---------------------------------------------------------------------------
    def action_end(self, last: bool) -> None:
        """The first (Home, g) or last (End, G) card of the column, read when not held."""
        col = self.column
        if not col.cards:
            return
        held_end = col.base + len(col.cards) >= col.totals.count
        if (last and held_end) or (not last and col.base == 0):
            col.move(len(col.cards) if last else -len(col.cards))
            self._show_selected()
            return
        self._read_end(col.stage, col.totals.count if last else 0)

    @work(thread=True, exclusive=True, group="board-locate", exit_on_error=False)
    def _read_end(self, stage: str, count: int) -> None:
        from salestui.board.load import load_end

        window = load_end(self.ctx, stage, self.board_filter(), count, PAGE)
        if count == 0 and window.cards:
            window = Window(stage, 0, window.cards, window.cards[0].id)
        self.post_message(self.WindowLoaded(window))
