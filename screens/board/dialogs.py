"""The board's keys that open a dialog on the selected deal (or a new one): its detail, the deal
form, an activity, a follow-up item; what the dialog answers comes back to the board."""

from __future__ import annotations

from salestui.kernel.i18n import _


class BoardDialogs:
    """Mixed into ``BoardScreen``: uses its ``_selected_or_say``, ``_after_form`` and ``say``."""

    def action_open(self) -> None:
        card = self._selected_or_say()
        if card is None:
            return
        from salestui.screens.board.deal_detail import DealDetailScreen

        self.app.push_screen(DealDetailScreen(card.id))

    def action_edit(self) -> None:
        card = self._selected_or_say()
        if card is None:
            return
        from salestui.screens.board.edit_gate import open_edit

        open_edit(self, card, self._after_form)

    def on_edit_checked(self, message) -> None:
        """The edit check's answer (``edit_gate.EditChecked``): the form, or the refusal."""
        from salestui.screens.board.edit_gate import edit_checked

        edit_checked(self, message)

    def action_new(self) -> None:
        from salestui.screens.board.deal_forms import DealFormScreen

        def saved(message: str | None) -> None:
            self.select_new = bool(message)  # once the reload is drawn (the board's ``Loaded``)
            self._after_form(message)

        self.app.push_screen(DealFormScreen(None), saved)

    def action_log(self) -> None:
        from salestui.screens.common.activity_form import ActivityFormScreen

        if (card := self._selected_or_say()) is not None:
            form = ActivityFormScreen(deal_id=card.id, label=card.title)
            self.app.push_screen(form, self._after_form)

    def action_action_item(self) -> None:
        card = self._selected_or_say()
        if card is None:
            return
        from salestui.screens.actions.item_form import FollowUpItemScreen

        screen = FollowUpItemScreen(
            None,
            title=_("Follow up: {title}").format(title=card.title),
            owner_login=card.owner_login,
            link=("opportunity", card.id),
            today=self.ctx.now().date(),
        )
        self.app.push_screen(screen, lambda message: message and self.say(message))
