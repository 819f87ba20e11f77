"""`salestui deal lines|line add|line change|line remove` and `salestui product list`: a deal's
products from a script, through the lines editor's own service (``services.deal_lines``) — the
same rules, versions and audit; the amount follows the lines."""

from __future__ import annotations

from typing import Annotated

import typer

from salestui.cli import options
from salestui.cli.deals import DealArgument, _run, deal_app
from salestui.cli.options import (
    AnswerOption,
    DbOption,
    FormatOption,
    OutOption,
    RawOption,
    UserOption,
    remember,
    report_format,
    user_of,
)
from salestui.kernel.i18n import N_, _, ngettext

line_app = typer.Typer(
    help=N_("A deal's product lines: add, change, remove (the amount follows them)."),
    no_args_is_help=True,
    rich_markup_mode=None,
)
product_app = typer.Typer(
    help=N_("The product catalogue."), no_args_is_help=True, rich_markup_mode=None
)
LineArgument = Annotated[str, typer.Argument(metavar="LINE_ID", help=N_("The line's number."))]
QuantityOption = Annotated[
    str | None,
    typer.Option("--quantity", metavar="N", help=N_("Units: a whole number, 1 or more.")),
]
PriceOption = Annotated[
    str | None,
    typer.Option("--price", metavar="P", help=N_("The unit price (default: the list price).")),
]
DiscountOption = Annotated[
    str | None, typer.Option("--discount", metavar="PCT", help=N_("Percent off, e.g. 12.5."))
]


@line_app.callback()
def line(ctx: typer.Context, db: DbOption = None, user: UserOption = None) -> None:
    """A deal's product lines: add, change, remove (the amount follows them)."""
    remember(ctx, db, user)


@product_app.callback()
def product(ctx: typer.Context, db: DbOption = None, user: UserOption = None) -> None:
    """The product catalogue."""
    remember(ctx, db, user)


def _table(ctx, fmt: str, raw: bool, out, title: str, columns, rows, meta: dict,
           empty: str = N_("No lines."), what: str = N_("lines")) -> None:  # fmt: skip
    options.list_out(ctx, fmt, raw, out, heading=title, columns=columns, rows=rows, meta=meta,
                     empty=_(empty) + "\n", what=what)  # fmt: skip


def deal_lines(
    ctx: typer.Context,
    ref: DealArgument,
    fmt: FormatOption = "md",
    raw: RawOption = False,
    out: OutOption = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    fmt = report_format(fmt)

    from salestui.kernel.deal_lines import discount_text
    from salestui.kernel.money import format_amount, money_plain
    from salestui.kernel.report_table import Column
    from salestui.services.deal_lines import deal_lines as lines_of
    from salestui.services.deal_ref import deal_ref

    def read(session):
        found = deal_ref(session, user_of(ctx), ref)
        return found, lines_of(session, found.id)

    found, lines = options.reading(ctx, read, session=True)
    money = money_plain if fmt != "md" else (lambda m: format_amount(m, decimals=True))
    rows = [
        {"line": n.id, "sku": n.sku, "product": n.product, "product_line": n.product_line,
         "quantity": n.quantity, "unit_price": money(n.unit_price_minor),
         "discount": discount_text(n.discount_bp), "total": money(n.total_minor)}
        for n in lines
    ]  # fmt: skip
    columns = [
        Column("line", N_("Line"), right=True), Column("sku", "SKU"),
        Column("product", N_("Product")), Column("product_line", N_("Product line")),
        Column("quantity", N_("Qty"), right=True),
        Column("unit_price", N_("Unit price"), right=True),
        Column("discount", N_("Discount"), right=True), Column("total", N_("Total"), right=True),
    ]  # fmt: skip
    total = sum(n.total_minor for n in lines)
    title = ngettext("“{title}” — {n} line, {total}", "“{title}” — {n} lines, {total}",
                     len(lines)).format(title=found.title, n=f"{len(lines):,}",
                                        total=format_amount(total, decimals=True))  # fmt: skip
    meta = {"report": "deal lines", "deal": found.id, "external_id": found.external_id,
            "total": money_plain(total)}  # fmt: skip
    _table(ctx, fmt, raw, out, title, columns, rows, meta)


def line_add(
    ctx: typer.Context,
    ref: DealArgument,
    product: Annotated[
        str, typer.Option("--product", metavar="SKU|NAME", help=N_("The product's SKU or name."))
    ],
    quantity: QuantityOption = None,
    price: PriceOption = None,
    discount: DiscountOption = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.deal_lines import add_line

    _run(ctx, fmt, ref, add_line, product=product, quantity=quantity or "1",
         unit_price=price, discount=discount)  # fmt: skip


def line_change(
    ctx: typer.Context,
    ref: DealArgument,
    line_id: LineArgument,
    product: Annotated[
        str | None, typer.Option("--product", metavar="SKU|NAME", help=N_("Another product."))
    ] = None,
    quantity: QuantityOption = None,
    price: PriceOption = None,
    discount: DiscountOption = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.deal_lines import change_line

    _run(ctx, fmt, ref, change_line, line_id=line_id, product=product, quantity=quantity,
         unit_price=price, discount=discount)  # fmt: skip


def line_remove(
    ctx: typer.Context,
    ref: DealArgument,
    line_id: LineArgument,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.deal_lines import remove_line

    _run(ctx, fmt, ref, remove_line, line_id=line_id)


def product_list(
    ctx: typer.Context,
    fmt: FormatOption = "md",
    raw: RawOption = False,
    out: OutOption = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    fmt = report_format(fmt)

    from salestui.kernel.money import format_amount, money_plain
    from salestui.kernel.report_table import Column
    from salestui.services.deal_lines import products

    found = options.reading(ctx, products, session=True)
    money = money_plain if fmt != "md" else (lambda m: format_amount(m, decimals=True))
    rows = [{"sku": p.sku, "name": p.name, "product_line": p.product_line,
             "list_price": money(p.list_price_minor)} for p in found]  # fmt: skip
    columns = [Column("sku", "SKU"), Column("name", N_("Product")),
               Column("product_line", N_("Product line")),
               Column("list_price", N_("List price"), right=True)]  # fmt: skip
    title = _("Products — {n}").format(n=f"{len(rows):,}")
    _table(ctx, fmt, raw, out, title, columns, rows, {"report": "products"},
           empty=N_("No products."), what=N_("products"))  # fmt: skip


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    deal_app.command(
        "lines",
        help=N_(
            "A deal's product lines: product, quantity, unit price, discount and total; the amount is "
            'their sum. Money in csv and json is a string in major units ("1350000.00").'
        ),
    )(deal_lines)
    line_app.command(
        "add", help=N_("Put a product on a deal; the deal's amount becomes the sum of its lines.")
    )(line_add)
    line_app.command(
        "change", help=N_("Change a line's product, quantity, unit price or discount.")
    )(line_change)
    line_app.command("remove", help=N_("Take a line off a deal."))(line_remove)
    deal_app.add_typer(line_app, name="line")
    product_app.command(
        "list",
        help=N_(
            "Every product: SKU, name, product line, list price (a catalogue: everyone sees it all)."
        ),
    )(product_list)
    app.add_typer(product_app, name="product")
