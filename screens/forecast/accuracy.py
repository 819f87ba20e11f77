"""Forecast accuracy: a past quarter's calls, for each level the viewer may see, against what
closed — the chart of the highlighted level's calls converging on the outcome, and the table of
every level's error, bias and closest method. ``[`` / ``]`` step through the last 4 quarters.

Read by a worker (``salestui.forecast.accuracy_load``, as ``salestui report forecast-accuracy``
reads it); plotext is imported when the figures arrive.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message
from textual.widgets import DataTable, Static

from salestui.forecast.accuracy_load import Accuracy, Line
from salestui.forecast.accuracy_report import pct
from salestui.kernel.money import format_compact
from salestui.kernel.periods import Period
from salestui.screens.common.base import BaseScreen
from salestui.screens.common.footer import Footer
from salestui.screens.common.plain import PlainDataTable

COLUMNS = {
    "level": ("Level", 16),
    "closed": ("Closed", 8),
    "mape": ("Calls", 7),
    "bias": ("Bias", 7),
    "pipe": ("Pipe", 7),
    "trend": ("Trend", 7),
    "best": ("Closest", 8),
}

ACCURACY_KEYS = [
    Binding("[", "quarter(1)", "Older", id="accuracy.older", tooltip="The quarter before"),
    Binding("]", "quarter(-1)", "Newer", id="accuracy.newer", tooltip="The quarter after"),
    Binding("escape", "close", "Back", id="accuracy.back", tooltip="Back to where you were"),
]


def _pct(value: float | None, signed: bool = False) -> Text:
    if value is None:
        return Text("—", style="dim", justify="right")
    shown = pct(value)
    return Text(f"{shown:+.1f}%" if signed else f"{shown:.1f}%", justify="right")


def cells(line: Line) -> list[Text]:
    calls = line.errors["calls"]
    return [
        Text.assemble(
            ("·" * line.depth + " " * bool(line.depth), "dim"),
            line.name,
            no_wrap=True,
            overflow="ellipsis",
        ),
        Text(format_compact(line.actual), justify="right"),
        _pct(calls.mape),
        _pct(calls.bias, signed=True),
        _pct(line.errors["pipeline"].mape),
        _pct(line.errors["trend"].mape),
        Text(line.best or "—", style="" if line.best else "dim"),
    ]


def story(acc: Accuracy | None, quarter: Period, reading: bool) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"Forecast accuracy · {quarter.label}", "bold")
    if acc is not None and acc.lines:
        top = acc.lines[0]
        text.append(f" · {top.name}: closed {format_compact(top.actual)}")
    text.append(" · error = mean |call − closed| / closed, weeks 1–13", style="dim")
    if reading:
        text.append(" · reading…", style="dim")
    return text


class AccuracyScreen(BaseScreen):
    """Every key is in ``BINDINGS`` and shown by ``?``."""

    CSS_PATH = "accuracy.tcss"
    BINDINGS = ACCURACY_KEYS

    class Loaded(Message):
        def __init__(self, acc: Accuracy) -> None:
            super().__init__()
            self.acc = acc

    def __init__(self, quarter: Period | None = None) -> None:
        super().__init__()
        self.quarter = quarter
        self.acc: Accuracy | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="story", classes="status", markup=False)
        yield Container(id="chart")
        yield PlainDataTable(id="levels", cursor_type="row", zebra_stripes=False)
        yield self.status_line()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        from salestui.forecast.accuracy_load import recent_quarters

        self.quarters = recent_quarters(self.ctx.now().date())
        if self.quarter is None:
            self.quarter = self.quarters[0]
        table = self.query_one("#levels", DataTable)
        for key, (heading, width) in COLUMNS.items():
            table.add_column(heading, width=width, key=key)
        self.load()

    def load(self) -> None:
        self.query_one("#story", Static).update(story(self.acc, self.quarter, True))
        self._load(self.quarter)

    @work(thread=True, exclusive=True, group="accuracy-load", exit_on_error=False)
    def _load(self, quarter: Period) -> None:
        from salestui.forecast.accuracy_load import load_accuracy

        ctx = self.ctx
        today = ctx.now().date()
        self.post_message(self.Loaded(ctx.read(load_accuracy, ctx.user, quarter, today)))

    def on_accuracy_screen_loaded(self, event: Loaded) -> None:
        self.acc = event.acc
        table = self.query_one("#levels", DataTable)
        table.clear()
        for line in self.acc.lines:
            table.add_row(*cells(line), key=str(line.person_id))
        self.query_one("#story", Static).update(story(self.acc, self.quarter, False))
        self.draw()

    def selected(self) -> Line | None:
        table = self.query_one("#levels", DataTable)
        if self.acc is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.acc.line(int(key))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.draw()

    def draw(self) -> None:
        from salestui.forecast.accuracy_chart import draw_accuracy
        from salestui.screens.common.plot import PlotextPlot

        line = self.selected()
        box = self.query_one("#chart", Container)
        if line is None:
            self.say("no calls to judge: nobody you see called this quarter")
            return
        plots = box.query(PlotextPlot)
        plot = plots.first() if plots else None
        if plot is None:
            plot = PlotextPlot()
            box.mount(plot)
        draw_accuracy(plot.plt, line, self.quarter.label)
        plot.refresh()
        e = line.errors["calls"]
        said = e.why_none or f"{e.weeks} weeks judged"
        self.say(Text(f"{line.name}: {said} · closest: {line.best or '—'}", no_wrap=True))

    def action_quarter(self, step: int) -> None:
        i = next((k for k, q in enumerate(self.quarters) if q == self.quarter), 0) + step
        if not 0 <= i < len(self.quarters):
            self.say("only the last 4 quarters are shown", error=True)
            return
        self.quarter = self.quarters[i]
        self.load()

    def action_close(self) -> None:
        self.dismiss()
