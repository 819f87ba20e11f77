"""Opening the app without the command line: ``salestui [--db X] [--user X] [--lang X]``.

The same steps as the root command (``salestui.cli.root.root``) through the same functions
(:mod:`salestui.cli.given`, ``open_db``, ``run_app``), without Typer, its Pydantic adapters
and the command groups. Any other argument, a value that looks like an option, or anything the
steps before the app refuse sends the whole command line to Typer instead, which repeats them
and says what is wrong in its usual one line.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace

ROOT_OPTIONS = ("--db", "--user", "--lang")


def root_options(args: list[str]) -> dict[str, str] | None:
    """``{"db": …, "user": …, "lang": …}`` of args holding only those options (``--x V`` or
    ``--x=V``; the later wins), or None when they hold anything else."""
    found: dict[str, str] = {}
    at = 0
    while at < len(args):
        name, eq, value = args[at].partition("=")
        if name not in ROOT_OPTIONS:
            return None
        if not eq:
            if at + 1 >= len(args):
                return None
            at += 1
            value = args[at]
        if value.startswith("-"):
            return None
        found[name[2:]] = value
        at += 1
    return found


def open_app_at_once(args: list[str]) -> bool:
    """Open the app if ``args`` only choose the database, the person and the language; False
    when the command line has to do it (then nothing has been opened)."""
    given = root_options(args)
    if given is None:
        return False
    try:
        database, login = _who_where(given)
    except KeyboardInterrupt as exc:
        _said(exc, args)
    except Exception:  # said by the command line, which does the same again
        return False
    from salestui.cli.database import run_app

    try:
        run_app(database, login)
        figures_written()
    except (Exception, KeyboardInterrupt) as exc:  # as the command line says it
        _said(exc, args)
    return True


def _said(exc: BaseException, args: list[str]) -> None:
    from salestui.cli.said import said_plainly

    said_plainly(exc, args)


def figures_written() -> None:
    """A command that computed figures keeps them for the next (salestui.runtime.maintained):
    wait until they are written, so the command's work is done when it returns."""
    kept = sys.modules.get("salestui.runtime.maintained")
    if kept is not None:
        kept.written()


def _who_where(given: dict[str, str]):
    from salestui.cli.database import open_db
    from salestui.cli.given import acting, db_of, remember

    ctx = SimpleNamespace(meta={})
    remember(ctx, given.get("db"), given.get("user"), given.get("lang"))
    database = open_db(db_of(ctx), light=True)
    return database, acting(ctx, database)
