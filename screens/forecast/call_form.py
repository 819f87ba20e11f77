"""The call: your number for your own scope's quarter and an optional note, with your roll-up's
figures beside it to call against; saved by ``salestui.services.forecast_calls``."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_amount
from salestui.screens.common.form import FormScreen
from salestui.screens.common.plain import plain


def figures_text(view) -> Text:
    """The viewer's line: what is closed, what the categories hold, the trend, the reports'
    calls and the call standing now."""
    line = view.mine()
    f = line.figures
    pairs = [
        (N_("closed"), f.closed),
        (N_("commit"), f.commit),
        (N_("best case"), f.best_case),
        (N_("pipeline"), f.pipeline),
        (N_("weighted"), f.weighted),
    ]
    if line.trend is not None:
        pairs.append((N_("trend"), line.trend))
    if line.reports_called is not None:
        pairs.append((N_("reports' calls"), line.reports_called))
    text = Text()
    for i, (word, value) in enumerate(pairs):
        text.append(" · " if i else "")
        text.append(f"{_(word)} ")
        text.append(format_amount(value), "bold")
    if line.call is not None:
        when = _("older") if line.call.older else _("this week")
        text.append(
            "\n"
            + _("your call now: {amount} ({when})").format(
                amount=format_amount(line.call.amount_minor), when=when
            )
        )
    return text


class CallFormScreen(FormScreen[str | None]):
    AUTO_FOCUS = "#amount"
    WALKS_FIELDS = True

    def __init__(self, view) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        with Vertical():
            said = _("for {quarter}, the week of {day}").format(
                quarter=self.view.period.label, day=f"{self.view.week:%Y-%m-%d}"
            )
            yield Static(Text.assemble((_("Your call"), "bold"), " ", said), markup=False)
            yield Static(figures_text(self.view), id="figures", markup=False)
            yield Label(plain(_("Amount")))
            yield Input(id="amount", placeholder="1,250,000")
            yield Label(plain(_("Note (optional)")))
            yield Input(id="note", placeholder=_("two renewals slipped to January"))
            yield self.error_line()
            yield self.buttons(_("Call"), compact=True)

    def save(self) -> None:
        self._save(self.query_one("#amount", Input).value, self.query_one("#note", Input).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, amount: str, note: str) -> None:
        from salestui.services.forecast_calls import submit_call

        ctx = self.ctx
        done = ctx.write(
            submit_call, ctx.user, amount, note=note, period=self.view.period, now=ctx.now()
        )
        self.post_message(self.Saved(done.message[:1].upper() + done.message[1:]))
