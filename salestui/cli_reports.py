"""`salestui report pipeline` and `salestui log`: what the board and the audit log hold, as text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer

from salestui import cli
from salestui.cli import (
    DbOption,
    FormatOption,
    OutOption,
    UserMistake,
    UserOption,
    _db_of,
    _emit,
    _format,
    _open,
    _owner_scope,
    _remember,
    app,
    owner_option,
    report_app,
)

DealOwnerOption = owner_option("deals")


@report_app.callback()
def report(ctx: typer.Context, db: DbOption = None, user: UserOption = None) -> None:
    """Reports for scripts and for checking."""
    _remember(ctx, db, user)


@report_app.command("pipeline")
def report_pipeline(
    ctx: typer.Context,
    fmt: FormatOption = "md",
    out: OutOption = None,
    owner: DealOwnerOption = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """What the pipeline board shows: per open stage and in total, plus recent Won and Lost.

    Money in csv and json is a string in major units with two decimals ("1350000.00").
    """
    _remember(ctx, db, user)
    fmt = _format(fmt)
    from salestui.db.queries.board import BoardFilter, recent_closes, stage_totals
    from salestui.db.queries.settings import settings_map
    from salestui.pipeline import pipeline_total
    from salestui.reports import pipeline_report
    from salestui.settings import rules_from

    engine = _open(_db_of(ctx))
    now = cli._now()  # the module's clock, which tests pin
    with engine.connect() as session:  # reads need no ORM
        rules = rules_from(settings_map(session))
        flt, scope = BoardFilter(), "everyone"
        if owner is not None:
            ids, scope = _owner_scope(session, owner)
            flt = BoardFilter(owner_ids=tuple(sorted(ids)))
        totals = stage_totals(session, flt, now, rules.stall_days)
        closes, _ = recent_closes(
            session, flt, now - timedelta(days=rules.recent_close_days), limit=0
        )
    engine.dispose()
    text = pipeline_report(
        totals,
        pipeline_total(totals),
        closes,
        recent_days=rules.recent_close_days,
        stall_days=rules.stall_days,
        as_of=now,
        scope=scope,
        fmt=fmt,
    )
    _emit(text, out, "pipeline report")


@app.command("log")
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
    limit: Annotated[
        int | None,
        typer.Option("--limit", metavar="N", help="Only the newest N changes.", show_default=False),
    ] = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """The audit log, newest first: when (local time), who, table, row, field, old → new."""
    _remember(ctx, db, user)
    fmt = _format(fmt)
    from salestui.dates import parse_day

    since_at = None
    if since is not None:
        day = parse_day(since, field="--since")
        since_at = datetime(day.year, day.month, day.day).astimezone().astimezone(UTC)
    if limit is not None and limit < 1:
        raise UserMistake(f"--limit must be 1 or more, not {limit}")

    from salestui.db.queries.audit import audit_entries
    from salestui.reports import log_report

    engine = _open(_db_of(ctx))
    with engine.connect() as session:  # reads need no ORM
        entries = audit_entries(session, since=since_at, by_login=by, limit=limit)
    engine.dispose()
    text = log_report(entries, fmt=fmt, filters={"since": since, "by": by, "limit": limit})
    _emit(text, out, "audit log")
