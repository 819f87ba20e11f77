"""A contact on a customer (keys ``c`` and ``C`` on a customer's detail): name, title, phone,
email and role in the decision, checked by ``services.contacts`` as every other door checks them;
the customer's contacts as the detail lists them (``contact_lines``)."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select

from salestui.kernel.domain import CONTACT_ROLES
from salestui.kernel.i18n import N_, _, ngettext
from salestui.screens.common.form import FormScreen
from salestui.screens.common.plain import plain

FIELDS = ("name", "title", "phone", "email")
NOT_KNOWN = N_("not known")
ROLE_CHOICES = ("", *CONTACT_ROLES)
SHOWN = 8


def contact_lines(contacts) -> list[Text]:
    """One line per contact: name, title, role, phone, email (as text, cropped at the edge)."""
    lines = []
    for c in contacts[:SHOWN]:
        line = Text("  ", no_wrap=True, overflow="ellipsis")
        line.append(c.name, style="bold")
        for part in (c.title, c.role, c.phone, c.email):
            if part:
                line.append(f" · {part}")
        lines.append(line)
    if len(contacts) > SHOWN:
        n = len(contacts) - SHOWN
        lines.append(
            Text("  " + ngettext("and {n} more", "and {n} more", n).format(n=n), style="dim")
        )
    return lines


class ContactFormScreen(FormScreen[str | None]):
    """``contacts`` given: it changes one of them (chosen at the top); else it adds one."""

    DEFAULT_CSS = """
    ContactFormScreen > VerticalScroll { border-title-style: bold; border-title-color: $text; }
    ContactFormScreen Input { height: 1; }
    """
    AUTO_FOCUS = "#name"
    WALKS_FIELDS = True

    def __init__(self, customer_id: int, customer_name: str, contacts=None) -> None:
        super().__init__()
        self.customer_id, self.customer_name = customer_id, customer_name
        self.contacts = {int(c.id): c for c in contacts or ()}
        self.editing = contacts is not None

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = _("Change a contact") if self.editing else _("New contact")
            yield Label(
                Text(
                    _("of {name}").format(name=self.customer_name),
                    no_wrap=True,
                    overflow="ellipsis",
                )
            )
            if self.editing:
                yield Label(plain(_("Contact")))
                yield Select(
                    [(Text(f"{c.name} · {c.title}" if c.title else c.name), cid)
                     for cid, c in self.contacts.items()],
                    id="contact", allow_blank=False, compact=True,
                )  # fmt: skip
            yield Label(plain(_("Name")))
            yield Input(id="name", placeholder="张伟", compact=True)
            yield Label(plain(_("Title")))
            yield Input(id="title", placeholder=_("CIO, purchasing manager"), compact=True)
            yield Label(plain(_("Phone")))
            yield Input(id="phone", placeholder="+86 138 0013 8000", compact=True)
            yield Label(plain(_("Email")))
            yield Input(id="email", placeholder="name@example.com", compact=True)
            yield Label(plain(_("Role in the decision")))
            yield Select([(_(r or NOT_KNOWN), r) for r in ROLE_CHOICES], value="", allow_blank=False,
                         id="role", compact=True)  # fmt: skip
            yield self.error_line()
            yield self.buttons(compact=True)

    def on_mount(self) -> None:
        if self.editing and self.contacts:
            self._fill(next(iter(self.contacts)))

    @on(Select.Changed, "#contact")
    def _chosen(self, event: Select.Changed) -> None:
        self._fill(int(event.value))

    def _fill(self, contact_id: int) -> None:
        c = self.contacts[contact_id]
        for name in FIELDS:
            self.query_one(f"#{name}", Input).value = getattr(c, name)
        self.query_one("#role", Select).value = c.role if c.role in CONTACT_ROLES else ""

    def save(self) -> None:
        values = {n: self.query_one(f"#{n}", Input).value for n in FIELDS}
        values["role"] = str(self.query_one("#role", Select).value)
        chosen = None
        if self.editing:
            c = self.contacts[int(self.query_one("#contact", Select).value)]
            chosen = (int(c.id), int(c.version))
        self._save(values, chosen)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, values: dict[str, str], chosen: tuple[int, int] | None) -> None:
        from salestui.services.contacts import add_contact, edit_contact

        ctx = self.ctx
        if chosen is None:
            done = ctx.write(add_contact, ctx.user, customer_id=self.customer_id, now=ctx.now(),
                             **values)  # fmt: skip
        else:
            done = ctx.write(edit_contact, ctx.user, *chosen, now=ctx.now(), **values)
        self.post_message(self.Saved(done.message))


class ContactRemoveScreen(FormScreen[str | None]):
    """Key ``X`` on a customer's detail: one contact chosen and removed, its deal links with it;
    the service refuses a converted lead's contact."""

    DEFAULT_CSS = """
    ContactRemoveScreen > VerticalScroll { border-title-style: bold; border-title-color: $text; }
    """
    AUTO_FOCUS = "#contact"

    def __init__(self, customer_name: str, contacts) -> None:
        super().__init__()
        self.customer_name = customer_name
        self.contacts = {int(c.id): c for c in contacts}

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = _("Remove a contact")
            yield Label(
                Text(
                    _("of {name}").format(name=self.customer_name),
                    no_wrap=True,
                    overflow="ellipsis",
                )
            )
            yield Select(
                [(Text(f"{c.name} · {c.title}" if c.title else c.name), cid)
                 for cid, c in self.contacts.items()],
                id="contact", allow_blank=False, compact=True,
            )  # fmt: skip
            yield Label(Text(_("Its links to deals go with it; the audit log keeps it.")))
            yield self.error_line()
            yield self.buttons(_("Remove"), compact=True)

    def save(self) -> None:
        self._remove(int(self.query_one("#contact", Select).value))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _remove(self, contact_id: int) -> None:
        from salestui.services.contacts import remove_contact

        ctx = self.ctx
        done = ctx.write(remove_contact, ctx.user, contact_id, now=ctx.now())
        self.post_message(self.Saved(done.message))
