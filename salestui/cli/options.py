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

from salestui.context import ENV_DB
from salestui.kernel.errors import DomainError

_META_DB = "salestui.db"
_META_USER = "salestui.user"
_META_ACTING = "salestui.acting"
_META_LANG = "salestui.lang"

# Typer 0.29 carries its own copy of Click; find its exception types through the public
# BadParameter so this works with either.
ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class UserMistake(ClickException):
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
        "--user",
        metavar="LOGIN",
        help="Act as LOGIN (default: the person bound to your OS account; only an "
        "administrator may name someone else).",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="en|zh",
        help="Language of the screens and reports (default: $SALESTUI_LANG, the team's setting "
        "ui.language, else the locale: LANG=zh_CN.UTF-8 is Chinese).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    str, typer.Option("--format", metavar="md|csv|json", help="Output format.")
]
RawOption = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="CSV cells exactly as stored: no ' before a cell a spreadsheet would run as a formula "
        "(=, +, -, @). Only for scripts, never for a file someone opens in Excel.",
    ),
]
# how a command that changes something answers (text: one line; json: what changed)
AnswerOption = Annotated[
    str, typer.Option("--format", metavar="text|json", help="How to say what changed.")
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


def now() -> datetime:
    """The clock of every command (tests replace it to pin 'today')."""
    return datetime.now(UTC)


def local_clock() -> datetime:
    """:func:`now` on the acting person's clock (their zone is set by :func:`acting`)."""
    from salestui.kernel.clock import local_now

    return local_now(now())


def use_clock_of(person) -> None:
    """The person's zone for every day and period this command works out; one that this
    machine does not know (written by hand into the database) is said, and the system's used."""
    from salestui.kernel.clock import use_zone

    try:
        use_zone(person.timezone or None)
    except DomainError as exc:
        use_zone(None)
        print(
            f"salestui: {exc}; {person.login}'s days follow this machine's clock", file=sys.stderr
        )


def remember(ctx: typer.Context, db: str | None, user: str | None, lang: str | None = None) -> None:
    """``--db`` / ``--user`` / ``--lang`` given before or after the sub-command; the later one
    wins. The language is set at once, so even a mistake in what follows is said in it."""
    if db is not None:
        ctx.meta[_META_DB] = db
    if user is not None:
        ctx.meta[_META_USER] = user
    if lang is not None:
        from salestui.kernel.i18n import refusal

        if (why := refusal(lang)) is not None:
            raise UserMistake(f"--lang: {why}")
        ctx.meta[_META_LANG] = lang
    from salestui.kernel.i18n import language_from, set_language

    set_language(language_from(ctx.meta.get(_META_LANG)))


def use_team_language(ctx: typer.Context, database) -> None:
    """The team's setting ``ui.language`` where neither ``--lang`` nor ``$SALESTUI_LANG`` chose,
    and its ``ui.wan`` (Chinese amounts in 万 / 亿)."""
    from salestui.context import AppContext
    from salestui.db.queries.settings import setting_value
    from salestui.kernel.i18n import ENV_LANG, SETTING, language_from, set_language
    from salestui.kernel.money import WAN_SETTING, use_large_units

    context = AppContext(database, "")
    use_large_units((context.read(setting_value, WAN_SETTING) or "").strip().lower() == "on")
    if ctx.meta.get(_META_LANG) or os.environ.get(ENV_LANG, "").strip():
        return
    chosen = context.read(setting_value, SETTING)
    if chosen:
        set_language(language_from(None, chosen))


def db_of(ctx: typer.Context, *, demo: bool = False) -> str:
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


def requested_user(ctx: typer.Context) -> str | None:
    """What ``--user`` said (None: not given)."""
    user = ctx.meta.get(_META_USER)
    if user is not None and not user.strip():
        raise UserMistake("--user needs a login name")
    return None if user is None else user.strip()


def requested_language(ctx: typer.Context) -> str | None:
    """What ``--lang`` said (None: not given)."""
    return ctx.meta.get(_META_LANG)


def acting(ctx: typer.Context, database) -> str:
    """The login this command acts as on ``database`` (an engine or a checked path), resolved
    once by :mod:`salestui.identity` before anything is read or written."""
    login = ctx.meta.get(_META_ACTING)
    if login is None:
        from salestui.context import AppContext
        from salestui.identity import acting_person

        requested = requested_user(ctx)
        person = AppContext(database, requested or "").read(acting_person, requested)
        use_clock_of(person)
        use_team_language(ctx, database)
        login = person.login
        ctx.meta[_META_ACTING] = login
    return login


def user_of(ctx: typer.Context) -> str:
    """The person the command acts as (see :func:`acting`); resolved on the command's database
    if the command has not done so yet."""
    login = ctx.meta.get(_META_ACTING)
    if login is not None:
        return login
    from salestui.cli.database import open_db

    return acting(ctx, open_db(db_of(ctx), light=True))


def report_format(fmt: str, choices: tuple[str, ...] = ("md", "csv", "json")) -> str:
    choice = fmt.strip().lower()
    if choice not in choices:
        said = ", ".join(choices[:-1]) + f" or {choices[-1]}"
        raise UserMistake(f"--format must be {said}, not {fmt!r}")
    return choice


def emit(text: str, out: Path | None, what: str) -> None:
    """A report's text to stdout, or to ``--out`` with a line saying where it went."""
    if out is None:
        to_stdout(lambda: typer.echo(text, nl=False))
        return
    try:
        out.expanduser().write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise ClickException(f"cannot write {out}: {exc.strerror or exc}") from None
    typer.echo(f"wrote the {what} to {out.expanduser().resolve()}")


def to_stdout(write) -> None:
    """Run ``write``; a reader that stopped reading (``| head``) ends the command quietly."""
    import sys

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
    import sys
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
             columns, rows: list[dict], meta: dict, empty: str = "") -> None:  # fmt: skip
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
    emit(text, out, meta["report"])
