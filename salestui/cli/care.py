"""`salestui check` and `salestui backup`: is the file whole, and a copy of it while people work.

Both read the SQLite file with the stdlib driver alone and never migrate, switch the journal or
write to it: a damaged or foreign file stays byte for byte as it was. A PostgreSQL database has
the server's own tools (``amcheck``, ``pg_dump``), named when asked.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Annotated

import typer

from salestui.cli.database import refuse_unfinished_demo, shown, sqlite_file
from salestui.cli.options import ClickException, DbOption, UserOption, db_of, remember

SHOWN_PROBLEMS = 20
RESTORE = (
    "restore the newest backup (salestui backup makes one), or ask an administrator; "
    "do not write to this file meanwhile"
)


def _read_only(ctx: typer.Context) -> tuple[str, Path]:
    where = db_of(ctx)
    refuse_unfinished_demo(where)
    path = sqlite_file(where)
    if path is None:
        raise ClickException(
            f"{shown(where)} is a server database: check it with PostgreSQL's amcheck and back "
            "it up with pg_dump"
        )
    if not path.is_file():
        raise ClickException(f"there is no database file at {path}")
    return where, path


def _open(path: Path) -> sqlite3.Connection:
    # mode=ro: nothing, not even a WAL switch, is written to the file being checked or copied.
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")  # damaged text is reported
    return conn


def check(ctx: typer.Context, db: DbOption = None, user: UserOption = None) -> None:
    """Check that the database file is whole (SQLite's integrity_check) and that every row's
    references hold (foreign_key_check). Exit status 1 when anything is wrong."""
    remember(ctx, db, user)
    _, path = _read_only(ctx)
    try:
        conn = _open(path)
        try:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            problems = [p for p in problems if p != "ok"]
            if not problems:
                dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
                problems = [
                    f"{table} row {rowid} points at a missing {parent}"
                    for table, rowid, parent, _ in dangling
                ]
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        typer.echo(f"{path}: damaged beyond checking ({exc})", err=True)
        typer.echo(RESTORE, err=True)
        raise typer.Exit(1) from None
    if not problems:
        typer.echo(f"{path}: whole ({pages:,} pages checked, every reference holds)")
        return
    typer.echo(f"{path}: {len(problems)} problem(s) found", err=True)
    for line in problems[:SHOWN_PROBLEMS]:
        typer.echo(f"  {line}", err=True)
    if len(problems) > SHOWN_PROBLEMS:
        typer.echo(f"  … and {len(problems) - SHOWN_PROBLEMS} more", err=True)
    typer.echo(RESTORE, err=True)
    raise typer.Exit(1)


def backup(
    ctx: typer.Context,
    to: Annotated[Path, typer.Argument(metavar="FILE", help="The copy to write (must not exist).")],
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Copy the database to FILE with SQLite's online backup: consistent while others work."""
    remember(ctx, db, user)
    _, path = _read_only(ctx)
    to = to.expanduser()
    if to.exists():
        raise ClickException(f"{to} exists already: name a new file")
    if not to.parent.is_dir():
        raise ClickException(f"cannot write {to}: the folder {to.parent} does not exist")
    try:
        source = _open(path)
        try:
            # The copy holds every amount of the team: nobody but the owner and the group reads it.
            fd = os.open(to, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o660)
            os.fchmod(fd, 0o660)  # whatever the umask
            os.close(fd)
            target = sqlite3.connect(to)
            try:
                source.backup(target, pages=1024)
            finally:
                target.close()
        finally:
            source.close()
    except (sqlite3.DatabaseError, OSError) as exc:
        if to.exists() and to.stat().st_size == 0:
            to.unlink()
        raise ClickException(f"cannot back up {path} to {to}: {exc}") from None
    typer.echo(f"backed up {path} to {to} ({to.stat().st_size:,} bytes)")


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    app.command()(check)
    app.command()(backup)
