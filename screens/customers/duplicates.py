"""Likely duplicate customers (key ``d`` on the customer tiers): the pairs `salestui customer
duplicates` lists, among the customers the person may see; a pair is merged from here, the
right one into the left (``x`` the other way), after the same confirmation as ``m``."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from salestui.screens.common.form import DialogScreen
from salestui.screens.common.plain import PlainDataTable


class DuplicatesScreen(DialogScreen["object | None"]):
    """Dismissed with the merge done (``Merged``) or None."""

    DEFAULT_CSS = """
    DuplicatesScreen DataTable { height: auto; max-height: 30; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Back", id="dups.back", tooltip="Back to the customer tiers"),
        Binding(
            "enter",
            "merge(False)",
            "Merge →",
            id="dups.merge",
            tooltip="Merge the right customer into the left",
        ),  # fmt: skip
        Binding(
            "x",
            "merge(True)",
            "Merge ←",
            id="dups.merge_back",
            tooltip="Merge the left customer into the right",
        ),  # fmt: skip
    ]

    class Found(Message):
        def __init__(self, pairs) -> None:
            super().__init__()
            self.pairs = pairs

    def __init__(self, customers: list[tuple[int, str]]) -> None:
        """``customers``: (id, name) of those the person may see."""
        super().__init__()
        self.names = dict(customers)
        self.pairs: list = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Likely duplicate customers"
            yield Static("reading…", id="what", markup=False)
            yield PlainDataTable(id="pairs", cursor_type="row", zebra_stripes=False)
            yield Static(
                "enter merges the right one into the left · x the left into the right · esc back",
                classes="hint",
                markup=False,
            )
            yield self.status_line()

    def on_mount(self) -> None:
        table = self.query_one("#pairs", DataTable)
        for key, heading, width in (("first", "Customer", 20), ("second", "Likely the same as", 20),
                                    ("why", "Why", 26)):  # fmt: skip
            table.add_column(heading, width=width, key=key)
        self._find()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _find(self) -> None:
        from salestui.customers.duplicates import likely_duplicates

        self.post_message(self.Found(likely_duplicates(self.names.items())))

    def on_duplicates_screen_found(self, event: Found) -> None:
        self.pairs = event.pairs
        table = self.query_one("#pairs", DataTable)
        table.clear()
        for i, p in enumerate(self.pairs):
            table.add_row(
                Text(f"{self.names[p.first]} (#{p.first})", no_wrap=True, overflow="ellipsis"),
                Text(f"{self.names[p.second]} (#{p.second})", no_wrap=True, overflow="ellipsis"),
                Text(p.why, style="dim", no_wrap=True, overflow="ellipsis"),
                key=str(i),
            )
        n = len(self.pairs)
        self.query_one("#what", Static).update(
            Text(f"{n:,} {'pair' if n == 1 else 'pairs'} among {len(self.names):,} customers")
        )
        table.focus()

    def on_data_table_row_selected(self) -> None:
        self.action_merge(False)

    def action_merge(self, back: bool) -> None:
        from salestui.screens.customers.merge import MergeConfirmScreen

        table = self.query_one("#pairs", DataTable)
        if not self.pairs:
            self.say("no pair to merge", error=True)
            return
        p = self.pairs[table.cursor_row]
        kept, merged = (p.second, p.first) if back else (p.first, p.second)

        def done(result) -> None:
            if result is not None:
                self.dismiss(result)

        self.app.push_screen(
            MergeConfirmScreen(merged, self.names[merged], kept, self.names[kept]), done
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
