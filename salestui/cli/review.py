"""`salestui report weekly`: the weekly review of the person given by --user, as text."""

from __future__ import annotations

from typing import Annotated

import typer

from salestui.cli import options
from salestui.cli.database import open_db
from salestui.cli.options import (
    DbOption,
    OutOption,
    UserMistake,
    UserOption,
    acting,
    db_of,
    emit,
    remember,
    report_format,
    user_of,
)
from salestui.kernel.i18n import N_, _


def report_weekly(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", metavar="md|json", help=N_("Output format."))
    ] = "md",
    out: OutOption = None,
    period: Annotated[
        str,
        typer.Option(
            "--period", metavar="quarter|year|all", help=N_("Which deals the funnel follows.")
        ),
    ] = "year",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    choice = report_format(fmt, ("md", "json"))
    if period not in ("quarter", "year", "all"):
        raise UserMistake(
            _("--period must be quarter, year or all, not {given}").format(given=repr(period))
        )
    from salestui.context import AppContext
    from salestui.customers.load import PendingTable, customer_rules
    from salestui.review.load import (
        load_deal_changes,
        load_funnel,
        load_kpis_and_problems,
        load_trend,
    )
    from salestui.review.report import load_weekly, render_json, render_md
    from salestui.review.stage_effort import load_review_durations, load_review_effort_counts
    from salestui.review.waterfall import load_movement
    from salestui.runtime.reads import meanwhile, scans_in_processes
    from salestui.scope import load_scope

    database = open_db(db_of(ctx), light=True)
    acting(ctx, database)  # who asks, before anything is read
    app_ctx, now = AppContext(database, user_of(ctx)), options.local_clock()
    # The sections that scan the most start first, in worker processes on a large file (SQLite
    # lets one process's threads scan only in turn): the KPIs and the problems (in one worker:
    # they share the team's targets), the trend (the changes since the last review need it and
    # the KPIs), the deals changed since the last review, then the walks over every stage change
    # (the funnel, the movement, the stage durations) and the effort's activity counts. The
    # customer table (kept, brought up to date, or every customer's history read beside them)
    # is scored in a thread meanwhile, and this one reads the rest: the week's items, health
    # and churn.
    big = scans_in_processes(app_ctx)
    scope = app_ctx.read(load_scope, user_of(ctx))
    first, trend, deal_changes, durations, movement, effort = app_ctx.submit_reads(
        [
            load_kpis_and_problems,
            load_trend,
            load_deal_changes,
            load_review_durations,
            load_movement,
            load_review_effort_counts,
        ],
        scope,
        now,
        processes=big,
    )
    (funnel,) = app_ctx.submit_reads([load_funnel], scope, now, period, processes=big)
    customers = PendingTable(app_ctx, customer_rules(app_ctx), now)
    with meanwhile(customers.result) as table:
        review = app_ctx.read(
            load_weekly,
            user_of(ctx),
            now,
            period,
            table,
            funnel.result,
            movement.result,
            durations.result,
            lambda: first.result()[0],
            trend.result,
            lambda: first.result()[1],
            effort.result,
            deal_changes.result,
        )
    text = render_md(review) if choice == "md" else render_json(review)
    emit(text, out, N_("weekly review"))


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    report_app.command(
        "weekly",
        help=N_(
            "The weekly review: KPIs, funnel, revenue trend and forecast, problems, changes since the "
            "last review, this week's action items — for --user and everyone below them."
        ),
    )(report_weekly)
