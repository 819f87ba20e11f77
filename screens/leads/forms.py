"""Qualify (a note, if the person likes) and disqualify (a reason, asked for): one line of text
on a lead, saved by ``salestui.services.leads``."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from salestui.kernel.i18n import N_, _
from salestui.screens.common.form import FormScreen
from salestui.screens.common.plain import plain

WORDS = {
    "qualify": (
        N_("Qualify"),
        N_("Why it is worth a deal (optional)"),
        N_("budget approved for Q1"),
    ),
    "disqualify": (
        N_("Disqualify"),
        N_("Why it will not buy (required)"),
        N_("no budget, a student…"),
    ),
}


class ReasonFormScreen(FormScreen[str | None]):
    """``verb`` is "qualify" or "disqualify"."""

    AUTO_FOCUS = "#reason"

    def __init__(self, lead_id: int, name: str, verb: str) -> None:
        super().__init__()
        self.lead_id, self.lead_name, self.verb = lead_id, name, verb

    def compose(self) -> ComposeResult:
        title, label, placeholder = WORDS[self.verb]
        with Vertical():
            yield Static(
                Text.assemble((_(title), "bold"), " ", _("the lead"), " ", (self.lead_name, "bold"))
            )
            yield Label(plain(_(label)))
            yield Input(id="reason", placeholder=_(placeholder))
            yield self.error_line()
            yield self.buttons(_(title), compact=True)

    def save(self) -> None:
        self._save(self.query_one("#reason", Input).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, reason: str) -> None:
        from salestui.services.leads import disqualify_lead, qualify_lead

        ctx = self.ctx
        if self.verb == "qualify":
            done = ctx.write(qualify_lead, ctx.user, self.lead_id, note=reason, now=ctx.now())
        else:
            done = ctx.write(disqualify_lead, ctx.user, self.lead_id, reason=reason, now=ctx.now())
        self.post_message(self.Saved(done.message[:1].upper() + done.message[1:]))
