"""`salestui lead list|contact|qualify|disqualify|convert`: the leads screen's work from a script,
by the services behind it (``salestui.services.leads``): the same rules, refusals and audit."""

from __future__ import annotations

from typing import Annotated

import typer

from salestui.cli import options
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
from salestui.kernel.domain import ACTIVITY_KINDS
from salestui.kernel.i18n import N_, ngettext

lead_app = typer.Typer(
    help=N_(
        "Leads: list them with their first-contact clock; contact, qualify, disqualify, convert."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

LeadId = Annotated[
    int, typer.Argument(metavar="ID", help=N_("The lead's id (lead list shows it)."))
]


@lead_app.callback()
def lead(ctx: typer.Context, db: DbOption = None, user: UserOption = None) -> None:
    """Leads: list them with their first-contact clock; contact, qualify, disqualify, convert."""
    remember(ctx, db, user)


def lead_list(
    ctx: typer.Context,
    everything: Annotated[
        bool, typer.Option("--all", help=N_("The converted and disqualified leads too."))
    ] = False,
    fmt: FormatOption = "md",
    raw: RawOption = False,
    out: OutOption = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    fmt = report_format(fmt)
    from salestui.kernel.dates import local
    from salestui.kernel.report_table import Column
    from salestui.services.lead_list import visible_leads

    now = options.local_clock()
    lines = options.reading(
        ctx, lambda conn: visible_leads(conn, user_of(ctx), now, closed=everything)
    )
    rows = [
        {"id": x.lead.id, "grade": x.lead.grade, "clock": x.clock.words,
         "overdue": "yes" if x.clock.overdue else "", "source": x.lead.source,
         "company": x.lead.company, "name": x.lead.name, "owner": x.lead.owner,
         "status": x.lead.status, "created": local(x.lead.created_at)}
        for x in lines
    ]  # fmt: skip
    columns = [
        Column("id", N_("Id"), right=True, thousands=False),
        Column("grade", N_("Grade")),
        Column("clock", N_("First contact")),
        Column("overdue", N_("Overdue"), words=True),
        Column("source", N_("Source"), words=True),
        Column("company", N_("Company")),
        Column("name", N_("Name")),
        Column("owner", N_("Owner")),
        Column("status", N_("Status"), words=True),
        Column("created", N_("Created")),
    ]
    heading = (
        ngettext("Leads — {n} in all", "Leads — {n} in all", len(rows))
        if everything
        else ngettext("Leads — {n} open", "Leads — {n} open", len(rows))
    ).format(n=f"{len(rows):,}")
    meta = {"report": "leads", "closed": everything}
    options.list_out(
        ctx, fmt, raw, out, heading=heading, columns=columns, rows=rows, meta=meta,
        what=N_("leads"),
    )  # fmt: skip


def _answer(done) -> dict:
    return {"lead": done.lead_id, "status": done.status, "activity": done.activity_id,
            "customer": done.customer_id, "contact": done.contact_id, "deal": done.deal_id,
            "batch": done.batch, "message": done.message}  # fmt: skip


def lead_contact(
    ctx: typer.Context,
    lead_id: LeadId,
    kind: Annotated[
        str, typer.Option("--kind", "--type", metavar="|".join(ACTIVITY_KINDS))
    ] = "call",
    when: Annotated[
        str | None, typer.Option("--when", metavar="YYYY-MM-DD[ HH:MM]", help=N_("Default: now."))
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT")] = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.leads import contact_lead

    options.change_and_answer(
        ctx, fmt, contact_lead, lead_id, kind=kind, when=when, note=note, answer=_answer
    )


def lead_qualify(
    ctx: typer.Context,
    lead_id: LeadId,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help=N_("Why."))] = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.leads import qualify_lead

    options.change_and_answer(ctx, fmt, qualify_lead, lead_id, note=note, answer=_answer)


def lead_disqualify(
    ctx: typer.Context,
    lead_id: LeadId,
    reason: Annotated[
        str, typer.Option("--reason", metavar="TEXT", help=N_("Why it will not buy."))
    ],
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.leads import disqualify_lead

    options.change_and_answer(ctx, fmt, disqualify_lead, lead_id, reason=reason, answer=_answer)


def lead_convert(
    ctx: typer.Context,
    lead_id: LeadId,
    customer: Annotated[
        int | None,
        typer.Option("--customer", metavar="ID", help=N_("A customer already there (its id).")),
    ] = None,
    customer_name: Annotated[
        str,
        typer.Option("--customer-name", metavar="NAME", help=N_("Default: the lead's company.")),
    ] = "",
    title: Annotated[
        str,
        typer.Option("--title", metavar="TEXT", help=N_("Default: the customer and the source.")),
    ] = "",
    amount: Annotated[str, typer.Option("--amount", metavar="AMOUNT")] = "0",
    close: Annotated[
        str | None,
        typer.Option(
            "--close", metavar="YYYY-MM-DD", help=N_("Expected close; default in 90 days.")
        ),
    ] = None,
    even_if_alike: Annotated[
        bool,
        typer.Option(
            "--even-if-alike",
            help=N_("Make the new customer though one of a likely same name is there."),
        ),
    ] = False,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.leads import Conversion, convert_lead

    chosen = Conversion(
        customer_id=customer, customer_name=customer_name, even_if_alike=even_if_alike,
        title=title, amount=amount, expected_close=close,
    )  # fmt: skip
    options.change_and_answer(ctx, fmt, convert_lead, lead_id, chosen, answer=_answer)


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    lead_app.command(
        "list",
        help=N_(
            "Your leads and your team's (with the unowned ones of your region, for a manager), open "
            "ones first, the most urgent first: the clock is the time left to the first contact "
            "(A 2 h, B 24 h, C 5 days) or how long it is overdue."
        ),
    )(lead_list)
    lead_app.command(
        "contact", help=N_("Log a contact with the lead; the first stops its first-contact clock.")
    )(lead_contact)
    lead_app.command("qualify", help=N_("The lead is worth a deal (after a first contact)."))(
        lead_qualify
    )
    lead_app.command(
        "disqualify",
        help=N_("The lead will not buy: it leaves the open leads and the SLA warnings."),
    )(lead_disqualify)
    lead_app.command(
        "convert",
        help=N_(
            "Convert the lead into a customer (new, or --customer ID), a contact (the lead's name, "
            "email, phone) and a deal, in one step: a refusal of any part writes nothing."
        ),
    )(lead_convert)
    app.add_typer(lead_app, name="lead")
