"""What every command shares: its options, where the database and the person come from, the clock,
the format of a report and where its text goes.

``--db`` and ``--user`` may stand before or after the sub-command (the later one wins): each
command remembers what it was given on the Typer context and reads it back from there.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from salestui.cli.given import (  # noqa: F401 (re-exported: every command imports them here)
    _machine,
    acting,
    db_of,
    remember,
    requested_language,
    requested_user,
    use_clock_of,
    use_team_language,
    user_of,
)
from salestui.cli.said import ClickException, UsageError, UserMistake  # noqa: F401
from salestui.kernel.i18n import N_, _

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help=N_(
            "Database file or URL (default: $SALESTUI_DB, else a file in the user data folder)."
        ),
        show_default=False,
    ),
]
UserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        metavar="LOGIN",
        help=N_(
            "Act as LOGIN (default: the person bound to your OS account; only an "
            "administrator may name someone else)."
        ),
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="en|zh",
        help=N_(
            "Language of the screens and reports (default: $SALESTUI_LANG, the team's setting "
            "ui.language, else the locale: LANG=zh_CN.UTF-8 is Chinese)."
        ),
        show_default=False,
    ),
]
FormatOption = Annotated[
    str, typer.Option("--format", metavar="md|csv|json", help=N_("Output format."))
]
RawOption = Annotated[
    bool,
    typer.Option(
        "--raw",
        help=N_(
            "CSV cells exactly as stored: no ' before a cell a spreadsheet would run as a formula "
            "(=, +, -, @). Only for scripts, never for a file someone opens in Excel."
        ),
    ),
]
# how a command that changes something answers (text: one line; json: what changed)
AnswerOption = Annotated[
    str, typer.Option("--format", metavar="text|json", help=N_("How to say what changed."))
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out", metavar="FILE", help=N_("Write to FILE instead of stdout."), dir_okay=False
    ),
]


def owner_option(help_text: str):
    """``--owner LOGIN`` of a report whose rows (deals, customers) belong to people; ``help_text``
    marked with ``N_`` by the caller, so the catalogue holds each wording whole."""
    return Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="LOGIN",
            help=help_text,
            show_default=False,
        ),
    ]


def now() -> datetime:
    """The clock of every command (tests replace it to pin 'today')."""
    return datetime.now(UTC)


def local_clock() -> datetime:
    """:func:`now` on the acting person's clock (their zone is set by :func:`acting`)."""
    from salestui.kernel.clock import local_now

    return local_now(now())


def report_format(fmt: str, choices: tuple[str, ...] = ("md", "csv", "json")) -> str:
    """The format asked for; csv and json are for scripts, so from here on this command speaks
    English: their keys, values and labels are the same whatever the person's language."""
    from salestui.kernel.i18n import EN, language, set_language

    choice = fmt.strip().lower()
    if choice not in choices:
        said = _(" or ").join((", ".join(choices[:-1]), choices[-1]))
        raise UserMistake(
            _("--format must be {choices}, not {given}").format(choices=said, given=repr(fmt))
        )
    if choice in ("csv", "json"):
        _machine[0] = _machine[0] or language()
        set_language(EN)
    return choice


def emit(text: str, out: Path | None, what: str) -> None:
    """A report's text to stdout, or to ``--out`` with a line saying where it went."""
    if out is None:
        to_stdout(lambda: typer.echo(text, nl=False))
        return
    try:
        out.expanduser().write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise ClickException(
            _("cannot write {file}: {problem}").format(file=out, problem=exc.strerror or exc)
        ) from None
    if _machine[0]:
        from salestui.kernel.i18n import set_language

        set_language(_machine[0])  # the file is for scripts; the line saying so for the person
    typer.echo(
        _("wrote the {what} to {file}").format(what=_(what), file=out.expanduser().resolve())
    )


def to_stdout(write) -> None:
    """Run ``write``; a reader that stopped reading (``| head``) ends the command quietly."""

    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit: point it at nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


def waiting_note():
    """What a command says on stderr while a write waits for another's lock: the first time,
    then every five seconds of waiting (``salestui.db.busy``)."""
    import time

    said = [float("-inf")]

    def note(line: str) -> None:
        if time.monotonic() - said[0] >= 5:
            said[0] = time.monotonic()
            print(f"salestui: {line}", file=sys.stderr, flush=True)

    return note


def change_and_answer(ctx: typer.Context, fmt: str, service, *args, answer, **kwargs) -> None:
    """Run a service that changes something as the acting person, on their clock, and answer:
    its one line (``.message``), or ``--format json`` the object ``answer(result)`` gives."""
    import json

    from salestui.cli.database import open_db

    fmt = report_format(fmt, ("text", "json"))
    engine = open_db(db_of(ctx))
    try:
        done = write_with(engine, service, user_of(ctx), *args, now=local_clock(), **kwargs)
    finally:
        engine.dispose()
    if fmt == "text":
        typer.echo(done.message)
        return
    typer.echo(json.dumps(answer(done), ensure_ascii=False, indent=2))


def write_with(engine, service, *args, **kwargs):
    """Run a service the way the app does (``AppContext.write``): one transaction, a lock held by
    another write waited for, said on stderr, up to the team's limit."""
    from salestui.context import AppContext

    return AppContext(engine, "", on_wait=waiting_note()).write(service, *args, **kwargs)


def reading(ctx: typer.Context, read, *, session: bool = False):
    """``read(conn)`` on the command's database as the person it acts for (``session``: a
    SQLModel session for services that want one); the engine is closed whatever happens."""
    from sqlmodel import Session

    from salestui.cli.database import open_db

    engine = open_db(db_of(ctx))
    try:
        acting(ctx, engine)
        with Session(engine) if session else engine.connect() as conn:
            return read(conn)
    finally:
        engine.dispose()


def list_out(ctx: typer.Context, fmt: str, raw: bool, out: Path | None, *, heading: str,
             columns, rows: list[dict], meta: dict, empty: str = "",
             what: str = "") -> None:  # fmt: skip
    """A listing written as a Markdown page under ``heading`` (``empty`` when there are no
    rows), or as csv/json with ``meta`` and the viewer; cells that look like formulas are
    neutralised unless ``raw``."""
    from salestui.kernel.csv_cells import formulas_as_written
    from salestui.kernel.report_table import render_table

    with formulas_as_written(raw):
        if fmt == "md":
            text = f"# {heading}\n\n" + (render_table(columns, rows, "md") if rows else empty)
        else:
            text = render_table(columns, rows, fmt, meta={**meta, "viewer": user_of(ctx)})
    emit(text, out, what or meta["report"])
