"""``e`` on a deal the person may not change is refused before the form opens, in the words the
service would use on save (``services.deal_rights.check_may_edit``): nothing typed is lost."""

from __future__ import annotations

from textual.message import Message

from salestui.db.queries.board import DealCard
from salestui.kernel.errors import DomainError


class EditChecked(Message):
    """The check's answer, handed back to the screen (``refusal`` None: the form may open)."""

    def __init__(self, card: DealCard, refusal: str | None, after) -> None:
        super().__init__()
        self.card, self.refusal, self.after = card, refusal, after


def edit_checked(screen, message: EditChecked) -> None:
    from salestui.screens.board.deal_forms import DealFormScreen

    if message.refusal is not None:
        screen.say(message.refusal, True)
    else:
        screen.app.push_screen(DealFormScreen(message.card), message.after)


def open_edit(screen, card: DealCard, after) -> None:
    """``e`` on a deal: the form opens only when the person may change it; otherwise the
    service's own refusal (``check_may_edit``) is said on ``screen``'s status line."""
    from salestui.services.deal_rights import check_may_edit

    ctx = screen.ctx

    def check() -> None:
        refusal = None
        try:
            ctx.read(check_may_edit, ctx.user, card.id)
        except DomainError as refused:
            refusal = str(refused)
        screen.post_message(EditChecked(card, refusal, after))

    screen.run_worker(check, thread=True, exit_on_error=False, group="deal-edit")
