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
    DbOption,
    LangOption,
    UsageError,
    UserOption,
    acting,
    db_of,
    remember,
)
from salestui.cli.quick import figures_written
from salestui.cli.said import fail, said_plainly
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


def main(argv: list[str] | None = None) -> None:
    """``salestui``: run the CLI, turning every user mistake into one line and an exit status."""
    from salestui.cli import help_text

    _register_commands()
    help_text.choose_language(list(sys.argv[1:] if argv is None else argv))
    command = typer.main.get_command(app)
    help_text.translate(command)
    try:
        result = command.main(args=argv, prog_name="salestui", standalone_mode=False)
        figures_written()
    except UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `salestui report`: list what there is
            typer.echo(exc.format_message())
            sys.exit(0)
        where = exc.ctx.command_path if exc.ctx is not None else "salestui"
        fail(
            _("{problem} (see {command} --help)").format(
                problem=help_text.usage_words(exc.format_message()), command=where
            ),
            exc.exit_code,
        )
    except BrokenPipeError:  # `salestui log | head`
        sys.stderr.close()
        sys.exit(0)
    except (Exception, typer.Abort, KeyboardInterrupt) as exc:
        said_plainly(exc, argv)
    if isinstance(result, int) and result:
        sys.exit(result)
