"""The customer tiers' keys that change customer records: ``e`` corrects one, ``m`` merges it
into another, ``d`` lists the likely duplicate pairs to merge, ``u`` undoes the last merge made
here. A mixin of ``CustomersScreen`` (which has the table, the filter and ``_after``)."""

from __future__ import annotations

from textual import work
from textual.message import Message


class CustomerRecordKeys:
    last_merge: str | None = None  # the batch of the last merge made on this screen

    class Undone(Message):
        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def visible_customers(self) -> list[tuple[int, str]]:
        """(id, name) of the customers the person may see (the filter's owners, not its text)."""
        table, owners = self.table, self.flt.owner_ids
        if owners is not None:
            table = table[table["owner_id"].isin(list(owners))]
        return list(zip(table.index.astype(int).tolist(), table["name"].astype(str), strict=True))

    def action_edit(self) -> None:
        from salestui.screens.customers.customer_form import CustomerFormScreen

        if (cid := self._selected_or_say()) is not None:
            self.app.push_screen(CustomerFormScreen(cid), self._after)

    def action_merge(self) -> None:
        from salestui.screens.customers.merge import MergePickScreen

        if (cid := self._selected_or_say()) is not None and self.table is not None:
            name = str(self.table.loc[cid]["name"])
            self.app.push_screen(MergePickScreen(cid, name, self.visible_customers()), self.merged)

    def action_duplicates(self) -> None:
        from salestui.screens.customers.duplicates import DuplicatesScreen

        if self.table is not None:
            self.app.push_screen(DuplicatesScreen(self.visible_customers()), self.merged)

    def after_detail(self, result) -> None:
        """The detail says what was changed there, or hands back the merge made there."""
        if isinstance(result, str) or result is None:
            self._after(result)
        else:
            self.merged(result)

    def merged(self, done) -> None:
        """After a merge: said with its batch, ``u`` undoes it."""
        if done is not None:
            self.last_merge = done.batch
            self._keep = done.kept_id
            self._after(done.message.replace("undo with:", "u or") + " undoes it")

    def action_undo_merge(self) -> None:
        if self.last_merge is None:
            self.say(
                "no merge made here to undo (salestui customer merge --undo BATCH)", error=True
            )
            return
        self._undo(self.last_merge)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _undo(self, batch: str) -> None:
        from salestui.services.customer_merge import undo_merge

        ctx = self.ctx
        done = ctx.write(undo_merge, ctx.user, batch, now=ctx.now())
        self.post_message(self.Undone(done.message))

    def on_customer_record_keys_undone(self, event: Undone) -> None:
        self.last_merge = None
        self._after(event.message)
