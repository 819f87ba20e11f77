"""`/` on the board: whose deals, which region, which close month, what text."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from salestui.board.load import Viewer
from salestui.kernel.i18n import N_, _
from salestui.screens.board.filter_state import FilterState
from salestui.screens.common.form import FormScreen

SCOPE_WORDS = {"me": N_("Mine"), "team": N_("My team"), "everyone": N_("Everyone")}


class ScopeButton(RadioButton):
    """A scope that reads as chosen without colour: ● chosen, ○ not (Textual draws one glyph
    for both, told apart by colour alone)."""

    @property
    def _button(self):
        self.BUTTON_INNER = "●" if self.value else "○"
        return super()._button


class FilterScreen(FormScreen[FilterState | None]):
    """Saving applies the filter: the board gets the new ``FilterState`` (None: cancelled)."""

    DEFAULT_CSS = """
    FilterScreen RadioSet { width: 100%; height: auto; layout: horizontal; }
    FilterScreen Select { width: 100%; }
    """
    HINT = N_("ctrl+s apply · enter next field · esc cancel")
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="filter.cancel",
            tooltip=N_("Keep the filter as it was"),
        ),
        Binding("ctrl+s", "save", N_("Apply"), id="filter.apply", tooltip=N_("Apply the filter")),
        Binding(
            "ctrl+r",
            "clear",
            N_("Clear"),
            id="filter.clear",
            tooltip=N_("Clear region, month and text"),
        ),
    ]

    def __init__(self, state: FilterState, viewer: Viewer) -> None:
        super().__init__()
        self.state = state
        self.viewer = viewer

    def compose(self) -> ComposeResult:
        s = self.state
        with VerticalScroll():
            yield Static(Text(_("Filter the board"), style="bold"))
            yield Label(_("Owner"), markup=False)
            with RadioSet(id="scope"):
                for scope in self.viewer.scopes():  # a rep: their own deals only
                    yield ScopeButton(
                        _(SCOPE_WORDS[scope]), value=scope == s.scope, id=f"scope-{scope}"
                    )
            yield Label(_("Region"), markup=False)
            yield Select(
                [(Text(r.name), r.id) for r in self.viewer.regions],
                value=s.region_id if s.region_id is not None else Select.NULL,
                prompt=_("All regions"),
                id="region",
            )
            yield Label(_("Close month (YYYY-MM)"), markup=False)
            yield Input(s.close_month, id="month", placeholder=_("e.g. 2026-12"))
            yield Label(_("Text in customer or deal"), markup=False)
            yield Input(s.text, id="text")
            yield self.error_line()
            yield self.buttons(N_("Apply"), clear=True)

    def on_mount(self) -> None:
        # RadioSet highlights its first button on mount; highlight the chosen one instead.
        offered = self.viewer.scopes()
        chosen = self.state.scope if self.state.scope in offered else self.viewer.default_scope()
        scopes = self.query_one("#scope", RadioSet)
        scopes._selected = offered.index(chosen)
        scopes.focus()  # the first field, as in every form

    def save(self) -> None:
        from salestui.kernel.errors import DomainError
        from salestui.services.text import refuse_control_characters

        month = self.query_one("#month", Input).value.strip()
        text = self.query_one("#text", Input).value.strip()
        try:
            refuse_control_characters({_("close month"): month, _("text"): text})
        except DomainError as refused:
            self.say(str(refused))
            return
        if month:
            try:
                y, m = month.split("-")
                date(int(y), int(m), 1)
                month = f"{int(y):04d}-{int(m):02d}"
            except ValueError:
                self.say(
                    _("close month must be YYYY-MM, such as 2026-12, not {month!r}").format(
                        month=month
                    )
                )
                return
        pressed = self.query_one("#scope", RadioSet).pressed_button
        scope = (pressed.id or "scope-team").removeprefix("scope-") if pressed else self.state.scope
        if scope not in self.viewer.scopes():
            scope = self.viewer.default_scope()
        region = self.query_one("#region", Select).value
        self.dismiss(
            FilterState(
                scope=scope,
                region_id=None if region in (Select.NULL, Select.BLANK, None) else int(region),
                close_month=month,
                text=text,
            )
        )

    @on(Button.Pressed, "#clear")
    def action_clear(self) -> None:
        self.query_one("#month", Input).value = ""
        self.query_one("#text", Input).value = ""
        self.query_one("#region", Select).clear()
