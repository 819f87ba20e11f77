"""`salestui report pipeline`: what the board holds, as text."""

from __future__ import annotations

from datetime import timedelta

import typer

from salestui.cli import options
from salestui.cli.database import open_db
from salestui.cli.options import (
    DbOption,
    FormatOption,
    OutOption,
    RawOption,
    UserOption,
    acting,
    db_of,
    emit,
    owner_option,
    remember,
    report_format,
    user_of,
)
from salestui.kernel.csv_cells import formulas_as_written
from salestui.kernel.i18n import N_

DealOwnerOption = owner_option(N_("Only the deals of LOGIN and of everyone who reports to them."))


def report_pipeline(
    ctx: typer.Context,
    fmt: FormatOption = "md",
    raw: RawOption = False,
    out: OutOption = None,
    owner: DealOwnerOption = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    fmt = report_format(fmt)
    from salestui.board.metrics import pipeline_total
    from salestui.board.report import pipeline_report
    from salestui.db.queries.board import BoardFilter, recent_closes, stage_totals
    from salestui.db.queries.settings import settings_map
    from salestui.kernel.settings import rules_from
    from salestui.scope import viewer_for

    engine = open_db(db_of(ctx))
    acting(ctx, engine)  # who asks, before anything is read
    now = options.local_clock()  # the module's clock, which tests pin
    with engine.connect() as session:  # reads need no ORM
        rules = rules_from(settings_map(session))
        viewer = viewer_for(session, user_of(ctx))
        flt, scope = BoardFilter(owner_ids=viewer.seen_owner_ids()), viewer.reach_label()
        if owner is not None:
            ids, scope = viewer.narrowed_to(owner)
            flt = BoardFilter(owner_ids=tuple(sorted(ids)))
        totals = stage_totals(session, flt, now, rules.stall_days)
        closes, _ = recent_closes(
            session, flt, now - timedelta(days=rules.recent_close_days), limit=0
        )
    engine.dispose()
    with formulas_as_written(raw):
        text = pipeline_report(
            totals,
            pipeline_total(totals),
            closes,
            recent_days=rules.recent_close_days,
            stall_days=rules.stall_days,
            as_of=now,
            scope=scope,
            fmt=fmt,
            view=viewer.whose_view(),
        )
    emit(text, out, N_("pipeline report"))


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    report_app.command(
        "pipeline",
        help=N_(
            "What the pipeline board shows: per open stage and in total, plus recent Won and Lost.\n"
            "\n"
            'Money in csv and json is a string in major units with two decimals ("1350000.00").'
        ),
    )(report_pipeline)
