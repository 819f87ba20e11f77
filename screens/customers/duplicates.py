"""Likely duplicate customers (key ``d`` on the customer tiers): the pairs `salestui customer
duplicates` lists, among the customers the person may see; ``enter`` merges the right one of a
pair into the left, ``x`` the left into the right — through the merge dialog of ``M``
(``merge.MergeScreen``: what moves is shown, ``ctrl+s`` merges, ``U`` undoes)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from salestui.kernel.i18n import N_, _, ngettext
from salestui.screens.common.form import DialogScreen
from salestui.screens.common.plain import PlainDataTable


def visible_names(table, owner_ids) -> list[tuple[int, str]]:
    """(id, name) of the tiers' customers the person may see (``owner_ids`` None: every one);
    the tiers' table holds the whole company, so others' names are left out here."""
    if owner_ids is not None:
        table = table[table["owner_id"].isin(list(owner_ids))]
    return [(int(i), str(n)) for i, n in table["name"].items()]


def open_duplicates(tiers) -> None:
    """From the customer tiers: the pairs; a merge made is said there and ``U`` undoes it."""
    if tiers.table is None:
        tiers.say(_("the customers are still being read — a moment"), error=True)
        return

    def merged(result: tuple[str, str] | None) -> None:
        if result:
            tiers.last_merge = result[1]
            tiers._after(_("{done} (or U here)").format(done=result[0]))

    names = visible_names(tiers.table, tiers.flt.owner_ids)
    tiers.app.push_screen(DuplicatesScreen(names), merged)


class DuplicatesScreen(DialogScreen["tuple[str, str] | None"]):
    """Dismissed with the merge's (answer, batch), or None."""

    DEFAULT_CSS = """
    DuplicatesScreen DataTable { height: auto; max-height: 30; }
    """
    BINDINGS = [
        Binding(
            "escape", "cancel", N_("Back"), id="dups.back", tooltip=N_("Back to the customer tiers")
        ),
        Binding(
            "enter",
            "merge(False)",
            N_("Merge →"),
            id="dups.merge",
            tooltip=N_("Merge the right customer into the left"),
        ),  # fmt: skip
        Binding(
            "x",
            "merge(True)",
            N_("Merge ←"),
            id="dups.merge_back",
            tooltip=N_("Merge the left customer into the right"),
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
            box.border_title = _("Likely duplicate customers")
            yield Static(_("reading…"), id="what", markup=False)
            yield PlainDataTable(id="pairs", cursor_type="row", zebra_stripes=False)
            yield Static(
                _(
                    "enter merges the right one into the left · x the left into the right · esc back"
                ),
                classes="hint",
                markup=False,
            )
            yield self.status_line()

    def on_mount(self) -> None:
        table = self.query_one("#pairs", DataTable)
        for key, heading, width in (("first", _("Customer"), 20), ("second", _("Likely the same as"), 20),
                                    ("why", _("Why"), 26)):  # fmt: skip
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
                Text(_(p.why), style="dim", no_wrap=True, overflow="ellipsis"),
                key=str(i),
            )
        n = len(self.pairs)
        self.query_one("#what", Static).update(
            Text(
                ngettext("{n} pair among {m} customers", "{n} pairs among {m} customers", n).format(
                    n=f"{n:,}", m=f"{len(self.names):,}"
                )
            )
        )
        table.focus()

    def on_data_table_row_selected(self) -> None:
        self.action_merge(False)

    def action_merge(self, back: bool) -> None:
        from salestui.screens.customers.merge import MergeScreen

        if not self.pairs:
            self.say(_("no pair to merge"), error=True)
            return
        p = self.pairs[self.query_one("#pairs", DataTable).cursor_row]
        kept, merged = (p.second, p.first) if back else (p.first, p.second)

        def done(result) -> None:
            if result is not None:
                self.dismiss(result)

        screen = MergeScreen(merged, self.names[merged], [(kept, self.names[kept])])
        self.app.push_screen(screen, done)

    def action_cancel(self) -> None:
        self.dismiss(None)
