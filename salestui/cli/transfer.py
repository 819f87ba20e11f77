"""``salestui import`` and ``salestui export``: bring a team's data in and take it out again.

Kept light to import: the database, the services and rich load only when a command runs.
Every refusal is a message on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from salestui.cli.options import DbOption, RawOption, UserOption, to_stdout, waiting_note
from salestui.kernel.csv_cells import formulas_as_written
from salestui.kernel.i18n import N_, _, ngettext

KINDS_HELP = N_(
    "people, customers, products, opportunities, orders, activities, leads, contacts, targets "
    "or deal-lines"
)
EXPORT_KINDS_HELP = N_(
    "people, customers, products, opportunities, orders, activities, leads, contacts, targets, "
    "deal-lines; export only: approvals"
)
PROGRESS_FROM_ROWS = 20_000


def _fail(message: str) -> None:
    typer.echo(f"salestui: {message}", err=True)
    raise typer.Exit(1)


def _open(ctx: typer.Context, db: str | None, user: str | None):
    """The database and the person acting on it, resolved before anything is read or written."""
    from salestui.cli.database import open_db
    from salestui.cli.options import acting, db_of, remember
    from salestui.db.engine import DatabaseProblem
    from salestui.kernel.errors import DomainError

    remember(ctx, db, user)
    try:
        engine = open_db(db_of(ctx))
    except DatabaseProblem as exc:
        _fail(str(exc))
    try:
        return engine, acting(ctx, engine)
    except DomainError as exc:
        engine.dispose()
        _fail(str(exc))


def _progress_bar():
    """A rich progress bar shown on large files, on stderr so that output stays clean."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
        console=Console(stderr=True), transient=True,
    )  # fmt: skip
    tasks: dict[str, int] = {}

    def report(stage: str, done: int, total: int) -> None:
        if total < PROGRESS_FROM_ROWS:
            return
        if not bar.live.is_started:
            bar.start()
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done)

    return bar, report


def import_command(
    ctx: typer.Context,
    kind: str | None = typer.Argument(None, help=KINDS_HELP),
    file: Path | None = typer.Argument(None, help=N_("the CSV file to import")),
    undo: str | None = typer.Option(None, "--undo", help=N_("revert the import batch BATCH")),
    dry_run: bool = typer.Option(
        False, "--dry-run", help=N_("show what would happen, write nothing")
    ),
    skip_invalid: bool = typer.Option(
        False, "--skip-invalid", help=N_("import the good rows; write the bad ones to a file")
    ),
    create_missing: bool = typer.Option(
        False, "--create-missing", help=N_("create the people, customers, products, regions named")
    ),
    maps: list[str] = typer.Option([], "--map", help=N_("SOURCE=FIELD: a column to a field")),
    value_maps: list[str] = typer.Option(
        [], "--value-map", help=N_("FIELD:SOURCE=VALUE, or FIELD:=VALUE for blank/missing ones")
    ),
    preset: str | None = typer.Option(
        None, "--preset", help=N_("pipedrive, salesforce or hubspot")
    ),
    date_format: str | None = typer.Option(
        None, "--date-format", help=N_("DMY, MDY, YMD or a strftime pattern")
    ),
    encoding: str | None = typer.Option(None, "--encoding", help=N_("utf-8, cp1252, gbk, …")),
    delimiter: str | None = typer.Option(None, "--delimiter", help=N_("',' ';' tab '|'")),
    errors: Path | None = typer.Option(
        None,
        "--errors",
        metavar="FILE",
        dir_okay=False,
        help=N_("when the file is refused, write every problem (line, column, value, why) to FILE"),
    ),
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    if not undo and (not kind or not file):
        _fail(
            _("usage: salestui import KIND FILE [options]  (KIND: {kinds})").format(
                kinds=_(KINDS_HELP)
            )
        )
    engine, actor = _open(ctx, db, user)
    if undo:
        return _undo(undo, engine, actor)
    from sqlmodel import Session

    from salestui.kernel.errors import DomainError
    from salestui.services.imports.run import ImportOptions, import_file

    options = ImportOptions(
        kind=kind, dry_run=dry_run, skip_invalid=skip_invalid, create_missing=create_missing,
        maps=tuple(maps), value_maps=tuple(value_maps), preset=preset, date_format=date_format,
        encoding=encoding, delimiter=delimiter, errors_file=errors,
    )  # fmt: skip
    bar, report = _progress_bar()
    try:
        with Session(engine) as session:
            summary = import_file(
                session, file, options, actor=actor, progress=report, on_wait=waiting_note()
            )
    except DomainError as exc:
        if bar.live.is_started:
            bar.stop()
        _fail(str(exc))
    except Exception as exc:  # a bug must still not print a traceback at an admin
        if bar.live.is_started:
            bar.stop()
        _fail(
            _("nothing was imported: unexpected {kind}: {problem}").format(
                kind=type(exc).__name__, problem=exc
            )
        )
    finally:
        if bar.live.is_started:
            bar.stop()
        engine.dispose()
    typer.echo("\n".join(summary.lines()))


def _undo(batch: str, engine, actor: str) -> None:
    from sqlmodel import Session

    from salestui.kernel.errors import DomainError
    from salestui.services.imports.run import undo_import

    try:
        with Session(engine) as session:
            lines = undo_import(session, batch, actor=actor, on_wait=waiting_note())
    except DomainError as exc:
        _fail(str(exc))
    finally:
        engine.dispose()
    typer.echo("\n".join(lines))


def export_command(
    ctx: typer.Context,
    kind: str = typer.Argument(..., help=EXPORT_KINDS_HELP),
    fmt: str = typer.Option("csv", "--format", help=N_("csv or json")),
    out: Path | None = typer.Option(None, "--out", help=N_("file to write (default: stdout)")),
    db: DbOption = None,
    user: UserOption = None,
    raw: RawOption = False,
) -> None:
    from sqlmodel import Session

    from salestui.cli.options import local_clock
    from salestui.db.queries.export import EXPORT_ONLY, export_rows
    from salestui.kernel.errors import DomainError
    from salestui.transfer.specs import kind_spec
    from salestui.transfer.writing import write_csv, write_json

    if fmt not in ("csv", "json"):
        _fail(
            _("--format must be {choices}, not {given}").format(
                choices=_(" or ").join(("csv", "json")), given=repr(fmt)
            )
        )
    name = kind.strip().lower()
    try:
        name = name if name in EXPORT_ONLY else kind_spec(kind).name
    except DomainError as exc:
        _fail(
            _("{problem}; export also writes {kinds}").format(
                problem=exc, kinds=", ".join(EXPORT_ONLY)
            )
        )
    from salestui.scope import viewer_for

    engine, actor = _open(ctx, db, user)
    try:
        with Session(engine) as session:
            owners = viewer_for(session, actor).seen_owner_ids()
            today = local_clock().date()  # a deal's default forecast category is today's
            columns, rows = export_rows(session, name, owners, today)
    except DomainError as exc:
        _fail(str(exc))
    finally:
        engine.dispose()
    writer = write_csv if fmt == "csv" else write_json
    try:
        with formulas_as_written(raw):
            if out is None:
                to_stdout(lambda: writer(sys.stdout, columns, rows))
            else:
                with out.open("w", newline="", encoding="utf-8") as fh:
                    writer(fh, columns, rows)
    except OSError as exc:
        _fail(_("cannot write {file}: {problem}").format(file=out, problem=exc.strerror))
    if out is not None:
        typer.echo(
            ngettext("{n} row of {kind} written to {file}", "{n} rows of {kind} written to {file}",
                     len(rows)).format(n=f"{len(rows):,}", kind=name, file=out),
            err=True,
        )  # fmt: skip


def register(app: typer.Typer, report_app: typer.Typer | None = None) -> None:
    """Add ``import`` and ``export`` to the salestui command line."""
    app.command(
        "import",
        help=N_("Import KIND from FILE: all rows or none; re-importing updates, never duplicates."),
    )(import_command)
    app.command(
        "export",
        help=N_(
            "Export KIND with the column names the importer reads (export → import round-trips): the "
            "rows the person may see (products, a catalogue: all)."
        ),
    )(export_command)
