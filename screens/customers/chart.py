"""Monthly orders of one customer over three years, with the behaviour-change window marked."""

from __future__ import annotations

from datetime import date

from salestui.kernel.domain import MINOR_PER_MAJOR
from salestui.kernel.i18n import _
from salestui.kernel.money import format_compact
from salestui.review.charts import nice_ticks
from salestui.screens.common.plot import PlotextPlot


class MonthlyOrdersChart(PlotextPlot):
    """Fed with ``MonthOrders`` rows; draws order value per month as bars."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.months: list = []
        self.mark_from: date | None = None
        self.warning: str = ""

    def show(self, months: list, mark_from: date | None, warning: str) -> None:
        self.months, self.mark_from, self.warning = months, mark_from, warning
        self.replot()

    def replot(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if not self.months:
            self.refresh()
            return
        xs = list(range(len(self.months)))
        # a month whose credit notes outweigh its orders shows as none, not below the axis
        values = [max(m.amount_minor, 0) / MINOR_PER_MAJOR for m in self.months]
        plt.bar(xs, values, color="cyan", width=0.6)
        levels = nice_ticks(max(values))
        plt.ylim(0, max(levels[-1], 1))
        plt.yticks(levels, [format_compact(round(v * MINOR_PER_MAJOR)) for v in levels])
        ticks = [i for i in xs if self.months[i].month.month in (1, 7)]
        plt.xticks(ticks, [f"{self.months[i].month:%y-%m}" for i in ticks])
        title = _("Order value per month")
        if self.warning and self.mark_from is not None:
            start = next((i for i in xs if self.months[i].month >= self.mark_from), None)
            if start is not None:
                plt.vline(start - 0.5, "red")
                title = _("Order value per month · behaviour change from {month} (red)").format(
                    month=f"{self.mark_from:%Y-%m}"
                )
        plt.title(title)
        self.refresh()
