"""Key `5`: the weekly review a manager walks through in a meeting, top to bottom.

The frame comes first with every section saying it is loading; one worker then fills the
sections in order (KPIs first: they are the cheapest and the most important).
"""

from __future__ import annotations

import re

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import Static

from salestui.kernel.dates import local
from salestui.kernel.format import percent
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_amount
from salestui.screens.common.base import BaseScreen
from salestui.screens.common.follow import FollowsChanges
from salestui.screens.common.footer import Footer
from salestui.screens.common.head import HeadLine
from salestui.screens.common.plain import PlainTable
from salestui.screens.review import durations as sd
from salestui.screens.review.bindings import REVIEW_KEYS
from salestui.screens.review.changes import changes_text
from salestui.screens.review.movement import MovementSection
from salestui.screens.review.problems import problems_text, stalled_table

PERIOD_ORDER = ("year", "quarter", "all")
FUNNEL_COLUMNS = (
    N_("Stage"),
    N_("Deals"),
    N_("On to next"),
    N_("Conversion"),
    N_("Drop-off"),
    N_("Skipped in"),
)
N_("Due"), N_("Item"), N_("Owner"), N_("Status")  # the action items' headings
BASIS = re.compile(r"invoices due (\S+)( to date)?$")


SCOPE_WORDS = {"everyone": N_("everyone"), "nobody": N_("nobody")}


def scope_words(label: str) -> str:
    """``Viewer.scope_label``'s words (English in the reports' JSON) as the header shows them."""
    if label in SCOPE_WORDS:
        return _(SCOPE_WORDS[label])
    if label.endswith(" and team"):
        return _("{name} and team").format(name=label.removesuffix(" and team"))
    return label


def kpi_cell(unit: str, value, *, delta: bool = False) -> str:
    """``review.report.kpi_text``, with a change of a percentage in the reader's points."""
    from salestui.review.report import kpi_text

    if unit == "pct" and delta and value is not None:
        return percent(value, points=True, decimals=1, signed=value > 0, unit=" " + _("pts"))
    return kpi_text(unit, value, delta=delta)


def basis_words(basis: str) -> str:
    """``kernel.invoices.collection_basis``'s words (English in the JSON report) as shown."""
    found = BASIS.match(basis)
    if found is None:
        return basis
    said = _("invoices due {period} to date") if found[2] else _("invoices due {period}")
    return said.format(period=found[1])


class ReviewScreen(FollowsChanges, BaseScreen):
    # the workers that read its figures (the head line says `reading…` while they run)
    READS = frozenset({"review-load", "review-funnel"})
    TITLE = N_("Weekly review")
    CSS_PATH = "screen.tcss"
    FAILED = "database"
    BINDINGS = REVIEW_KEYS

    class Section(Message):
        """One section's figures, ``name`` saying which (drawn by ``_show_<name>``)."""

        def __init__(self, name: str, data) -> None:
            super().__init__()
            self.name, self.data = name, data

    class Done(Message):
        """The review was marked done; ``snap`` is what the next one compares against."""

        def __init__(self, snap) -> None:
            super().__init__()
            self.snap = snap

    period: var[str] = var("year")
    """The funnel's period, one of ``PERIOD_ORDER``."""
    funnel_mode: var[str] = var("strict")
    """The funnel's conversion: "strict" (stage k to k+1) or "any" (skips count)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        loading = _("reading…")
        yield HeadLine(_("Weekly review"), id="head")
        with VerticalScroll(id="body"):
            yield Static("1 · " + _("Core KPIs"), classes="title", markup=False)
            yield Static(loading, id="kpis", markup=False)
            yield Static("2 · " + _("Funnel"), classes="title", id="funnel-title", markup=False)
            yield Static(loading, id="funnel-box", classes="chart", markup=False)
            yield Static("", id="funnel-table", markup=False)
            yield Static("3 · " + _("Revenue trend"), classes="title", markup=False)
            yield Static(loading, id="trend-box", classes="chart", markup=False)
            yield Static("", id="trend-table", markup=False)
            yield Static("4 · " + _("Problems"), classes="title", markup=False)
            yield Static(loading, id="problems", markup=False)
            yield Static("", id="stalled", markup=False)
            yield Static("5 · " + _("Since the last review"), classes="title", markup=False)
            yield Static(loading, id="changes", markup=False)
            yield Static("6 · " + _("This week's action items"), classes="title", markup=False)
            yield Static(loading, id="items", markup=False)
            yield MovementSection()
            yield Static("8 · " + _("Stage durations and effort"), classes="title", markup=False)
            yield Static(loading, id="durations", markup=False)
        yield self.status_line()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        # the frame first: the loading worker's imports and queries must not delay it
        self.call_after_refresh(self.load)
        self.follow_changes()

    # ---- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        self._load(self.period)

    @work(thread=True, exclusive=True, group="review-load", exit_on_error=False)
    def _load(self, period: str) -> None:
        from salestui.customers.load import PendingTable, customer_rules
        from salestui.review import load as rd
        from salestui.review.waterfall import load_movement
        from salestui.runtime.reads import in_turn, meanwhile, scans_in_processes
        from salestui.scope import load_scope

        self.remember_version()
        ctx, now = self.ctx, self.ctx.now()
        scope = ctx.read(load_scope, ctx.user)
        self.post_message(self.Section("scope", (scope, now)))
        # every big section side by side, in worker processes on a large file (as `report
        # weekly` reads them), each shown the moment it is read: the KPIs first (a person reads
        # them first), the short reads of the sections above the fold next, the long ones last
        # (the KPIs read alone before the others came 0.15 s sooner and everything 0.3 s later,
        # 1,000,000 deals on two cores)
        big = scans_in_processes(ctx)
        pending = dict(zip(
            ("kpis", "trend", "deal_changes", "funnel", "problems", "durations", "movement",
             "effort"),
            [*ctx.submit_reads(
                [rd.load_kpis, rd.load_trend, rd.load_deal_changes], scope, now, processes=big
             ),
             *ctx.submit_reads([rd.load_funnel], scope, now, period, processes=big),
             *ctx.submit_reads(
                [rd.load_problems_first, sd.load_review_durations, load_movement,
                 sd.load_review_effort_counts],
                scope, now, processes=big,
            )],
            strict=True,
        ))  # fmt: skip
        self.post_message(self.Section("items", ctx.read(rd.load_week_items, scope, now)))
        # health and churn need the customer table (shared with the tiers screen): kept, brought
        # up to date or computed in a thread meanwhile, shown last so nothing waits for them
        rules = customer_rules(ctx)
        with meanwhile(lambda: PendingTable(ctx, rules, now).result()) as customer_table:
            import salestui.screens.review.charts  # noqa: F401  (plotext, off the UI thread)

            read: dict[str, object] = {}
            for name, found in in_turn(pending):
                read[name] = found
                changes = ("kpis", "trend", "deal_changes")  # since the last review: all three
                if name in changes and read.keys() >= set(changes):
                    kpis, trend, deals = (read[n] for n in changes)
                    self.post_message(
                        self.Section("changes", rd.changes_from(scope, now, deals, kpis, trend[1]))
                    )
                if name in ("effort", "deal_changes") or (
                    name == "funnel" and period != self.period
                ):
                    continue  # the effort waits for the table; `p` changed the funnel's period
                self.post_message(
                    self.Section(name, (found, None) if name == "durations" else found)
                )
            table = customer_table()
        problems, durations = read["problems"], read["durations"]
        problems = ctx.read(rd.load_customer_problems, scope, now, problems, table)
        self.post_message(self.Section("problems", problems))
        effort = ctx.read(sd.load_review_effort, scope, now, table, read["effort"])
        self.post_message(self.Section("durations", (durations, effort)))

    def on_review_screen_section(self, event: Section) -> None:
        self.data[event.name] = event.data
        getattr(self, f"_show_{event.name}")(event.data)

    # ---- sections ---------------------------------------------------------------------------
    def _show_scope(self, data) -> None:
        from salestui.review.metrics import week_bounds

        scope, now = data
        start, end = week_bounds(now.date(), scope.first_weekday)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(_("Weekly review") + " ", style="bold")
        text.append(scope_words(scope.label))
        text.append(
            " · " + _("week of {day} · as of {now}").format(day=start.isoformat(), now=local(now))
        )
        self.query_one("#head", Static).update(text)

    def _show_kpis(self, kpis) -> None:
        table = PlainTable(box=None, expand=False, pad_edge=False, show_edge=False)
        for name, justify in (
            ("KPI", "left"),
            (_("Now"), "right"),
            (_("Δ week"), "right"),
            (_("Plan"), "right"),
            (_("Δ plan"), "right"),
        ):
            table.add_column(name, justify=justify, no_wrap=True)
        for k in kpis:
            worse = k.vs_plan is not None and (
                k.vs_plan > 0 if k.key == "overdue" else k.vs_plan < 0
            )
            table.add_row(
                _(k.label),
                kpi_cell(k.unit, k.value),
                kpi_cell(k.unit, k.vs_week, delta=True),
                kpi_cell(k.unit, k.plan),
                Text(kpi_cell(k.unit, k.vs_plan, delta=True), style="red" if worse else "green"),
            )
        notes = [f"{_(k.label)}: {basis_words(k.basis)}" for k in kpis if k.basis]
        if notes:
            from rich.console import Group

            table = Group(table, Text(" · ".join(notes), style="dim"))
        self.query_one("#kpis", Static).update(table)

    def _mount_chart(self, box_id: str, factory):
        box = self.query_one(f"#{box_id}")
        plot = next(iter(box.parent.query(f"#{box_id}-plot")), None) if box.parent else None
        if plot is None:
            plot = factory(id=f"{box_id}-plot", classes="chart")
            box.parent.mount(plot, after=box)
            box.display = False
        return plot

    def _show_funnel(self, funnel) -> None:
        from salestui.review.load import PERIODS
        from salestui.screens.review.charts import FunnelPlot

        mode = self.funnel_mode
        said = _("strict") if mode == "strict" else _("any-stage")
        self.query_one("#funnel-title", Static).update(
            Content(f"2 · {_('Funnel')} · {said} · {_(PERIODS[self.period])}")
        )
        self._mount_chart("funnel-box", FunnelPlot).show(funnel, mode)
        table = PlainTable(box=None, pad_edge=False, show_edge=False)
        for i, name in enumerate(FUNNEL_COLUMNS):
            table.add_column(_(name), justify="right" if i else "left", no_wrap=True)
        for r in funnel.rows(mode):  # the deals are the chart's bars
            s = r.step
            on = (f"{s.advanced:,}", percent(s.conversion), f"−{s.drop_off:,}") if s else ("",) * 3
            table.add_row(
                _(r.stage), f"{r.deals:,}", *on, f"{r.skipped_in:,}" if r.skipped_in else ""
            )
        self.query_one("#funnel-table", Static).update(table)

    def _show_trend(self, data) -> None:
        from salestui.screens.review.charts import TrendPlot

        trend, forecast = data
        self._mount_chart("trend-box", TrendPlot).show(trend, forecast)
        last = trend[-1]
        text = Text()
        text.append(
            _("{month} so far {amount}").format(
                month=f"{last.month:%Y-%m}", amount=format_amount(last.revenue_minor)
            ),
            style="bold",
        )
        text.append(
            f" · MoM {percent(last.mom, signed=True)} · YoY {percent(last.yoy, signed=True)} · "
            + _("same month last year")
            + " "
        )
        text.append(
            format_amount(last.last_year_minor) if last.last_year_minor is not None else "–"
        )
        if len(trend) > 1:
            prev = trend[-2]
            text.append(
                f"\n{prev.month:%Y-%m} {format_amount(prev.revenue_minor)} · MoM {percent(prev.mom, signed=True)}"
                f" · YoY {percent(prev.yoy, signed=True)}"
            )
        text.append(
            "\n"
            + _("Next quarter forecast {amount}").format(
                amount=format_amount(forecast.total_minor)
            ),
            style="bold",
        )
        text.append(f" — {forecast.method_words()}")
        self.query_one("#trend-table", Static).update(text)

    def _show_problems(self, p) -> None:
        text = problems_text(p)
        text.append_text(sd.effort_problem_text(self.data.get("durations")))
        self.query_one("#problems", Static).update(text)
        scope = self.data.get("scope")
        names = {q.id: q.display_name for q in scope[0].people} if scope else {}
        self.query_one("#stalled", Static).update(stalled_table(p, names) or "")

    def _show_durations(self, data) -> None:
        sd.redraw(self, *data)

    def _show_changes(self, c) -> None:
        self.query_one("#changes", Static).update(changes_text(c))

    def _show_items(self, items) -> None:
        if not items:
            self.query_one("#items", Static).update(Text(_("None due this week."), style="dim"))
            return
        table = PlainTable(box=None, pad_edge=False, show_edge=False)
        for name in ("Due", "Item", "Owner", "Status"):
            table.add_column(
                _(name), no_wrap=True, overflow="ellipsis", max_width=36 if name == "Item" else None
            )
        for i in items[:20]:
            table.add_row(i.due.isoformat(), Text(i.title), Text(i.owner_name), _(i.status))
        if len(items) > 20:
            more = _("… and {n} more (4: action plans)").format(n=len(items) - 20)
            table.add_row("", more, "", "")
        self.query_one("#items", Static).update(table)

    def _show_movement(self, movement) -> None:
        self.query_one(MovementSection).show(movement)

    # ---- keys -------------------------------------------------------------------------------
    def action_scroll(self, lines: int) -> None:
        body = self.query_one("#body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + lines, animate=False)

    def action_reload(self) -> None:
        self.load()

    def action_period(self) -> None:
        self.period = PERIOD_ORDER[(PERIOD_ORDER.index(self.period) + 1) % len(PERIOD_ORDER)]
        self._reload_funnel()

    def action_funnel_mode(self) -> None:
        self.funnel_mode = "any" if self.funnel_mode == "strict" else "strict"
        if "funnel" in self.data:
            self._show_funnel(self.data["funnel"])

    @work(thread=True, exclusive=True, group="review-funnel", exit_on_error=False)
    def _reload_funnel(self) -> None:
        from salestui.review import load as rd

        scope = self.data["scope"][0] if "scope" in self.data else None
        if scope is None:
            return
        found = self.ctx.read(rd.load_funnel, scope, self.ctx.now(), self.period)
        self.post_message(self.Section("funnel", found))

    def action_done(self) -> None:
        if "kpis" not in self.data or "trend" not in self.data:
            self.say(_("the review is still loading; press d once its figures are in"), error=True)
            return
        self._mark_done()

    @work(thread=True, exclusive=True, group="review-write", exit_on_error=False)
    def _mark_done(self) -> None:
        from salestui.services.review import mark_review_done

        kpis = {k.key: k.value for k in self.data["kpis"]}
        forecast = self.data["trend"][1].total_minor
        snap = self.ctx.write(mark_review_done, self.ctx.user, kpis, forecast, now=self.ctx.now())
        self.post_message(self.Done(snap))

    def on_review_screen_done(self, event: Done) -> None:
        self.say(
            _("review marked done at {when}: the next one compares against it").format(
                when=local(event.snap.taken_at)
            )
        )
        self.load()
