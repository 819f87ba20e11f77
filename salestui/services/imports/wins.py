"""An import that would win an open deal whose sign-offs are not all given is refused for that
row, as the board's ``w`` is (:func:`~salestui.kernel.approvals.win_refusal`, the same words);
the rest of the file still imports and the report names the row and why. A deal the file
creates already Won is history brought in, not a win decided here: it is not asked."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from salestui.db.queries.people import all_people
from salestui.db.queries.settings import settings_map
from salestui.kernel.approvals import approval_rules_from, win_refusal
from salestui.kernel.domain import OPEN_STAGES, WON
from salestui.transfer.records import RowError


def refused_wins(conn: Connection, plan, column: str) -> list[RowError]:
    """One RowError per row of ``plan`` that would win an existing open deal too early;
    ``column``: the file's stage column, for the report."""
    wins = [i for i in plan.items if i.existing is not None and i.values.get("stage") == WON]
    if not wins:
        return []
    rules = approval_rules_from(settings_map(conn))
    people = None
    refused = []
    for item in wins:
        deal = conn.execute(
            text("SELECT title, amount_minor, owner_id, stage FROM opportunity WHERE id = :i"),
            {"i": item.existing},
        ).one()
        if deal.stage not in OPEN_STAGES:
            continue
        given = {
            r.approver_role: (r.status, r.decided_by)
            for r in conn.execute(
                text("SELECT approver_role, status, decided_by FROM approval "
                     "WHERE opportunity_id = :i"), {"i": item.existing},
            )
        }  # fmt: skip
        amount = int(item.values.get("amount_minor", deal.amount_minor))
        people = people if people is not None else all_people(conn)
        why = win_refusal(deal.title, amount, deal.owner_id, given, people, rules)
        if why:
            refused.append(RowError(item.line, column, WON, why))
    return refused


def refused_amounts(conn: Connection, plan, column: str) -> list[RowError]:
    """One RowError per row of ``plan`` that would type a new amount on a deal with product
    lines: such a deal is worth their sum at every door (``kernel.deal_lines``), the import's too.
    The row is refused with the words of the deal form; the rest of the file imports."""
    from salestui.kernel.deal_lines import amount_follows_lines
    from salestui.kernel.money import format_amount

    changing = [i for i in plan.items if i.existing is not None and "amount_minor" in i.values]
    refused = []
    for item in changing:
        deal = conn.execute(
            text("SELECT o.amount_minor, (SELECT count(*) FROM opportunity_line l "
                 "WHERE l.opportunity_id = o.id) AS lines FROM opportunity o WHERE o.id = :i"),
            {"i": item.existing},
        ).one()  # fmt: skip
        if deal.lines and int(item.values["amount_minor"]) != int(deal.amount_minor):
            refused.append(
                RowError(item.line, column, format_amount(int(item.values["amount_minor"]), decimals=True),
                         amount_follows_lines(int(deal.lines)))
            )  # fmt: skip
    return refused
