"""A customer by hand: new (key ``n`` on the customer tiers, or from the new-deal form when the
customer typed is not there yet) or corrected (key ``e`` on the tiers and the detail). The
fields a customers import reads; a name likely the same as another customer is refused naming
it, until "another company" is ticked — or, opened from a deal form, one of the alike customers
is picked instead."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, OptionList, Select, Static
from textual.worker import Worker

from salestui.kernel.domain import CHANNELS
from salestui.kernel.errors import DomainError
from salestui.screens.common.form import FormScreen

TEXT_FIELDS = ("name", "industry", "region", "size")


class CustomerFormScreen(FormScreen[str | None]):
    """Dismissed with what to say; ``made`` is then the customer's name as saved (or picked)."""

    DEFAULT_CSS = """
    CustomerFormScreen > VerticalScroll { border-title-style: bold; border-title-color: $text; }
    CustomerFormScreen Checkbox { border: none; padding: 0; }
    CustomerFormScreen Input { height: 1; }
    CustomerFormScreen #alike-list { height: auto; max-height: 5; display: none; }
    CustomerFormScreen #alike-list.-shown { display: block; }
    """
    AUTO_FOCUS = "#name"
    WALKS_FIELDS = True

    class Loaded(Message):
        """The customer being corrected, as it is now (``CustomerDetail``)."""

        def __init__(self, detail) -> None:
            super().__init__()
            self.detail = detail

    class Made(Message):
        """Saved: the customer's name as stored, and what to say."""

        def __init__(self, name: str, message: str) -> None:
            super().__init__()
            self.name, self.message = name, message

    def __init__(
        self, customer_id: int | None = None, *, name: str = "", offer_alike: bool = False
    ) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.version: int | None = None  # the version read, once the customer is loaded
        self.region_read: str | None = None  # its region as read: left so, it is not changed
        self.prefill = name
        self.offer_alike = offer_alike  # a refused name offers the alike customers to pick
        self.alike: list[tuple[int, str]] = []
        self.made: str | None = None

    def compose(self) -> ComposeResult:
        editing = self.customer_id is not None
        with VerticalScroll() as box:
            box.border_title = "Edit customer" if editing else "New customer"
            # one line per field, compact: the whole form fits at 80×24
            yield Label("Name")
            yield Input(self.prefill, id="name", placeholder="深圳市腾讯计算机系统有限公司",
                        compact=True)  # fmt: skip
            yield Label("Industry")
            yield Input(id="industry", compact=True)
            yield Label("Region (empty: the owner's)")
            yield Input(id="region", compact=True)
            yield Label("Channel")
            yield Select([(c, c) for c in CHANNELS], value="direct", allow_blank=False,
                         id="channel", compact=True)  # fmt: skip
            yield Label("Size")
            yield Input(id="size", placeholder="small, medium, large, enterprise", compact=True)
            if editing:
                yield Static("Owner: … (R on the customer reassigns)", id="owner-line",
                             markup=False)  # fmt: skip
            else:
                yield Label("Owner (login)")
                yield Input(self.ctx.user, id="owner", compact=True)
            yield Checkbox("Another company, though a name is alike", False, id="alike")
            yield self.error_line()
            yield OptionList(id="alike-list")
            yield self.buttons(compact=True)

    # ---- loading the customer corrected -------------------------------------------------------
    def on_mount(self) -> None:
        if self.customer_id is not None:
            self._load()

    @work(thread=True, exclusive=True, group="customer-form-load", exit_on_error=False)
    def _load(self) -> None:
        from salestui.db.queries.customer_detail import customer_detail

        ctx = self.ctx
        detail = ctx.read(customer_detail, self.customer_id, ctx.now().date(), 0)
        if detail is None:
            raise DomainError("this customer no longer exists (it may have been merged)")
        self.post_message(self.Loaded(detail))

    def on_customer_form_screen_loaded(self, event: Loaded) -> None:
        d = event.detail
        self.version, self.region_read = d.version, d.region
        for name, value in (("name", d.name), ("industry", d.industry), ("region", d.region),
                            ("size", d.size)):  # fmt: skip
            self.query_one(f"#{name}", Input).value = value
        if d.channel in CHANNELS:
            self.query_one("#channel", Select).value = d.channel
        owner = Text("Owner: ")
        owner.append(d.owner or "nobody")
        owner.append(" (R on the customer reassigns)", style="dim")
        self.query_one("#owner-line", Static).update(owner)

    # ---- saving -------------------------------------------------------------------------------
    def save(self) -> None:
        if self.customer_id is not None and self.version is None:
            self.say("the customer is still being read — a moment")
            return
        values = {n: self.query_one(f"#{n}", Input).value for n in TEXT_FIELDS}
        if self.customer_id is None:
            values["owner"] = self.query_one("#owner", Input).value
        values["channel"] = str(self.query_one("#channel", Select).value)
        self._save(values, self.query_one("#alike", Checkbox).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, values: dict[str, str], alike: bool) -> None:
        from salestui.services.customer_records import create_customer, edit_customer

        ctx = self.ctx
        if self.customer_id is None:
            done = ctx.write(
                create_customer, ctx.user, name=values["name"], industry=values["industry"],
                region=values["region"], channel=values["channel"], size=values["size"],
                owner_login=values["owner"], even_if_alike=alike, now=ctx.now(),
            )  # fmt: skip
        else:
            done = ctx.write(
                edit_customer, ctx.user, self.customer_id, self.version, name=values["name"],
                industry=values["industry"],
                region=None if values["region"] == self.region_read else values["region"],
                channel=values["channel"], size=values["size"], even_if_alike=alike,
                now=ctx.now(),
            )  # fmt: skip
        self.post_message(self.Made(done.name, done.message))

    def on_customer_form_screen_made(self, event: Made) -> None:
        self.made = event.name
        self.dismiss(event.message)

    def worker_failed(self, worker: Worker) -> None:
        super().worker_failed(worker)
        from salestui.services.customer_records import AlikeCustomers

        error = worker.error
        if not self.offer_alike or not isinstance(error, AlikeCustomers) or not error.alike:
            return
        self.alike = error.alike
        options = self.query_one("#alike-list", OptionList)
        options.clear_options()
        options.add_options([Text(f"use “{name}” (#{cid}) instead") for cid, name in self.alike])
        options.add_class("-shown")
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#alike-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        _, name = self.alike[event.option_index]
        self.made = name
        self.dismiss(f"using “{name}”, already a customer")
