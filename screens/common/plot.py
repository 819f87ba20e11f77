"""The plotext widget every chart screen uses, with plotext drawing the same way every run
(see ``salestui.kernel.plotext_order``)."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from salestui.kernel.plotext_order import steady

steady()

__all__ = ["PlotextPlot"]
