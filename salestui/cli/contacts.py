"""`salestui contact add|list|edit|remove|link|unlink`: a customer's contacts from scripts, by the
same services and words as the app's forms."""

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
from salestui.kernel.i18n import N_, _, ngettext

contact_app = typer.Typer(
    help=N_("A customer's contacts: add, list, edit, remove, link to a deal."),
    no_args_is_help=True,
    rich_markup_mode=None,
)

CustomerOption = Annotated[
    str,
    typer.Option("--customer", metavar="CUSTOMER", help=N_("The customer's id or external id.")),
]
ContactArgument = Annotated[str, typer.Argument(metavar="ID", help=N_("The contact's id."))]
DealOption = Annotated[
    str, typer.Option("--deal", metavar="DEAL", help=N_("The deal's id or external id."))
]
Title = Annotated[str | None, typer.Option("--title", metavar="TEXT")]
Phone = Annotated[str | None, typer.Option("--phone", metavar="TEXT")]
Email = Annotated[str | None, typer.Option("--email", metavar="TEXT")]
Role = Annotated[
    str | None,
    typer.Option(
        "--role", metavar="ROLE", help=N_("decision maker, influencer, user, gatekeeper.")
    ),
]


@contact_app.callback()
def contact(ctx: typer.Context, db: DbOption = None, user: UserOption = None) -> None:
    """A customer's contacts: add, list, edit, remove, link to a deal."""
    remember(ctx, db, user)


def _answer(done) -> dict:
    return {"contact": done.contact_id, "message": done.message}


def _adding(session, actor: str, customer: str, **kw):
    from salestui.services.contacts import add_contact
    from salestui.services.deal_ref import customer_ref

    found = customer_ref(session, actor, customer)
    return add_contact(session, actor, customer_id=found.id, **kw)


def contact_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help=N_("The person's name."))],
    customer: CustomerOption,
    title: Title = "",
    phone: Phone = "",
    email: Email = "",
    role: Role = "",
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    options.change_and_answer(
        ctx, fmt, _adding, customer, name=name, title=title or "", phone=phone or "",
        email=email or "", role=role or "", answer=_answer,
    )  # fmt: skip


def _editing(session, actor: str, ref: str, **kw):
    from salestui.services.contacts import edit_contact, seen_contact

    found = seen_contact(session, actor, ref)
    return edit_contact(session, actor, found.id, found.version, **kw)


def contact_edit(
    ctx: typer.Context,
    ref: ContactArgument,
    name: Annotated[str | None, typer.Option("--name", metavar="TEXT")] = None,
    title: Title = None,
    phone: Phone = None,
    email: Email = None,
    role: Role = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    options.change_and_answer(
        ctx, fmt, _editing, ref, name=name, title=title, phone=phone, email=email, role=role,
        answer=lambda done: {**_answer(done), "version": done.version},
    )  # fmt: skip


def _on_contact(session, actor: str, ref: str, service, *args, **kw):
    from salestui.services.contacts import seen_contact

    return service(session, actor, seen_contact(session, actor, ref).id, *args, **kw)


def _on_link(session, actor: str, ref: str, deal: str, service, **kw):
    from salestui.services.deal_ref import deal_ref

    return _on_contact(session, actor, ref, service, deal_ref(session, actor, deal).id, **kw)


def contact_remove(
    ctx: typer.Context,
    ref: ContactArgument,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.contacts import remove_contact

    options.change_and_answer(ctx, fmt, _on_contact, ref, remove_contact, answer=_answer)


def contact_link(
    ctx: typer.Context,
    ref: ContactArgument,
    deal: DealOption,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.contacts import link_contact

    options.change_and_answer(ctx, fmt, _on_link, ref, deal, link_contact, answer=_answer)


def contact_unlink(
    ctx: typer.Context,
    ref: ContactArgument,
    deal: DealOption,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.contacts import unlink_contact

    options.change_and_answer(ctx, fmt, _on_link, ref, deal, unlink_contact, answer=_answer)


COLUMNS = ("id", "name", "title", "role", "phone", "email")
COLUMN_TITLES = {
    "name": N_("Name"),
    "title": N_("Title"),
    "role": N_("Role"),
    "phone": N_("Phone"),
    "email": N_("Email"),
}


def contact_list(
    ctx: typer.Context,
    customer: CustomerOption,
    fmt: FormatOption = "md",
    raw: RawOption = False,
    out: OutOption = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    fmt = report_format(fmt)
    from salestui.db.queries.contacts import customer_contacts
    from salestui.kernel.report_table import Column
    from salestui.services.deal_ref import customer_ref

    def read(conn):
        found = customer_ref(conn, user_of(ctx), customer)
        return found, [
            {c: getattr(r, c) for c in COLUMNS} for r in customer_contacts(conn, found.id)
        ]

    found, rows = options.reading(ctx, read)
    columns = [Column("id", N_("Id"), right=True)] + [
        Column(c, COLUMN_TITLES[c], words=c == "role") for c in COLUMNS[1:]
    ]
    heading = _("Contacts of {customer} (#{id})").format(customer=found.title, id=found.id)
    heading += "\n\n" + ngettext("{n} contact.", "{n} contacts.", len(rows)).format(
        n=f"{len(rows):,}"
    )
    meta = {"report": "contacts", "customer": found.id}
    options.list_out(
        ctx, fmt, raw, out, heading=heading, columns=columns, rows=rows, meta=meta,
        what=N_("contacts"),
    )  # fmt: skip


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    contact_app.command(
        "add", help=N_("Add a contact to a customer you may change (yours, or a report's).")
    )(contact_add)
    contact_app.command("list", help=N_("A customer's contacts (one you may see), by name."))(
        contact_list
    )
    contact_app.command(
        "edit", help=N_("Change the fields given (an empty value clears one); the others stay.")
    )(contact_edit)
    contact_app.command(
        "remove",
        help=N_(
            "Remove a contact and its links to deals (audited). A converted lead's contact stays."
        ),
    )(contact_remove)
    contact_app.command(
        "link",
        help=N_("Link a contact to a deal of its customer (whoever may change the deal may)."),
    )(contact_link)
    contact_app.command(
        "unlink", help=N_("Take a contact off a deal; the contact stays with its customer.")
    )(contact_unlink)
    app.add_typer(contact_app, name="contact")
