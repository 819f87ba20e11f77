"""The plotext widget every chart screen uses, with plotext drawing the same way every run
(see ``salestui.kernel.plotext_order``) and every text measured in cells
(``salestui.kernel.plotext_cells``): a CJK label no longer pushes the frame out of line."""

from __future__ import annotations

from rich.text import Text
from textual_plotext import PlotextPlot as _PlotextPlot

from salestui.kernel.plotext_cells import CellPlot
from salestui.kernel.plotext_order import steady

steady()


class PlotextPlot(_PlotextPlot):
    """``plt`` is a :class:`CellPlot` over the widget's plot: texts go in as masks as wide as
    their cells and come back after plotext has laid the picture out."""

    @property
    def plt(self) -> CellPlot:
        cells = getattr(self, "_cells", None)
        if cells is None:
            cells = self._cells = CellPlot(self._plot)
        return cells

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        plot = self._plot
        plot.plotsize(width, height)
        plot._set_size(width, height)  # textual-plotext's own belt and braces (its issue 5)
        plot.theme(self._get_plotext_theme_name(self.app.theme))
        return Text.from_ansi(self.plt.build(width, plot.build))


__all__ = ["PlotextPlot"]
