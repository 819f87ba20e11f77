"""`salestui report forecast-accuracy`: how right a past quarter's forecast calls were."""

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
from salestui.kernel.i18n import N_


def report_forecast_accuracy(
    ctx: typer.Context,
    period: Annotated[
        str,
        typer.Option(
            "--period", metavar="last-quarter|YYYY-Qn", help=N_("A quarter that has ended.")
        ),
    ] = "last-quarter",
    fmt: Annotated[
        str, typer.Option("--format", metavar="md|csv|json", help=N_("Output format."))
    ] = "md",
    out: OutOption = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    choice = report_format(fmt)
    from salestui.context import AppContext
    from salestui.forecast.accuracy_load import load_accuracy, past_quarter
    from salestui.forecast.accuracy_report import render
    from salestui.kernel.errors import DomainError

    today = options.local_clock().date()
    try:
        quarter = past_quarter(period, today)
    except DomainError as exc:
        raise UserMistake(f"--period: {exc}") from None
    database = open_db(db_of(ctx), light=True)
    acting(ctx, database)
    acc = AppContext(database, user_of(ctx)).read(load_accuracy, user_of(ctx), quarter, today)
    emit(render(acc, choice), out, N_("forecast accuracy"))


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    report_app.command(
        "forecast-accuracy",
        help=N_(
            "Each level's calls week by week against what closed: error (MAPE), bias, and which "
            "method (calls, weighted pipeline, trend) came closest — for --user and everyone below them."
        ),
    )(report_forecast_accuracy)
