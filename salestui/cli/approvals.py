"""`salestui approval`: list the sign-offs a deal waits for, approve or reject one — by the
service the app uses (``salestui.services.approvals``): who holds each role, the audit, one line
for a refusal with nothing written."""

from __future__ import annotations

from typing import Annotated

import typer

from salestui.cli import options
from salestui.cli.database import open_db
from salestui.cli.options import (
    AnswerOption,
    DbOption,
    FormatOption,
    OutOption,
    UserMistake,
    UserOption,
    db_of,
    emit,
    remember,
    report_format,
    user_of,
)
from salestui.kernel.i18n import N_, _, ngettext

approval_app = typer.Typer(
    help=N_("Approvals: the sign-offs deals wait for; approve or reject one."),
    no_args_is_help=True,
    rich_markup_mode=None,
)

ApprovalArgument = Annotated[
    int, typer.Argument(metavar="ID", help=N_("The approval's id (see `salestui approval list`)."))
]
CommentOption = Annotated[
    str | None, typer.Option("--comment", metavar="TEXT", help=N_("Why (a rejection needs one)."))
]


@approval_app.callback()
def approval(ctx: typer.Context, db: DbOption = None, user: UserOption = None) -> None:
    """Approvals: the sign-offs deals wait for; approve or reject one."""
    remember(ctx, db, user)


def _listed(session, actor: str, deal: str | None, mine: bool, everything: bool) -> list[dict]:
    from salestui.services.approvals import approval_list
    from salestui.services.deal_ref import deal_ref

    deal_id = None if deal is None else deal_ref(session, actor, deal).id
    return approval_list(session, actor, deal_id=deal_id, mine=mine, everything=everything)


def approval_list_command(
    ctx: typer.Context,
    deal: Annotated[
        str | None,
        typer.Option("--deal", metavar="ID", help=N_("Only this deal's (id or external id).")),
    ] = None,
    mine: Annotated[
        bool, typer.Option("--mine", help=N_("Only the pending ones you may decide."))
    ] = False,
    everything: Annotated[
        bool, typer.Option("--all", help=N_("Decided ones too (default: pending only)."))
    ] = False,
    fmt: FormatOption = "md",
    out: OutOption = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    fmt = report_format(fmt)
    from sqlmodel import Session

    from salestui.kernel.dates import local
    from salestui.kernel.money import format_amount, money_plain
    from salestui.kernel.report_table import Column, render_table

    engine = open_db(db_of(ctx))
    actor = user_of(ctx)
    try:
        with Session(engine) as session:
            found = _listed(session, actor, deal, mine, everything)
    finally:
        engine.dispose()
    money = money_plain if fmt != "md" else format_amount
    rows = [
        {
            "id": r["id"],
            "deal": r["deal"],
            "external_id": r["external_id"],
            "title": r["title"],
            "amount": money(int(r["amount_minor"])),
            "owner": r["owner"],
            "role": r["role"],
            "status": r["status"],
            "requested": local(r["requested_at"]),
            "decided_by": r["decided_by"],
            "decided": local(r["decided_at"]) if r["decided_at"] else None,
            "comment": r["comment"] or None,
            "waiting_for": ", ".join(r["waiting_for"]) if r["status"] == "pending" else None,
        }
        for r in found
    ]
    columns = [
        Column("id", N_("Id"), right=True),
        Column("deal", N_("Deal"), right=True),
        Column("title", N_("Title")),
        Column("amount", N_("Amount"), right=True),
        Column("owner", N_("Owner")),
        Column("role", N_("Sign-off"), words=True),
        Column("status", N_("Status"), words=True),
        Column("requested", N_("Requested (local)")),
        Column("decided_by", N_("Decided by")),
        Column("comment", N_("Comment")),
        Column("waiting_for", N_("Waits for")),
    ]
    if fmt == "md":
        which = (
            _("pending ones you may decide")
            if mine
            else _("pending")
            if not everything
            else _("all")
        )
        head = "# " + _("Approvals — {which}").format(which=which) + "\n\n"
        head += ngettext("{n} approval.", "{n} approvals.", len(rows)).format(n=f"{len(rows):,}")
        head += "\n\n"
        text = head + render_table(columns, rows, "md")
    else:
        columns = [*columns, Column("external_id", "External id"), Column("decided", "Decided")]
        text = render_table(columns, rows, fmt, meta={"report": "approvals", "viewer": actor})
    emit(text, out, N_("approvals"))


def _decide(ctx: typer.Context, fmt: str, approval_id: int, approve: bool, comment) -> None:
    from salestui.services.approvals import decide

    options.change_and_answer(
        ctx, fmt, decide, approval_id, approve=approve, comment=comment,
        answer=lambda done: {"approval": done.approval_id, "deal": done.deal_id,
                             "status": done.status, "deal_approval": done.deal_approval,
                             "message": done.message},
    )  # fmt: skip


def approval_approve(
    ctx: typer.Context,
    approval_id: ApprovalArgument,
    comment: CommentOption = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    _decide(ctx, fmt, approval_id, True, comment)


def approval_reject(
    ctx: typer.Context,
    approval_id: ApprovalArgument,
    comment: CommentOption = None,
    fmt: AnswerOption = "text",
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    remember(ctx, db, user)
    if not (comment or "").strip():
        raise UserMistake(_("a rejection needs --comment saying why"))
    _decide(ctx, fmt, approval_id, False, comment)


def register(app: typer.Typer, report_app: typer.Typer) -> None:
    approval_app.command(
        "list",
        help=N_(
            "The approvals of the deals you see (pending unless --all), with whom each waits for."
        ),
    )(approval_list_command)
    approval_app.command("approve", help=N_("Approve a sign-off you hold."))(approval_approve)
    approval_app.command("reject", help=N_("Reject a sign-off you hold, saying why."))(
        approval_reject
    )
    app.add_typer(approval_app, name="approval")
