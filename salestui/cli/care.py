"""`salestui check` and `salestui backup`: is the file whole, and a copy of it while people work.

Both read the SQLite file with the stdlib driver alone and never migrate, switch the journal or
write to it: a damaged or foreign file stays byte for byte as it was. Only `check --repair`,
by an administrator on a whole file, writes: the kept figures that disagree, worked out again. A PostgreSQL database has
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
from salestui.kernel.i18n import N_, _, ngettext

SHOWN_PROBLEMS = 20
RESTORE = N_(
    "restore the newest backup (salestui backup makes one), or ask an administrator; "
    "do not write to this file meanwhile"
)


def _read_only(ctx: typer.Context) -> tuple[str, Path]:
    where = db_of(ctx)
    refuse_unfinished_demo(where)
    path = sqlite_file(where)
    if path is None:
        raise ClickException(
            _(
                "{where} is a server database: check it with PostgreSQL's amcheck and back "
                "it up with pg_dump"
            ).format(where=shown(where))
        )
    if not path.is_file():
        raise ClickException(_("there is no database file at {path}").format(path=path))
    return where, path


def _open(path: Path) -> sqlite3.Connection:
    # mode=ro: nothing, not even a WAL switch, is written to the file being checked or copied.
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")  # damaged text is reported
    return conn


REPAIR = N_(
    "`salestui check --repair` works them out again from the data (an administrator; nothing "
    "else is changed)"
)


def check(
    ctx: typer.Context,
    db: DbOption = None,
    user: UserOption = None,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help=N_(
                "Work out again the kept figures that disagree with the data they are kept "
                "from (an administrator; the file must be whole)."
            ),
        ),
    ] = False,
) -> None:
    from salestui.db.queries.upkeep import disagreeing

    remember(ctx, db, user)
    _where, path = _read_only(ctx)
    try:
        conn = _open(path)
        try:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            problems = [p for p in problems if p != "ok"]
            if not problems:
                dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
                problems = [
                    _("{table} row {row} points at a missing {parent}").format(
                        table=table, row=rowid, parent=parent
                    )
                    for table, rowid, parent, _fk in dangling
                ]
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            wrong = [] if problems else disagreeing(conn)
        finally:
            conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        typer.echo(
            _("{path}: damaged beyond checking ({problem})").format(path=path, problem=exc),
            err=True,
        )
        typer.echo(_(RESTORE), err=True)
        raise typer.Exit(1) from None
    if problems:
        typer.echo(
            ngettext(
                "{path}: {n} problem found", "{path}: {n} problems found", len(problems)
            ).format(path=path, n=f"{len(problems):,}"),
            err=True,
        )
        for line in problems[:SHOWN_PROBLEMS]:
            typer.echo(f"  {line}", err=True)
        if len(problems) > SHOWN_PROBLEMS:
            more = len(problems) - SHOWN_PROBLEMS
            typer.echo("  " + _("… and {n} more").format(n=f"{more:,}"), err=True)
        typer.echo(_(RESTORE), err=True)
        raise typer.Exit(1)
    whole = ngettext(
        "{path}: whole ({n} page checked, every reference holds)",
        "{path}: whole ({n} pages checked, every reference holds)",
        pages,
    ).format(path=path, n=f"{pages:,}")
    if not wrong:
        typer.echo(whole)
        typer.echo(_("the kept figures agree with the data"))
        return
    if repair:
        _repair(ctx, path, wrong)
        return
    typer.echo(whole, err=True)
    typer.echo(_("but kept figures disagree with the data they are kept from (rows):"), err=True)
    for kept, n in wrong:
        typer.echo(f"  {_(kept.what)}: {n:,}", err=True)
    typer.echo(_(REPAIR), err=True)
    raise typer.Exit(1)


def _repair(ctx: typer.Context, path: Path, wrong: list) -> None:
    """The kept figures ``check`` found wrong worked out again, by an administrator, on a whole
    file; then checked once more."""
    from salestui.cli.database import open_db
    from salestui.cli.options import acting
    from salestui.context import AppContext
    from salestui.db.queries.upkeep import disagreeing, repair
    from salestui.identity import acting_person

    database = open_db(db_of(ctx))
    login = acting(ctx, database)
    person = AppContext(database, login).read(acting_person, login)
    if not person.admin:
        raise ClickException(
            _("only an administrator may repair the kept figures; {name} is not one").format(
                name=person.display_name
            )
        )
    conn = sqlite3.connect(path, timeout=30)
    try:
        repair(conn, wrong)
        left = disagreeing(conn)
    finally:
        conn.close()
    for kept, n in wrong:
        typer.echo(
            ngettext(
                "worked out again: {what}, {n} row", "worked out again: {what}, {n} rows", n
            ).format(what=_(kept.what), n=f"{n:,}")
        )
    if left:  # someone wrote around the triggers again meanwhile
        raise ClickException(_("the kept figures still disagree: run it again"))
    typer.echo(_("{path}: the kept figures agree with the data").format(path=path))


def backup(
    ctx: typer.Context,
    to: Annotated[
        Path, typer.Argument(metavar="FILE", help=N_("The copy to write (must not exist)."))
    ],
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    _where, path = _read_only(ctx)
    to = to.expanduser()
    if to.exists():
        raise ClickException(_("{file} exists already: name a new file").format(file=to))
    if not to.parent.is_dir():
        raise ClickException(
            _("cannot write {file}: the folder {folder} does not exist").format(
                file=to, folder=to.parent
            )
        )
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
        raise ClickException(
            _("cannot back up {path} to {file}: {problem}").format(path=path, file=to, problem=exc)
        ) from None
    typer.echo(
        ngettext(
            "backed up {path} to {file} ({n} byte)",
            "backed up {path} to {file} ({n} bytes)",
            to.stat().st_size,
        ).format(path=path, file=to, n=f"{to.stat().st_size:,}")
    )


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    app.command(
        help=N_(
            "Check that the database file is whole (SQLite's integrity_check), that every row's "
            "references hold (foreign_key_check) and that the figures kept as data changes agree "
            "with the data. Exit status 1 when anything is wrong."
        )
    )(check)
    app.command(
        help=N_(
            "Copy the database to FILE with SQLite's online backup: consistent while others work."
        )
    )(backup)
