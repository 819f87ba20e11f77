"""`salestui log`: the audit log, newest first, as text."""

from __future__ import annotations

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
    acting,
    db_of,
    emit,
    remember,
    report_format,
    user_of,
)
from salestui.kernel.csv_cells import formulas_as_written
from salestui.kernel.i18n import _


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
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="Check the log's hash chain instead: the first edited, deleted or inserted entry "
            "is named (its id, time and author, nothing else of any entry), exit status 1. "
            "Anyone may run it.",
        ),
    ] = False,
) -> None:
    """The audit log, newest first: when (local time), who, table, row, field, old → new."""
    remember(ctx, db, user)
    if verify:
        if since is not None or by is not None or limit is not None or out is not None:
            raise UserMistake("--verify takes no other option than --db and --user")
        verify_chain(ctx)
        return
    fmt = report_format(fmt)
    from salestui.kernel.clock import day_start
    from salestui.kernel.dates import parse_day

    since_day = None if since is None else parse_day(since, field="--since")
    if limit is not None and limit < 1:
        raise UserMistake(f"--limit must be 1 or more, not {limit}")

    from salestui.audit.report import log_report
    from salestui.db.queries.audit import audit_entries
    from salestui.scope import viewer_for

    engine = open_db(db_of(ctx))
    acting(ctx, engine)  # who asks, before anything is read (and on whose clock)
    since_at = None if since_day is None else day_start(since_day)
    with engine.connect() as session:  # reads need no ORM
        viewer = viewer_for(session, user_of(ctx))
        entries = audit_entries(
            session, since=since_at, by_login=by, limit=limit, owners=viewer.seen_owner_ids()
        )
        names = read_names(session, entries)
    engine.dispose()
    filters = {"since": since, "by": by, "limit": limit}
    with formulas_as_written(raw):
        text = log_report(entries, fmt=fmt, filters=filters, view=viewer.whose_view(), names=names)
    emit(text, out, "audit log")


def read_names(session, entries):
    """Whom and what the entries name: every login's display name, every row's name."""
    from salestui.audit.readable import Names, wanted
    from salestui.db.queries.audit_names import names_for, target_metrics
    from salestui.db.queries.executor import rows

    tables, targets = wanted(entries)
    people = {
        r.login: r.display_name
        for r in rows(session, "SELECT login AS login, display_name AS display_name FROM person")
    }
    return Names(people, names_for(session, tables), target_metrics(session, targets))


def verify_chain(ctx: typer.Context) -> None:
    """Walk the whole chain; a break is a one-line refusal, a whole chain one line on stdout."""
    from salestui.db.queries.audit_chain import verify
    from salestui.db.queries.moments import aware
    from salestui.kernel.errors import DomainError

    engine = open_db(db_of(ctx))
    try:
        with engine.connect() as conn:
            verdict = verify(conn)
    finally:
        engine.dispose()
    broken = verdict.broken
    if broken is None:
        typer.echo(_("verified {n} entries, the chain is whole").format(n=f"{verdict.entries:,}"))
        return
    if broken.id is None:
        raise DomainError(
            _("the audit log's chain is broken after its {n} entries: {what}").format(
                n=verdict.entries, what=broken.what
            )
        )
    try:
        when = f"{aware(broken.at).astimezone():%Y-%m-%d %H:%M}"
    except (TypeError, ValueError):  # a time edited into something that is not one
        when = repr(broken.at)
    raise DomainError(
        _(
            "the audit log's chain is broken at entry #{id} ({when}, by {login}): {what}; "
            "the {n} entries before it are whole"
        ).format(
            id=broken.id, when=when, login=broken.by_login, what=broken.what, n=verdict.entries
        )
    )


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    app.command("log")(audit_log)
