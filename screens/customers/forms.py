"""Dialogs of the customer tiers screen: the filter, a warning turned into an action item, and
a new owner for a customer."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from salestui.kernel.i18n import N_, _
from salestui.screens.common.form import FormScreen
from salestui.screens.common.plain import plain, plain_options
from salestui.screens.common.suggesters import PersonSuggester, login_of


def _chosen(select: Select):
    value = select.value
    return None if value in (Select.NULL, Select.BLANK, None) else value


class CustomerFilterScreen(FormScreen):
    """Narrow the list by segment, ABC class, tier, warnings, owner, region and text; saving
    applies the filter (the list gets the new ``TableFilter``, None: cancelled)."""

    DEFAULT_CSS = """
    CustomerFilterScreen Horizontal.pair { height: auto; align-horizontal: left; }
    CustomerFilterScreen Horizontal.pair > * { width: 1fr; }
    CustomerFilterScreen Checkbox { width: 1fr; border: none; }
    """
    BINDINGS = [
        Binding(
            "escape", "cancel", N_("Cancel"), id="cfilter.cancel", tooltip=N_("Keep the filter")
        ),
        Binding("ctrl+s", "save", N_("Apply"), id="cfilter.apply", tooltip=N_("Apply the filter")),
        Binding(
            "ctrl+r", "clear", N_("Clear"), id="cfilter.clear", tooltip=N_("Clear every narrowing")
        ),
    ]

    def __init__(self, flt, viewer, health_below: int) -> None:
        from salestui.customers.load import visible_owner_ids

        super().__init__()
        self.flt = flt
        self.viewer = viewer
        self.health_below = health_below  # the setting the list filters by
        self.visible_owners = visible_owner_ids(viewer)

    def compose(self) -> ComposeResult:
        from salestui.customers.tiers import SEGMENTS, TIERS

        f = self.flt
        people = plain_options(
            (p.display_name, p.id)
            for p in self.viewer.people
            if self.visible_owners is None or p.id in self.visible_owners
        )
        owner = next(iter(f.owner_ids)) if f.owner_ids and len(f.owner_ids) == 1 else None
        if owner is not None and self.visible_owners is not None and len(self.visible_owners) == 1:
            owner = None  # a rep's own customers are not a choice
        with VerticalScroll():
            yield Static(
                Text.assemble(
                    (_("Filter customers"), "bold"), "  ", _("(enter applies · esc cancels)")
                )
            )
            with Horizontal(classes="pair"):
                yield Select(
                    [(_(s), s) for s in SEGMENTS], value=f.segment or Select.NULL,
                    prompt=_("Any segment"), id="segment",
                )  # fmt: skip
                yield Select(
                    [(_("class {abc}").format(abc=c), c) for c in "ABC"],
                    value=f.abc or Select.NULL, prompt=_("Any class"), id="abc",
                )  # fmt: skip
            with Horizontal(classes="pair"):
                yield Select(
                    [(_(t), t) for t in TIERS], value=f.tier or Select.NULL,
                    prompt=_("Any tier"), id="tier",
                )  # fmt: skip
                yield Select(
                    [(Text(r.name), r.id) for r in self.viewer.regions],
                    value=f.region_id if f.region_id is not None else Select.NULL,
                    prompt=_("Any region"), id="region",
                )  # fmt: skip
            with Horizontal(classes="pair"):
                yield Select(
                    plain_options(people), value=owner if owner is not None else Select.NULL,
                    prompt=_("Every owner I see"), id="owner",
                )  # fmt: skip
                yield Input(f.text, id="text", placeholder=_("name or owner contains…"))
            with Horizontal(classes="pair"):
                yield Checkbox(
                    Text(_("Health below {n}").format(n=self.health_below)),
                    f.health_below,
                    id="health",
                )
                yield Checkbox(plain(_("Churn warning")), f.churn, id="churn")
            yield self.error_line()
            yield self.buttons(_("Apply"), clear=True)

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def save(self) -> None:
        from salestui.kernel.errors import DomainError
        from salestui.services.text import refuse_control_characters

        text = self.query_one("#text", Input).value.strip()
        try:
            refuse_control_characters({"text": text})
        except DomainError as refused:
            self.say(str(refused))
            return
        owner = _chosen(self.query_one("#owner", Select))
        region = _chosen(self.query_one("#region", Select))
        self.dismiss(
            replace(
                self.flt,
                owner_ids=frozenset({int(owner)}) if owner is not None else self.visible_owners,
                segment=_chosen(self.query_one("#segment", Select)),
                abc=_chosen(self.query_one("#abc", Select)),
                tier=_chosen(self.query_one("#tier", Select)),
                region_id=int(region) if region is not None else None,
                health_below=self.query_one("#health", Checkbox).value,
                churn=self.query_one("#churn", Checkbox).value,
                text=text,
            )
        )

    @on(Button.Pressed, "#clear")
    def action_clear(self) -> None:
        for sid in ("#segment", "#abc", "#tier", "#region", "#owner"):
            self.query_one(sid, Select).clear()
        self.query_one("#text", Input).value = ""
        self.query_one("#health", Checkbox).value = False
        self.query_one("#churn", Checkbox).value = False


class WarningItemScreen(FormScreen[str | None]):
    """`a`: pick one of the customer's warnings; it becomes one action item for the owner."""

    DEFAULT_CSS = """
    WarningItemScreen OptionList { height: auto; max-height: 6; }
    """

    class WarningsLoaded(Message):
        """The customer's live warnings (``salestui.customers.detail.CustomerWarning``)."""

        def __init__(self, warnings: list) -> None:
            super().__init__()
            self.warnings = warnings

    def __init__(self, customer_id: int, table, rules) -> None:
        super().__init__()
        self.customer_id, self.table, self.rules = customer_id, table, rules
        self.warnings = []

    def compose(self) -> ComposeResult:
        name = str(self.table.loc[self.customer_id, "name"])
        with VerticalScroll():
            yield Static(Text.assemble((_("Action item from a warning"), "bold"), " · ", name))
            yield OptionList(id="warnings")
            yield Label(plain(_("Title")))
            yield Input(id="title")
            yield Label(plain(_("Due (YYYY-MM-DD)")))
            yield Input(str(self.ctx.now().date() + timedelta(days=7)), id="due")
            yield self.error_line()
            yield self.buttons(_("Create"))

    def on_mount(self) -> None:
        self.query_one("#warnings", OptionList).focus()
        self._load()

    @work(thread=True, exclusive=True, group="witem-load", exit_on_error=False)
    def _load(self) -> None:
        from salestui.customers.load import load_detail

        data = load_detail(self.ctx, self.customer_id, self.table, self.rules)
        self.post_message(self.WarningsLoaded(data.warnings if data else []))

    def on_warning_item_screen_warnings_loaded(self, event: WarningsLoaded) -> None:
        self.warnings = warnings = event.warnings
        options = self.query_one("#warnings", OptionList)
        options.clear_options()
        if not warnings:
            self.say(_("this customer has no warning to act on"))
            return
        options.add_options([Option(Text(w.label)) for w in warnings])
        options.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self.warnings):
            self.query_one("#title", Input).value = self.warnings[event.option_index].title

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#due", Input).focus()

    def save(self) -> None:
        index = self.query_one("#warnings", OptionList).highlighted
        if index is None or not (0 <= index < len(self.warnings)):
            self.say(_("choose the warning first (↑↓)"))
            return
        self._save(
            self.warnings[index],
            self.query_one("#title", Input).value,
            self.query_one("#due", Input).value,
        )

    @work(thread=True, exclusive=True, group="witem-save", exit_on_error=False)
    def _save(self, warning, title: str, due: str) -> None:
        from salestui.services.customers import action_for_warning

        ctx = self.ctx
        ctx.write(
            action_for_warning,
            ctx.user,
            customer_id=self.customer_id,
            kind=warning.kind,
            ref=warning.ref,
            title=title,
            due=due,
            priority=warning.priority,
            now=ctx.now(),
        )
        owner = str(self.table.loc[self.customer_id, "owner"])
        said = _("action item “{title}” given to {owner}").format(title=title.strip(), owner=owner)
        self.post_message(self.Saved(said))


class ReassignScreen(FormScreen[str | None]):
    """A manager gives a customer to someone below them (the rule of deals); the old owner's
    open deals on it and open action items about it go along unless unticked."""

    DEFAULT_CSS = "ReassignScreen Checkbox { border: none; }"

    def __init__(self, customer_id: int, name: str, version: int, owner: str = "") -> None:
        super().__init__()
        self.customer_id, self.customer_name, self.version = customer_id, name, version
        self.owner = owner

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text.assemble(_("New owner for "), (self.customer_name, "bold")))
            yield Static(Text.assemble(_("Owner now: "), self.owner or _("nobody")))
            yield Label(_("New owner (login or name; → completes)"), markup=False)
            yield Input(id="owner", suggester=PersonSuggester(self.ctx))
            yield Checkbox(_("Their open deals and action items go along"), True, id="with_open")
            yield self.error_line()
            yield self.buttons(N_("Reassign"))

    def on_mount(self) -> None:
        self.query_one("#owner", Input).focus()

    def save(self) -> None:
        login = login_of(self.query_one("#owner", Input).value)
        self._save(login, self.query_one("#with_open", Checkbox).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, login: str, with_open: bool) -> None:
        from salestui.services.customers import reassign_customer

        ctx = self.ctx
        done = ctx.write(
            reassign_customer, ctx.user, self.customer_id, login, self.version, ctx.now(),
            with_open=with_open,
        )  # fmt: skip
        self.post_message(self.Saved(done.message))
