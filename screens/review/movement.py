"""The review's section 7: the week's pipeline movement — the waterfall's bars, its table and
the roll-up lines, drawn from ``salestui.review.waterfall.Movement``."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from salestui.screens.common.plain import PlainTable

NARROW_WORDS = (
    "Added: new, pulled in, increased · Taken out: pushed out, decreased "
    "(each bucket per person: salestui report weekly)"
)

MOST_LINES = 12  # the roll-up lines shown; the report lists every one


class MovementSection(Vertical):
    DEFAULT_CSS = """
    MovementSection { height: auto; }
    MovementSection #movement-table { height: auto; }
    MovementSection #movement-plot { height: 12; }
    """

    def compose(self) -> ComposeResult:
        yield Static("7 · Pipeline movement this week", classes="title", markup=False)
        yield Static("loading…", id="movement-table", markup=False)

    def show(self, m) -> None:
        from salestui.review.movement import narrow_row, pipeline_words, waterfall_rows
        from salestui.screens.review.charts import MovementPlot

        plot = next(iter(self.query("#movement-plot")), None)
        if plot is None:
            plot = MovementPlot(id="movement-plot")
            self.mount(plot, before=self.query_one("#movement-table"))
        plot.show(m.total)
        steps = PlainTable(box=None, expand=False, pad_edge=False, show_edge=False)
        for name in ("Step", "Deals", "Amount"):
            steps.add_column(name, justify="left" if name == "Step" else "right", no_wrap=True)
        for row in waterfall_rows(m.total):
            steps.add_row(*row)
        lines = PlainTable(box=None, expand=False, pad_edge=False, show_edge=False)
        lines.add_column("Who", no_wrap=True, overflow="ellipsis", max_width=18)
        for name in ("Start", "Added", "Taken out", "Won", "Lost", "End"):
            lines.add_column(name, justify="right", no_wrap=True)
        shown = m.lines[1 : 1 + MOST_LINES]
        for ln in shown:
            who = Text("  " * ln.depth + ln.label, style="bold" if ln.team else "")
            lines.add_row(who, *narrow_row(ln.figures))
        parts = [Text(f"The pipeline: {pipeline_words(m)}.", style="dim"), steps]
        if shown:
            parts += [Text(""), lines, Text(NARROW_WORDS, style="dim")]
        if len(m.lines) - 1 > MOST_LINES:
            more = len(m.lines) - 1 - MOST_LINES
            parts.append(Text(f"… and {more} more lines (salestui report weekly)", style="dim"))
        self.query_one("#movement-table", Static).update(Group(*parts))
