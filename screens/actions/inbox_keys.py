"""The keys of the grouped warnings inbox (space / enter open or fold a heading) and j / k, which
move the cursor as ↓ / ↑ do in every view of action plans."""

from __future__ import annotations

from textual.widgets import DataTable

from salestui.screens.actions.tables import selected_key


class InboxKeys:
    """Mixed into ``ActionPlansScreen``: reads its ``view``, ``inbox``, ``totals``, ``toggled``."""

    def action_cursor(self, step: int) -> None:
        table = self.query_one(f"#{self.view}", DataTable)
        table.action_cursor_down() if step > 0 else table.action_cursor_up()

    def action_fold(self) -> None:
        """Open or fold the inbox heading under the cursor (or the group of the warning)."""
        table = self.query_one("#warnings", DataTable)
        key = selected_key(table)
        if not key:
            return
        if key[:2] not in ("k:", "g:"):
            from salestui.actions.groups import group_key, group_label

            w = next((x for x in self.inbox if x.key == key), None)
            if w is None:
                return
            key = group_key(w.kind, group_label(w))
            if key not in self.toggled:
                return  # a group of one: no heading to fold into
        self.toggled ^= {key}
        self._fill_warnings(self.inbox, self.totals)
        table.move_cursor(row=table.get_row_index(key), animate=False)
