"""`salestui deal category DEAL CATEGORY|default`: the owner's forecast category from a script,
through the board's own service (``services.forecast_category``) — the same permission, version,
audit and refusals as `f` on the board."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from salestui.cli import options
from salestui.cli.deals import DealArgument, deal_app
from salestui.cli.options import AnswerOption, DbOption, UserOption, remember
from salestui.kernel.i18n import N_

CategoryArgument = Annotated[
    str,
    typer.Argument(
        metavar="CATEGORY",
        help=N_('commit, "best case", pipeline, omitted — or default: as the stage says.'),
    ),
]


@dataclass(frozen=True)
class _Set:
    deal: int
    external_id: str | None
    message: str
    version: int
    category: str | None
    is_set: bool
    before: str | None
    after: str | None


def _setting(session, actor: str, ref: str, word: str, *, now) -> _Set:
    from salestui.services.deal_ref import deal_ref
    from salestui.services.deals import load_deal
    from salestui.services.forecast_category import category_of, set_category

    found = deal_ref(session, actor, ref)
    before = load_deal(session, found.id).forecast_category
    done = set_category(session, actor, found.id, found.version, word, now=now)
    session.expire_all()
    after = load_deal(session, found.id).forecast_category
    shown, is_set = category_of(session, found.id, now)
    return _Set(
        found.id, found.external_id, done.message, done.version, shown, is_set, before, after
    )


def _answer(done: _Set) -> dict:
    return {
        "deal": done.deal,
        "external_id": done.external_id,
        "message": done.message,
        "version": done.version,
        "forecast_category": done.category,
        "forecast_category_set": done.is_set,
        "changed": {"forecast_category": {"from": done.before, "to": done.after}},
    }


def deal_category(
    ctx: typer.Context,
    ref: DealArgument,
    category: CategoryArgument,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    options.change_and_answer(ctx, fmt, _setting, ref, category, answer=_answer)


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    deal_app.command(
        "category",
        help=N_(
            "Set an open deal's forecast category, or `default` to let its stage and close date say."
        ),
    )(deal_category)
