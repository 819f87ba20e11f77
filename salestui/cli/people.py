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

people_app = typer.Typer(
    help="People: who they are, whom they report to, their OS account.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

LoginArgument = Annotated[str, typer.Argument(metavar="LOGIN", help="The person's login.")]
ManagerOption = Annotated[
    str | None,
    typer.Option(
        "--manager",
        metavar="LOGIN",
        help='Whom they report to ("" for nobody: the top of the organisation).',
        show_default=False,
    ),
]
RoleOption = Annotated[
    str | None,
    typer.Option("--role", metavar="rep|manager", help="Their role.", show_default=False),
]
NameOption = Annotated[
    str | None, typer.Option("--name", metavar="NAME", help="Display name.", show_default=False)
]
TitleOption = Annotated[
    str | None, typer.Option("--title", metavar="TITLE", help="Job title.", show_default=False)
]
RegionOption = Annotated[
    str | None,
    typer.Option("--region", metavar="REGION", help="Region, by name.", show_default=False),
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
    """The people you may see (an administrator: everyone; anyone else: themselves and everyone
    below them), with whom they report to and the OS account bound to them."""
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
        Column("login", "Login"),
        Column("name", "Name"),
        Column("title", "Title"),
        Column("role", "Role"),
        Column("admin", "Admin"),
        Column("manager", "Manager"),
        Column("region", "Region"),
        Column("os_user", "OS account"),
        Column("timezone", "Time zone"),
        Column("active", "Active"),
    ]
    whose = f"{actor.display_name} ({actor.login})"
    if fmt == "md":
        head = f"# People — as {whose} sees them\n\n{len(rows):,} people.\n\n"
        text = head + render_table(columns, rows, "md")
    else:
        text = render_table(columns, rows, fmt, meta={"report": "people", "viewer": actor.login})
    emit(text, out, "people list")


def people_bind(
    ctx: typer.Context,
    login: LoginArgument,
    account: Annotated[
        str | None,
        typer.Argument(metavar="ACCOUNT", help="The OS account (on PostgreSQL: the role)."),
    ] = None,
    os_user: Annotated[
        str | None,
        typer.Option("--os-user", metavar="ACCOUNT", help="The same, as an option."),
    ] = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Bind an OS account to a person: salestui run by that account acts as them."""
    remember(ctx, db, user)
    if (account is None) == (os_user is None):
        raise UserMistake("give the OS account once: people bind LOGIN ACCOUNT")
    from salestui.services.people import change_person

    _write(ctx, fmt, change_person, login, {"os_user": account or os_user})


def people_unbind(
    ctx: typer.Context,
    login: LoginArgument,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Unbind a person's OS account: nobody acts as them until it is bound again."""
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
        typer.Option("--admin/--no-admin", help="An administrator or not.", show_default=False),
    ] = None,
    active: Annotated[
        bool | None,
        typer.Option("--active/--inactive", help="Still working here or not.", show_default=False),
    ] = None,
    name: NameOption = None,
    title: TitleOption = None,
    region: RegionOption = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            metavar="ZONE",
            help='Their time zone (IANA name, e.g. Asia/Shanghai; "" for the system\'s): their '
            "today, periods and the times they are shown.",
            show_default=False,
        ),
    ] = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Change a person: only a manager above them or an administrator changes their manager,
    role, flag, region or activity; anyone their own name, title and time zone."""
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
        raise UserMistake("say what to change (see salestui people set --help)")
    from salestui.services.people import change_person

    _write(ctx, fmt, change_person, login, changes)


def people_add(
    ctx: typer.Context,
    login: LoginArgument,
    name: Annotated[str, typer.Option("--name", metavar="NAME", help="Display name.")],
    manager: ManagerOption = None,
    role: Annotated[str, typer.Option("--role", metavar="rep|manager", help="Their role.")] = "rep",
    title: TitleOption = None,
    region: RegionOption = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Add a person, below you unless --manager says otherwise (a manager adds people below
    themselves, an administrator anywhere); bind their OS account with `people bind`."""
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
    people_app.command("list")(people_list)
    people_app.command("bind")(people_bind)
    people_app.command("unbind")(people_unbind)
    people_app.command("set")(people_set)
    people_app.command("add")(people_add)
    app.add_typer(people_app, name="people")
