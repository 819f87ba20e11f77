"""The accuracy chart, drawn on any plotext ``plt``: one level's calls week by week converging on
what closed, with the weighted pipeline and the trend beside them (the screen's widget and tests
call it; plotext is imported only by whoever passes ``plt`` in)."""

from __future__ import annotations

from salestui.forecast.accuracy import WEEKS
from salestui.forecast.accuracy_load import Line
from salestui.kernel.i18n import _
from salestui.review.charts import nice_ticks


def _short(minor: float) -> str:
    major = minor / 100
    for div, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(major) >= div:
            return f"{major / div:.3g}{unit}"
    return f"{major:.0f}"


def draw_accuracy(plt, line: Line, quarter: str) -> None:
    plt.clear_data()
    plt.clear_figure() if hasattr(plt, "clear_figure") else None
    weeks = list(range(1, WEEKS + 1))
    plt.plot(weeks, [line.actual / 100] * WEEKS, label=_("closed"), marker="dot")
    if line.pipeline:
        ks = sorted(line.pipeline)
        plt.plot(ks, [line.pipeline[k] / 100 for k in ks], label=_("pipeline"), marker="dot")
    if line.trend is not None:
        plt.plot(weeks, [line.trend / 100] * WEEKS, label=_("trend"), marker="dot")
    if line.calls:
        ks = sorted(line.calls)
        plt.plot(ks, [line.calls[k] / 100 for k in ks], label=_("calls"), marker="braille")
    values = [line.actual, line.trend or 0, *line.calls.values(), *line.pipeline.values()]
    ticks = nice_ticks(max(values + [100]), 4)
    plt.yticks([t / 100 for t in ticks], [_short(t) for t in ticks])
    # the first week a little right of the axis: at 80x24 "0" and "w1" ran into each other
    plt.xlim(0.5, WEEKS + 0.5)
    weeks_shown = [1, 4, 7, 10, 13]
    plt.xticks(weeks_shown, [_("w{n}").format(n=k) for k in weeks_shown])
    plt.title(_("{name} · {quarter}: calls against closed").format(name=line.name, quarter=quarter))
