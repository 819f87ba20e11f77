"""`salestui people`: list, bind, unbind, change and add people from a script, by the same rules
as the people form (``salestui.services.people``).

A change answers with one line saying what changed (``--format json``: the same as an object);
a refusal is one line on stderr, a non-zero exit, and nothing written.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from salestui.cli import options
from salestui.cli.database import open_db
from salestui.cli.options import (
    AnswerOption,
    DbOption,
    FormatOption,
    OutOption,
    UserMistake,
    UserOption,
    db_of,
    emit,
    remember,
    report_format,
    user_of,
)
from salestui.kernel.i18n import N_, _, ngettext

people_app = typer.Typer(
    help=N_("People: who they are, whom they report to, their OS account."),
    no_args_is_help=True,
    rich_markup_mode=None,
)

LoginArgument = Annotated[str, typer.Argument(metavar="LOGIN", help=N_("The person's login."))]
ManagerOption = Annotated[
    str | None,
    typer.Option(
        "--manager",
        metavar="LOGIN",
        help=N_('Whom they report to ("" for nobody: the top of the organisation).'),
        show_default=False,
    ),
]
RoleOption = Annotated[
    str | None,
    typer.Option("--role", metavar="rep|manager", help=N_("Their role."), show_default=False),
]
NameOption = Annotated[
    str | None, typer.Option("--name", metavar="NAME", help=N_("Display name."), show_default=False)
]
TitleOption = Annotated[
    str | None, typer.Option("--title", metavar="TITLE", help=N_("Job title."), show_default=False)
]
RegionOption = Annotated[
    str | None,
    typer.Option("--region", metavar="REGION", help=N_("Region, by name."), show_default=False),
]


@people_app.callback()
def people(ctx: typer.Context, db: DbOption = None, user: UserOption = None) -> None:
    """People: who they are, whom they report to, their OS account."""
    remember(ctx, db, user)


def _write(ctx: typer.Context, fmt: str, service, *args, **kwargs) -> None:
    """Run a people service as the acting person and say what it did."""
    fmt = report_format(fmt, ("text", "json"))
    engine = open_db(db_of(ctx))
    try:
        done = options.write_with(
            engine, service, user_of(ctx), *args, now=options.local_clock(), **kwargs
        )
    finally:
        engine.dispose()
    if fmt == "text":
        typer.echo(done.words())
        return
    changed = {f: {"from": old, "to": new} for f, (old, new) in done.changes.items()}
    answer = {"login": done.login, "version": done.version, "created": done.created}
    typer.echo(json.dumps({**answer, "changed": changed}, ensure_ascii=False, indent=2))


def people_list(
    ctx: typer.Context,
    fmt: FormatOption = "md",
    out: OutOption = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    fmt = report_format(fmt)
    from salestui.db.queries.people import all_regions
    from salestui.kernel.report_table import Column, render_table
    from salestui.kernel.viewer import Viewer
    from salestui.services.rules import actor_row

    engine = open_db(db_of(ctx))
    with engine.connect() as conn:
        actor, people = actor_row(conn, user_of(ctx))
        regions = {r.id: r.name for r in all_regions(conn)}
    engine.dispose()
    seen = Viewer.of(people, actor.login).seen_owner_ids()
    login_of = {p.id: p.login for p in people}
    rows = [
        {
            "login": p.login,
            "name": p.display_name,
            "title": p.title,
            "role": p.role,
            "admin": p.admin if fmt == "json" else ("yes" if p.admin else ""),
            "manager": login_of.get(p.manager_id),
            "region": regions.get(p.region_id),
            "os_user": p.os_user,
            "timezone": p.timezone or None,
            "active": p.active if fmt == "json" else ("yes" if p.active else "no"),
        }
        for p in people
        if seen is None or p.id in seen
    ]
    columns = [
        Column("login", N_("Login")),
        Column("name", N_("Name")),
        Column("title", N_("Title")),
        Column("role", N_("Role"), words=True),
        Column("admin", N_("Admin"), words=True),
        Column("manager", N_("Manager")),
        Column("region", N_("Region")),
        Column("os_user", N_("OS account")),
        Column("timezone", N_("Time zone")),
        Column("active", N_("Active"), words=True),
    ]
    whose = f"{actor.display_name} ({actor.login})"
    if fmt == "md":
        head = "# " + _("People — as {whose} sees them").format(whose=whose) + "\n\n"
        head += ngettext("{n} person.", "{n} people.", len(rows)).format(n=f"{len(rows):,}")
        head += "\n\n"
        text = head + render_table(columns, rows, "md")
    else:
        text = render_table(columns, rows, fmt, meta={"report": "people", "viewer": actor.login})
    emit(text, out, N_("people list"))


def people_bind(
    ctx: typer.Context,
    login: LoginArgument,
    account: Annotated[
        str | None,
        typer.Argument(metavar="ACCOUNT", help=N_("The OS account (on PostgreSQL: the role).")),
    ] = None,
    os_user: Annotated[
        str | None,
        typer.Option("--os-user", metavar="ACCOUNT", help=N_("The same, as an option.")),
    ] = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    if (account is None) == (os_user is None):
        raise UserMistake(_("give the OS account once: people bind LOGIN ACCOUNT"))
    from salestui.services.people import change_person

    _write(ctx, fmt, change_person, login, {"os_user": account or os_user})


def people_unbind(
    ctx: typer.Context,
    login: LoginArgument,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.people import change_person

    _write(ctx, fmt, change_person, login, {"os_user": None})


def people_set(
    ctx: typer.Context,
    login: LoginArgument,
    manager: ManagerOption = None,
    role: RoleOption = None,
    admin: Annotated[
        bool | None,
        typer.Option("--admin/--no-admin", help=N_("An administrator or not."), show_default=False),
    ] = None,
    active: Annotated[
        bool | None,
        typer.Option(
            "--active/--inactive", help=N_("Still working here or not."), show_default=False
        ),
    ] = None,
    name: NameOption = None,
    title: TitleOption = None,
    region: RegionOption = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            metavar="ZONE",
            help=N_(
                'Their time zone (IANA name, e.g. Asia/Shanghai; "" for the system\'s): their '
                "today, periods and the times they are shown."
            ),
            show_default=False,
        ),
    ] = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    given = {
        "manager": manager,
        "role": role,
        "admin": admin,
        "active": active,
        "display_name": name,
        "title": title,
        "region": region,
        "timezone": timezone,
    }
    changes = {field: value for field, value in given.items() if value is not None}
    if not changes:
        raise UserMistake(_("say what to change (see salestui people set --help)"))
    from salestui.services.people import change_person

    _write(ctx, fmt, change_person, login, changes)


def people_add(
    ctx: typer.Context,
    login: LoginArgument,
    name: Annotated[str, typer.Option("--name", metavar="NAME", help=N_("Display name."))],
    manager: ManagerOption = None,
    role: Annotated[
        str, typer.Option("--role", metavar="rep|manager", help=N_("Their role."))
    ] = "rep",
    title: TitleOption = None,
    region: RegionOption = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.people import add_person

    _write(
        ctx,
        fmt,
        add_person,
        login,
        name,
        manager=manager,
        role=role,
        title=title or "",
        region=region,
    )


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    people_app.command(
        "list",
        help=N_(
            "The people you may see (an administrator: everyone; anyone else: themselves and everyone "
            "below them), with whom they report to and the OS account bound to them."
        ),
    )(people_list)
    people_app.command(
        "bind",
        help=N_("Bind an OS account to a person: salestui run by that account acts as them."),
    )(people_bind)
    people_app.command(
        "unbind",
        help=N_("Unbind a person's OS account: nobody acts as them until it is bound again."),
    )(people_unbind)
    people_app.command(
        "set",
        help=N_(
            "Change a person: only a manager above them or an administrator changes their manager, "
            "role, flag, region or activity; anyone their own name, title and time zone."
        ),
    )(people_set)
    people_app.command(
        "add",
        help=N_(
            "Add a person, below you unless --manager says otherwise (a manager adds people below "
            "themselves, an administrator anywhere); bind their OS account with `people bind`."
        ),
    )(people_add)
    app.add_typer(people_app, name="people")
