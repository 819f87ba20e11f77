"""`salestui log`: the audit log, newest first, as text."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from salestui.cli.database import open_db
from salestui.cli.options import (
    DbOption,
    FormatOption,
    OutOption,
    RawOption,
    UserMistake,
    UserOption,
    db_of,
    emit,
    remember,
    report_format,
)
from salestui.kernel.csv_cells import formulas_as_written


def audit_log(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="From this day on (YYYY-MM-DD, local time).",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="LOGIN", help="Only changes by LOGIN.", show_default=False),
    ] = None,
    fmt: FormatOption = "md",
    out: OutOption = None,
    raw: RawOption = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", metavar="N", help="Only the newest N changes.", show_default=False),
    ] = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """The audit log, newest first: when (local time), who, table, row, field, old → new."""
    remember(ctx, db, user)
    fmt = report_format(fmt)
    from salestui.kernel.dates import parse_day

    since_at = None
    if since is not None:
        day = parse_day(since, field="--since")
        since_at = datetime(day.year, day.month, day.day).astimezone().astimezone(UTC)
    if limit is not None and limit < 1:
        raise UserMistake(f"--limit must be 1 or more, not {limit}")

    from salestui.audit.report import log_report
    from salestui.db.queries.audit import audit_entries

    engine = open_db(db_of(ctx))
    with engine.connect() as session:  # reads need no ORM
        entries = audit_entries(session, since=since_at, by_login=by, limit=limit)
    engine.dispose()
    with formulas_as_written(raw):
        text = log_report(entries, fmt=fmt, filters={"since": since, "by": by, "limit": limit})
    emit(text, out, "audit log")


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    app.command("log")(audit_log)
