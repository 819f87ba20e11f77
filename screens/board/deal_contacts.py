"""The people a deal involves, on its detail: the linked contacts, and the dialog (key ``c``) that
links one of its customer's contacts or unlinks one (``services.contacts``: whoever may change
the deal may)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, Select

from salestui.kernel.i18n import _
from salestui.screens.common.form import FormScreen
from salestui.screens.customers.contact_form import contact_lines


def read_contacts(ctx, deal_id: int, customer_id: int) -> tuple[list, list]:
    """The deal's contacts, and all of its customer's."""
    from salestui.db.queries.contacts import customer_contacts, deal_contacts

    return ctx.read(deal_contacts, deal_id), ctx.read(customer_contacts, customer_id)


def contacts_part(linked: list) -> list:
    """The detail's Contacts section."""
    head = Text(
        "\n" + _("Contacts ({n}) · c links or unlinks one").format(n=len(linked)), style="bold"
    )
    return [head, *(contact_lines(linked) or [Text("  " + _("none linked"), style="dim")])]


class DealContactScreen(FormScreen[str | None]):
    """One of the customer's contacts: linked to the deal if it is not, unlinked if it is."""

    DEFAULT_CSS = """
    DealContactScreen > VerticalScroll { border-title-style: bold; border-title-color: $text; }
    """
    AUTO_FOCUS = "#contact"

    def __init__(self, deal_id: int, deal_title: str, linked: list, contacts: list) -> None:
        super().__init__()
        self.deal_id, self.deal_title = deal_id, deal_title
        self.linked = {int(c.id) for c in linked}
        self.contacts = contacts

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = _("Contacts of the deal")
            yield Label(
                Text(_("on {deal}").format(deal=self.deal_title), no_wrap=True, overflow="ellipsis")
            )
            if self.contacts:
                yield Select(
                    [(Text.assemble(_("Unlink") + " " if int(c.id) in self.linked else _("Link") + " ", c.name,
                                    f" · {c.title}" if c.title else ""), int(c.id))
                     for c in self.contacts],
                    id="contact", allow_blank=False, compact=True,
                )  # fmt: skip
            else:
                yield Label(Text(_("the customer has no contacts yet: add one on its detail (c)")))
            yield self.error_line()
            yield self.buttons(_("Link / unlink"), compact=True)

    def save(self) -> None:
        if not self.contacts:
            self.say(_("the customer has no contacts to link"))
            return
        self._save(int(self.query_one("#contact", Select).value))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, contact_id: int) -> None:
        from salestui.services.contacts import link_contact, unlink_contact

        ctx = self.ctx
        service = unlink_contact if contact_id in self.linked else link_contact
        done = ctx.write(service, ctx.user, contact_id, self.deal_id, now=ctx.now())
        self.post_message(self.Saved(done.message))
