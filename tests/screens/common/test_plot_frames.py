"""Every chart fills exactly the cells of its widget, its frame in line with its plot, with CJK
names on the axes and in the titles, at 80, 120 and 200 columns, in English and in Chinese
(issue 17). plotext measures by ``len()``: before ``kernel.plotext_cells`` a CJK label made its
line wider than the frame and the right border moved along that line."""

from __future__ import annotations

from datetime import date

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.geometry import Region

from salestui.customers.detail import MonthOrders
from salestui.forecast.accuracy_chart import draw_accuracy
from salestui.forecast.accuracy_load import Line
from salestui.kernel.i18n import set_language
from salestui.review.charts import draw_funnel, draw_trend
from salestui.review.metrics import Forecast, TrendMonth, funnel
from salestui.review.movement import draw_movement
from salestui.review.waterfall import Waterfall
from salestui.screens.common.plot import PlotextPlot
from salestui.screens.customers.chart import MonthlyOrdersChart
from salestui.team import charts as team
from salestui.team.trends import (
    ChannelFigures,
    Concentration,
    LineContribution,
    MonthChange,
    QuadrantPoint,
    Ramp,
)

LONG = "深圳市腾讯计算机系统有限公司 🚀 Shenzhen Tencent"
MONTHS = [date(2025 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 25)]


def _changes() -> list[MonthChange]:
    # one 1,588 % month among small ones: the month-on-month chart clips it
    moms = [None, 0.1, -0.2, 15.88, 0.05, -0.1] * 4
    return [
        MonthChange(m, 1_000_000 * (i + 1), 2_000_000, moms[i], 0.3 if i > 11 else None)
        for i, m in enumerate(MONTHS)
    ]


def _waterfall() -> Waterfall:
    w = Waterfall(start_deals=3, start_minor=90_000_00, end_deals=4, end_minor=120_000_00)
    w.minor.update(new=50_000_00, lost=-20_000_00)
    return w


CHARTS = {
    "ramp": lambda p: team.ramp(p, Ramp([(k, k % 3, 1) for k in range(1, 25)], 0.4, 0.6, 9, 30)),
    "quadrants": lambda p: team.quadrants(
        p,
        [QuadrantPoint(1, 50_000, 30, "star"), QuadrantPoint(2, 5_000, 3, "needs help")],
        20_000,
        10,
    ),
    "regions": lambda p: team.concentration(
        p, Concentration([("华东", 0.5), (LONG, 0.3), ("North", 0.15), ("西部", 0.05)], 0.95, 0.2)
    ),
    "product_lines": lambda p: team.product_lines(
        p,
        [
            LineContribution(LONG, 300_000_000, 90_000_000, 0.3, 0.6, 0.6),
            LineContribution("软件许可", 200_000_000, 40_000_000, 0.2, 0.4, 0.4),
        ],
    ),
    "channels": lambda p: team.channels(
        p,
        [
            ChannelFigures("渠道合作伙伴", 300_000_000, 12, 0.4, 25_000_000, 0.6),
            ChannelFigures(LONG, 200_000_000, 8, 0.3, 25_000_000, 0.4),
        ],
    ),
    "revenue_vs_target": lambda p: team.revenue_vs_target(p, _changes(), LONG),
    "month_on_month": lambda p: team.month_on_month(p, _changes()),
    "funnel": lambda p: draw_funnel(p, funnel({0b1: 5, 0b11: 4, 0b111: 3, 0b1111: 2, 0b11111: 1})),
    "trend": lambda p: draw_trend(
        p,
        [TrendMonth(m, 1_000_00 * i, None, None, 900_00 * i) for i, m in enumerate(MONTHS)],
        Forecast("3-month mean: flat", ((date(2027, 1, 1), 5_000_000),), 5_000_000),
    ),
    "movement": lambda p: draw_movement(p, _waterfall()),
    "accuracy": lambda p: draw_accuracy(
        p, Line(1, "li", LONG, 0, 500_000_00, {1: 400_000_00, 5: 450_000_00}, {}, None), "2026-Q4"
    ),
}


class Drawn(PlotextPlot):
    def __init__(self, draw) -> None:
        super().__init__()
        self.draw = draw

    def on_mount(self) -> None:
        self.draw(self.plt)


def frame_faults(lines: list[str], width: int) -> list[str]:
    """What is out of line: a line not ``width`` cells wide, or a framed line whose right border
    is not in the column of the top right corner."""
    faults = [
        f"line {i} is {cell_len(t)} cells" for i, t in enumerate(lines) if cell_len(t) != width
    ]
    top = next((i for i, t in enumerate(lines) if "┐" in t), None)
    if top is None:
        return [*faults, "no frame"]

    def at(text: str, column: int) -> str:
        cells = 0
        for char in text:
            if cells == column:
                return char
            cells += cell_len(char)
        return ""

    right = cell_len(lines[top][: lines[top].index("┐")])
    for i in range(top + 1, len(lines)):
        if at(lines[i], right) not in "│┤┘┼":
            faults.append(f"line {i}: {at(lines[i], right)!r} where the right border is")
        if "┘" in lines[i]:
            break
    return faults


async def drawn_lines(draw, width: int, height: int) -> list[str]:
    class Host(App):
        def compose(self):
            yield Drawn(draw)

    app = Host()
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.pause()
        plot = app.query_one(Drawn)
        return [s.text for s in plot.render_lines(Region(0, 0, width, height))]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("chart", CHARTS)
async def test_frame_in_line(chart, size, language):
    set_language(language)
    lines = await drawn_lines(CHARTS[chart], *size)
    assert frame_faults(lines, size[0]) == []


async def test_customer_chart_frame_in_line():
    months = [MonthOrders(m, 2, 100_000 * (i % 5)) for i, m in enumerate(MONTHS)]

    class Host(App):
        def compose(self):
            yield MonthlyOrdersChart(id="c")

        def on_mount(self):
            self.query_one(MonthlyOrdersChart).show(months, MONTHS[12], LONG)

    for width, height in ((80, 24), (120, 40), (200, 50)):
        async with Host().run_test(size=(width, height)) as pilot:
            await pilot.pause()
            plot = pilot.app.query_one(MonthlyOrdersChart)
            lines = [s.text for s in plot.render_lines(Region(0, 0, width, height))]
            assert frame_faults(lines, width) == []
            assert "Order value per month" in lines[0]


def test_cjk_label_measured_in_cells():
    """By hand: 华东 is 2 characters, 4 cells; its line is as wide as the ASCII ones."""
    from textual_plotext.plot import Plot

    from salestui.kernel.plotext_cells import CellPlot

    plot = Plot()
    cells = CellPlot(plot)
    cells.bar(["华东", "North"], [2, 1], orientation="horizontal")
    plot.plotsize(30, 8)
    lines = cells.build(30, plot.build).splitlines()
    from rich.text import Text

    plain = [Text.from_ansi(t).plain for t in lines if t.strip()]
    assert {cell_len(t) for t in plain} == {30}
    assert any(t.startswith(" 华东┤") for t in plain)  # 5 cells of labels: "North" sets them


async def test_month_on_month_clips_the_outlier_and_says_it():
    """15.88 → 1588 %, past the ±200 % the axis keeps: drawn at the edge, its value written, the
    axis no higher than 200 + 15 % of 200 = 230."""
    lines = await drawn_lines(CHARTS["month_on_month"], 80, 20)
    text = "\n".join(lines)
    assert "1588%" in text
    assert "230.0┤" in text and "1588.0" not in text
