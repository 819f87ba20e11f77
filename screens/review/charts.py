"""The review's two charts as widgets: fed data, drawn by ``salestui.review.charts`` in one ``replot``.

Imported only once the review's figures have arrived, so plotext never delays a first frame.
"""

from __future__ import annotations

from salestui.review.charts import draw_funnel, draw_trend
from salestui.review.metrics import Forecast, Funnel, TrendMonth
from salestui.screens.common.plot import PlotextPlot


class FunnelPlot(PlotextPlot):
    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.data: Funnel | None = None
        self.mode = "strict"

    def show(self, data: Funnel, mode: str) -> None:
        self.data, self.mode = data, mode
        self.replot()

    def replot(self) -> None:
        if self.data is not None:
            draw_funnel(self.plt, self.data, self.mode)
        self.refresh()


class TrendPlot(PlotextPlot):
    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.trend: list[TrendMonth] = []
        self.forecast: Forecast | None = None

    def show(self, trend: list[TrendMonth], forecast: Forecast) -> None:
        self.trend, self.forecast = trend, forecast
        self.replot()

    def replot(self) -> None:
        if self.forecast is not None:
            draw_trend(self.plt, self.trend, self.forecast)
        self.refresh()


class MovementPlot(PlotextPlot):
    """The week's pipeline movement (``salestui.review.movement.draw_movement``)."""

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.figures = None

    def show(self, figures) -> None:
        self.figures = figures
        self.replot()

    def replot(self) -> None:
        if self.figures is not None:
            from salestui.review.movement import draw_movement

            draw_movement(self.plt, self.figures)
        self.refresh()
