"""`t` on the leaderboard: set or change a target for a person, a team, a region or the company.

The form looks up the target already set for the chosen scope, period and metric as the fields
change: saving then changes that one (naming the version read) instead of adding a second.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, Static

from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import N_, _
from salestui.screens.common.form import FormScreen
from salestui.screens.common.plain import plain_options

SCOPE_CHOICES = (
    ("person", N_("Person")),
    ("team", N_("Team (subtree)")),
    ("region", N_("Region")),
    ("company", N_("Company")),
)
METRIC_CHOICES = (
    ("revenue", N_("Revenue")),
    ("new_customers", N_("New customers")),
    ("visits", N_("Visits")),
)
METRIC_WORDS = {"revenue": N_("revenue"), "new_customers": N_("new customers"),
                "visits": N_("visits")}  # fmt: skip
SCOPE_WORDS = {"person": N_("person"), "team": N_("team"), "region": N_("region")}


class TargetScreen(FormScreen[str | None]):
    DEFAULT_CSS = """
    TargetScreen Select { width: 100%; }
    TargetScreen .pair { height: auto; align-horizontal: left; }
    TargetScreen .pair > Vertical { width: 1fr; height: auto; }
    TargetScreen #current { color: $text-muted; height: auto; }
    TargetScreen Checkbox { margin-top: 1; }
    """

    class Current(Message):
        """The target already set for the fields as they are (``found``: id, value, version;
        None: none yet), and ``words`` saying so."""

        def __init__(self, found: tuple[int, int, int] | None, words: str) -> None:
            super().__init__()
            self.found, self.words = found, words

    def __init__(self, team, period, line) -> None:
        super().__init__()
        self.period = period
        board = team.board
        below = set(board.visible()) - {team.viewer_id}
        self.people = [p for p in board.people if p.id in below]
        self.people.sort(key=lambda p: p.name)
        self.managers = [p for p in self.people if any(q.manager_id == p.id for q in board.people)]
        self.regions = sorted(board.regions.items(), key=lambda kv: kv[1])
        self.scope, self.who = "person", None
        if line is not None and line.kind == "region":
            self.scope, self.who = "region", line.region_id
        elif line is not None and line.kind == "team" and line.person_id in below:
            self.scope, self.who = "team", line.person_id
        elif line is not None and line.person_id in below:
            self.who = line.person_id
        self.existing: tuple[int, int, int] | None = None

    def _who_options(self, scope: str) -> list[tuple[Text, int]]:
        if scope == "person":
            return plain_options((p.name, p.id) for p in self.people)
        if scope == "team":
            return plain_options((p.name, p.id) for p in self.managers)
        if scope == "region":
            return plain_options((name, rid) for rid, name in self.regions)
        return []

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Content.from_markup("[b]$words[/b]", words=_("Set or change a target")))
            with Horizontal(classes="pair"):
                with Vertical():
                    yield Label(_("For"))
                    yield Select(
                        [(_(t), k) for k, t in SCOPE_CHOICES],
                        value=self.scope,
                        allow_blank=False,
                        id="scope",
                    )
                with Vertical():
                    yield Label(_("Who"))
                    options = self._who_options(self.scope)
                    yield Select(
                        plain_options(options),
                        value=self.who if self.who is not None else Select.NULL,
                        id="who",
                        prompt=_("choose"),
                    )
            with Horizontal(classes="pair"):
                with Vertical():
                    yield Label(_("Period (2026-11, 2026-Q4 or 2026)"))
                    yield Input(self.period.label, id="period")
                with Vertical():
                    yield Label(_("Metric"))
                    yield Select(
                        [(_(t), k) for k, t in METRIC_CHOICES],
                        value="revenue",
                        allow_blank=False,
                        id="metric",
                    )
            with Horizontal(classes="pair"):
                with Vertical():
                    yield Label(_("Value (money or a count)"))
                    yield Input("", id="value")
                with Vertical():
                    yield Checkbox(_("Spread over months"), id="spread")
            yield Static("", id="current", markup=False)
            yield self.error_line()
            yield self.buttons()

    def on_mount(self) -> None:
        self.query_one("#value", Input).focus()
        self.call_after_refresh(self._lookup_now)  # the selects hold their values after a refresh

    # ---- the target already set -------------------------------------------------------------
    def _fields(self) -> tuple[str, int | None, str, str]:
        scope = str(self.query_one("#scope", Select).value)
        who = self.query_one("#who", Select).value
        who_id = int(who) if isinstance(who, int) and scope != "company" else None
        return (
            scope,
            who_id,
            self.query_one("#period", Input).value,
            str(self.query_one("#metric", Select).value),
        )

    @on(Select.Changed, "#scope")
    def _scope_changed(self, event: Select.Changed) -> None:
        if str(event.value) == self.scope:
            return  # the first value arriving, not a change: keep the chosen person
        self.scope = str(event.value)
        who = self.query_one("#who", Select)
        who.set_options(self._who_options(str(event.value)))
        who.disabled = event.value == "company"
        self._lookup_now()

    @on(Select.Changed, "#who")
    @on(Select.Changed, "#metric")
    @on(Input.Changed, "#period")
    def _lookup_now(self) -> None:
        self._lookup(*self._fields())

    @work(thread=True, exclusive=True, group="target-lookup", exit_on_error=False)
    def _lookup(self, scope: str, who: int | None, period_text: str, metric: str) -> None:
        from salestui.db.queries.team import target_row
        from salestui.kernel.periods import parse_period
        from salestui.services.targets import shown

        ctx = self.ctx
        try:
            period = parse_period(period_text, ctx.now().date())
        except DomainError as error:
            self.post_message(self.Current(None, str(error)))
            return
        if scope != "company" and who is None:
            words = _("choose the {scope}").format(scope=_(SCOPE_WORDS.get(scope, scope)))
            self.post_message(self.Current(None, words))
            return
        found = ctx.read(target_row, scope, who, period.kind, period.start, metric)
        if found is None:
            words = _("no {metric} target for {period} yet: saving sets it").format(
                metric=_(METRIC_WORDS.get(metric, metric)), period=period.label
            )
        else:
            words = _("now {value} for {period}: saving changes it").format(
                value=shown(metric, found[1]), period=period.label
            )
        self.post_message(self.Current(found, words))

    def on_target_screen_current(self, event: Current) -> None:
        self.existing = event.found
        self.query_one("#current", Static).update(event.words)

    # ---- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        scope, who, period, metric = self._fields()
        self._save(
            scope,
            who,
            period,
            metric,
            self.query_one("#value", Input).value,
            self.query_one("#spread", Checkbox).value,
            self.existing,
        )

    @work(thread=True, exclusive=True, group="target-save", exit_on_error=False)
    def _save(self, scope, who, period, metric, value, spread, existing) -> None:
        from salestui.services.targets import set_target

        ctx = self.ctx
        message = ctx.write(
            set_target,
            ctx.user,
            scope_type=scope,
            scope_id=who,
            period=period,
            metric=metric,
            value=value,
            version=existing[2] if existing else None,
            spread=spread,
            now=ctx.now(),
        )
        self.post_message(self.Saved(message))
