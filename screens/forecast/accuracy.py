"""Forecast accuracy: a past quarter's calls, for each level the viewer may see, against what
closed — the chart of the highlighted level's calls converging on the outcome, and the table of
every level's error, bias and closest method. ``[`` / ``]`` step through the last 4 quarters.

Read by a worker (``salestui.forecast.accuracy_load``, as ``salestui report forecast-accuracy``
reads it); plotext is imported when the figures arrive.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message
from textual.widgets import DataTable, Static

from salestui.forecast.accuracy_load import Accuracy, Line
from salestui.forecast.accuracy_report import pct
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_compact
from salestui.kernel.periods import Period
from salestui.screens.common.base import BaseScreen
from salestui.screens.common.footer import Footer
from salestui.screens.common.head import HeadLine
from salestui.screens.common.plain import PlainDataTable

COLUMNS = {
    "level": (N_("Level"), 16),
    "closed": (N_("Closed"), 8),
    "mape": (N_("Calls"), 7),
    "bias": (N_("Bias"), 7),
    "pipe": (N_("Pipe"), 7),
    "trend": (N_("Trend"), 7),
    "best": (N_("Closest"), 8),
}
EDGES = 4  # the scrollbar and the table's own margin

ACCURACY_KEYS = [
    Binding("[", "quarter(1)", N_("Older"), id="accuracy.older", tooltip=N_("The quarter before")),
    Binding("]", "quarter(-1)", N_("Newer"), id="accuracy.newer", tooltip=N_("The quarter after")),
    Binding(
        "escape", "close", N_("Back"), id="accuracy.back", tooltip=N_("Back to where you were")
    ),
]


def widths(screen_width: int, lines) -> dict[str, int]:
    """The figures keep their width (what closed as wide as its widest amount in cells:
    1,230.34万 is 10); the level's name gets what they leave (as the forecast)."""
    out = {k: max(w, cell_len(_(h))) for k, (h, w) in COLUMNS.items() if k != "level"}
    out["closed"] = max([out["closed"], *(cell_len(format_compact(ln.actual)) for ln in lines)])
    left = screen_width - EDGES - sum(w + 2 for w in out.values()) - 2
    longest = max((cell_len(level_name(ln)) for ln in lines), default=0)
    low = max(COLUMNS["level"][1], cell_len(_(COLUMNS["level"][0])))
    return {"level": max(low, min(left, longest)), **out}


def level_name(line: Line) -> str:
    return "·" * line.depth + " " * bool(line.depth) + line.name


def _pct(value: float | None, signed: bool = False) -> Text:
    if value is None:
        return Text("—", style="dim", justify="right")
    shown = pct(value)
    return Text(f"{shown:+.1f}%" if signed else f"{shown:.1f}%", justify="right")


def cells(line: Line, width: int) -> list[Text]:
    calls = line.errors["calls"]
    name = Text.assemble(
        ("·" * line.depth + " " * bool(line.depth), "dim"),
        line.name,
        no_wrap=True,
        overflow="ellipsis",
    )
    name.truncate(width, overflow="ellipsis")
    return [
        name,
        Text(format_compact(line.actual), justify="right"),
        _pct(calls.mape),
        _pct(calls.bias, signed=True),
        _pct(line.errors["pipeline"].mape),
        _pct(line.errors["trend"].mape),
        Text(_(line.best) if line.best else "—", style="" if line.best else "dim"),
    ]


def story(acc: Accuracy | None, quarter: Period) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{_('Forecast accuracy')} · {quarter.label}", "bold")
    if acc is not None and acc.lines:
        top = acc.lines[0]
        text.append(" · ")
        text.append(top.name)
        text.append(": " + _("closed {amount}").format(amount=format_compact(top.actual)))
    said = _("error = mean |call − closed| / closed, weeks 1–13")
    text.append(" · " + said, style="dim")
    return text


class AccuracyScreen(BaseScreen):
    """Every key is in ``BINDINGS`` and shown by ``?``."""

    # the workers that read its figures (the head line says `reading…` while they run)
    READS = frozenset({"accuracy-load"})

    TITLE = N_("Forecast accuracy")
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
        self._widths: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield HeadLine(id="story")
        yield Container(id="chart")
        yield PlainDataTable(id="levels", cursor_type="row", zebra_stripes=False, fixed_columns=1)
        yield self.status_line()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        from salestui.forecast.accuracy_load import recent_quarters

        self.quarters = recent_quarters(self.ctx.now().date())
        if self.quarter is None:
            self.quarter = self.quarters[0]
        self.fill()
        self.load()

    def on_resize(self) -> None:
        if self._widths and self._widths != self._measure():
            self.fill()

    def _measure(self) -> dict[str, int]:
        return widths(self.app.size.width, self.acc.lines if self.acc is not None else ())

    def fill(self) -> None:
        """The columns at the terminal's width, and the levels in them."""
        table = self.query_one("#levels", PlainDataTable)
        keep = table.cursor_row
        self._widths = w = self._measure()
        with table.drawing():  # read again, unchanged: left as drawn
            table.clear(columns=True)
            for key, (heading, _width) in COLUMNS.items():
                label = _(heading)
                if key not in ("level", "best"):
                    label = " " * (w[key] - cell_len(label)) + label
                table.add_column(Text(label), width=w[key], key=key)
            for line in self.acc.lines if self.acc is not None else ():
                table.add_row(*cells(line, w["level"]), key=str(line.person_id))
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def load(self) -> None:
        self.query_one("#story", Static).update(story(self.acc, self.quarter))
        self._load(self.quarter)

    @work(thread=True, exclusive=True, group="accuracy-load", exit_on_error=False)
    def _load(self, quarter: Period) -> None:
        from salestui.forecast.accuracy_load import load_accuracy

        ctx = self.ctx
        today = ctx.now().date()
        self.post_message(self.Loaded(ctx.read(load_accuracy, ctx.user, quarter, today)))

    def on_accuracy_screen_loaded(self, event: Loaded) -> None:
        self.acc = event.acc
        self.fill()
        self.query_one("#story", Static).update(story(self.acc, self.quarter))
        self.draw()

    def selected(self) -> Line | None:
        table = self.query_one("#levels", PlainDataTable)
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
            self.say(_("no calls to judge: nobody you see called this quarter"))
            return
        plots = box.query(PlotextPlot)
        plot = plots.first() if plots else None
        if plot is None:
            plot = PlotextPlot()
            box.mount(plot)
        draw_accuracy(plot.plt, line, self.quarter.label)
        plot.refresh()
        e = line.errors["calls"]
        said = _(e.why_none) if e.why_none else _("{n} weeks judged").format(n=e.weeks)
        best = _(line.best) if line.best else "—"
        closest = _("closest: {method}").format(method=best)
        self.say(Text.assemble(line.name, f": {said} · {closest}", no_wrap=True))

    def action_quarter(self, step: int) -> None:
        i = next((k for k, q in enumerate(self.quarters) if q == self.quarter), 0) + step
        if not 0 <= i < len(self.quarters):
            self.say(_("only the last 4 quarters are shown"), error=True)
            return
        self.quarter = self.quarters[i]
        self.load()

    def action_close(self) -> None:
        self.dismiss()
