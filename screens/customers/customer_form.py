"""A customer by hand: new (key ``n`` on the customer tiers) or changed (``e`` on the tiers and
the customer's detail). The fields a customers import reads; a name likely the same as another
customer is refused naming it, until "another company" is ticked. The owner changes by
reassigning (``R``: open deals go along), so a changed customer shows it and does not edit it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, OptionList, Select
from textual.worker import Worker

from salestui.kernel.domain import CHANNELS
from salestui.kernel.i18n import _
from salestui.screens.common.form import FormScreen
from salestui.screens.common.plain import plain, plain_options

FIELDS = ("name", "industry", "region", "size")


@dataclass(frozen=True)
class Picked:
    """An alike customer taken instead of making a new one (``offer_alike``)."""

    customer_id: int
    name: str


class CustomerFormScreen(FormScreen[str | None]):
    DEFAULT_CSS = """
    CustomerFormScreen > VerticalScroll { border-title-style: bold; border-title-color: $text; }
    CustomerFormScreen Checkbox { border: none; padding: 0; }
    CustomerFormScreen Input { height: 1; }
    CustomerFormScreen #alike-list { height: auto; max-height: 5; display: none; }
    CustomerFormScreen #alike-list.-shown { display: block; }
    """
    AUTO_FOCUS = "#name"
    WALKS_FIELDS = True

    def __init__(
        self, customer_id: int | None = None, name: str = "", offer_alike: bool = False
    ) -> None:
        """``customer_id``: change that customer (its fields are read when the form opens);
        ``name``: a new customer's name to start from (the new-deal form's missing customer);
        ``offer_alike``: a name refused as alike lists those customers, one to take instead
        (``made`` is then a ``Picked``)."""
        super().__init__()
        self.offer_alike = offer_alike
        self.alike: list[tuple[int, str]] = []
        self.customer_id = customer_id
        self.start_name = name
        self.version: int | None = None
        self.made = None
        self.read: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = (
                _("New customer") if self.customer_id is None else _("Change customer")
            )
            # one line per field, compact: the whole form fits at 80×24
            yield Label(plain(_("Name")))
            yield Input(self.start_name, id="name", placeholder="深圳市腾讯计算机系统有限公司",
                        compact=True)  # fmt: skip
            yield Label(plain(_("Industry")))
            yield Input(id="industry", compact=True)
            yield Label(plain(_("Region (empty: the owner's)")))
            yield Input(id="region", compact=True)
            yield Label(plain(_("Channel")))
            yield Select(plain_options((_(c), c) for c in CHANNELS), value="direct", allow_blank=False,
                         id="channel", compact=True)  # fmt: skip
            yield Label(plain(_("Size")))
            yield Input(id="size", placeholder=_("small, medium, large, enterprise"), compact=True)
            owner = _("Owner (login)") if self.customer_id is None else _("Owner (R reassigns)")
            yield Label(plain(owner))
            yield Input(self.ctx.user, id="owner", compact=True,
                        disabled=self.customer_id is not None)  # fmt: skip
            yield Checkbox(plain(_("Another company, though a name is alike")), False, id="alike")
            yield self.error_line()
            yield OptionList(id="alike-list")
            yield self.buttons(compact=True)

    def on_mount(self) -> None:
        if self.customer_id is not None:
            self._read(self.customer_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="read")
    def _read(self, customer_id: int) -> None:
        from salestui.db.queries.customer_detail import customer_head

        self.post_message(self.Read(self.ctx.read(customer_head, customer_id)))

    class Read(Message):
        """The customer's fields as they are now (None: it is gone)."""

        def __init__(self, head) -> None:
            super().__init__()
            self.head = head

    def on_customer_form_screen_read(self, event: Read) -> None:
        head = event.head
        if head is None:
            self.say(
                _("customer #{id} is gone (it may have been merged)").format(id=self.customer_id)
            )
            return
        self.version = int(head.version)
        self.read = {f: str(getattr(head, f) or "") for f in FIELDS}
        self.read["channel"] = str(head.channel)
        for f in FIELDS:
            self.query_one(f"#{f}", Input).value = self.read[f]
        if head.channel in CHANNELS:
            self.query_one("#channel", Select).value = head.channel
        self.query_one("#owner", Input).value = str(head.owner or "")

    def save(self) -> None:
        values = {n: self.query_one(f"#{n}", Input).value for n in (*FIELDS, "owner")}
        values["channel"] = str(self.query_one("#channel", Select).value)
        if self.customer_id is not None and self.version is None:
            self.say(_("still reading the customer; a moment"))
            return
        self._save(values, self.query_one("#alike", Checkbox).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, values: dict[str, str], alike: bool) -> None:
        from salestui.services.customer_records import create_customer, edit_customer

        ctx = self.ctx
        if self.customer_id is not None:
            # only what the person changed: a field left as read is not written over
            changes = {k: v for k, v in values.items() if k != "owner" and v != self.read.get(k)}
            done = ctx.write(edit_customer, ctx.user, self.customer_id, self.version, changes,
                             even_if_alike=alike, now=ctx.now())  # fmt: skip
            self.post_message(self.Saved(done.message))
            return
        made = ctx.write(
            create_customer, ctx.user, name=values["name"], industry=values["industry"],
            region=values["region"], channel=values["channel"], size=values["size"],
            owner_login=values["owner"], even_if_alike=alike, now=ctx.now(),
        )  # fmt: skip
        self.made = made  # for a caller that goes on with it (the new-deal form)
        self.post_message(self.Saved(made.message))

    def worker_failed(self, worker: Worker) -> None:
        super().worker_failed(worker)
        from salestui.services.customer_records import AlikeCustomers

        error = worker.error
        if self.offer_alike and isinstance(error, AlikeCustomers) and error.alike:
            self.alike = error.alike
            options = self.query_one("#alike-list", OptionList)
            options.clear_options()
            options.add_options([Text.assemble(_("use"), " “", name, "” ", _("(#{id}) instead").format(id=cid))
                                 for cid, name in self.alike])  # fmt: skip
            options.add_class("-shown")
            options.highlighted = 0
            options.focus()

    @on(OptionList.OptionSelected, "#alike-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        cid, name = self.alike[event.option_index]
        self.made = Picked(cid, name)
        self.dismiss(_("using “{name}”, already a customer").format(name=name))
