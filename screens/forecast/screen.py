"""The forecast (key `7`): this quarter's or the next's roll-up over the viewer's part of the org
— closed, commit, best case, pipeline, weighted, trend, each person's call of the week and a
manager's judgment — with the viewer's own calls of the quarter under it.

A screen of its own rather than a part of the weekly review: every person calls every week (not
only a manager in the review), and it holds two quarters × the whole org tree. The figures are
``salestui.forecast.load``'s (the report's too), read by a worker; a call goes through
``salestui.services.forecast_calls`` in a form, and the roll-up is read again after it.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Static

from salestui.kernel.dates import local
from salestui.kernel.format import printable
from salestui.kernel.money import format_amount, format_compact
from salestui.screens.common.base import BaseScreen
from salestui.screens.common.footer import Footer
from salestui.screens.common.plain import PlainDataTable
from salestui.screens.forecast.bindings import FORECAST_KEYS

# column key → (heading, width); at 80 columns Name … Call show, Judgment and Omitted scroll
COLUMNS = {
    "name": ("Name", 12),
    "closed": ("Closed", 7),
    "commit": ("Commit", 7),
    "best_case": ("Best", 7),
    "pipeline": ("Pipeline", 8),
    "weighted": ("Weighted", 8),
    "trend": ("Trend", 7),
    "call": ("Call", 8),
    "judgment": ("Judgment", 8),
    "omitted": ("Omitted", 7),
}
INDENT = "  "
QUARTERS = ("this-quarter", "next-quarter")


def _right(text: str, key: str, style: str = "") -> Text:
    """Right-aligned in its column (a cell's own justify is not kept by the table)."""
    return Text(text.rjust(COLUMNS[key][1]), style=style, no_wrap=True)


def _money(minor: int | None, key: str, style: str = "") -> Text:
    return _right(format_compact(minor) if minor is not None else "—", key, style)


def cells(line) -> list[Text]:
    """One line of the roll-up; an older call (not this week's) is in brackets, dim."""
    f, call = line.figures, line.call
    name = Text(INDENT * line.level + printable(line.name), no_wrap=True, overflow="ellipsis")
    if line.kind != "person":
        name.stylize("italic" if line.kind == "own" else "bold")
    if call is None:
        called = _right("—", "call")
    elif call.older:
        called = _right(f"({format_compact(call.amount_minor)})", "call", "dim")
    else:
        called = _money(call.amount_minor, "call", "bold")
    judgment = line.judgment
    sign = "+" if judgment is not None and judgment > 0 else ""
    return [
        name,
        _money(f.closed, "closed"),
        _money(f.commit, "commit"),
        _money(f.best_case, "best_case"),
        _money(f.pipeline, "pipeline"),
        _money(f.weighted, "weighted"),
        _money(line.trend, "trend"),
        called,
        _right("" if judgment is None else sign + format_compact(judgment), "judgment"),
        _money(f.omitted, "omitted", "dim"),
    ]


def story_text(view, reading: bool) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    if view is None:
        return text.append("Forecast · reading…", "bold")
    which = "this quarter" if view.period.contains(view.today) else "next quarter"
    text.append(f"Forecast · {view.period.label} ({which})", "bold")
    text.append(f" · week of {view.week:%Y-%m-%d} · (…) older call")
    if view.trend_method:
        text.append(f" · trend: {view.trend_method}", "dim")
    if reading:
        text.append(" · reading…", "dim")
    return text


def history_text(view) -> Text:
    """The viewer's own calls of the quarter, newest first."""
    text = Text(no_wrap=False)
    if view is None:
        return text
    if not view.history:
        return text.append(f"You have made no call for {view.period.label} yet — c to call.")
    text.append(f"Your calls for {view.period.label}: ", "bold")
    for i, call in enumerate(view.history[:6]):
        if i:
            text.append(" · ")
        text.append(f"{local(call.made_at, '%Y-%m-%d')} {format_amount(call.amount_minor)}")
        if call.note:
            text.append(f" “{printable(call.note)}”", "italic")
    if len(view.history) > 6:
        text.append(f" · {len(view.history) - 6} earlier")
    return text


class ForecastScreen(BaseScreen):
    """Every key is in ``BINDINGS`` and shown by ``?``."""

    CSS_PATH = "screen.tcss"
    BINDINGS = FORECAST_KEYS

    class Loaded(Message):
        def __init__(self, view) -> None:
            super().__init__()
            self.view = view

    def __init__(self) -> None:
        super().__init__()
        self.view = None
        self.quarter = QUARTERS[0]
        self._notice: str | None = None
        self._hold: int | None = None  # the row whose highlight keeps the notice on the status

    def compose(self) -> ComposeResult:
        yield Static(story_text(None, True), id="story", classes="status", markup=False)
        yield PlainDataTable(id="rollup", cursor_type="row", zebra_stripes=False)
        yield Static(Text(""), id="history", markup=False)
        yield self.status_line()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#rollup", DataTable)
        for key, (heading, width) in COLUMNS.items():
            label = heading if key == "name" else heading.rjust(width)
            if key == "name":  # what the figures leave of the terminal, 12 to 28 columns
                width = max(width, min(28, self.app.size.width - 89))
            table.add_column(Text(label), width=width, key=key)
        self.load()

    # ---- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        self.query_one("#story", Static).update(story_text(self.view, True))
        self._load(self.quarter)

    @work(thread=True, exclusive=True, group="forecast-load", exit_on_error=False)
    def _load(self, quarter: str) -> None:
        from salestui.forecast.load import load_forecast, read_quarter
        from salestui.kernel.clock import local_day

        ctx = self.ctx
        today = local_day(ctx.now())
        period = read_quarter(quarter, today)
        self.post_message(self.Loaded(ctx.read(load_forecast, ctx.user, period, today)))

    def on_forecast_screen_loaded(self, event: Loaded) -> None:
        self.view = event.view
        table = self.query_one("#rollup", DataTable)
        keep = table.cursor_row
        table.clear()
        for line in self.view.lines:
            table.add_row(*cells(line), key=line.key)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self.query_one("#story", Static).update(story_text(self.view, False))
        self.query_one("#history", Static).update(history_text(self.view))
        if self._notice is not None:
            self.say(self._notice)
            self._notice, self._hold = None, table.cursor_row
        elif not self.view.lines:
            self.say("nobody in your view")
        else:
            self.describe()

    # ---- the line under the cursor ----------------------------------------------------------
    def selected(self):
        table = self.query_one("#rollup", DataTable)
        if self.view is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((ln for ln in self.view.lines if ln.key == key), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self._hold is not None and event.cursor_row == self._hold:
            return
        self._hold = None
        self.describe()

    def describe(self) -> None:
        """The highlighted line's call in full: when, its note, the reports' calls."""
        line = self.selected()
        if line is None:
            return
        parts = [printable(line.name)]
        if line.call is not None:
            call = line.call
            when = "older call" if call.older else "this week's call"
            parts.append(
                f"{when} {format_amount(call.amount_minor)} ({local(call.made_at, '%Y-%m-%d')})"
            )
            if call.note:
                parts.append(f"“{printable(call.note)}”")
        elif line.kind == "person":
            parts.append("no call this quarter")
        if line.reports_called is not None:
            parts.append(f"reports' calls {format_amount(line.reports_called)}")
        if line.judgment is not None:
            parts.append(
                f"judgment {'+' if line.judgment > 0 else ''}{format_amount(line.judgment)}"
            )
        self.say(Text(" · ".join(parts), no_wrap=True, overflow="ellipsis"))

    # ---- actions ----------------------------------------------------------------------------
    def action_reload(self) -> None:
        self.load()

    def action_switch_quarter(self) -> None:
        self.quarter = QUARTERS[1 - QUARTERS.index(self.quarter)]
        self.load()

    def action_call(self) -> None:
        from salestui.screens.forecast.call_form import CallFormScreen

        if self.view is None:
            self.say("the forecast is still being read", error=True)
            return
        if self.view.mine() is None:
            self.say("you have no scope of your own here to call", error=True)
            return
        self.app.push_screen(CallFormScreen(self.view), self._after)

    def action_accuracy(self) -> None:
        from salestui.screens.forecast.accuracy import AccuracyScreen

        self.app.push_screen(AccuracyScreen())

    def _after(self, said: str | None) -> None:
        if said:
            self._notice = said
            self.load()
