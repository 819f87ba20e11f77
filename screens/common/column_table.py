"""A list whose first column stays put when it scrolls sideways, and scrolls a whole column at a
time: one character per → left the eye hunting for where a column began (issue 17). j / k move
as ↓ / ↑ do, the keys every list takes.

Its widths follow the terminal: numbers keep theirs, the text columns share what is left (each
at least its minimum), so a wide terminal shows whole names instead of the 80-column crop.
"""

from __future__ import annotations

from textual.binding import Binding

from salestui.screens.common.plain import PlainDataTable

# padding either side of a cell, and the room a vertical scrollbar takes
_PAD = 2
_SCROLLBAR = 2


def share_widths(
    total: int, fixed: dict[str, int], flexible: dict[str, int], scrollbar: int = _SCROLLBAR
) -> dict[str, int]:
    """Widths for every column: ``fixed`` keep theirs; the ``flexible`` ones (key → minimum)
    share what is left in proportion to their minimum, none below it (the table then scrolls)."""
    used = sum(w + _PAD for w in fixed.values()) + sum(_PAD for _ in flexible) + scrollbar
    left = total - used
    least = sum(flexible.values()) or 1
    out = dict(fixed)
    spare = max(0, left - least)
    given = 0
    keys = list(flexible)
    for i, key in enumerate(keys):
        extra = spare - given if i == len(keys) - 1 else spare * flexible[key] // least
        given += extra
        out[key] = flexible[key] + extra
    return out


class ColumnTable(PlainDataTable):
    """``fixed_columns=1`` by default; → / ← by whole columns; j / k as ↓ / ↑."""

    BINDINGS = [  # the screens' column_keys say them in the footer and `?`
        Binding("j", "cursor_down", "↓", show=False, id="table.down", tooltip="↓"),
        Binding("k", "cursor_up", "↑", show=False, id="table.up", tooltip="↑"),
    ]

    def __init__(
        self,
        *args,
        fixed: dict[str, int] | None = None,
        flexible: dict[str, int] | None = None,
        **kwargs,
    ) -> None:
        """``fixed``: column key → width kept; ``flexible``: column key → least width, the
        columns that share what the others leave."""
        kwargs.setdefault("fixed_columns", 1)
        super().__init__(*args, **kwargs)
        self.fixed, self.flexible = fixed or {}, flexible or {}

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        if self.flexible and self.columns:
            width = self.scrollable_content_region.width
            self.set_widths(share_widths(width, self.fixed, self.flexible, scrollbar=0))

    def column_stops(self) -> list[int]:
        """The ``scroll_x`` at which each scrolling column starts at the left edge."""
        widths = [c.get_render_width(self) for c in self.ordered_columns]
        fixed = sum(widths[: self.fixed_columns])
        stops, x = [], fixed
        for w in widths[self.fixed_columns :]:
            stops.append(x - fixed)
            x += w
        return stops

    def scroll_columns(self, step: int) -> None:
        now = round(self.scroll_x)
        stops = [s for s in self.column_stops() if s <= self.max_scroll_x] or [0]
        if self.max_scroll_x > stops[-1]:
            stops.append(int(self.max_scroll_x))
        if step > 0:
            ahead = [s for s in stops if s > now]
            target = ahead[0] if ahead else now
        else:
            behind = [s for s in stops if s < now]
            target = behind[-1] if behind else 0
        self.scroll_to(x=target, animate=False)

    def show_column(self, key: str) -> None:
        """Scroll so the column ``key`` is on screen, at a column boundary."""
        keys = [c.key.value for c in self.ordered_columns]
        index = keys.index(key)
        if index < self.fixed_columns:
            return
        widths = [c.get_render_width(self) for c in self.ordered_columns]
        fixed = sum(widths[: self.fixed_columns])
        start = sum(widths[self.fixed_columns : index])
        room = self.scrollable_content_region.width - fixed
        now = round(self.scroll_x)
        if start >= now and start + widths[index] <= now + room:
            return
        stops = self.column_stops()
        fits = [s for s in stops if s <= start and start + widths[index] <= s + room]
        target = fits[0] if fits else start
        self.scroll_to(x=min(target, self.max_scroll_x), animate=False)

    def action_cursor_right(self) -> None:
        self.scroll_columns(1)

    def action_cursor_left(self) -> None:
        self.scroll_columns(-1)

    def set_widths(self, widths: dict[str, int]) -> None:
        changed = False
        for column in self.columns.values():
            width = widths.get(str(column.key.value))
            if width is not None and column.width != width:
                column.width, column.content_width = width, width
                column.auto_width = False
                changed = True
        if changed:
            self._clear_caches()
            self._require_update_dimensions = True
            self.refresh()
