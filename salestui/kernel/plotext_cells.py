"""plotext lays a chart out by ``len()``: a CJK label (2 cells a character) made its line wider
than the frame, and the right border moved. :class:`CellPlot` hands plotext a mask instead, one
private-use character per cell of the text, and :meth:`CellPlot.unmask` puts the text back into
the built picture, cropped by cells where plotext cropped the mask."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text

FIRST, LAST = 0xE000, 0xF8FF  # the private-use area: no text of ours holds these
_RUN = re.compile("([\ue000-\uf8ff])\\1*")


def crop(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` display cells with an ellipsis (CJK counts 2)."""
    if cells <= 0:
        return ""
    if cell_len(text) <= cells:
        return text
    t = Text(text)
    t.truncate(cells, overflow="ellipsis")
    return t.plain


class CellPlot:
    """A plotext ``plt`` (the module or a widget's ``Plot``) whose texts are measured in cells.

    Titles and axis labels are cropped to the width at :meth:`fit` (plotext drops a title wider
    than the plot)."""

    def __init__(self, plt) -> None:
        self._plt = plt
        self._texts: dict[str, str] = {}
        self._heads: dict[str, str] = {}

    def __getattr__(self, name: str):
        return getattr(self._plt, name)

    def mask(self, text, always: bool = False) -> str:
        text = str(text)
        if not text or (text.isascii() and not always):
            return text
        char = chr(FIRST + len(self._texts) % (LAST - FIRST))
        self._texts[char] = text
        return char * cell_len(text)

    def _masks(self, texts):
        return None if texts is None else [self.mask(t) for t in texts]

    def unmask(self, built: str) -> str:
        def back(m: re.Match) -> str:
            text, cells = self._texts.get(m.group(1), ""), len(m.group(0))
            shown = crop(text, cells)
            return shown + " " * (cells - cell_len(shown))

        return _RUN.sub(back, built)

    def fit(self, width: int) -> None:
        """Set the title and axis labels again, cropped to ``width`` cells."""
        for name, (text, char) in self._heads.items():
            shown = crop(text, width)
            self._texts[char] = shown
            getattr(self._plt, name)(char * cell_len(shown))

    def build(self, width: int, build) -> str:
        """``build()``'s picture with the texts put back. plotext leaves out a title that does
        not fit centred on the canvas (whose place the tick labels decide), so the heads are
        cropped shorter until every one is drawn."""
        for cells in (width - 2, width * 3 // 4, width // 2, width // 3):
            self.fit(cells)
            built = build()
            if all(char in built for _, char in self._heads.values()):
                break
        return self.unmask(built)

    def _head(self, name: str, text: str) -> None:
        masked = self.mask(text, always=True)
        if masked:
            self._heads[name] = (text, masked[0])
        getattr(self._plt, name)(masked)

    def clear_figure(self) -> None:
        self._texts.clear()
        self._heads.clear()
        if hasattr(self._plt, "clear_figure"):
            self._plt.clear_figure()

    def title(self, label: str) -> None:
        self._head("title", label)

    def xlabel(self, label: str) -> None:
        self._head("xlabel", label)

    def ylabel(self, label: str) -> None:
        self._head("ylabel", label)

    def xticks(self, ticks=None, labels=None) -> None:
        self._plt.xticks(ticks, self._masks(labels))

    def yticks(self, ticks=None, labels=None) -> None:
        self._plt.yticks(ticks, self._masks(labels))

    def _named(self, args, kw, key: str = "label"):
        if len(args) >= 2 and args[0] is not None and any(isinstance(x, str) for x in args[0]):
            args = (self._masks(args[0]), *args[1:])
        if kw.get(key) is not None:
            kw[key] = self._masks(kw[key]) if key == "labels" else self.mask(kw[key])
        return args, kw

    def bar(self, *args, **kw) -> None:
        args, kw = self._named(args, kw)
        self._plt.bar(*args, **kw)

    def multiple_bar(self, *args, **kw) -> None:
        args, kw = self._named(args, kw, "labels")
        self._plt.multiple_bar(*args, **kw)

    def plot(self, *args, **kw) -> None:
        args, kw = self._named(args, kw)
        self._plt.plot(*args, **kw)

    def scatter(self, *args, **kw) -> None:
        args, kw = self._named(args, kw)
        self._plt.scatter(*args, **kw)
