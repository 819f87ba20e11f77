"""The command line: open the app, make the demo, print reports and the audit log, import and
export.

Every mistake a person can make here (a bad option, a database that cannot be opened, an unknown
login, a broken rule) ends as one line on stderr and a non-zero exit, never a traceback. Heavy
modules (SQLModel, Alembic, Textual, pandas) are imported inside the commands, so ``--help`` and
shell completion stay quick. Each command group lives in a module of its own with a
``register(app, report_app)``; they share :mod:`salestui.cli.options` and
:mod:`salestui.cli.database` and never import this module.
"""

from __future__ import annotations

import sys

import typer

from salestui.cli.options import (
    ClickException,
    DbOption,
    LangOption,
    UsageError,
    UserOption,
    acting,
    db_of,
    remember,
)
from salestui.kernel.i18n import N_, _

app = typer.Typer(
    name="salestui",
    help=N_(
        "A keyboard-first terminal CRM for field sales teams. Without a command: open the app."
    ),
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
report_app = typer.Typer(
    help=N_("Reports for scripts and for checking."), no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(report_app, name="report")


@app.callback()
def root(
    ctx: typer.Context, db: DbOption = None, user: UserOption = None, lang: LangOption = None
) -> None:
    """Open the app on the database (or run a command)."""
    remember(ctx, db, user, lang)
    if ctx.invoked_subcommand is None:
        from salestui.cli.database import open_db, run_app

        database = open_db(db_of(ctx), light=True)
        run_app(database, acting(ctx, database))


@report_app.callback()
def report(
    ctx: typer.Context, db: DbOption = None, user: UserOption = None, lang: LangOption = None
) -> None:
    """Reports for scripts and for checking."""
    remember(ctx, db, user, lang)


def _register_commands() -> None:
    """Each command group adds itself to ``app`` (once, however often ``main`` runs)."""
    # A command registered without a name has none on its info (Typer takes the function's):
    # look for the function, or every `main` in one process would add every command again.
    if any(getattr(c.callback, "__name__", "") == "demo" for c in app.registered_commands):
        return
    from salestui.cli import (
        activities,
        approvals,
        audit,
        board,
        care,
        contacts,
        customers,
        deal_category,
        deal_lines,
        deals,
        demo,
        forecast,
        forecast_accuracy,
        init,
        leads,
        people,
        review,
        serve,
        team,
        transfer,
    )

    for group in (
        init,
        demo,
        board,
        customers,
        team,
        review,
        audit,
        transfer,
        people,
        deals,
        deal_lines,
        deal_category,
        activities,
        approvals,
        care,
        contacts,
        leads,
        forecast,
        forecast_accuracy,
        serve,
    ):
        group.register(app, report_app)


def _fail(message: str, code: int) -> None:
    message = " ".join(str(message).split())  # one line, whatever the message held
    print(f"salestui: {message}", file=sys.stderr)
    sys.exit(code)


def _from_a_read(exc: BaseException) -> bool:
    """Whether ``exc`` came up through a database read (a damaged page's text fails to decode
    in the driver, as a plain UnicodeDecodeError)."""
    import traceback

    return any(
        "/db/" in frame.filename or "sqlite" in frame.filename
        for frame in traceback.extract_tb(exc.__traceback__)
    )


def _database_trouble(exc: Exception, argv: list[str] | None) -> str | None:
    """A database error that reached the top, as one line naming the file and what to do; None
    for anything else (a bug, which keeps its traceback)."""
    import os
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    cause = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(cause, UnicodeDecodeError) and _from_a_read(exc):
        cause = sqlite3.DatabaseError(
            _("could not decode stored text ({reason})").format(reason=cause.reason)
        )
    if not isinstance(cause, sqlite3.DatabaseError):
        return None
    args = list(sys.argv[1:] if argv is None else argv)
    given = next((args[i + 1] for i, a in enumerate(args[:-1]) if a == "--db"), None)
    given = given or next((a.split("=", 1)[1] for a in args if a.startswith("--db=")), None)
    where = given or os.environ.get("SALESTUI_DB") or _("the database")
    reason = str(cause).splitlines()[0]
    if isinstance(cause, sqlite3.OperationalError) and "locked" in reason:
        return _(
            "{where} is busy: another command holds it ({reason}); try again in a moment"
        ).format(where=where, reason=reason)
    from salestui.db.engine import damage_message

    return damage_message(where, reason) or f"{where}: {reason}"


def _figures_written() -> None:
    """A command that computed figures keeps them for the next (salestui.runtime.maintained):
    wait until they are written, so the command's work is done when it returns."""
    kept = sys.modules.get("salestui.runtime.maintained")
    if kept is not None:
        kept.written()


def main(argv: list[str] | None = None) -> None:
    """``salestui``: run the CLI, turning every user mistake into one line and an exit status."""
    from salestui.cli import help_text
    from salestui.db.engine import DatabaseProblem
    from salestui.kernel.errors import DomainError

    _register_commands()
    help_text.choose_language(list(sys.argv[1:] if argv is None else argv))
    command = typer.main.get_command(app)
    help_text.translate(command)
    try:
        result = command.main(args=argv, prog_name="salestui", standalone_mode=False)
        _figures_written()
    except UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `salestui report`: list what there is
            typer.echo(exc.format_message())
            sys.exit(0)
        where = exc.ctx.command_path if exc.ctx is not None else "salestui"
        _fail(
            _("{problem} (see {command} --help)").format(
                problem=help_text.usage_words(exc.format_message()), command=where
            ),
            exc.exit_code,
        )
    except ClickException as exc:
        _fail(exc.format_message(), exc.exit_code)
    except (DatabaseProblem, DomainError) as exc:
        _fail(str(exc), 1)
    except (typer.Abort, KeyboardInterrupt):
        _fail(_("interrupted"), 130)
    except Exception as exc:
        if (said := _database_trouble(exc, argv)) is None:
            raise
        _fail(said, 1)
    except BrokenPipeError:  # `salestui log | head`
        sys.stderr.close()
        sys.exit(0)
    if isinstance(result, int) and result:
        sys.exit(result)
