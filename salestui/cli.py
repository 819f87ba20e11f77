"""The command line: open the app, make the demo, print reports and the audit log.

Every mistake a person can make here (a bad option, a database that cannot be opened, an unknown
login, a broken rule) ends as one line on stderr and a non-zero exit, never a traceback. Heavy
modules (SQLModel, Alembic, Textual, pandas) are imported inside the commands, so ``--help`` and
shell completion stay quick.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

ENV_DB = "SALESTUI_DB"  # the same name salestui.context reads
MAX_DEMO_DEALS = 5_000_000
_META_DB = "salestui.db"
_META_USER = "salestui.user"

app = typer.Typer(
    name="salestui",
    help="A keyboard-first terminal CRM for field sales teams. Without a command: open the app.",
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
report_app = typer.Typer(
    help="Reports for scripts and for checking.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(report_app, name="report")


# Typer 0.29 carries its own copy of Click; find its exception types through the public BadParameter
# so this works with either.
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
_UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class UserMistake(_ClickException):
    """A bad value given on the command line, said in one line (exit status 2)."""

    exit_code = 2


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help=f"Database file or URL (default: ${ENV_DB}, else a file in the user data folder).",
        show_default=False,
    ),
]
UserOption = Annotated[
    str | None,
    typer.Option(
        "--user", metavar="LOGIN", help="Who you are (default: your OS login).", show_default=False
    ),
]
FormatOption = Annotated[
    str, typer.Option("--format", metavar="md|csv|json", help="Output format.")
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", metavar="FILE", help="Write to FILE instead of stdout.", dir_okay=False),
]


def owner_option(rows: str):
    """``--owner LOGIN`` of a report whose ``rows`` (deals, customers) belong to people."""
    return Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="LOGIN",
            help=f"Only the {rows} of LOGIN and of everyone who reports to them.",
            show_default=False,
        ),
    ]


def _now() -> datetime:
    """The clock of every command (tests replace it to pin 'today')."""
    return datetime.now(UTC)


# --- where the options come from ----------------------------------------------------------------


def _remember(ctx: typer.Context, db: str | None, user: str | None) -> None:
    """``--db`` / ``--user`` given before or after the sub-command; the later one wins."""
    if db is not None:
        ctx.meta[_META_DB] = db
    if user is not None:
        ctx.meta[_META_USER] = user


def _db_of(ctx: typer.Context, *, demo: bool = False) -> str:
    given = ctx.meta.get(_META_DB)
    if given:
        return given
    if os.environ.get(ENV_DB, "").strip():
        return os.environ[ENV_DB].strip()
    from salestui.context import default_database
    from salestui.db.engine import DatabaseProblem

    try:
        default = default_database()
    except OSError as exc:
        raise DatabaseProblem(f"cannot make the user data folder: {exc}; give --db PATH") from None
    return str(Path(default).parent / "demo.db") if demo else default


def _user_of(ctx: typer.Context) -> str:
    user = ctx.meta.get(_META_USER)
    if user is not None:
        if not user.strip():
            raise UserMistake("--user needs a login name")
        return user.strip()
    from salestui.context import default_user

    return default_user()


def _sqlite_file(url_or_path: str) -> Path | None:
    """The file behind a plain path or a sqlite URL; None for a server database (PostgreSQL)."""
    if "://" not in url_or_path:
        return Path(url_or_path).expanduser()
    from sqlalchemy.engine import make_url

    url = make_url(url_or_path)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).expanduser()
    return None


def _shown(url_or_path: str) -> str:
    """A database as it may be printed: never with its password."""
    if "://" not in url_or_path:
        return url_or_path
    try:
        from sqlalchemy.engine import make_url

        return make_url(url_or_path).render_as_string(hide_password=True)
    except Exception:
        return url_or_path.split("@")[-1]


def _open(url_or_path: str, *, must_exist: bool = True, light: bool = False):
    """Open (check, migrate) the database; reports and the app never create one by accident.

    ``light``: a current SQLite file comes back as its checked path, without loading SQLAlchemy
    (the app's first frame should not wait for it).
    """
    from salestui.db.engine import DatabaseProblem, check_database, check_sqlite_path, open_database

    if light and "://" not in url_or_path:
        path = Path(url_or_path).expanduser()
        check_sqlite_path(path)
        if must_exist and not path.exists():
            raise DatabaseProblem(
                f"there is no database at {path}; `salestui demo` makes a demo one, "
                "or give --db PATH"
            )
        return check_database(url_or_path)
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        path = _sqlite_file(url_or_path)
        if path is not None and must_exist:
            check_sqlite_path(path)
            if not path.exists():
                raise DatabaseProblem(
                    f"there is no database at {path}; `salestui demo` makes a demo one, "
                    "or give --db PATH"
                )
        return open_database(url_or_path)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseProblem(f"cannot use the database {_shown(url_or_path)}: {exc}") from None
    except ImportError as exc:  # a PostgreSQL URL without its driver
        raise DatabaseProblem(
            f"cannot use the database {_shown(url_or_path)}: its driver ({exc.name}) is not "
            "installed; for PostgreSQL install salestui[postgres]"
        ) from None


def _require_person(engine, login: str, *, hint=None, fold_case: bool = False) -> str:
    """The login to open the app as; refuses one the database does not know (``hint`` adds a clue).

    ``fold_case`` accepts ``Alice`` for ``alice``: the demo stores its top manager in lower case.
    """
    from salestui.context import AppContext
    from salestui.db.queries.people import all_people
    from salestui.errors import DomainError

    people = AppContext(engine, login).read(all_people)
    logins = {p.login for p in people}
    if login in logins:
        return login
    if fold_case and login.lower() in logins:
        return login.lower()
    if not people:
        raise DomainError(
            "this database has no people yet; `salestui demo` makes a demo organisation"
        )
    clue = hint(people) if hint else ""
    raise DomainError(f"no person with login {login!r} in this database; use --user LOGIN{clue}")


def _run_app(engine, user: str, *, hint=None, fold_case: bool = False) -> None:
    user = _require_person(engine, user, hint=hint, fold_case=fold_case)
    from salestui.board_view import start_board_prefetch
    from salestui.context import AppContext

    ctx = AppContext(engine, user)
    start_board_prefetch(ctx)  # the opening board is read while Textual imports
    from salestui.app import SalestuiApp

    SalestuiApp(ctx).run()


def _owner_scope(session, owner: str) -> tuple[frozenset[int], str]:
    """``--owner LOGIN``: the ids of LOGIN and of everyone who reports to them, and how a report
    names them."""
    from salestui.db.queries.people import all_people
    from salestui.errors import DomainError
    from salestui.org import subtree_ids

    people = all_people(session)
    person = next((p for p in people if p.login == owner.strip()), None)
    if person is None:
        raise DomainError(f"no person with login {owner!r} in this database (--owner)")
    ids = frozenset(subtree_ids(people, person.id))
    scope = f"{person.display_name} ({person.login})"
    if len(ids) > 1:
        scope += " and their team"
    return ids, scope


def _format(fmt: str) -> str:
    choice = fmt.strip().lower()
    if choice not in ("md", "csv", "json"):
        raise UserMistake(f"--format must be md, csv or json, not {fmt!r}")
    return choice


def _emit(text: str, out: Path | None, what: str) -> None:
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.expanduser().write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise _ClickException(f"cannot write {out}: {exc.strerror or exc}") from None
    typer.echo(f"wrote the {what} to {out.expanduser().resolve()}")


# --- commands ------------------------------------------------------------------------------------


@app.callback()
def root(ctx: typer.Context, db: DbOption = None, user: UserOption = None) -> None:
    """Open the app on the database (or run a command)."""
    _remember(ctx, db, user)
    if ctx.invoked_subcommand is None:
        engine = _open(_db_of(ctx), light=True)
        _run_app(engine, _user_of(ctx))


# --- the entry point ------------------------------------------------------------------------------


def _fail(message: str, code: int) -> None:
    message = " ".join(str(message).split())  # one line, whatever the message held
    print(f"salestui: {message}", file=sys.stderr)
    sys.exit(code)


def _register_commands() -> None:
    """Each area's commands live in their own module and add themselves to ``app``."""
    from salestui import (  # noqa: F401
        cli_customers,  # noqa: F401
        cli_demo,
        cli_reports,
        cli_review,
        cli_team,
        cli_transfer,
    )

    if not any(c.name == "import" for c in app.registered_commands):
        cli_transfer.register(app)


def main(argv: list[str] | None = None) -> None:
    """``salestui``: run the CLI, turning every user mistake into one line and an exit status."""
    from salestui.db.engine import DatabaseProblem
    from salestui.errors import DomainError

    _register_commands()
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="salestui", standalone_mode=False)
    except _UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `salestui report`: list what there is
            typer.echo(exc.format_message())
            sys.exit(0)
        where = exc.ctx.command_path if exc.ctx is not None else "salestui"
        _fail(f"{exc.format_message()} (see {where} --help)", exc.exit_code)
    except _ClickException as exc:
        _fail(exc.format_message(), exc.exit_code)
    except (DatabaseProblem, DomainError) as exc:
        _fail(str(exc), 1)
    except (typer.Abort, KeyboardInterrupt):
        _fail("interrupted", 130)
    except BrokenPipeError:  # `salestui log | head`
        sys.stderr.close()
        sys.exit(0)
    if isinstance(result, int) and result:
        sys.exit(result)
