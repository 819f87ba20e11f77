"""Whether a person may change a deal, asked before a form opens as well as on save: the rule
(``kernel.org.may_change``) and its words (``services.rules.refuse_deal_change``) are the
save's own, so both doors refuse alike."""

from __future__ import annotations

from salestui.kernel.errors import DomainError
from salestui.services.rules import actor_row, refuse_deal_change


def deal_gone(deal_id: int) -> DomainError:
    return DomainError(f"deal #{deal_id} does not exist (it may have been removed)")


def check_may_edit(session, actor_login: str, deal_id: int) -> None:
    """A read (``ctx.read`` gives a connection, not a session): nobody types changes to a deal
    that a save would refuse."""
    from salestui.db.queries.executor import first

    actor, people = actor_row(session, actor_login)
    sql = "SELECT title AS title, owner_id AS owner_id FROM opportunity WHERE id = :id"
    deal = first(session, sql, {"id": deal_id})
    if deal is None:
        raise deal_gone(deal_id)
    refuse_deal_change(people, actor, deal.owner_id, f"“{deal.title}”")
