"""A screen's first line, which says ``· reading…`` (``· 读取中…``) while any figure of the screen
is still being read, and never once every figure is in: a person — and a script reading the
terminal — can tell a finished screen from a filling one.

The screen says which of its workers read its figures (``BaseScreen.READS``, their groups);
``BaseScreen`` sets :attr:`HeadLine.reading` whenever one of them starts or ends. The screen's
own code writes the line as before (``update``); the mark is added after what it wrote.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from salestui.kernel.i18n import _


def reading_word() -> str:
    return _("reading…")


class HeadLine(Static):
    """``Static`` for a screen's first line; text from data is never markup here."""

    reading: reactive[bool] = reactive(False, init=False)

    def __init__(self, content: str | Text | Content = "", **kwargs) -> None:
        kwargs.setdefault("classes", "status")
        super().__init__(content, markup=False, **kwargs)
        self._said: str | Text | Content = content

    def update(self, content: str | Text | Content = "", *, layout: bool = True) -> None:
        self._said = content
        super().update(self._shown(), layout=layout)

    @property
    def said(self) -> str:
        """What the screen wrote, without the mark (plain text)."""
        said = self._said
        return said if isinstance(said, str) else said.plain

    def watch_reading(self) -> None:
        super().update(self._shown())

    def on_resize(self) -> None:
        if self.reading:
            super().update(self._shown())

    def _shown(self) -> str | Text | Content:
        """What the screen wrote, and the mark after it; what the screen wrote is cut short
        (with …) where both would not fit, so the mark is always seen, at 80 columns too."""
        said = self._said
        if not self.reading:
            return said
        mark = Text(" · " + reading_word(), style="dim")
        text = Text(said) if isinstance(said, str) else Text(said.plain)
        if isinstance(said, Text):
            text = said.copy()
        if not text.plain:
            return Text(reading_word(), style="dim")
        room = self.content_size.width - mark.cell_len
        if self.content_size.width and text.cell_len > room:
            text.truncate(max(room, 1), overflow="ellipsis")
        return text + mark
