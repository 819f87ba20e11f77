"""A new customer, by hand (key ``n`` on the customer tiers): the fields a customers import
reads; a name likely the same as one already there is refused naming it, until "another
company" is ticked."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select

from salestui.kernel.domain import CHANNELS
from salestui.screens.common.form import FormScreen


class CustomerFormScreen(FormScreen[str | None]):
    DEFAULT_CSS = """
    CustomerFormScreen > VerticalScroll { border-title-style: bold; border-title-color: $text; }
    CustomerFormScreen Checkbox { border: none; padding: 0; }
    CustomerFormScreen Input { height: 1; }
    """
    AUTO_FOCUS = "#name"
    WALKS_FIELDS = True

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "New customer"
            # one line per field, compact: the whole form fits at 80×24
            yield Label("Name")
            yield Input(id="name", placeholder="深圳市腾讯计算机系统有限公司", compact=True)
            yield Label("Industry")
            yield Input(id="industry", compact=True)
            yield Label("Region (empty: the owner's)")
            yield Input(id="region", compact=True)
            yield Label("Channel")
            yield Select([(c, c) for c in CHANNELS], value="direct", allow_blank=False,
                         id="channel", compact=True)  # fmt: skip
            yield Label("Size")
            yield Input(id="size", placeholder="small, medium, large, enterprise", compact=True)
            yield Label("Owner (login)")
            yield Input(self.ctx.user, id="owner", compact=True)
            yield Checkbox("Another company, though a name is alike", False, id="alike")
            yield self.error_line()
            yield self.buttons(compact=True)

    def save(self) -> None:
        values = {n: self.query_one(f"#{n}", Input).value
                  for n in ("name", "industry", "region", "size", "owner")}  # fmt: skip
        values["channel"] = str(self.query_one("#channel", Select).value)
        self._save(values, self.query_one("#alike", Checkbox).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, values: dict[str, str], alike: bool) -> None:
        from salestui.services.customer_records import create_customer

        ctx = self.ctx
        done = ctx.write(
            create_customer, ctx.user, name=values["name"], industry=values["industry"],
            region=values["region"], channel=values["channel"], size=values["size"],
            owner_login=values["owner"], even_if_alike=alike, now=ctx.now(),
        )  # fmt: skip
        self.post_message(self.Saved(done.message))
