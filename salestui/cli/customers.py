"""`salestui report customers`: the customer tiers table and its summary, for scripts;
`salestui customer duplicates`: the customers likely entered twice."""

from __future__ import annotations

from typing import Annotated

import typer

from salestui.cli import options
from salestui.cli.database import open_db
from salestui.cli.options import (
    AnswerOption,
    DbOption,
    FormatOption,
    OutOption,
    RawOption,
    UserMistake,
    UserOption,
    acting,
    db_of,
    emit,
    owner_option,
    remember,
    report_format,
    user_of,
)
from salestui.kernel.csv_cells import formulas_as_written
from salestui.kernel.i18n import N_, _, ngettext

CustomerOwnerOption = owner_option(
    N_("Only the customers of LOGIN and of everyone who reports to them.")
)


def report_customers(
    ctx: typer.Context,
    fmt: FormatOption = "md",
    raw: RawOption = False,
    out: OutOption = None,
    owner: CustomerOwnerOption = None,
    summary_only: Annotated[
        bool,
        typer.Option(
            "--summary", help=N_("Only the tier summary (customers and revenue per group).")
        ),
    ] = False,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    fmt = report_format(fmt)
    from salestui.context import AppContext
    from salestui.customers.load import customer_rules, load_table
    from salestui.customers.report import customers_report
    from salestui.customers.table import TableFilter, filter_table, tier_summary
    from salestui.scope import viewer_for

    # a SQLite file as its checked path: the figures are read without SQLAlchemy (0.14 s)
    database = open_db(db_of(ctx), light=True)
    acting(ctx, database)  # who asks, before anything is read
    now = options.local_clock()  # the module's clock, which tests pin
    app_ctx = AppContext(database, user_of(ctx))
    viewer = app_ctx.read(viewer_for, user_of(ctx))
    seen = viewer.seen_owner_ids()
    scope, owners = viewer.reach_label(), None if seen is None else frozenset(seen)
    if owner is not None:
        owners, scope = viewer.narrowed_to(owner)
    # the figures kept up to date in the database (salestui.runtime.maintained), as the screen
    table = load_table(app_ctx, customer_rules(app_ctx), now)
    table = filter_table(table, TableFilter(owner_ids=owners))
    with formulas_as_written(raw):
        text = customers_report(
            table,
            tier_summary(table),
            as_of=now,
            scope=scope,
            fmt=fmt,
            summary_only=summary_only,
            view=viewer.whose_view(),
        )
    emit(text, out, N_("customers report"))


customer_app = typer.Typer(
    help=N_("Customers: add one, find likely duplicates, merge two that are one."),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@customer_app.callback()
def customer(ctx: typer.Context, db: DbOption = None, user: UserOption = None) -> None:
    """Customers: add one, find likely duplicates, merge two that are one."""
    remember(ctx, db, user)


def customer_duplicates(
    ctx: typer.Context,
    fmt: FormatOption = "md",
    raw: RawOption = False,
    out: OutOption = None,
    owner: CustomerOwnerOption = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    fmt = report_format(fmt)
    from salestui.customers.duplicates import likely_duplicates
    from salestui.db.queries.customers import customer_rows
    from salestui.kernel.report_table import Column, render_table
    from salestui.scope import viewer_for

    engine = open_db(db_of(ctx))
    acting(ctx, engine)
    now = options.local_clock()
    with engine.connect() as session:
        viewer = viewer_for(session, user_of(ctx))
        seen = viewer.seen_owner_ids()
        owners, scope = (None if seen is None else frozenset(seen)), viewer.reach_label()
        if owner is not None:
            owners, scope = viewer.narrowed_to(owner)
        found = customer_rows(session, now.date()).named()
    engine.dispose()
    shown = {r.customer_id: r for r in found if owners is None or r.owner_id in owners}
    pairs = likely_duplicates((cid, r.name) for cid, r in shown.items())
    rows = [
        {
            "first": p.first,
            "first_name": shown[p.first].name,
            "first_owner": shown[p.first].owner,
            "second": p.second,
            "second_name": shown[p.second].name,
            "second_owner": shown[p.second].owner,
            "why": p.why,
        }
        for p in pairs
    ]
    columns = [
        Column("first", N_("Id"), right=True),
        Column("first_name", N_("Customer")),
        Column("first_owner", N_("Owner")),
        Column("second", N_("Id"), right=True),
        Column("second_name", N_("Likely the same as")),
        Column("second_owner", N_("Owner")),
        Column("why", N_("Why"), words=True),
    ]
    with formulas_as_written(raw):
        if fmt == "md":
            head = "# " + _("Likely duplicate customers — {scope}").format(scope=scope) + "\n\n"
            head += ngettext(
                "{n} pair among {total} customers.", "{n} pairs among {total} customers.", len(rows)
            ).format(n=f"{len(rows):,}", total=f"{len(shown):,}")
            head += "\n\n"
            text = head + (render_table(columns, rows, "md") if rows else "")
        else:
            meta = {"report": "customer duplicates", "viewer": user_of(ctx), "scope": scope}
            text = render_table(columns, rows, fmt, meta=meta)
    emit(text, out, N_("customer duplicates"))


def customer_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help=N_("The company's name."))],
    industry: Annotated[str, typer.Option("--industry", metavar="TEXT")] = "",
    region: Annotated[
        str, typer.Option("--region", metavar="NAME", help=N_("Default: the owner's region."))
    ] = "",
    channel: Annotated[
        str, typer.Option("--channel", metavar="direct|distributor|e-commerce")
    ] = "",
    size: Annotated[str, typer.Option("--size", metavar="TEXT")] = "",
    owner: Annotated[
        str | None, typer.Option("--owner", metavar="LOGIN", help=N_("Default: you."))
    ] = None,
    even_if_alike: Annotated[
        bool,
        typer.Option(
            "--even-if-alike",
            help=N_(
                "Make it though a customer of a likely same name is there (it is another company)."
            ),
        ),
    ] = False,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.customer_records import create_customer

    options.change_and_answer(
        ctx, fmt, create_customer, name=name, industry=industry, region=region,
        channel=channel, size=size, owner_login=owner, even_if_alike=even_if_alike,
        answer=lambda done: {"customer": done.customer_id, "name": done.name,
                             "message": done.message},
    )  # fmt: skip


def _editing(session, actor: str, ref: str, changes: dict[str, str], **kw):
    from salestui.db.tables import Customer
    from salestui.services.customer_records import edit_customer
    from salestui.services.deal_ref import customer_ref

    found = customer_ref(session, actor, ref)
    version = session.get(Customer, found.id).version  # a script edits what is there now
    return edit_customer(session, actor, found.id, version, changes, **kw)


def customer_edit(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="ID", help=N_("The customer (id or external id)."))],
    name: Annotated[str | None, typer.Option("--name", metavar="TEXT")] = None,
    industry: Annotated[str | None, typer.Option("--industry", metavar="TEXT")] = None,
    region: Annotated[str | None, typer.Option("--region", metavar="NAME")] = None,
    channel: Annotated[
        str | None, typer.Option("--channel", metavar="direct|distributor|e-commerce")
    ] = None,
    size: Annotated[str | None, typer.Option("--size", metavar="TEXT")] = None,
    even_if_alike: Annotated[
        bool,
        typer.Option(
            "--even-if-alike",
            help=N_(
                "Rename though a customer of a likely same name is there (it is another company)."
            ),
        ),
    ] = False,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    given = {"name": name, "industry": industry, "region": region, "channel": channel,
             "size": size}  # fmt: skip
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes:
        raise UserMistake(_("say what changes: --name, --industry, --region, --channel or --size"))
    options.change_and_answer(
        ctx, fmt, _editing, ref, changes, even_if_alike=even_if_alike,
        answer=lambda done: {"customer": done.customer_id, "version": done.version,
                             "changed": list(done.changed), "message": done.message},
    )  # fmt: skip


def _reassigning(session, actor: str, ref: str, login: str, **kw):
    from salestui.db.tables import Customer
    from salestui.services.customers import reassign_customer
    from salestui.services.deal_ref import customer_ref

    found = customer_ref(session, actor, ref)
    version = session.get(Customer, found.id).version
    return reassign_customer(session, actor, found.id, login, version, **kw)


def customer_reassign(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="ID", help=N_("The customer (id or external id)."))],
    login: Annotated[str, typer.Argument(metavar="LOGIN", help=N_("The new owner."))],
    leave_open: Annotated[
        bool,
        typer.Option(
            "--leave-open",
            help=N_(
                "Leave the old owner's open deals and items with them (default: they go along)."
            ),
        ),
    ] = False,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    options.change_and_answer(
        ctx, fmt, _reassigning, ref, login, with_open=not leave_open,
        answer=lambda done: {"version": done.version, "deals": done.deals, "items": done.items,
                             "message": done.message},
    )  # fmt: skip


def _merging(session, actor: str, merged: str | None, kept: str | None, undo: str | None, **kw):
    from salestui.services.customer_merge import merge_customers, undo_merge
    from salestui.services.deal_ref import customer_ref

    if undo is not None:
        return undo_merge(session, actor, undo, **kw)
    one, other = customer_ref(session, actor, merged), customer_ref(session, actor, kept)
    return merge_customers(session, actor, one.id, other.id, **kw)


def customer_merge(
    ctx: typer.Context,
    merged: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help=N_("The customer merged away (id or external id)."),
            show_default=False,
        ),
    ] = None,
    kept: Annotated[
        str | None,
        typer.Argument(
            metavar="INTO_ID", help=N_("The customer kept (id or external id)."), show_default=False
        ),
    ] = None,
    undo: Annotated[
        str | None,
        typer.Option("--undo", metavar="BATCH", help=N_("Undo the merge its answer named.")),
    ] = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    if undo is None and (merged is None or kept is None):
        raise UserMistake(_("say which customer merges into which: ID INTO_ID (or --undo BATCH)"))
    if undo is not None and (merged is not None or kept is not None):
        raise UserMistake(_("--undo BATCH takes no customers"))
    options.change_and_answer(
        ctx, fmt, _merging, merged, kept, undo,
        answer=lambda done: {"batch": done.batch, "merged": done.merged_id,
                             "kept": done.kept_id, "moved": done.moved,
                             "message": done.message},
    )  # fmt: skip


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    report_app.command(
        "customers",
        help=N_(
            "Every customer with RFM, ABC, tier, lifecycle, health, warnings, revenue and overdue, "
            'most revenue first; Markdown starts with the tier summary, JSON carries it as "summary".\n'
            "\n"
            "Tiers rank the whole company; --owner narrows the rows shown, not the ranking. Money in csv "
            'and json is a string in major units with two decimals ("1350000.00").'
        ),
    )(report_customers)
    customer_app.command(
        "add",
        help=N_(
            "Add a customer (the fields a customers import reads). A name likely the same as a "
            "customer already there is refused with it named, unless --even-if-alike."
        ),
    )(customer_add)
    customer_app.command(
        "edit",
        help=N_(
            "Change a customer's name, industry, region, channel or size (the owner changes with "
            "reassigning). A new name likely another customer's is refused with it named, unless "
            "--even-if-alike."
        ),
    )(customer_edit)
    customer_app.command(
        "reassign",
        help=N_(
            "Give a customer to another owner (yourself or someone below you), as R does in the app: "
            "the old owner's open deals on it and open action items about it go along."
        ),
    )(customer_reassign)
    customer_app.command(
        "duplicates",
        help=N_(
            "Pairs of customers that are likely one company (the same name but the legal form; the "
            "same company name with the place or trade left out on one side; Latin names 90 % alike), "
            "among the customers you may see. Offers for a person to look at, nothing is changed."
        ),
    )(customer_duplicates)
    customer_app.command(
        "merge",
        help=N_(
            "Merge customer ID into INTO_ID: its deals, orders, activities, complaints, NPS answers and "
            "action items move, ID is removed (kept whole in the audit log); --undo BATCH puts it back."
        ),
    )(customer_merge)
    app.add_typer(customer_app, name="customer")
