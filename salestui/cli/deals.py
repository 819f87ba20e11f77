"""`salestui deal`: move, win, lose and edit a deal from a script, by the board's own services
(``salestui.services.deals``): the same rules, versions and audit as a key on the board.

A deal is named by its id or the external id the reports and exports print (``id:N`` /
``ext:X`` when a number could be either), among the deals the person may see. A change answers
with one line (``--format json``: the deal and each field's old and new value); a refusal is one
line on stderr, a non-zero exit, and nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass
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
from salestui.kernel.i18n import N_, _

deal_app = typer.Typer(
    help=N_("Deals from a script: move, win, lose, edit — the board's rules, versions and audit."),
    no_args_is_help=True,
    rich_markup_mode=None,
)

DealArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help=N_("The deal's id or external id (id:N / ext:X when it could be either)."),
    ),
]


@deal_app.callback()
def deal(ctx: typer.Context, db: DbOption = None, user: UserOption = None) -> None:
    """Deals from a script: move, win, lose, edit — the board's rules, versions and audit."""
    remember(ctx, db, user)


# What a change is shown by: a field as a person reads it.
SHOWN = (
    "title",
    "stage",
    "amount",
    "probability",
    "expected_close",
    "owner",
    "customer",
    "lost_reason",
    "lost_note",
    "competitor",
    "next_step",
    "next_step_date",
    "approval",
    "version",
)


def _fields(session, deal_id: int) -> dict[str, object]:
    from salestui.db.queries.executor import first
    from salestui.db.queries.moments import day
    from salestui.kernel.money import money_plain

    r = first(
        session,
        "SELECT o.title AS title, o.stage AS stage, o.amount_minor AS amount_minor, "
        "o.probability AS probability, o.expected_close AS expected_close, p.login AS owner, "
        "c.name AS customer, o.lost_reason AS lost_reason, o.lost_note AS lost_note, "
        "o.competitor AS competitor, o.next_step AS next_step, "
        "o.next_step_date AS next_step_date, o.approval AS approval, "
        "o.version AS version FROM opportunity o JOIN person p ON p.id = o.owner_id "
        "JOIN customer c ON c.id = o.customer_id WHERE o.id = :id",
        {"id": deal_id},
    )
    days = ("expected_close", "next_step_date")
    values = {k: getattr(r, k) for k in SHOWN if k != "amount" and k not in days}
    values["amount"] = money_plain(int(r.amount_minor))
    for k in days:
        values[k] = str(day(getattr(r, k))) if getattr(r, k) is not None else None
    return values


@dataclass(frozen=True)
class _Changed:
    found: object
    message: str
    version: int
    changed: dict


def _changing(session, actor: str, ref: str, service, **kwargs) -> _Changed:
    """Find the deal, run ``service`` on it at the version just read, and say what changed."""
    from salestui.services.deal_ref import deal_ref

    found = deal_ref(session, actor, ref)
    before = _fields(session, found.id)
    done = service(session, actor, found.id, found.version, **kwargs)
    after = _fields(session, found.id)
    changed = {k: (before[k], after[k]) for k in SHOWN if before[k] != after[k]}
    return _Changed(found, done.message, done.version, changed)


def _move(session, actor: str, deal_id: int, version: int, *, to_stage: str, **kwargs):
    from salestui.services.deals import move_stage

    return move_stage(session, actor, deal_id, to_stage, version, **kwargs)


def _answer(done: _Changed) -> dict:
    return {
        "deal": done.found.id,
        "external_id": done.found.external_id,
        "message": done.message,
        "version": done.version,
        "changed": {k: {"from": old, "to": new} for k, (old, new) in done.changed.items()},
    }


def _run(ctx: typer.Context, fmt: str, ref: str, service, **kwargs) -> None:
    options.change_and_answer(ctx, fmt, _changing, ref, service, answer=_answer, **kwargs)


def deal_move(
    ctx: typer.Context,
    ref: DealArgument,
    to: Annotated[
        str, typer.Option("--to", metavar="STAGE", help=N_("The stage: Prospect … Negotiation."))
    ],
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.kernel.domain import LOST, OPEN_STAGES, STAGES, WON

    stage = next((s for s in STAGES if s.lower() == to.strip().lower()), None)
    if stage is None:
        raise UserMistake(
            _("--to must be one of {stages}, not {given}").format(
                stages=", ".join(OPEN_STAGES), given=repr(to)
            )
        )
    if stage in (WON, LOST):
        raise UserMistake(
            _("to close a deal use `{command}`").format(
                command="salestui deal " + ("win" if stage == WON else "lose")
            )
        )
    _run(ctx, fmt, ref, _move, to_stage=stage)


def deal_win(
    ctx: typer.Context,
    ref: DealArgument,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.kernel.domain import WON

    _run(ctx, fmt, ref, _move, to_stage=WON)


def deal_lose(
    ctx: typer.Context,
    ref: DealArgument,
    reason: Annotated[
        str,
        typer.Option(
            "--reason",
            metavar="REASON",
            help=N_('Why: price, competitor, "no budget", "no decision", timing or other.'),
        ),
    ],
    note: Annotated[
        str | None, typer.Option("--note", help=N_("More than the reason's word: what happened."))
    ] = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.kernel.domain import LOST

    _run(ctx, fmt, ref, _move, to_stage=LOST, lost_reason=reason, lost_note=note)


def deal_edit(
    ctx: typer.Context,
    ref: DealArgument,
    title: Annotated[str | None, typer.Option("--title", help=N_("A new title."))] = None,
    amount: Annotated[
        str | None,
        typer.Option("--amount", help=N_("The amount, e.g. 1,234,567.50.")),
    ] = None,
    close: Annotated[
        str | None,
        typer.Option("--expected-close", metavar="YYYY-MM-DD", help=N_("The expected close date.")),
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", metavar="LOGIN", help=N_("Give it to LOGIN."))
    ] = None,
    competitor: Annotated[
        str | None, typer.Option("--competitor", help=N_('Who it is up against ("" clears it).'))
    ] = None,
    next_step: Annotated[
        str | None, typer.Option("--next-step", help=N_("The next step agreed (needs its date)."))
    ] = None,
    next_date: Annotated[
        str | None,
        typer.Option("--next-date", metavar="YYYY-MM-DD", help=N_("When: today or later.")),
    ] = None,
    lost_note: Annotated[
        str | None, typer.Option("--lost-note", help=N_("A lost deal's note on why."))
    ] = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    from salestui.services.deals import edit_deal

    given = {"title": title, "amount": amount, "expected_close": close, "owner_login": owner,
             "competitor": competitor, "next_step": next_step, "next_date": next_date,
             "lost_note": lost_note}  # fmt: skip
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes:
        raise UserMistake(_("say what to change (see salestui deal edit --help)"))
    _run(ctx, fmt, ref, edit_deal, **changes)


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    deal_app.command(
        "move",
        help=N_("Move a deal to another open stage (Won and Lost: `deal win`, `deal lose`)."),
    )(deal_move)
    deal_app.command("win", help=N_("Win a deal."))(deal_win)
    deal_app.command(
        "lose", help=N_("Lose a deal, with the reason (and a note, if there is more to say).")
    )(deal_lose)
    deal_app.command(
        "edit",
        help=N_(
            "Change a deal's title, amount, expected close date, owner, competitor, next step or lost "
            "note."
        ),
    )(deal_edit)
    app.add_typer(deal_app, name="deal")
