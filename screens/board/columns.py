"""The open stages side by side, one of them holding the cursor: what a loaded board, fresh totals
or a moved deal do to the columns, and how the cursor steps between them (never onto an empty
column while another has deals)."""

from __future__ import annotations

from textual import work
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var

from salestui.board.load import BoardData
from salestui.db.queries.board import DealCard
from salestui.screens.board.column import StageColumn


class BoardColumns(Horizontal):
    """Holds one ``StageColumn`` per open stage (the board composes them inside it)."""

    index: var[int] = var(0)
    """Which column has the cursor, left to right."""

    class DurationsRead(Message):
        """Each stage's (stints, average days), read in a worker."""

        def __init__(self, found: dict) -> None:
            super().__init__()
            self.found = found

    def __init__(self, *children, **kwargs) -> None:
        super().__init__(*children, **kwargs)
        self.paging: set[str] = set()
        """Stages with a page being read (one at a time per column)."""
        self._durations_for: tuple | None = None  # (owners, day, version) of the averages

    @property
    def columns(self) -> list[StageColumn]:
        return list(self.query(StageColumn))

    @property
    def current(self) -> StageColumn:
        return self.columns[self.index]

    def of_stage(self, stage: str) -> StageColumn | None:
        return next((c for c in self.columns if c.stage == stage), None)

    def fill(
        self, data: BoardData, stall_days: dict[str, int], keep: dict[str, int | None]
    ) -> None:
        """A whole board read: every column's totals and first page, the cursor kept on the card
        it was on (``keep``: card id per stage) and on a column with deals."""
        for col, totals in zip(self.columns, data.totals, strict=True):
            col.totals = totals
            col.now = data.loaded_at
            col.stall_days = stall_days
            col.forecast = data.forecast
            col.set_cards(data.pages[col.stage], keep_id=keep.get(col.stage))
        if not self.current.cards:
            self.step(1) or self.step(-1)
        self.mark_active()
        self.call_after_refresh(self._durations_after_paint, data.version)

    def _durations_after_paint(self, version) -> None:
        """The stage headers' average days, read after the frame (a scan of the stage history):
        again when the owners shown, the day or the data (``version``: a deal closed after 40
        days in its stage moves its stage's average) changed since they were read."""
        flt = getattr(self.screen, "board_filter", None)
        owners = flt().owner_ids if flt is not None else None
        key = (owners, self.app.ctx.now().date(), version)
        if key != self._durations_for:
            self._durations_for = key
            self._read_durations(owners, key[1])

    @work(thread=True, exclusive=True, group="board-durations", exit_on_error=False)
    def _read_durations(self, owners, today) -> None:
        from salestui.board.durations import load_stage_averages
        from salestui.db.queries.settings import settings_map

        ctx = self.app.ctx
        found = ctx.read(lambda c: load_stage_averages(c, owners, settings_map(c), today))
        self.post_message(self.DurationsRead(found))

    def on_board_columns_durations_read(self, event: DurationsRead) -> None:
        event.stop()
        for col in self.columns:
            col.durations = event.found.get(col.stage, (0, None))
            col.refresh()

    def refill_totals(self, data: BoardData) -> None:
        """Exact totals after a change; a column that was empty takes its first page."""
        for col, totals in zip(self.columns, data.totals, strict=True):
            col.totals = totals
            if not col.cards and data.pages[col.stage]:
                col.set_cards(data.pages[col.stage])
            col.refresh()

    def move_card(self, card: DealCard | None, from_stage: str | None) -> None:
        """Redraw a changed deal at once: out of the column it left, into the one it is in."""
        if card is None:
            return
        if from_stage is not None and from_stage != card.stage:
            src = self.of_stage(from_stage)
            if src is not None:
                src.take(card.id)
        dst = self.of_stage(card.stage)
        if dst is not None:
            dst.put(card)
        if not self.current.cards:
            self.step(1) or self.step(-1)
            self.mark_active()

    def move(self, delta: int) -> tuple[str, DealCard, bool] | None:
        """Move the cursor ``delta`` cards in its column; near a held end, the page to read next
        as (stage, the card to read after or before, forward)."""
        col = self.current
        col.move(delta)
        if delta > 0 and col.needs_next_page():
            forward = True
        elif delta < 0 and col.needs_previous_page():
            forward = False
        else:
            return None
        if col.stage in self.paging or not col.cards:
            return None
        self.paging.add(col.stage)
        return col.stage, col.cards[-1] if forward else col.cards[0], forward

    def add_page(self, stage: str, cards: list[DealCard], forward: bool) -> None:
        self.paging.discard(stage)
        col = self.of_stage(stage)
        if col is not None:
            if forward:
                col.append_page(cards)
            else:
                col.prepend_page(cards)

    def step(self, direction: int) -> bool:
        """Put the cursor on the next column with deals in ``direction``; False if none."""
        i = self.index + direction
        columns = self.columns
        while 0 <= i < len(columns):
            if columns[i].cards:
                self.index = i
                return True
            i += direction
        return False

    def mark_active(self) -> None:
        for i, col in enumerate(self.columns):
            col.active = i == self.index
            col.set_class(col.active, "-active")
            col.refresh()
