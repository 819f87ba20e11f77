"""A deal's products (key ``p`` on the deal detail): its lines and their total, and a line added,
changed or removed through ``services.deal_lines`` — the amount follows, the approval rule holds,
a refusal shows on the error line and nothing is written."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import DataTable, Input, Label, Static

from salestui.kernel.deal_lines import discount_text
from salestui.kernel.i18n import N_, _, ngettext
from salestui.kernel.money import format_amount
from salestui.screens.common.form import FormScreen
from salestui.screens.common.plain import PlainDataTable, PlainTable


def products_part(lines) -> list:
    """A deal detail's section of its product lines (``services.deal_lines.deal_lines``), or
    nothing when it has none."""
    if not lines:
        return []
    table = PlainTable(box=None, pad_edge=False)
    for title in (N_("product"), N_("qty"), N_("unit price"), N_("disc."), N_("total")):
        table.add_column(_(title), justify="left" if title == "product" else "right")
    for n in lines:
        table.add_row(n.product, f"{n.quantity:,}",
                      format_amount(n.unit_price_minor, decimals=True),
                      discount_text(n.discount_bp), format_amount(n.total_minor, decimals=True))  # fmt: skip
    return [Text("\n" + _("Products (the amount is their sum)"), style="bold"), table]


# the editor's column headings, after its "#"
LINE_COLUMNS = (N_("Product"), N_("Qty"), N_("Unit price"), N_("Disc."), N_("Total"))


class ProductSuggester(Suggester):
    """Completes a product's SKU or name as it is typed."""

    def __init__(self, ctx) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        self.ctx = ctx

    async def get_suggestion(self, value: str) -> str | None:
        from salestui.services.deal_lines import product_starting

        return await asyncio.to_thread(self.ctx.read, product_starting, value)


class DealLinesScreen(FormScreen[bool]):
    """The lines of one deal; answers whether anything was saved (the detail reloads)."""

    DEFAULT_CSS = """
    DealLinesScreen > VerticalScroll { border-title-style: bold; border-title-color: $text; }
    DealLinesScreen DataTable { height: auto; max-height: 8; }
    DealLinesScreen Horizontal.fields { align-horizontal: left; height: auto; }
    DealLinesScreen .fields > Vertical { width: 1fr; height: auto; }
    DealLinesScreen .fields > Vertical.wide { width: 3fr; }
    DealLinesScreen Input { height: 1; }
    DealLinesScreen .done { color: $success; height: auto; }
    """
    BINDINGS = [
        Binding(
            "a", "add", N_("Add"), id="lines.add", tooltip=N_("A new line: product, qty, price")
        ),
        Binding(
            "e", "change", N_("Change"), id="lines.change", tooltip=N_("Change the line chosen")
        ),
        Binding(
            "x,delete",
            "remove",
            N_("Remove"),
            id="lines.remove",
            tooltip=N_("Take the line chosen off the deal"),
        ),  # fmt: skip
    ]
    AUTO_FOCUS = "#lines"
    WALKS_FIELDS = True
    FIELDS = ("product", "quantity", "price", "discount")

    class Loaded(Message):
        def __init__(self, title: str, version: int, lines: list) -> None:
            super().__init__()
            self.title, self.version, self.lines = title, version, lines

    class Done(Message):
        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, deal_id: int) -> None:
        super().__init__()
        self.deal_id = deal_id
        self.version: int | None = None
        self.lines: list = []
        self.editing = None  # the line being changed; None: a new one
        self.changed = False

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = _("Products")
            table = PlainDataTable(id="lines", cursor_type="row", zebra_stripes=False)
            table.add_columns("#", *(_(t) for t in LINE_COLUMNS))
            yield table
            yield Static(_("reading…"), id="total", markup=False)
            yield Static("", id="done", classes="done", markup=False)
            yield Static(_("New line"), id="mode", markup=False)
            yield Horizontal(
                Vertical(Label(_("Product (→ completes)")),
                         Input(id="product", compact=True, placeholder=_("SKU or name"),
                               suggester=ProductSuggester(self.ctx)),
                         classes="wide"),
                Vertical(Label(_("Qty")), Input("1", id="quantity", compact=True)),
                Vertical(Label(_("Unit price")),
                         Input(id="price", compact=True, placeholder=_("list price"))),
                Vertical(Label(_("Discount %")), Input(id="discount", compact=True, placeholder="0")),
                classes="fields",
            )  # fmt: skip
            yield self.error_line()
            yield Static(
                Text(_("a adds · e changes · x removes · ctrl+s saves · esc closes"), style="dim")
            )
            yield self.buttons(compact=True)

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        from salestui.services.deal_lines import deal_lines, deal_version

        ctx = self.ctx
        title, version = ctx.read(deal_version, self.deal_id)
        lines = ctx.read(deal_lines, self.deal_id)
        self.post_message(self.Loaded(title, version, lines))

    def on_deal_lines_screen_loaded(self, event: Loaded) -> None:
        self.version, self.lines = event.version, event.lines
        self.query_one(VerticalScroll).border_title = Text(
            _("Products on “{title}”").format(title=event.title)
        )
        table = self.query_one("#lines", DataTable)
        table.clear()
        for n in self.lines:
            table.add_row(
                str(n.id), f"{n.sku} {n.product}", Text(f"{n.quantity:,}", justify="right"),
                Text(format_amount(n.unit_price_minor, decimals=True), justify="right"),
                Text(discount_text(n.discount_bp), justify="right"),
                Text(format_amount(n.total_minor, decimals=True), justify="right"),
                key=str(n.id),
            )  # fmt: skip
        total = sum(n.total_minor for n in self.lines)
        said = (
            ngettext(
                "{n} line · the amount {amount}", "{n} lines · the amount {amount}", len(self.lines)
            ).format(n=f"{len(self.lines):,}", amount=format_amount(total, decimals=True))
            if self.lines
            else _("No lines yet: the amount is typed on the deal until one is added.")
        )
        self.query_one("#total", Static).update(said)

    # ---- keys -------------------------------------------------------------------------------
    def _chosen(self):
        table = self.query_one("#lines", DataTable)
        if not self.lines or table.cursor_row is None or table.cursor_row >= len(self.lines):
            self.say(_("no line chosen: ↑↓ in the table first"))
            return None
        return self.lines[table.cursor_row]

    def _fill(self, line) -> None:
        values = {"product": "", "quantity": "1", "price": "", "discount": ""}
        if line is not None:
            values = {
                "product": line.sku,
                "quantity": str(line.quantity),
                "price": format_amount(line.unit_price_minor, decimals=True),
                "discount": discount_text(line.discount_bp).removesuffix("%"),
            }
        for name, value in values.items():
            self.query_one(f"#{name}", Input).value = value
        self.editing = line
        self.query_one("#mode", Static).update(
            _("Line #{n}").format(n=line.id) if line else _("New line")
        )
        self.query_one("#product", Input).focus()

    def action_add(self) -> None:
        self.say("")
        self._fill(None)

    def action_change(self) -> None:
        self.say("")
        if (line := self._chosen()) is not None:
            self._fill(line)

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_change()

    def action_remove(self) -> None:
        self.say("")
        if (line := self._chosen()) is not None:
            self._remove(line.id)

    def action_cancel(self) -> None:
        self.dismiss(self.changed)

    # ---- writes -----------------------------------------------------------------------------
    def save(self) -> None:
        values = {n: self.query_one(f"#{n}", Input).value for n in self.FIELDS}
        self._save(values, self.editing)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, values: dict[str, str], line) -> None:
        from salestui.services.deal_lines import add_line, change_line

        ctx = self.ctx
        price = values["price"] if values["price"].strip() else None
        if line is None:
            done = ctx.write(add_line, ctx.user, self.deal_id, self.version,
                             product=values["product"], quantity=values["quantity"],
                             unit_price=price, discount=values["discount"], now=ctx.now())  # fmt: skip
        else:
            same_price = values["price"] == format_amount(line.unit_price_minor, decimals=True)
            if values["product"].strip() != line.sku and same_price:
                price = None  # another product, its price untouched: its list price
            done = ctx.write(change_line, ctx.user, self.deal_id, self.version, line.id,
                             product=values["product"], quantity=values["quantity"],
                             unit_price=price, discount=values["discount"], now=ctx.now())  # fmt: skip
        self.post_message(self.Done(done.message))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _remove(self, line_id: int) -> None:
        from salestui.services.deal_lines import remove_line

        ctx = self.ctx
        done = ctx.write(remove_line, ctx.user, self.deal_id, self.version, line_id, now=ctx.now())
        self.post_message(self.Done(done.message))

    def on_deal_lines_screen_done(self, event: Done) -> None:
        self.changed = True
        self.query_one("#done", Static).update(event.message)
        self._fill(None)
        self.query_one("#lines", DataTable).focus()
        self._load()
