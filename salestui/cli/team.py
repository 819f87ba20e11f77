"""`salestui report team`: the team leaderboard for a period, as the team screen computes it."""

from __future__ import annotations

from typing import Annotated

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
    remember,
    report_format,
    user_of,
)
from salestui.kernel.csv_cells import formulas_as_written
from salestui.kernel.i18n import N_


def report_team(
    ctx: typer.Context,
    period: Annotated[
        str,
        typer.Option(
            "--period",
            metavar="P",
            help=N_(
                "YYYY-MM, YYYY-Qn, YYYY, or this-month / last-month / this-quarter / "
                "last-quarter / this-year / last-year."
            ),
        ),
    ] = "this-quarter",
    fmt: FormatOption = "md",
    raw: RawOption = False,
    out: OutOption = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    fmt = report_format(fmt)
    from salestui.kernel.periods import parse_period
    from salestui.team.load import load_team
    from salestui.team.report import team_report

    engine = open_db(db_of(ctx))
    acting(ctx, engine)  # who asks, before anything is read (and whose today the period is in)
    now = options.local_clock()
    chosen = parse_period(period, now.date())
    with engine.connect() as conn:
        data = load_team(conn, user_of(ctx), chosen, now.date())
    engine.dispose()
    with formulas_as_written(raw):
        text = team_report(
            data.board,
            chosen.label,
            chosen.kind,
            now,
            fmt,
            view=data.view,
            collection_basis=data.collection_basis,
            org_basis=data.org_basis,
        )
    emit(text, out, N_("team report"))


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    report_app.command(
        "team",
        help=N_(
            "The leaderboard: per person, team and region revenue vs target, won, win rate, average "
            "deal, cycle, new customers, visits, collection and score; the --user's team (a manager's own, "
            "a rep's manager's, the top's: everyone). Money in csv/json is a string in major units."
        ),
    )(report_team)
