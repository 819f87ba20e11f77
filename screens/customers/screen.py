"""Customer tiers (key `2`): which customers matter, which are slipping, what to do about them.

The figures come from a worker (the whole-company table, cached per data version); the list is
sorted and filtered in memory and shows one page of rows at a time, more as the cursor nears the
end.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import var
from textual.widgets import DataTable, Static

from salestui.kernel.i18n import N_, _
from salestui.screens.common.activity_form import ActivityFormScreen
from salestui.screens.common.base import BaseScreen
from salestui.screens.common.column_table import ColumnTable
from salestui.screens.common.follow import FollowsChanges
from salestui.screens.common.footer import Footer
from salestui.screens.common.head import HeadLine
from salestui.screens.common.pages import Pages
from salestui.screens.customers.bindings import CUSTOMER_KEYS
from salestui.screens.customers.columns import (
    COLUMNS,
    cells,
    fixed_widths,
    heading,
    least_widths,
    width,
)
from salestui.screens.customers.duplicates import open_duplicates, visible_names
from salestui.screens.customers.lines import filter_words, sort_words, story_text, tiers_text

if TYPE_CHECKING:
    from salestui.customers.table import TableFilter


class CustomersScreen(FollowsChanges, BaseScreen):
    """Every key is in ``BINDINGS`` and shown by ``?``."""

    # the workers that read its figures (the head line says `reading…` while they run)
    READS = frozenset({"customers-load"})

    CSS_PATH = "screen.tcss"
    BINDINGS = CUSTOMER_KEYS
    TITLE = N_("Customer tiers")

    class Loaded(Message):
        """Every customer's figures: the tiers first (health and the rest still NaN), then all."""

        def __init__(self, table, viewer, rules) -> None:
            super().__init__()
            self.table, self.viewer, self.rules = table, viewer, rules

    flt: var[TableFilter | None] = var(None, init=False)
    """What the list shows (set in ``__init__``: the filter's module brings pandas)."""
    sort_column: var[str] = var("revenue_12m")
    """The column the list is sorted by, a key of ``COLUMNS``."""
    descending: var[bool] = var(True)
    """Largest (or last in the alphabet) first."""

    def __init__(self) -> None:
        from salestui.customers.table import TableFilter

        super().__init__()
        self.table = None  # every customer's figures
        self.rows = None  # what the list shows, filtered and sorted
        self.viewer = None
        self.rules = None
        self.flt = TableFilter()
        self.pages = Pages()  # ``rows`` drawn a page at a time
        self._keep: int | None = None
        self.last_merge: str | None = None  # the batch of the merge made here last (U undoes)
        self._notice: str | None = None  # said once the reload it waits for has been drawn
        self._row = 0  # the cursor's row as last said in the status line

    def compose(self) -> ComposeResult:
        yield HeadLine(_("Customer tiers"), id="story")
        yield Static("", id="tiers", markup=False)
        yield ColumnTable(
            id="list",
            cursor_type="row",
            zebra_stripes=False,
            fixed=fixed_widths(self.sort_column),
            flexible=least_widths(self.sort_column),
        )
        yield self.status_line()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#list", ColumnTable)
        for key in COLUMNS:
            label = heading(key, self.sort_column, self.descending)
            table.add_column(label, width=width(key, self.sort_column), key=key)
        table.fit()
        # after the first frame: the worker's imports (pandas) would hold the GIL against it
        self.call_after_refresh(self.load)
        self.follow_changes()

    # ---- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="customers-load", exit_on_error=False)
    def _load(self) -> None:
        self.remember_version()
        from salestui.board.load import load_viewer
        from salestui.customers.load import customer_rules, load_tables

        viewer = load_viewer(self.ctx)  # the org now: whose customers this person may see
        rules = customer_rules(self.ctx)
        for table in load_tables(self.ctx, rules):  # the tiers first, then every figure
            self.post_message(self.Loaded(table, viewer, rules))

    def on_customers_screen_loaded(self, event: Loaded) -> None:
        from salestui.customers.load import owners_now, visible_owner_ids
        from salestui.customers.table import is_partial

        if is_partial(event.table) and self.table is not None and not self.partial:
            return  # a reload: the figures on screen stay until the new ones are all in
        before = None if self.viewer is None else visible_owner_ids(self.viewer)
        self.table, self.viewer, self.rules = event.table, event.viewer, event.rules
        self.reads_changed()  # tiers only: some figures are still to come
        self.flt = replace(self.flt, owner_ids=owners_now(self.flt.owner_ids, before, self.viewer))
        self.refill(reload=True)

    # ---- drawing ----------------------------------------------------------------------------
    def refill(self, *, reload: bool = False) -> None:
        """Filter and sort in memory, then show the first page (keeping the cursor's customer).
        ``reload``: read again after a change — a list whose rows all came back the same stays
        as drawn (twenty people's changes each read the tiers again: the team load)."""
        from salestui.customers.table import filter_table, sort_table

        if self.table is None:
            return
        rows = sort_table(filter_table(self.table, self.flt), self.sort_column, self.descending)
        if reload and self._keep is None and self.rows is not None and rows.equals(self.rows):
            self.show_story()
            return
        keep = self._keep if self._keep is not None else self.selected_id()
        self._keep = None
        self.rows = rows
        table = self.query_one("#list", DataTable)
        table.clear()
        target = 0
        if keep is not None and keep in self.rows.index:
            target = int(self.rows.index.get_loc(keep))
        self.pages.start(len(self.rows), self._add_rows, until=target + 1)
        self._row = target
        if self.rows is not None and len(self.rows):
            table.move_cursor(row=target, scroll=True)
        self.show_sorted()
        self.show_story()

    def show_sorted(self) -> None:
        """▼ / ▲ on the sorted column's heading (the column one wider where the heading fills it),
        and that column on screen."""
        table = self.query_one("#list", ColumnTable)
        for key in COLUMNS:
            table.columns[key].label = heading(key, self.sort_column, self.descending)
        table.fixed = fixed_widths(self.sort_column)
        table.flexible = least_widths(self.sort_column)
        table.fit()
        table.refresh()
        table.call_after_refresh(table.show_column, self.sort_column)

    def _add_rows(self, start: int, end: int) -> None:
        table = self.query_one("#list", DataTable)
        for cid, row in self.rows.iloc[start:end].iterrows():
            table.add_row(*cells(row), key=str(cid))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.pages.follow(event.cursor_row)
        if event.cursor_row != self._row and not self.partial and self.rows is not None:
            self.say(self.status_words())  # a move, not the reload that keeps its notice
        self._row = event.cursor_row

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def show_story(self) -> None:
        from salestui.customers.table import tier_summary

        visible = (
            self.table
            if self.flt.owner_ids is None
            else self.table[self.table["owner_id"].isin(list(self.flt.owner_ids))]
        )
        s = tier_summary(visible)
        self.query_one("#story", Static).update(story_text(s, self.partial))
        self.query_one("#tiers", Static).update(tiers_text(s, self.partial, self.filter_words()))
        if self._notice is not None:
            self.say_answer(self._notice)
            self._notice = None
        else:
            self.say(
                _("health, churn, overdue and pipeline are still being read")
                if self.partial
                else self.status_words()
            )

    def still_reading(self) -> bool:  # while the worker runs, and while only the tiers are in
        return super().still_reading() or self.partial

    @property
    def partial(self) -> bool:
        """Only the tiers are in; health, churn, overdue and pipeline are still being read."""
        from salestui.customers.table import is_partial

        return self.table is not None and is_partial(self.table)

    def filter_words(self) -> str:
        return filter_words(self.flt, self.rows, self.rules, self.viewer)

    def sort_words(self) -> str:
        return sort_words(self.sort_column, self.descending)

    def status_words(self) -> Text:
        """The selected customer's whole name (the column crops it), the warning filters in
        force (w, c: the list is shorter than it looks), then the sort."""
        text = Text()
        cid = self.selected_id()
        if cid is not None and self.rows is not None and cid in self.rows.index:
            text.append(str(self.rows.loc[cid]["name"]), style="bold")
            text.append(" · ")
        if self.flt.health_below:
            text.append(_("only health warnings (w)"), style="yellow")
            text.append(" · ")
        if self.flt.churn:
            text.append(_("only churn warnings (c)"), style="yellow")
            text.append(" · ")
        text.append(self.sort_words())
        return text

    def say(self, message: str | Text, error: bool = False) -> None:
        """One line, cut with an ellipsis where it is longer than the screen is wide."""
        text = message.copy() if isinstance(message, Text) else Text(message)
        text.no_wrap, text.overflow = True, "ellipsis"
        super().say(text, error)

    def selected_id(self) -> int | None:
        table = self.query_one("#list", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value)

    # ---- actions ----------------------------------------------------------------------------
    def action_columns(self, step: int) -> None:
        self.query_one("#list", ColumnTable).scroll_columns(step)

    def action_rows(self, step: int) -> None:
        table = self.query_one("#list", ColumnTable)
        table.action_cursor_down() if step > 0 else table.action_cursor_up()

    def action_sort(self, step: int) -> None:
        names = list(COLUMNS)
        self.sort_column = names[(names.index(self.sort_column) + step) % len(names)]
        text_like = self.sort_column in ("name", "owner", "region", "segment", "abc", "tier")
        self.descending = not text_like and self.sort_column != "lifecycle"
        self.refill()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.refill()

    def action_toggle(self, what: str) -> None:
        self.flt = replace(self.flt, **{what: not getattr(self.flt, what)})
        self.refill()

    def action_reload(self) -> None:
        self.load()

    def action_filter(self) -> None:
        from salestui.screens.customers.forms import CustomerFilterScreen

        if self.viewer is None:
            return

        def chosen(flt) -> None:
            if flt is not None:
                self.flt = flt
                self.refill()

        self.app.push_screen(
            CustomerFilterScreen(self.flt, self.viewer, self.rules.health_warning_below), chosen
        )

    def _selected_or_say(self) -> int | None:
        cid = self.selected_id()
        if cid is None:
            self.say(_("no customer here — clear the filter with /"), error=True)
        return cid

    def _complete_or_say(self) -> int | None:
        """The selected customer, once every figure is in (the detail and the warnings need
        health, churn and invoices)."""
        if self.partial:
            self.say(_("health and invoice figures are still being read — a moment"), error=True)
            return None
        return self._selected_or_say()

    def action_open(self) -> None:
        from salestui.screens.customers.detail import CustomerDetailScreen

        cid = self._complete_or_say()
        if cid is not None and self.table is not None:
            self.app.push_screen(CustomerDetailScreen(cid, self.table, self.rules), self._after)

    def action_action_item(self) -> None:
        from salestui.screens.customers.forms import WarningItemScreen

        cid = self._complete_or_say()
        if cid is not None and self.table is not None:
            self.app.push_screen(WarningItemScreen(cid, self.table, self.rules), self._after)

    def action_log(self) -> None:
        if (cid := self._selected_or_say()) is not None and self.table is not None:
            form = ActivityFormScreen(customer_id=cid, label=str(self.table.loc[cid]["name"]))
            self.app.push_screen(form, self._after)

    def action_new(self) -> None:
        from salestui.screens.customers.customer_form import CustomerFormScreen

        self.app.push_screen(CustomerFormScreen(), self._after)

    def action_edit(self) -> None:
        from salestui.screens.customers.customer_form import CustomerFormScreen

        cid = self._selected_or_say()
        if cid is not None:
            self.app.push_screen(CustomerFormScreen(cid), self._after)

    def action_duplicates(self) -> None:
        open_duplicates(self)

    def action_merge(self) -> None:
        from salestui.screens.customers.merge import MergeScreen

        cid = self._selected_or_say()
        if cid is None or self.table is None:
            return
        others = visible_names(self.table, self.flt.owner_ids)
        name = str(self.table.loc[cid]["name"])

        def merged(result: tuple[str, str] | None) -> None:
            if result:
                self.last_merge = result[1]
                self._after(_("{done} (or U here)").format(done=result[0]))

        self.app.push_screen(MergeScreen(cid, name, others), merged)

    def action_undo_merge(self) -> None:
        if not self.last_merge:
            self.say(
                _("no merge made here to undo (salestui customer merge --undo BATCH)"),
                error=True,
            )
            return
        self._undo_merge(self.last_merge)

    @work(thread=True, exclusive=True, exit_on_error=False, group="undo-merge")
    def _undo_merge(self, batch: str) -> None:
        from salestui.services.customer_merge import undo_merge

        ctx = self.ctx
        self.post_message(self.Undone(ctx.write(undo_merge, ctx.user, batch, ctx.now()).message))

    class Undone(Message):
        """A merge made here was taken back (a refusal is the worker's error, said as such)."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def on_customers_screen_undone(self, event: Undone) -> None:
        self.last_merge = None
        self._after(event.message)

    def action_reassign(self) -> None:
        from salestui.screens.customers.forms import ReassignScreen

        cid = self._selected_or_say()
        if cid is not None and self.table is not None:
            row = self.table.loc[cid]
            screen = ReassignScreen(cid, str(row["name"]), int(row["version"]), str(row["owner"]))
            self.app.push_screen(screen, self._after)

    def _after(self, message: str | None) -> None:
        if message:
            self._keep = self.selected_id()
            self._notice = message
            self.say(message)
            self.load()
