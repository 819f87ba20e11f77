"""One board column: a window of cards fetched page by page, drawn as text, with a cursor.

Only the cards that fit are drawn and only a few pages are held, so a column of 400,000 deals
costs what a column of 40 does.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text
from textual.widget import Widget

from salestui.board.metrics import days_in_stage, is_stalled
from salestui.db.queries.board import DealCard, StageTotals
from salestui.kernel.clock import local_day
from salestui.kernel.forecast import CategoryRules
from salestui.kernel.format import printable
from salestui.kernel.i18n import _
from salestui.kernel.money import format_amount, format_compact, weighted_minor
from salestui.screens.board.category import category_mark

CARD_HEIGHT = 4
HEADER_HEIGHT = 4
WINDOW_MAX = 300
WINDOW_DROP = 100


def next_step_mark(card: DealCard, today: date) -> Text:
    """The deal's next step, short: ``→12-05 send quote``; ``!`` before the date once it has
    passed; ``no next step`` when none was agreed (the card's last line, cut to its width)."""
    if not card.next_step or card.next_step_date is None:
        return Text(_("no next step"), style="dim italic")
    due = card.next_step_date
    when = f"{due:%m-%d}" if due.year == today.year else f"{due}"
    if due < today:
        return Text.assemble(("!" + when, "bold red"), " ", printable(card.next_step))
    return Text.assemble(("→", "cyan"), when, " ", printable(card.next_step))


class StageColumn(Widget, can_focus=False):
    """Cards of one open stage; the board moves the cursor and feeds pages."""

    DEFAULT_CSS = """
    StageColumn {
        width: 1fr;
        height: 1fr;
        border-right: vkey $panel-lighten-2;
        padding: 0 0 0 1;
    }
    StageColumn.-active {
        background: $boost;
    }
    """

    def __init__(self, stage: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.stage = stage
        self.cards: list[DealCard] = []
        self.base = 0  # position in the whole column of cards[0]
        self.cursor = 0  # index into cards
        self.top = 0  # index into cards of the first card drawn
        self.totals = StageTotals(stage, 0, 0, 0, 0)
        self.now: datetime | None = None
        self.stall_days: dict[str, int] = {}
        self.forecast = CategoryRules()
        self.durations: tuple[int, float | None] | None = None  # (stints, average days) once read
        self.active = False
        self.reading = True  # its cards not read yet (not Textual's `loading`: no spinner widget)

    # ---- data -------------------------------------------------------------------------------
    @property
    def selected(self) -> DealCard | None:
        return self.cards[self.cursor] if 0 <= self.cursor < len(self.cards) else None

    def set_cards(self, cards: list[DealCard], keep_id: int | None = None) -> None:
        self.cards = list(cards)
        self.base = 0
        self.cursor = 0
        self.top = 0
        self.reading = False
        if keep_id is not None:
            for i, c in enumerate(self.cards):
                if c.id == keep_id:
                    self.cursor = i
                    break
        self._keep_visible()
        self.refresh()

    def set_window(self, cards: list[DealCard], base: int, cursor_id: int | None) -> None:
        """Hold ``cards`` (the column's from position ``base``), the cursor on ``cursor_id``."""
        self.set_cards(cards, keep_id=cursor_id)
        self.base = base

    def append_page(self, cards: list[DealCard]) -> None:
        known = {c.id for c in self.cards}
        self.cards.extend(c for c in cards if c.id not in known)
        if len(self.cards) > WINDOW_MAX and self.cursor >= WINDOW_DROP:
            del self.cards[:WINDOW_DROP]
            self.base += WINDOW_DROP
            self.cursor -= WINDOW_DROP
            self.top = max(0, self.top - WINDOW_DROP)
        self._keep_visible()
        self.refresh()

    def prepend_page(self, cards: list[DealCard]) -> None:
        known = {c.id for c in self.cards}
        fresh = [c for c in cards if c.id not in known]
        self.cards[:0] = fresh
        self.base = max(0, self.base - len(fresh))
        self.cursor += len(fresh)
        self.top += len(fresh)
        if len(self.cards) > WINDOW_MAX:
            del self.cards[-WINDOW_DROP:]
        self._keep_visible()
        self.refresh()

    def remove(self, deal_id: int) -> DealCard | None:
        for i, c in enumerate(self.cards):
            if c.id == deal_id:
                del self.cards[i]
                if self.cursor >= len(self.cards):
                    self.cursor = max(0, len(self.cards) - 1)
                self._keep_visible()
                self.refresh()
                return c
        return None

    def replace_card(self, card: DealCard) -> None:
        for i, c in enumerate(self.cards):
            if c.id == card.id:
                self.cards[i] = card
                self.refresh()
                return

    def insert_sorted(self, card: DealCard) -> None:
        """Place a card by its (stage_entered_at, id) if it falls inside the loaded window."""
        key = (card.stage_entered_at, card.id)
        at_end = self.base + len(self.cards) >= self.totals.count
        for i, c in enumerate(self.cards):
            if (c.stage_entered_at, c.id) > key:
                self.cards.insert(i, card)
                if i <= self.cursor and len(self.cards) > 1:
                    self.cursor += 1
                break
        else:
            if at_end:
                self.cards.append(card)
        self._keep_visible()
        self.refresh()

    def take(self, deal_id: int) -> DealCard | None:
        """A deal left this stage: remove its card and its share of the totals at once (the
        exact totals follow from SQL)."""
        old = self.remove(deal_id)
        if old is not None:
            t = self.totals
            self.totals = replace(
                t,
                count=t.count - 1,
                amount_minor=t.amount_minor - old.amount_minor,
                weighted_x100=t.weighted_x100 - old.amount_minor * old.probability,
                stalled=t.stalled - int(self.is_stalled(old)),
            )
        return old

    def put(self, card: DealCard) -> None:
        """A deal entered this stage or changed in it: show its card, count a newcomer."""
        if any(c.id == card.id for c in self.cards):
            self.replace_card(card)
        else:
            self.insert_sorted(card)
            t = self.totals
            self.totals = replace(
                t,
                count=t.count + 1,
                amount_minor=t.amount_minor + card.amount_minor,
                weighted_x100=t.weighted_x100 + card.amount_minor * card.probability,
            )
        self.refresh()

    def is_stalled(self, card: DealCard) -> bool:
        now = self.now or card.stage_entered_at
        return bool(self.stall_days) and is_stalled(
            card.stage, card.stage_entered_at, now, self.stall_days
        )

    # ---- cursor -----------------------------------------------------------------------------
    @property
    def visible_cards(self) -> int:
        return max(1, (self.size.height - HEADER_HEIGHT) // CARD_HEIGHT)

    def move(self, delta: int) -> bool:
        """Move the cursor; True when it moved. The board fetches pages near the ends."""
        target = max(0, min(len(self.cards) - 1, self.cursor + delta))
        if target == self.cursor:
            return False
        self.cursor = target
        self._keep_visible()
        self.refresh()
        return True

    def needs_next_page(self) -> bool:
        more = self.base + len(self.cards) < self.totals.count
        return more and self.cursor >= len(self.cards) - self.visible_cards - 1

    def needs_previous_page(self) -> bool:
        return self.base > 0 and self.cursor <= self.visible_cards

    def _keep_visible(self) -> None:
        n = self.visible_cards
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + n:
            self.top = self.cursor - n + 1
        self.top = max(0, min(self.top, max(0, len(self.cards) - n)))

    def on_resize(self) -> None:
        self._keep_visible()

    # ---- drawing ----------------------------------------------------------------------------
    def render(self):
        width = max(8, self.size.width)
        t = self.totals
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(_(self.stage), style="bold")
        head.append(f" {t.count:,}", style="bold cyan")
        money = Text(no_wrap=True, overflow="ellipsis")
        money.append(format_compact(t.amount_minor))
        money.append(_(" · w "), style="dim")
        money.append(format_compact(weighted_minor(t.weighted_x100)))
        flags = Text(no_wrap=True, overflow="ellipsis")
        pos = f"{self.base + self.cursor + 1:,}/{t.count:,}" if self.cards and t.count else ""
        if t.stalled:
            wide = width >= 26  # every column alike: the long words only where all fit
            words = _("⚠ {n} stalled").format(n=f"{t.stalled:,}")
            flags.append(words if wide else f"⚠{t.stalled:,}", style="yellow")
        if pos:
            flags.append(" " * max(1, width - flags.cell_len - len(pos)))
            flags.append(pos, style="dim")
        lines: list[Text] = [head, money, flags, self._durations_line(width)]
        if self.reading:
            lines.append(Text(_("reading…"), style="dim"))
        elif not self.cards:
            lines.append(Text(_("no deals"), style="dim italic"))
        n = self.visible_cards
        for i in range(self.top, min(len(self.cards), self.top + n)):
            lines.extend(self._card_lines(self.cards[i], width, i == self.cursor))
        for line in lines:
            line.truncate(width, overflow="ellipsis", pad=False)
        return Group(*lines)

    def _durations_line(self, width: int) -> Text:
        """``avg 18d / limit 30d``: the average stay of the deals that left the stage lately
        (``salestui.board.durations``) against its stall limit; ``avg …`` while it is read."""
        limit = self.stall_days.get(self.stage)
        if self.durations is None or limit is None:
            return Text(_("avg …"), style="dim")
        from salestui.board.durations import days_text  # after the first frame, as its figure

        avg = self.durations[1]
        long = _("avg {avg} / limit {limit}d").format(avg=days_text(avg), limit=limit)
        short = _("avg {avg}/{limit}d").format(avg=days_text(avg), limit=limit)
        words = long if cell_len(long) <= width else short
        return Text(words, style="yellow" if avg is not None and avg > limit else "dim")

    def _card_lines(self, card: DealCard, width: int, selected: bool) -> list[Text]:
        """Customer, title, amount with the owner, and the markers: each line the column's
        whole width, names cropped by display cells (the status line holds them whole)."""
        now = self.now or card.stage_entered_at
        base = "reverse" if selected and self.active else "bold" if selected else ""
        mark = "▌" if selected else " "
        customer = Text(mark + printable(card.customer), style=f"{base} bold".strip(), no_wrap=True)
        title = Text(" " + printable(card.title), style=base, no_wrap=True)
        amount = Text(" ", style=base, no_wrap=True)
        amount.append(format_amount(card.amount_minor), style="green")
        amount.append(" ").append_text(category_mark(card, local_day(now), self.forecast))
        room = width - amount.cell_len - 3
        if room >= 4:  # the owner where a few letters of the name fit, else the status line
            owner = Text(printable(card.owner_name))
            owner.truncate(room, overflow="ellipsis")
            amount.append(" · ").append_text(owner)
        markers = Text(" ", style=base, no_wrap=True)
        days = days_in_stage(card.stage_entered_at, now)
        if self.is_stalled(card):
            markers.append(f"⚠{days}d>{self.stall_days[card.stage]}d", style="bold yellow")
        else:
            markers.append(f"{days}d", style="dim")
        if card.approval == "pending":
            markers.append(_(" ◷appr"), style="magenta")
        elif card.approval == "rejected":
            markers.append(_(" ✗appr"), style="red")
        if card.credit_risk:
            markers.append(_(" $risk"), style="bold red")
        if card.close_date_pushes:
            markers.append(f" ↻{card.close_date_pushes}", style="dim")
        markers.append(" ")
        markers.append_text(next_step_mark(card, now.date()))
        lines = [customer, title, amount, markers]
        for line in lines:
            line.truncate(width, overflow="ellipsis", pad=True)
        return lines
