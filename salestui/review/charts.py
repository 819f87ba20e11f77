"""The review's charts, drawn on any plotext ``plt`` (the module, or a PlotextPlot widget's).

The screen's widgets and the Markdown report call the same drawing functions; plotext is
imported only by whoever passes ``plt`` in (never at app start).
"""

from __future__ import annotations

from salestui.kernel.dates import SHORT_MONTH, shown_date
from salestui.kernel.format import number, percent
from salestui.kernel.i18n import N_, _
from salestui.kernel.plotext_cells import CellPlot, crop
from salestui.review.metrics import Forecast, Funnel, TrendMonth

BAR = "█"
# the forecast methods' short names (metrics.Forecast.method_name), as the trend's title says them
METHOD_NAMES = (N_("seasonal naive"), N_("3-month mean"))


def nice_ticks(top: float, most: int = 5) -> list[float]:
    """Round ticks from 0 to at least ``top``: steps of 1, 2, 2.5 or 5 × a power of ten, at most
    ``most`` ticks (0, 2.5M, 5M, 7.5M, 10M rather than 0, 2000.9, 4001.8…)."""
    import math

    if top <= 0:
        return [0.0]
    raw = top / (most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= raw)
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


def _major(minor: int) -> float:
    return minor / 100


def _short(minor: float) -> str:
    major = minor / 100
    for div, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(major) >= div:
            return number(major / div, decimals=1, unit=unit)
    return number(major)


def draw_funnel(plt, data: Funnel, mode: str = "strict") -> None:
    """Deals per stage as horizontal bars, top stage first; conversion in the labels."""
    steps = data.steps(mode)
    labels, values = [], []
    for i, (stage, count) in enumerate(data.counts(mode)):
        conv = steps[i - 1].conversion if i > 0 else None
        name = crop(_(stage), 11)
        labels.append(f"{name} {percent(conv)}" if conv is not None else name)
        values.append(count)
    plt.clear_data()
    plt.clear_figure() if hasattr(plt, "clear_figure") else None
    plt.bar(labels, values, width=0.5)
    top = max(values, default=0)
    step = max(1, -(-top // 4))  # whole deals on the axis, at most five ticks
    ticks = list(range(0, top + step, step))
    plt.yticks(ticks, [f"{t:,}" for t in ticks])
    title = (
        _("Funnel (strict), {n} deals") if mode == "strict" else _("Funnel (any-stage), {n} deals")
    )
    plt.title(title.format(n=f"{data.deals:,}"))


def draw_trend(plt, trend: list[TrendMonth], forecast: Forecast) -> None:
    """Revenue by month, the same month last year, and the next quarter's forecast."""
    plt.clear_data()
    plt.clear_figure() if hasattr(plt, "clear_figure") else None
    n = len(trend)
    xs = list(range(n))
    plt.plot(xs, [_major(t.revenue_minor) for t in trend], label=_("revenue"), marker="braille")
    top = max([t.revenue_minor for t in trend] + [v for _, v in forecast.months] + [1])
    levels = [top * k / 4 for k in range(5)]
    plt.yticks([_major(v) for v in levels], [_short(v) for v in levels])
    ly = [
        (i, _major(t.last_year_minor)) for i, t in enumerate(trend) if t.last_year_minor is not None
    ]
    if ly:
        plt.plot(
            [x for x, _ in ly], [y for _, y in ly], label=_("same month last year"), marker="dot"
        )
    fx = list(range(n, n + len(forecast.months)))
    plt.plot(fx, [_major(v) for _, v in forecast.months], label=_("forecast"), marker="hd")
    ticks = [i for i in range(0, n + len(fx), 6)]
    months = [t.month for t in trend] + [m for m, _ in forecast.months]
    plt.xticks(ticks, [shown_date(months[i], SHORT_MONTH) for i in ticks])
    plt.title(_("Revenue by month · forecast: {method}").format(method=_(forecast.method_name)))


def chart_text(draw, *args, width: int = 78, height: int = 18) -> str:
    """A chart as plain text (no colour codes), for Markdown."""
    import plotext

    from salestui.kernel.plotext_order import steady

    steady()
    plotext.clear_figure()
    plotext.theme("clear")
    plotext.plotsize(width, height)
    plt = CellPlot(plotext)
    draw(plt, *args)
    plotext.plotsize(width, height)
    text = plotext.uncolorize(plt.build(width, plotext.build))
    plotext.clear_figure()
    return "\n".join(line.rstrip() for line in text.splitlines())


def funnel_text(data: Funnel, mode: str = "strict", width: int = 40) -> str:
    """The funnel as text bars with conversion and drop-off at each step."""
    from rich.cells import cell_len

    rows = data.rows(mode)
    top = max((r.deals for r in rows), default=0) or 1
    lines = []
    for i, r in enumerate(rows):
        bar = BAR * round(width * r.deals / top)
        tail = ""
        if i > 0:
            s = rows[i - 1].step
            tail = "  " + _("{advanced} of {entered} {stage} ({share})").format(
                advanced=f"{s.advanced:,}",
                entered=f"{s.entered:,}",
                stage=_(s.stage),
                share=percent(s.conversion),
            )
            if r.skipped_in:
                tail += _(", {n} skipped it").format(n=f"{r.skipped_in:,}")
        stage = _(r.stage)
        stage += " " * (12 - cell_len(stage))
        lines.append(f"{stage}{bar:<{width}} {r.deals:>8,}{tail}")
    return "\n".join(lines)
