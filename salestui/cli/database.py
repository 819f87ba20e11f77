"""Opening the database a command names, and the app on it for the person acting.

Reports and the app never create a database by accident; a database that cannot be used is a
:class:`~salestui.db.engine.DatabaseProblem` in one line.
"""

from __future__ import annotations

from pathlib import Path

from salestui.kernel.i18n import N_, _


def sqlite_file(url_or_path: str) -> Path | None:
    """The file behind a plain path or a sqlite URL; None for a server database (PostgreSQL)."""
    if "://" not in url_or_path:
        return Path(url_or_path).expanduser()
    from sqlalchemy.engine import make_url

    url = make_url(url_or_path)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).expanduser()
    return None


def unfinished_demo(path: Path) -> Path:
    """Where ``salestui demo`` builds the file at ``path`` before moving it into place."""
    return path.with_name(path.name + ".unfinished")


NO_DATABASE = N_(
    "there is no database at {path}; `salestui init` makes one (`salestui demo` a demo), or "
    "give --db PATH"
)
EMPTY_FILE = N_(
    "{path} is an empty file, not a salestui database; `salestui demo` makes a demo one there, "
    "or give --db PATH"
)


def refuse_unfinished_demo(url_or_path: str) -> None:
    """A demo build that was interrupted left its file beside the path, never at it: say so."""
    from salestui.db.engine import DatabaseProblem

    path = sqlite_file(url_or_path)
    if path is not None and not path.exists() and unfinished_demo(path).exists():
        raise DatabaseProblem(
            _(
                "the demo database {path} was not finished (its build was interrupted); "
                "`salestui demo --db {path}` makes it again"
            ).format(path=path)
        )


def shown(url_or_path: str) -> str:
    """A database as it may be printed: never with its password."""
    if "://" not in url_or_path:
        return url_or_path
    try:
        from sqlalchemy.engine import make_url

        return make_url(url_or_path).render_as_string(hide_password=True)
    except Exception:
        return url_or_path.split("@")[-1]


def open_db(url_or_path: str, *, must_exist: bool = True, light: bool = False):
    """Open (check, migrate) the database.

    ``light``: a current SQLite file comes back as its checked path, without loading SQLAlchemy
    (the app's first frame should not wait for it).
    """
    from salestui.db.engine import DatabaseProblem, check_database, check_sqlite_path, open_database

    refuse_unfinished_demo(url_or_path)
    if light and "://" not in url_or_path:
        path = Path(url_or_path).expanduser()
        check_sqlite_path(path)
        if must_exist and not path.exists():
            raise DatabaseProblem(_(NO_DATABASE).format(path=path))
        if must_exist and path.stat().st_size == 0:
            raise DatabaseProblem(_(EMPTY_FILE).format(path=path))
        return finished(check_database(url_or_path))
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        path = sqlite_file(url_or_path)
        if path is not None and must_exist:
            check_sqlite_path(path)
            if not path.exists():
                raise DatabaseProblem(_(NO_DATABASE).format(path=path))
            if path.stat().st_size == 0:  # a report never turns an empty file into a database
                raise DatabaseProblem(_(EMPTY_FILE).format(path=path))
        return finished(open_database(url_or_path))
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseProblem(
            _("cannot use the database {where}: {problem}").format(
                where=shown(url_or_path), problem=exc
            )
        ) from None
    except ImportError as exc:  # a PostgreSQL URL without its driver
        raise DatabaseProblem(
            _(
                "cannot use the database {where}: its driver ({driver}) is not installed; for "
                "PostgreSQL install salestui[postgres]"
            ).format(where=shown(url_or_path), driver=exc.name)
        ) from None


def finished(database):
    """``database`` once every import or undo a stopped process left part way is rolled back or
    completed (said on stderr); one small read when there is none."""
    import sys

    from salestui.context import AppContext
    from salestui.db.queries.batches import unfinished

    ctx = AppContext(database, "")
    pending = ctx.read(unfinished)
    if pending:
        from salestui.services.imports.undo import finish_interrupted

        for line in finish_interrupted(ctx.engine, pending):
            print(f"salestui: {line}", file=sys.stderr)
    return database


def run_app(engine, user: str) -> None:
    """Open the app for ``user`` (already resolved by ``salestui.cli.options.acting``); the
    opening board is read while Textual imports."""
    from salestui.board.load import opening_board
    from salestui.context import AppContext
    from salestui.runtime.startup import start_prefetch

    ctx = AppContext(engine, user)
    start_prefetch(ctx, opening_board)
    from salestui.app import SalestuiApp

    SalestuiApp(ctx).run()
