"""How trouble reaching the top of a command is said: one line on stderr and an exit status —
a person's mistake, a database that cannot be used, an interruption — never a traceback, unless
it is a bug.
"""

from __future__ import annotations

import sys

import typer

from salestui.kernel.i18n import _

# Typer 0.29 carries its own copy of Click; find its exception types through the public
# BadParameter so this works with either.
ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class UserMistake(ClickException):
    """A bad value given on the command line, said in one line (exit status 2)."""

    exit_code = 2


def fail(message: str, code: int) -> None:
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


def said_plainly(exc: BaseException, argv: list[str] | None) -> None:
    """What went wrong, in one line and an exit status, or ``exc`` raised again when it is no
    mistake of a person's nor trouble with the database (a bug: its traceback is wanted)."""
    from salestui.db.engine import DatabaseProblem
    from salestui.kernel.errors import DomainError

    if isinstance(exc, ClickException):
        fail(exc.format_message(), exc.exit_code)
    if isinstance(exc, (DatabaseProblem, DomainError)):
        fail(str(exc), 1)
    if isinstance(exc, (typer.Abort, KeyboardInterrupt)):
        fail(_("interrupted"), 130)
    if isinstance(exc, BrokenPipeError):
        sys.stderr.close()
        sys.exit(0)
    if isinstance(exc, Exception) and (said := _database_trouble(exc, argv)) is not None:
        fail(said, 1)
    raise exc
