"""The forecast (key `7`): this quarter's or the next's roll-up over the viewer's part of the org
— closed, commit, best case, pipeline, weighted, trend, each person's call of the week and a
manager's judgment — with the viewer's own calls of the quarter under it.

A screen of its own rather than a part of the weekly review: every person calls every week (not
only a manager in the review), and it holds two quarters × the whole org tree. The figures are
``salestui.forecast.load``'s (the report's too), read by a worker; a call goes through
``salestui.services.forecast_calls`` in a form, and the roll-up is read again after it.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Static

from salestui.kernel.dates import local
from salestui.kernel.format import printable
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_amount, format_compact
from salestui.screens.common.base import BaseScreen
from salestui.screens.common.follow import FollowsChanges
from salestui.screens.common.footer import Footer
from salestui.screens.common.head import HeadLine
from salestui.screens.common.plain import PlainDataTable
from salestui.screens.forecast.bindings import FORECAST_KEYS

# column key → (heading, width): the figures keep their width, the name gets what they leave
# (at 80 columns the name stays readable and the last figures scroll beside it: `fixed_columns`)
COLUMNS = {
    "name": (N_("Name"), 16),
    "closed": (N_("Closed"), 7),
    "commit": (N_("Commit"), 7),
    "best_case": (N_("Best"), 7),
    "pipeline": (N_("Pipeline"), 8),
    "weighted": (N_("Weighted"), 8),
    "trend": (N_("Trend"), 7),
    "call": (N_("Call"), 8),
    "judgment": (N_("Judgment"), 8),
    "omitted": (N_("Omitted"), 7),
}
INDENT = "  "
QUARTERS = ("this-quarter", "next-quarter")
EDGES = 4  # the scrollbar and the table's own margin


def shown_name(line) -> str:
    """The name as the row shows it: indented by level; "own deals" and "Company" translated."""
    name = printable(line.name) if line.kind == "person" else _(line.name)
    return INDENT * line.level + name


def _compact(minor: int | None) -> str:
    return format_compact(minor) if minor is not None else "—"


def figures(line) -> dict[str, tuple[str, str]]:
    """The line's figures as shown (text, style); an older call (not this week's) is in
    brackets, dim."""
    f, call = line.figures, line.call
    if call is None:
        called = ("—", "")
    elif call.older:
        called = (f"({format_compact(call.amount_minor)})", "dim")
    else:
        called = (format_compact(call.amount_minor), "bold")
    judgment = line.judgment
    sign = "+" if judgment is not None and judgment > 0 else ""
    return {
        "closed": (_compact(f.closed), ""),
        "commit": (_compact(f.commit), ""),
        "best_case": (_compact(f.best_case), ""),
        "pipeline": (_compact(f.pipeline), ""),
        "weighted": (_compact(f.weighted), ""),
        "trend": (_compact(line.trend), ""),
        "call": called,
        "judgment": ("" if judgment is None else sign + format_compact(judgment), ""),
        "omitted": (_compact(f.omitted), "dim"),
    }


def widths(screen_width: int, lines) -> dict[str, int]:
    """Each figure's column: its heading or its widest figure (in cells: 155.00万 is 8); the
    name gets what they leave (never less than its minimum, never more than the longest
    name needs)."""
    shown = [figures(ln) for ln in lines]
    out = {
        k: max([w, cell_len(_(h)), *(cell_len(row[k][0]) for row in shown)])
        for k, (h, w) in COLUMNS.items()
        if k != "name"
    }
    left = screen_width - EDGES - sum(w + 2 for w in out.values()) - 2
    longest = max((cell_len(shown_name(ln)) for ln in lines), default=0)
    low = max(COLUMNS["name"][1], cell_len(_(COLUMNS["name"][0])))
    return {"name": max(low, min(left, longest)), **out}


def cells(line, w: dict[str, int]) -> list[Text]:
    """One line of the roll-up, each figure right-aligned in its column's cells."""
    name = Text(shown_name(line), no_wrap=True, overflow="ellipsis")
    name.truncate(w["name"], overflow="ellipsis")
    if line.kind != "person":
        name.stylize("italic" if line.kind == "own" else "bold")
    out = [name]
    for key, (text, style) in figures(line).items():
        pad = " " * max(0, w[key] - cell_len(text))
        out.append(Text(pad + text, style=style, no_wrap=True, justify="right"))
    return out


def story_text(view) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    if view is None:
        return text.append(_("Forecast"), "bold")
    which = _("this quarter") if view.period.contains(view.today) else _("next quarter")
    text.append(f"{_('Forecast')} · {view.period.label} ({which})", "bold")
    text.append(" · " + _("week of {day}").format(day=f"{view.week:%Y-%m-%d}"))
    text.append(" · " + _("(…) older call"))
    if view.trend_method:
        text.append(" · " + _("trend: {method}").format(method=_(view.trend_method)), "dim")
    return text


def history_text(view) -> Text:
    """The viewer's own calls of the quarter, newest first."""
    text = Text(no_wrap=False)
    if view is None:
        return text
    if not view.history:
        return text.append(
            _("You have made no call for {quarter} yet — c to call.").format(
                quarter=view.period.label
            )
        )
    text.append(_("Your calls for {quarter}:").format(quarter=view.period.label) + " ", "bold")
    for i, call in enumerate(view.history[:6]):
        if i:
            text.append(" · ")
        text.append(f"{local(call.made_at, '%Y-%m-%d')} {format_amount(call.amount_minor)}")
        if call.note:
            text.append(f" “{printable(call.note)}”", "italic")
    if len(view.history) > 6:
        text.append(" · " + _("{n} earlier").format(n=len(view.history) - 6))
    return text


class ForecastScreen(FollowsChanges, BaseScreen):
    """Every key is in ``BINDINGS`` and shown by ``?``."""

    # the workers that read its figures (the head line says `reading…` while they run)
    READS = frozenset({"forecast-load"})

    TITLE = N_("Forecast")
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
        self._widths: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield HeadLine(story_text(None), id="story")
        yield PlainDataTable(id="rollup", cursor_type="row", zebra_stripes=False, fixed_columns=1)
        yield Static(Text(""), id="history", markup=False)
        yield self.status_line()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.fill()
        self.load()
        self.follow_changes()

    def on_resize(self) -> None:
        if self._widths and self._widths != self._measure():
            self.fill()

    def _measure(self) -> dict[str, int]:
        return widths(self.app.size.width, self.view.lines if self.view is not None else ())

    def fill(self) -> None:
        """The columns at the terminal's width, and the rows in them."""
        table = self.query_one("#rollup", PlainDataTable)
        keep = table.cursor_row
        self._widths = w = self._measure()
        with table.drawing():  # read again, unchanged: left as drawn
            table.clear(columns=True)
            for key, (heading, _width) in COLUMNS.items():
                label = _(heading)
                if key != "name":
                    label = " " * (w[key] - cell_len(label)) + label
                table.add_column(Text(label), width=w[key], key=key)
            for line in self.view.lines if self.view is not None else ():
                table.add_row(*cells(line, w), key=line.key)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    # ---- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        self.query_one("#story", Static).update(story_text(self.view))
        self._load(self.quarter)

    @work(thread=True, exclusive=True, group="forecast-load", exit_on_error=False)
    def _load(self, quarter: str) -> None:
        self.remember_version()
        from salestui.forecast.load import load_forecast, read_quarter
        from salestui.kernel.clock import local_day

        ctx = self.ctx
        today = local_day(ctx.now())
        period = read_quarter(quarter, today)
        self.post_message(self.Loaded(ctx.read(load_forecast, ctx.user, period, today)))

    def on_forecast_screen_loaded(self, event: Loaded) -> None:
        self.view = event.view
        table = self.query_one("#rollup", PlainDataTable)
        self.fill()
        self.query_one("#story", Static).update(story_text(self.view))
        self.query_one("#history", Static).update(history_text(self.view))
        if self._notice is not None:
            self.say_answer(self._notice)
            self._notice, self._hold = None, table.cursor_row
        elif not self.view.lines:
            self.say(_("nobody in your view"))
        else:
            self.describe()

    # ---- the line under the cursor ----------------------------------------------------------
    def selected(self):
        table = self.query_one("#rollup", PlainDataTable)
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
        parts = [shown_name(line).strip()]
        if line.call is not None:
            call = line.call
            when = _("older call") if call.older else _("this week's call")
            parts.append(
                f"{when} {format_amount(call.amount_minor)} ({local(call.made_at, '%Y-%m-%d')})"
            )
            if call.note:
                parts.append(f"“{printable(call.note)}”")
        elif line.kind == "person":
            parts.append(_("no call this quarter"))
        if line.reports_called is not None:
            parts.append(
                _("reports' calls {amount}").format(amount=format_amount(line.reports_called))
            )
        if line.judgment is not None:
            sign = "+" if line.judgment > 0 else ""
            parts.append(_("judgment {amount}").format(amount=sign + format_amount(line.judgment)))
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
            self.say(_("the forecast is still being read"), error=True)
            return
        if self.view.mine() is None:
            self.say(_("you have no scope of your own here to call"), error=True)
            return
        self.app.push_screen(CallFormScreen(self.view), self._after)

    def action_accuracy(self) -> None:
        from salestui.screens.forecast.accuracy import AccuracyScreen

        self.app.push_screen(AccuracyScreen())

    def _after(self, said: str | None) -> None:
        if said:
            self._notice = said
            self.load()
