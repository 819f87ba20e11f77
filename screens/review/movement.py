"""The review's section 7: the week's pipeline movement — the waterfall's bars, its table and
the roll-up lines, drawn from ``salestui.review.waterfall.Movement``."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from salestui.kernel.i18n import N_, _
from salestui.screens.common.plain import PlainTable

NARROW_WORDS = N_(
    "Added: new, pulled in, increased · Taken out: pushed out, decreased "
    "(each bucket per person: salestui report weekly)"
)
LINE_COLUMNS = (N_("Start"), N_("Added"), N_("Taken out"), N_("Won"), N_("Lost"), N_("End"))

MOST_LINES = 12  # the roll-up lines shown; the report lists every one


class MovementSection(Vertical):
    DEFAULT_CSS = """
    MovementSection { height: auto; }
    MovementSection #movement-table { height: auto; }
    MovementSection #movement-plot { height: 12; }
    """

    def compose(self) -> ComposeResult:
        yield Static("7 · " + _("Pipeline movement this week"), classes="title", markup=False)
        yield Static(_("reading…"), id="movement-table", markup=False)

    def show(self, m) -> None:
        from salestui.review.movement import (
            line_words,
            narrow_row,
            pipeline_words,
            waterfall_rows,
        )
        from salestui.screens.review.charts import MovementPlot

        plot = next(iter(self.query("#movement-plot")), None)
        if plot is None:
            plot = MovementPlot(id="movement-plot")
            self.mount(plot, before=self.query_one("#movement-table"))
        plot.show(m.total)
        steps = PlainTable(box=None, expand=False, pad_edge=False, show_edge=False)
        for i, name in enumerate((_("Step"), _("Deals"), _("Amount"))):
            steps.add_column(name, justify="right" if i else "left", no_wrap=True)
        for label, *figures in waterfall_rows(m.total):
            steps.add_row(_(label), *figures)
        lines = PlainTable(box=None, expand=False, pad_edge=False, show_edge=False)
        lines.add_column(_("Who"), no_wrap=True, overflow="ellipsis", max_width=18)
        for name in LINE_COLUMNS:
            lines.add_column(_(name), justify="right", no_wrap=True)
        shown = m.lines[1 : 1 + MOST_LINES]
        for ln in shown:
            who = Text("  " * ln.depth + line_words(ln), style="bold" if ln.team else "")
            lines.add_row(who, *narrow_row(ln.figures))
        said = _("The pipeline: {what}.").format(what=pipeline_words(m))
        parts = [Text(said, style="dim"), steps]
        if shown:
            parts += [Text(""), lines, Text(_(NARROW_WORDS), style="dim")]
        if len(m.lines) - 1 > MOST_LINES:
            more = len(m.lines) - 1 - MOST_LINES
            said = _("… and {n} more lines (salestui report weekly)").format(n=more)
            parts.append(Text(said, style="dim"))
        self.query_one("#movement-table", Static).update(Group(*parts))
