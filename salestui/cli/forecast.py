"""`salestui report forecast` and `salestui forecast call`: the forecast screen's roll-up and
its call from a script, by the same code (``salestui.forecast``, ``salestui.services
.forecast_calls``): the same figures, rules, refusals and audit."""

from __future__ import annotations

from typing import Annotated

import typer

from salestui.cli import options
from salestui.cli.options import (
    AnswerOption,
    DbOption,
    FormatOption,
    OutOption,
    UserOption,
    acting,
    db_of,
    emit,
    remember,
    report_format,
    user_of,
)
from salestui.kernel.i18n import N_

PeriodOption = Annotated[
    str,
    typer.Option("--period", metavar="this-quarter|next-quarter|YYYY-Qn", help=N_("The quarter.")),
]

forecast_app = typer.Typer(
    help=N_("The weekly forecast call: your number for your scope's quarter."),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@forecast_app.callback()
def forecast(ctx: typer.Context, db: DbOption = None, user: UserOption = None) -> None:
    """The weekly forecast call: your number for your scope's quarter."""
    remember(ctx, db, user)


def report_forecast(
    ctx: typer.Context,
    period: PeriodOption = "this-quarter",
    fmt: FormatOption = "md",
    out: OutOption = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    fmt = report_format(fmt)
    from salestui.cli.database import open_db
    from salestui.context import AppContext
    from salestui.forecast.load import load_forecast, read_quarter
    from salestui.forecast.report import render
    from salestui.kernel.clock import local_day

    database = open_db(db_of(ctx), light=True)
    acting(ctx, database)
    today = local_day(options.local_clock())
    quarter = read_quarter(period, today)
    view = AppContext(database, user_of(ctx)).read(load_forecast, user_of(ctx), quarter, today)
    emit(render(view, fmt), out, N_("forecast"))


def forecast_call(
    ctx: typer.Context,
    amount: Annotated[
        str, typer.Argument(metavar="AMOUNT", help=N_("Your number for your scope's quarter."))
    ],
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help=N_("Why."))] = None,
    period: PeriodOption = "this-quarter",
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.forecast_calls import submit_call

    def answer(done) -> dict:
        return {"call": done.call_id, "person": done.person, "period": done.period,
                "week_start": done.week_start, "amount_minor": done.amount_minor, "batch": done.batch,
                "message": done.message}  # fmt: skip

    options.change_and_answer(
        ctx, fmt, submit_call, amount, note=note, period=period, answer=answer
    )


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    report_app.command(
        "forecast",
        help=N_(
            "The quarter's forecast for --user and everyone below them, rolled up the org tree: "
            "closed, commit, best case, pipeline, omitted, weighted, trend, each person's call of the "
            "week and a manager's judgment (their call − their direct reports' calls)."
        ),
    )(report_forecast)
    # "-5" reaches the service (and its one-line refusal) rather than reading as an option
    forecast_app.command(
        "call",
        context_settings={"ignore_unknown_options": True},
        help=N_(
            "Submit this week's call for your own scope (every call is kept; the week's is the last)."
        ),
    )(forecast_call)
    app.add_typer(forecast_app, name="forecast")
