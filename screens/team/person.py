"""`enter` on the leaderboard: a person's (or a manager's team's) three years by month against
target, month-on-month and year-on-year, and their funnel; `p` shows their deals on the board."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Static

from salestui.kernel.format import percent
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_amount
from salestui.kernel.periods import Period
from salestui.screens.common.base import BaseScreen
from salestui.screens.common.footer import Footer
from salestui.screens.common.head import HeadLine
from salestui.screens.common.plain import PlainTable
from salestui.screens.common.plot import PlotextPlot
from salestui.screens.team.on_board import show_on_board


class MonthsPlot(PlotextPlot):
    """Revenue against target by month, or their MoM / YoY change: fed data, never queries."""

    def __init__(self, what: str, **kw) -> None:
        super().__init__(**kw)
        # plotext's own "clear" theme: the terminal's colours, so 16-colour terminals keep the
        # bars apart and a picture never depends on when the app theme was registered
        self.set_reactive(PlotextPlot.theme, "clear")
        self.what = what
        self.detail = None

    def show(self, detail) -> None:
        self.detail = detail
        self.replot()

    def on_resize(self) -> None:
        self.replot()  # plotext lays its ticks out for a size: redraw from the data at the new one

    def replot(self) -> None:
        from salestui.team import charts as charts_team

        if self.detail is None:
            return
        if self.what == "revenue":
            charts_team.revenue_vs_target(self.plt, self.detail.months, self.detail.name)
        else:
            charts_team.month_on_month(self.plt, self.detail.months)
        self.refresh()


def funnel_table(detail) -> Table:
    title = _("Funnel · deals created since {day}").format(day=detail.funnel_since)
    t = PlainTable(title=title, box=None, expand=True)
    t.add_column(_("Stage"))
    t.add_column(_("Entered"), justify="right")
    t.add_column(_("→ next"), justify="right")
    for step in detail.funnel:
        conv = percent(step.conversion, missing="")
        t.add_row(_(step.stage), f"{step.entered:,}", conv)
    last = [m for m in detail.months if m.revenue or m.target][-1:] or detail.months[-1:]
    if last:
        m = last[0]
        t.add_section()
        t.add_row(f"{m.month:%Y-%m}", format_amount(m.revenue), "")
        t.add_row("MoM", percent(m.mom, signed=True), "")
        t.add_row("YoY", percent(m.yoy, signed=True), "")
    return t


class PersonScreen(BaseScreen):
    # the workers that read its figures (the head line says `reading…` while they run)
    READS = frozenset({"team-person"})
    TITLE = N_("Person")
    CSS_PATH = "person.tcss"
    BINDINGS = [
        Binding(
            "escape", "app.pop_screen", N_("Back"), id="person.back", tooltip=N_("Back to the team")
        ),
        Binding(
            "p",
            "board",
            N_("Board"),
            id="person.board",
            tooltip=N_("The pipeline board filtered to this person"),
        ),
    ]

    class Loaded(Message):
        """The person's months, funnel and team size (``salestui.team.load.PersonDetail``)."""

        def __init__(self, detail) -> None:
            super().__init__()
            self.detail = detail

    def __init__(self, person_id: int, label: str, period: Period) -> None:
        super().__init__()
        self.person_id, self.label, self.period = person_id, label, period

    def compose(self) -> ComposeResult:
        yield HeadLine(self.label, id="summary")
        with Horizontal(id="person-charts"):
            with Vertical():
                yield MonthsPlot("revenue", id="revenue-plot", classes="chart")
                yield MonthsPlot("change", id="change-plot", classes="chart")
            yield Static("", id="funnel", markup=False)
        yield self.status_line()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="team-person", exit_on_error=False)
    def _load(self) -> None:
        from salestui.team.load import load_person

        ctx = self.ctx
        self.post_message(
            self.Loaded(ctx.read(load_person, self.person_id, self.period, ctx.now().date()))
        )

    def on_person_screen_loaded(self, event: Loaded) -> None:
        d = event.detail
        who = (
            _("{name} and team ({n})").format(name=d.name, n=d.team_size)
            if d.team_size > 1
            else d.name
        )
        total = sum(m.revenue for m in d.months)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(who, style="bold")
        text.append(f" · {d.months[0].month:%Y-%m} – {d.months[-1].month:%Y-%m}")
        text.append(" · " + _("revenue {amount}").format(amount=format_amount(total)))
        self.query_one("#summary", Static).update(text)
        for plot in self.query(MonthsPlot):
            plot.show(d)
        self.query_one("#funnel", Static).update(funnel_table(d))

    def action_board(self) -> None:
        show_on_board(self.app, self.person_id, self.label)
