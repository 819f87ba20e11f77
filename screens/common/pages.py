"""Long lists drawn a page at a time: the one way a screen puts thousands of rows in a table.

A ``DataTable`` takes its rows one ``add_row`` at a time on the UI thread, and works out every
row's height and widths as they come: at 1,000,000 deals the 111,000 open leads held the screen
20 s, the 27,000 pending sign-offs 6 s. A list drawn through :class:`Pages` gets its first page (and up to a
row the cursor must land on), and the next page each time the cursor comes within
:data:`NEAR` rows of the last one drawn — a person scrolling never meets the end of what is
drawn before the end of the list. What the list holds (its counts, its order) is the caller's
and unchanged: only the drawing is by the page.
"""

from __future__ import annotations

from collections.abc import Callable

PAGE = 100  # rows drawn at a time
NEAR = 10  # the cursor this close to the last drawn row draws the next page


class Pages:
    """The rows of one list in one table, drawn a page at a time."""

    def __init__(self) -> None:
        self._add: Callable[[int, int], None] = _nothing
        self.total = 0  # rows in the list
        self.shown = 0  # rows of it in the table so far

    def start(self, total: int, add: Callable[[int, int], None], until: int = 0) -> None:
        """The table was cleared for a list of ``total`` rows, which ``add(start, end)`` adds
        (rows ``start … end - 1``): draw its first page, and on through row ``until - 1`` (the
        row the cursor is to land on) with half a page after it."""
        self._add, self.total, self.shown = add, total, 0
        self.more(until)

    def more(self, until: int = 0) -> None:
        end = reach(self.shown, self.total, until)
        if end > self.shown:
            start, self.shown = self.shown, end
            self._add(start, end)

    def follow(self, cursor_row: int) -> None:
        """The cursor moved to ``cursor_row``: near the end of what is drawn, draw more."""
        if cursor_row >= self.shown - NEAR and self.shown < self.total:
            self.more()


def reach(shown: int, total: int, until: int = 0) -> int:
    """Where the next drawing ends: a page on from ``shown`` rows, and on through row
    ``until - 1`` with half a page after it (a list that reads its rows when drawn reads
    ``reach(0, total, until)`` of them before its first page)."""
    return min(total, max(shown + PAGE, until + PAGE // 2))


def _nothing(start: int, end: int) -> None:
    pass
