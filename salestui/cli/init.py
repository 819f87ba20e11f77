"""`salestui init`: a new, empty database whose first person is you."""

from __future__ import annotations

from typing import Annotated

import typer

from salestui.cli.database import open_db, shown
from salestui.cli.options import DbOption, UserOption, db_of, remember, requested_user
from salestui.kernel.i18n import N_, _


def init(
    ctx: typer.Context,
    db: DbOption = None,
    user: UserOption = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="NAME",
            help=N_("Your full name (default: LOGIN)."),
            show_default=False,
        ),
    ] = None,
) -> None:
    remember(ctx, db, user)
    login = requested_user(ctx)
    from salestui.kernel.errors import DomainError
    from salestui.services.first_person import check_login

    if login is None:
        raise DomainError(_("`salestui init` needs --user LOGIN: the login of its first person"))
    check_login(login)
    from sqlmodel import Session

    from salestui.cli import options
    from salestui.identity import database_account
    from salestui.services.first_person import add_first_person

    where = db_of(ctx)
    engine = open_db(where, must_exist=False)

    def first(session: Session) -> str:
        account = database_account(session.connection())
        add_first_person(session, login=login, name=name, account=account, now=options.now())
        return account

    try:
        account = options.write_with(engine, first)
    finally:
        engine.dispose()
    typer.echo(
        _(
            "made {where}: {login} is its top manager and an administrator, bound to the "
            "account {account}; `salestui --db {where}` opens it"
        ).format(where=shown(where), login=login, account=account)
    )


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    app.command(
        help=N_(
            "Make an empty database whose first person, --user LOGIN, is its top manager and an "
            "administrator, bound to the OS account running this (on PostgreSQL: the database role).\n"
            "\n"
            "Refused on a database that already has people."
        )
    )(init)
