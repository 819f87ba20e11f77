"""`V` on a lead: it becomes a customer, a contact and a deal in one step
(``salestui.services.leads.convert_lead``). The customer's name is the lead's company; a
customer already there with a likely same name is offered to pick instead (a new one of such a
name is refused until "another company" is ticked, as in the new-customer form).
"""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, Static

from salestui.kernel.i18n import _
from salestui.screens.common.form import FormScreen
from salestui.screens.common.plain import plain, plain_options

NEW = 0  # the Select's value for "a new customer"


def _row(label: str, field) -> Horizontal:
    return Horizontal(Label(plain(label)), field, classes="row")


class ConvertFormScreen(FormScreen[str | None]):
    DEFAULT_CSS = """
    ConvertFormScreen > VerticalScroll { border-title-style: bold; border-title-color: $text; }
    ConvertFormScreen Horizontal.row { height: 1; align-horizontal: left; }
    ConvertFormScreen .row > Label { width: 14; }
    ConvertFormScreen .row > Input, ConvertFormScreen .row > Select { width: 1fr; height: 1; }
    ConvertFormScreen Checkbox { border: none; padding: 0; }
    ConvertFormScreen .part { color: $text-muted; margin-top: 1; }
    """
    AUTO_FOCUS = "#customer_name"
    WALKS_FIELDS = True

    class Alike(Message):
        def __init__(self, found: list) -> None:
            super().__init__()
            self.found = found

    def __init__(self, lead) -> None:
        super().__init__()
        self.lead = lead

    def compose(self) -> ComposeResult:
        lead = self.lead
        company = lead.company or lead.name
        close = self.ctx.now().date() + timedelta(days=90)
        with VerticalScroll() as box:
            box.border_title = _("Convert the lead")
            yield Static(
                Text.assemble(_("into a customer, a contact and a deal: "), (lead.name, "bold")),
                markup=False,
            )
            yield Static(plain(_("Customer")), classes="part")
            yield _row(_("New, named"), Input(company, id="customer_name", compact=True))
            yield _row(
                _("Or use"),
                Select(
                    plain_options([(_("a new customer"), NEW)]),
                    value=NEW,
                    allow_blank=False,
                    id="existing",
                    compact=True,
                ),  # fmt: skip
            )
            yield Checkbox(plain(_("Another company, though a name is alike")), False, id="alike")
            yield Static(plain(_("Contact")), classes="part")
            yield _row(_("Name"), Input(lead.name, id="contact_name", compact=True))
            yield _row(_("Email"), Input(lead.email, id="email", compact=True))
            yield _row(_("Phone"), Input(lead.phone, id="phone", compact=True))
            yield Static(plain(_("Deal")), classes="part")
            title = f"{company} — {lead.source or _('lead')}"
            yield _row(_("Title"), Input(title, id="title", compact=True))
            yield _row(_("Amount"), Input("", id="amount", placeholder="0", compact=True))
            yield _row(_("Close by"), Input(close.isoformat(), id="close", compact=True))
            yield self.error_line()
            yield self.buttons(_("Convert"), compact=True)

    def on_mount(self) -> None:
        self._find_alike(self.lead.company or self.lead.name)

    @work(thread=True, exclusive=True, group="convert-alike", exit_on_error=False)
    def _find_alike(self, name: str) -> None:
        from salestui.services.lead_list import alike_customers

        self.post_message(self.Alike(self.ctx.read(alike_customers, self.ctx.user, name)))

    def on_convert_form_screen_alike(self, event: Alike) -> None:
        if not event.found:
            return
        options = [(_("a new customer"), NEW)]
        options += [(f"{name} (#{cid}, {_(why)})", cid) for cid, name, why in event.found]
        self.query_one("#existing", Select).set_options(plain_options(options))
        self.query_one("#existing", Select).value = NEW
        first = event.found[0]
        self.say(
            Text(
                _("likely already a customer: “{name}” (#{id}) — pick it above").format(
                    name=first[1], id=first[0]
                )
            )
        )

    def save(self) -> None:
        values = {n: self.query_one(f"#{n}", Input).value
                  for n in ("customer_name", "contact_name", "email", "phone", "title", "amount",
                            "close")}  # fmt: skip
        existing = self.query_one("#existing", Select).value
        self._save(values, None if existing in (NEW, Select.BLANK) else int(existing),
                   self.query_one("#alike", Checkbox).value)  # fmt: skip

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, values: dict[str, str], customer_id: int | None, alike: bool) -> None:
        from salestui.services.leads import Conversion, convert_lead

        chosen = Conversion(
            customer_id=customer_id, customer_name=values["customer_name"], even_if_alike=alike,
            contact_name=values["contact_name"], email=values["email"], phone=values["phone"],
            title=values["title"], amount=values["amount"], expected_close=values["close"],
        )  # fmt: skip
        ctx = self.ctx
        done = ctx.write(convert_lead, ctx.user, self.lead.id, chosen, now=ctx.now())
        self.post_message(self.Saved(done.message[:1].upper() + done.message[1:]))
