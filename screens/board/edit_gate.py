"""``e`` on a deal the person may not change is refused before the form opens, in the words the
service would use on save (``services.deal_rights.check_may_edit``): nothing typed is lost."""

from __future__ import annotations

from salestui.db.queries.board import DealCard
from salestui.kernel.errors import DomainError


def open_edit(screen, card: DealCard, after) -> None:
    """``e`` on a deal: the form opens only when the person may change it; otherwise the
    service's own refusal (``check_may_edit``) is said on ``screen``'s status line."""
    from salestui.screens.board.deal_forms import DealFormScreen
    from salestui.services.deal_rights import check_may_edit

    ctx, app = screen.ctx, screen.app

    def check() -> None:
        try:
            ctx.read(check_may_edit, ctx.user, card.id)
        except DomainError as refused:
            app.call_from_thread(screen.say, str(refused), True)
            return
        app.call_from_thread(app.push_screen, DealFormScreen(card), after)

    screen.run_worker(check, thread=True, exit_on_error=False, group="deal-edit")
