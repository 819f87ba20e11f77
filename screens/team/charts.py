"""`c` on the leaderboard: the charts the seeds ask for, one tab each, for the shown team."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static, TabbedContent, TabPane

from salestui.kernel.format import percent
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_compact
from salestui.screens.common.base import BaseScreen
from salestui.screens.common.footer import Footer
from salestui.screens.common.head import HeadLine
from salestui.screens.common.plain import PlainTable
from salestui.screens.common.plot import PlotextPlot
from salestui.team.trends import NEW_HIRE_MONTHS, SENIOR_AFTER_MONTHS

TABS = (
    ("ramp", N_("Ramp")),
    ("quadrants", N_("Quadrants")),
    ("regions", N_("Regions")),
    ("products", N_("Product lines")),
    ("channels", N_("Channels")),
)
HEAT = ("dim", "blue", "cyan", "yellow", "bold red")  # 16-colour safe shades 0–4


class TeamChart(PlotextPlot):
    """One chart of :mod:`salestui.team.charts`, redrawn from the data it was given."""

    def __init__(self, kind: str, **kw) -> None:
        super().__init__(**kw)
        # plotext's own "clear" theme: the terminal's colours, so 16-colour terminals keep the
        # bars apart and a picture never depends on when the app theme was registered
        self.set_reactive(PlotextPlot.theme, "clear")
        self.kind = kind
        self.data = None

    def show(self, data) -> None:
        self.data = data
        self.replot()

    def on_resize(self) -> None:
        self.replot()  # plotext lays its ticks out for a size: redraw from the data at the new one

    def replot(self) -> None:
        from salestui.team import charts as draw

        d = self.data
        if d is None:
            return
        if self.kind == "ramp":
            draw.ramp(self.plt, d.ramp)
        elif self.kind == "quadrants":
            draw.quadrants(self.plt, d.quadrant_points, d.ability_median, d.effort_median)
        elif self.kind == "regions":
            draw.concentration(self.plt, d.concentration)
        elif self.kind == "products":
            draw.product_lines(self.plt, d.product_lines)
        else:
            draw.channels(self.plt, d.channels)
        self.refresh()


def heat_table(d) -> Table:
    from salestui.team.charts import NAME_CELLS, heat_amount

    t = PlainTable(box=None, padding=(0, 1), title=_("Won revenue by customer region × month"))
    t.add_column(_("Region"), no_wrap=True, max_width=NAME_CELLS, overflow="ellipsis")
    for m in d.heat_months:
        t.add_column(f"{m:%m}", justify="right", no_wrap=True)
    for region in sorted(d.heat, key=lambda r: -sum(d.heat[r])):
        t.add_row(
            Text(region),
            *[
                Text(heat_amount(v) if v else "·", style=HEAT[lvl])
                for v, lvl in zip(d.heat[region], d.heat_levels[region], strict=True)
            ],
        )
    return t


def side_table(d, kind: str) -> Table:
    t = PlainTable(box=None, padding=(0, 1))
    if kind == "products":
        for col in (N_("Line"), N_("Revenue"), N_("Margin"), N_("Margin%"), N_("Rev share"),
                    N_("Margin share"), N_("Pipeline now")):  # fmt: skip
            t.add_column(_(col), justify="left" if col == "Line" else "right")
        for ln in d.product_lines:
            t.add_row(
                Text(ln.name),
                format_compact(ln.revenue),
                format_compact(ln.margin),
                percent(ln.margin_pct),
                percent(ln.revenue_share),
                percent(ln.margin_share),
                format_compact(ln.pipeline),
            )
    elif kind == "channels":
        for col in (
            N_("Channel"),
            N_("Revenue"),
            N_("Won"),
            N_("Win%"),
            N_("Avg deal"),
            N_("Share"),
        ):
            t.add_column(_(col), justify="left" if col == "Channel" else "right")
        for c in d.channels:
            t.add_row(
                Text(c.channel),
                format_compact(c.revenue),
                f"{c.won:,}",
                percent(c.win_rate),
                format_compact(c.average_deal) if c.average_deal else "–",
                percent(c.share),
            )
    elif kind == "quadrants":
        counts: dict[str, list[str]] = {}
        for p in sorted(d.quadrant_points, key=lambda p: -p.ability):
            counts.setdefault(p.quadrant, []).append(d.names.get(p.person_id, "?"))
        t.add_column(_("Quadrant"))
        t.add_column(_("People"))
        for name in (N_("star"), N_("talent"), N_("worker"), N_("needs help")):
            people = counts.get(name, [])
            t.add_row(
                f"{_(name)} ({len(people)})",
                Text(", ".join(people[:8]) + (" …" if len(people) > 8 else "")),
            )
    else:  # ramp
        r = d.ramp
        t.add_column(_("Reps"))
        t.add_column(_("Win rate"), justify="right")
        t.add_column(_("Closed deals"), justify="right")
        t.add_row(
            _("first {n} months").format(n=NEW_HIRE_MONTHS),
            percent(r.new_hires),
            f"{r.new_closed:,}",
        )
        t.add_row(
            _("after {n} months").format(n=SENIOR_AFTER_MONTHS),
            percent(r.seniors),
            f"{r.senior_closed:,}",
        )
    return t


class ChartsScreen(BaseScreen):
    # the workers that read its figures (the head line says `reading…` while they run)
    READS = frozenset({"team-charts"})
    CSS_PATH = "charts.tcss"
    TITLE = N_("Team charts")
    BINDINGS = [
        Binding(
            "escape", "app.pop_screen", N_("Back"), id="charts.back", tooltip=N_("Back to the team")
        ),
        Binding(
            "right,l,tab",
            "tab(1)",
            N_("Next chart"),
            key_display="→",
            id="charts.next",
            tooltip=N_("Next chart"),
        ),
        Binding(
            "left,h,shift+tab",
            "tab(-1)",
            N_("Previous chart"),
            key_display="←",
            id="charts.prev",
            tooltip=N_("Previous chart"),
        ),
    ]

    class Loaded(Message):
        """The figures of every chart (``salestui.team.load.ChartsData``)."""

        def __init__(self, data) -> None:
            super().__init__()
            self.data = data

    def __init__(self, team) -> None:
        super().__init__()
        self.team = team  # salestui.team.load.TeamData

    def compose(self) -> ComposeResult:
        yield HeadLine(_("Charts · {period}").format(period=self.team.period.label), id="summary")
        with TabbedContent(id="tabs"):
            for key, title in TABS:
                with TabPane(_(title), id=f"tab-{key}"):
                    yield TeamChart(key, id=f"chart-{key}")
                    yield Static("", id=f"side-{key}", classes="side", markup=False)
        yield self.status_line()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="team-charts", exit_on_error=False)
    def _load(self) -> None:
        from salestui.team.load import load_charts

        board = self.team.board
        owners = None if board.root_id is None else board.visible()
        reps = [p.id for p in board.people if p.role == "rep" and p.id in set(board.visible())]
        data = self.ctx.read(load_charts, owners, self.team.period, board.parts, reps)
        self.post_message(self.Loaded(data))

    def on_charts_screen_loaded(self, event: Loaded) -> None:
        d = event.data
        self.query_one("#summary", Static).update(
            Text(
                _("{who} · {period} · ← → switch charts").format(
                    who=self.team.board.root_label, period=d.period.label
                ),
                no_wrap=True,
                overflow="ellipsis",
            )
        )
        for chart in self.query(TeamChart):
            chart.show(d)
        for key, _title in TABS:
            side = heat_table(d) if key == "regions" else side_table(d, key)
            self.query_one(f"#side-{key}", Static).update(side)

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        keys = [f"tab-{k}" for k, _title in TABS]
        i = keys.index(tabs.active) if tabs.active in keys else 0
        tabs.active = keys[(i + step) % len(keys)]
