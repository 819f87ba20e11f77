"""`L` on a deal, a customer or an action item: log a call, visit, meeting, email, demo or note.

One form for every screen that opens it, saving through ``salestui.services.activities`` (the
rules and audit of the CLI's ``activity add``); the next step is asked for on a deal only, where
it becomes the deal's next step. The screen that opened it reloads and says the form's line.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from salestui.kernel.dates import local
from salestui.kernel.domain import ACTIVITY_KINDS
from salestui.kernel.i18n import N_, _
from salestui.screens.common.form import FormScreen
from salestui.screens.common.plain import plain

DEFAULT_KIND = "call"  # the most frequent; a visit or meeting is one key away


class KindChoice(RadioSet):
    """The kinds side by side: ←→ move, enter takes the highlighted one and goes to the next
    field (a RadioSet alone keeps the focus, and says nothing when the kind was already taken)."""

    BINDINGS = [
        Binding(
            "enter",
            "choose",
            N_("Choose"),
            show=False,
            id="activity.kind",
            tooltip=N_("Take this kind"),
        )
    ]

    def action_choose(self) -> None:
        self.action_toggle_button()
        self.screen.focus_next()


class ActivityFormScreen(FormScreen[str | None]):
    """On a deal (``deal_id``), a customer (``customer_id``) or a lead (``lead_id``: a contact,
    ``salestui.services.leads.contact_lead``); ``label`` names it."""

    DEFAULT_CSS = """
    ActivityFormScreen KindChoice { width: 100%; height: auto; layout: horizontal; }
    ActivityFormScreen KindChoice > RadioButton { width: auto; margin-right: 2; }
    ActivityFormScreen Horizontal.row { height: auto; align-horizontal: left; }
    ActivityFormScreen .row > Vertical { height: auto; width: 1fr; }
    ActivityFormScreen #when-box { width: 22; }
    ActivityFormScreen #duration-box { width: 11; }
    ActivityFormScreen #next_date-box { width: 16; }
    """
    FIELDS = ("when", "duration", "outcome", "note", "next_step", "next_date")

    def __init__(
        self,
        *,
        deal_id: int | None = None,
        customer_id: int | None = None,
        lead_id: int | None = None,
        label: str = "",
    ) -> None:
        super().__init__()
        self.deal_id, self.customer_id, self.label = deal_id, customer_id, label
        self.lead_id = lead_id
        self.shown_now = ""

    def compose(self) -> ComposeResult:
        self.shown_now = local(self.ctx.now())
        on = _("on the deal ") if self.deal_id is not None else _("on the customer ")
        if self.lead_id is not None:
            on = _("on the lead ")
        with VerticalScroll():
            yield Static(
                Text.assemble((_("Log an activity"), "bold"), " ", on, (self.label, "bold")),
                markup=False,
            )
            with KindChoice(id="kind"):
                for kind in ACTIVITY_KINDS:
                    yield RadioButton(plain(_(kind)), value=kind == DEFAULT_KIND, id=f"kind-{kind}")
            with Horizontal(classes="row"):
                yield self._field("when", _("When"), self.shown_now, _("YYYY-MM-DD HH:MM"))
                yield self._field("duration", _("Minutes"), "", "30")
                yield self._field("outcome", _("Outcome"), "", _("what came of it"))
            with Horizontal(classes="row"):
                yield self._field("note", _("Note"), "", "")
            if self.deal_id is not None:
                with Horizontal(classes="row"):
                    yield self._field("next_step", _("Next step (becomes the deal's)"), "", "")
                    yield self._field("next_date", _("Due (YYYY-MM-DD)"), "", "")
            yield self.error_line()
            yield self.buttons(compact=True)

    def _field(self, name: str, label: str, value: str, placeholder: str) -> Vertical:
        return Vertical(
            Label(plain(label), markup=False),
            Input(value, id=name, placeholder=placeholder),
            id=f"{name}-box",
        )

    def on_mount(self) -> None:
        # the RadioSet highlights its first button on mount; highlight the chosen one instead
        self.query_one("#kind", RadioSet)._selected = ACTIVITY_KINDS.index(DEFAULT_KIND)
        self.query_one("#kind", RadioSet).focus()

    def save(self) -> None:
        pressed = self.query_one("#kind", RadioSet).pressed_button
        values = {f.id: f.value for f in self.query(Input) if f.id in self.FIELDS}
        if values["when"].strip() == self.shown_now:
            values["when"] = ""  # left as offered: the moment it is saved, to the second
        kind = (pressed.id or "").removeprefix("kind-") if pressed else DEFAULT_KIND
        self._save(kind, values)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, kind: str, values: dict[str, str]) -> None:
        from salestui.services.activities import log_activity

        ctx = self.ctx
        if self.lead_id is not None:
            self._contact(kind, values)
            return
        done = ctx.write(
            log_activity,
            ctx.user,
            kind=kind,
            deal_id=self.deal_id,
            customer_id=self.customer_id,
            when=values["when"],
            duration=values["duration"],
            outcome=values["outcome"],
            note=values["note"],
            next_step=values.get("next_step"),
            next_date=values.get("next_date"),
            now=ctx.now(),
        )
        self.post_message(self.Saved(done.message[:1].upper() + done.message[1:]))

    def _contact(self, kind: str, values: dict[str, str]) -> None:
        from salestui.services.leads import contact_lead

        ctx = self.ctx
        done = ctx.write(
            contact_lead, ctx.user, self.lead_id, kind=kind, when=values["when"],
            duration=values["duration"], outcome=values["outcome"], note=values["note"],
            now=ctx.now(),
        )  # fmt: skip
        self.post_message(self.Saved(done.message[:1].upper() + done.message[1:]))
