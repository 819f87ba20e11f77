"""`salestui report team`: the team leaderboard for a period, as the team screen computes it."""

from __future__ import annotations

from typing import Annotated

import typer

from salestui import cli
from salestui.cli import (
    DbOption,
    FormatOption,
    OutOption,
    UserOption,
    _db_of,
    _emit,
    _format,
    _open,
    _remember,
    _user_of,
    report_app,
)


@report_app.command("team")
def report_team(
    ctx: typer.Context,
    period: Annotated[
        str,
        typer.Option(
            "--period",
            metavar="P",
            help="YYYY-MM, YYYY-Qn, YYYY, or this-month / last-month / this-quarter / "
            "last-quarter / this-year / last-year.",
        ),
    ] = "this-quarter",
    fmt: FormatOption = "md",
    out: OutOption = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """The leaderboard: per person, team and region revenue vs target, won, win rate, average
    deal, cycle, new customers, visits, collection and score; the --user's team (a manager's own,
    a rep's manager's, the top's: everyone). Money in csv/json is a string in major units."""
    _remember(ctx, db, user)
    fmt = _format(fmt)
    from salestui.periods import parse_period
    from salestui.team_report import team_report
    from salestui.team_view import load_team

    now = cli._now()
    chosen = parse_period(period, now.date())
    engine = _open(_db_of(ctx))
    with engine.connect() as conn:
        data = load_team(conn, _user_of(ctx), chosen)
    engine.dispose()
    _emit(team_report(data.board, chosen.label, chosen.kind, now, fmt), out, "team report")
