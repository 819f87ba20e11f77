"""The accuracy chart, drawn on any plotext ``plt``: one level's calls week by week converging on
what closed, with the weighted pipeline and the trend beside them (the screen's widget and tests
call it; plotext is imported only by whoever passes ``plt`` in)."""

from __future__ import annotations

from salestui.forecast.accuracy import WEEKS
from salestui.forecast.accuracy_load import Line
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
    plt.plot(weeks, [line.actual / 100] * WEEKS, label="closed", marker="dot")
    if line.pipeline:
        ks = sorted(line.pipeline)
        plt.plot(ks, [line.pipeline[k] / 100 for k in ks], label="pipeline", marker="dot")
    if line.trend is not None:
        plt.plot(weeks, [line.trend / 100] * WEEKS, label="trend", marker="dot")
    if line.calls:
        ks = sorted(line.calls)
        plt.plot(ks, [line.calls[k] / 100 for k in ks], label="calls", marker="braille")
    values = [line.actual, line.trend or 0, *line.calls.values(), *line.pipeline.values()]
    ticks = nice_ticks(max(values + [100]), 4)
    plt.yticks([t / 100 for t in ticks], [_short(t) for t in ticks])
    plt.xticks([1, 4, 7, 10, 13], ["w1", "w4", "w7", "w10", "w13"])
    plt.title(f"{line.name} · {quarter}: calls against closed")
