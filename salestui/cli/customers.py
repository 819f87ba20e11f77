"""`salestui report customers`: the customer tiers table and its summary, for scripts."""

from __future__ import annotations

from typing import Annotated

import typer

from salestui.cli import options
from salestui.cli.database import open_db
from salestui.cli.options import (
    DbOption,
    FormatOption,
    OutOption,
    RawOption,
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

CustomerOwnerOption = owner_option("customers")


def report_customers(
    ctx: typer.Context,
    fmt: FormatOption = "md",
    raw: RawOption = False,
    out: OutOption = None,
    owner: CustomerOwnerOption = None,
    summary_only: Annotated[
        bool,
        typer.Option("--summary", help="Only the tier summary (customers and revenue per group)."),
    ] = False,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Every customer with RFM, ABC, tier, lifecycle, health, warnings, revenue and overdue,
    most revenue first; Markdown starts with the tier summary, JSON carries it as "summary".

    Tiers rank the whole company; --owner narrows the rows shown, not the ranking. Money in csv
    and json is a string in major units with two decimals ("1350000.00").
    """
    remember(ctx, db, user)
    fmt = report_format(fmt)
    from salestui.customers.health import customer_rules_from
    from salestui.customers.report import customers_report
    from salestui.customers.table import (
        TableFilter,
        customer_table,
        filter_table,
        tier_summary,
    )
    from salestui.db.queries.customers import customer_inputs
    from salestui.db.queries.settings import settings_map
    from salestui.scope import viewer_for

    engine = open_db(db_of(ctx))
    acting(ctx, engine)  # who asks, before anything is read
    now = options.local_clock()  # the module's clock, which tests pin
    with engine.connect() as session:  # reads need no ORM
        rules = customer_rules_from(settings_map(session))
        viewer = viewer_for(session, user_of(ctx))
        seen = viewer.seen_owner_ids()
        scope, owners = viewer.reach_label(), None if seen is None else frozenset(seen)
        if owner is not None:
            owners, scope = viewer.narrowed_to(owner)
        inputs = customer_inputs(session, now.date())
    engine.dispose()
    table = filter_table(customer_table(inputs, now, rules), TableFilter(owner_ids=owners))
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
    emit(text, out, "customers report")


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    report_app.command("customers")(report_customers)
