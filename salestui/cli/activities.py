"""`salestui activity add`: log a call, visit, meeting, email, demo or note on a deal or a
customer from a script, by the service behind the app's own logging
(``salestui.services.activities``): the same rules and audit; its next step becomes the deal's.
"""

from __future__ import annotations

from typing import Annotated

import typer

from salestui.cli import options
from salestui.cli.options import (
    AnswerOption,
    DbOption,
    UserMistake,
    UserOption,
    remember,
)
from salestui.kernel.domain import ACTIVITY_KINDS
from salestui.kernel.i18n import N_, _

activity_app = typer.Typer(
    help=N_("Activities from a script: log a call, visit, meeting, email, demo or note."),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@activity_app.callback()
def activity(ctx: typer.Context, db: DbOption = None, user: UserOption = None) -> None:
    """Activities from a script: log a call, visit, meeting, email, demo or note."""
    remember(ctx, db, user)


def _logging(session, actor: str, deal: str | None, customer: str | None, **kwargs):
    from salestui.services.activities import log_activity
    from salestui.services.deal_ref import customer_ref, deal_ref

    if deal is not None:
        return log_activity(session, actor, deal_id=deal_ref(session, actor, deal).id, **kwargs)
    found = customer_ref(session, actor, customer)
    return log_activity(session, actor, customer_id=found.id, **kwargs)


def activity_add(
    ctx: typer.Context,
    kind: Annotated[
        str, typer.Option("--type", metavar="|".join(ACTIVITY_KINDS), help=N_("What it was."))
    ],
    deal: Annotated[
        str | None,
        typer.Option("--deal", metavar="ID", help=N_("On this deal (id or external id).")),
    ] = None,
    customer: Annotated[
        str | None,
        typer.Option("--customer", metavar="ID", help=N_("On this customer (id or external id).")),
    ] = None,
    when: Annotated[
        str | None,
        typer.Option(
            "--when", metavar="YYYY-MM-DD[ HH:MM]", help=N_("When it happened (default: now).")
        ),
    ] = None,
    duration: Annotated[
        str | None, typer.Option("--duration", metavar="MINUTES", help=N_("How long it took."))
    ] = None,
    outcome: Annotated[
        str | None, typer.Option("--outcome", metavar="TEXT", help=N_("What came of it."))
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help=N_("A note."))] = None,
    next_step: Annotated[
        str | None,
        typer.Option("--next-step", metavar="TEXT", help=N_("The next step agreed (a deal's).")),
    ] = None,
    next_date: Annotated[
        str | None,
        typer.Option("--next-date", metavar="YYYY-MM-DD", help=N_("When the next step is due.")),
    ] = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    if (deal is None) == (customer is None):
        raise UserMistake(_("say --deal ID or --customer ID (one of them)"))
    options.change_and_answer(
        ctx, fmt, _logging, deal, customer, kind=kind, when=when, duration=duration,
        outcome=outcome, note=note, next_step=next_step, next_date=next_date,
        answer=lambda done: {"activity": done.activity_id, "deal": done.deal_id,
                             "customer": done.customer_id, "message": done.message},
    )  # fmt: skip


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    activity_app.command(
        "add", help=N_("Log an activity on a deal or a customer; its next step becomes the deal's.")
    )(activity_add)
    app.add_typer(activity_app, name="activity")
