"""Leads (key `6`): the leads a person may work, each with its first-contact clock — the time
left, or how long it is overdue, in words and marked ⚠ (readable without colour) — the open ones
first, the most urgent at the top; contact, qualify, disqualify and convert them.

The list is read by a worker (``salestui.services.lead_list``); every change goes through
``salestui.services.leads`` in a form, and the list is read again after it.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Static

from salestui.kernel.dates import local
from salestui.kernel.i18n import N_, _
from salestui.screens.common.activity_form import ActivityFormScreen
from salestui.screens.common.base import BaseScreen
from salestui.screens.common.column_table import ColumnTable
from salestui.screens.common.follow import FollowsChanges
from salestui.screens.common.footer import Footer
from salestui.screens.common.head import HeadLine
from salestui.screens.common.pages import Pages, reach
from salestui.screens.leads.bindings import LEAD_KEYS
from salestui.services.lead_list import LeadList

# column key → (heading, width); company, name and owner share what the others leave (these
# widths their least); the grade, clock and company stay when the list scrolls sideways
COLUMNS = {
    "grade": (N_("G"), 1),
    "clock": (N_("First contact"), 13),
    "company": (N_("Company"), 14),
    "name": (N_("Name"), 10),
    "status": (N_("Status"), 9),
    "owner": (N_("Owner"), 9),
    "source": (N_("Source"), 10),
    "created": (N_("Created"), 11),
}
FLEXIBLE = ("company", "name", "owner")
FIXED_COLUMNS = 3


def width(key: str) -> int:
    """The column's width in the reader's language: its own, or its heading's in cells (CJK two
    each) where that is wider (``级``, the grade, takes 2)."""
    heading, least = COLUMNS[key]
    return max(least, cell_len(_(heading)))


def cells(line, year: int | None = None) -> list:
    """``year``: this year, whose days need no year (an older lead's day shows its year)."""
    lead, clock = line.lead, line.clock
    made = local(lead.created_at, "%Y-%m-%d %H:%M")
    made = made[5:] if year is not None and made.startswith(f"{year}-") else made[:10]
    style = "bold red" if clock.overdue else ("" if clock.waiting else "dim")
    return [
        Text(lead.grade, style="bold" if lead.grade == "A" else ""),
        Text(clock.words, style=style, no_wrap=True, overflow="ellipsis"),
        Text(lead.company, no_wrap=True, overflow="ellipsis"),
        Text(lead.name, no_wrap=True, overflow="ellipsis"),
        Text(
            _(lead.status), style="" if line.is_open else "dim", no_wrap=True, overflow="ellipsis"
        ),
        Text(lead.owner or _("— nobody"), no_wrap=True, overflow="ellipsis"),
        Text(_(lead.source) if lead.source else "", no_wrap=True, overflow="ellipsis"),
        Text(made),
    ]


def story_text(lines: LeadList, closed: bool) -> Text:
    """How many open, how many overdue and still waiting (``reading…`` after it while the worker
    reads: ``HeadLine``)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(_("Leads · {n} open").format(n=f"{lines.open:,}"), "bold")
    overdue, waiting = lines.overdue, lines.waiting
    text.append(
        " · ⚠ " + _("{n} overdue").format(n=f"{overdue:,}"), style="bold red" if overdue else ""
    )
    text.append(" · " + _("{n} not contacted yet").format(n=f"{waiting:,}"))
    if closed:
        shown = len(lines) - lines.open
        text.append(" · " + _("{n} closed shown").format(n=f"{shown:,}"), style="dim")
    return text


class LeadsScreen(FollowsChanges, BaseScreen):
    """Every key is in ``BINDINGS`` and shown by ``?``."""

    # the workers that read its figures (the head line says `reading…` while they run)
    READS = frozenset({"leads-load"})

    CSS_PATH = "screen.tcss"
    BINDINGS = LEAD_KEYS
    TITLE = N_("Leads")

    class Loaded(Message):
        def __init__(self, lines: LeadList) -> None:
            super().__init__()
            self.lines = lines

    class Fetched(Message):
        def __init__(self, lines: LeadList, changed: bool) -> None:
            super().__init__()
            self.lines, self.changed = lines, changed

    def __init__(self) -> None:
        super().__init__()
        self.lines = LeadList.empty()
        self.pages = Pages()  # ``lines`` drawn a page at a time
        self.closed = False  # the converted and disqualified shown too
        self._keep: int | None = None
        self._cursor: int | None = None  # the row to put the cursor on once it is drawn
        self._notice: str | None = None

    def compose(self) -> ComposeResult:
        yield HeadLine(story_text(self.lines, False), id="story")
        yield ColumnTable(
            id="list",
            cursor_type="row",
            zebra_stripes=False,
            fixed_columns=FIXED_COLUMNS,
            fixed={k: width(k) for k in COLUMNS if k not in FLEXIBLE},
            flexible={k: width(k) for k in FLEXIBLE},
        )
        yield self.status_line()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#list", ColumnTable)
        for key, (heading, _least) in COLUMNS.items():
            table.add_column(_(heading), width=width(key), key=key)
        table.fit()
        self.load()
        self.follow_changes()

    # ---- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        self.query_one("#story", Static).update(story_text(self.lines, self.closed))
        self._load(self.closed, self._keep if self._keep is not None else self.selected_id())

    @work(thread=True, exclusive=True, group="leads-load", exit_on_error=False)
    def _load(self, closed: bool, keep: int | None) -> None:
        """The list in order, and the whole rows of its first page (on through ``keep``'s)."""
        self.remember_version()
        from salestui.services.lead_list import visible_leads

        ctx = self.ctx  # the stdlib driver on a SQLite file: Core's rows cost a third more here
        lines = ctx.read_light(visible_leads, ctx.user, ctx.now(), closed=closed, fetch=0)
        end = reach(0, len(lines), (lines.index_of(keep) or 0) + 1)
        gone = ctx.read_light(lines.fetch, 0, end)
        self.post_message(self.Loaded(lines.without(gone) if gone else lines))

    @work(thread=True, group="leads-page", exit_on_error=False)
    def _fetch(self, lines: LeadList, start: int, end: int) -> None:
        gone = self.ctx.read_light(lines.fetch, start, end)
        self.post_message(self.Fetched(lines, bool(gone)))

    def on_leads_screen_fetched(self, event: Fetched) -> None:
        if event.lines is not self.lines:  # a list read before a reload
            return
        if event.changed:  # leads gone since the list was read: read it again
            self.load()
        else:
            self._draw()

    def on_leads_screen_loaded(self, event: Loaded) -> None:
        keep = self._keep if self._keep is not None else self.selected_id()
        self._keep = None
        self.lines = event.lines
        table = self.query_one("#list", DataTable)
        table.clear()
        target = self.lines.index_of(keep) or 0
        self._cursor = target or None
        self.pages.start(len(self.lines), self._add_rows, until=target + 1)
        self.query_one("#story", Static).update(story_text(self.lines, self.closed))
        if self._notice is not None:
            self.say_answer(self._notice)
            self._notice = None
        elif not self.lines:
            self.say(_("no open leads — a shows the closed ones too"))
        else:
            self.describe()

    def _add_rows(self, start: int, end: int) -> None:
        """``Pages``' drawer: the rows whose leads were read, else read them first."""
        if self.lines.fetched(start, end):
            self._draw()
        else:
            self._fetch(self.lines, start, end)

    def _draw(self) -> None:
        """Draw the list's rows after the table's last, as far as they are read and asked for
        (``pages.shown``); the cursor goes where a reload left it once its row is drawn."""
        table = self.query_one("#list", DataTable)
        year = int(local(self.ctx.now(), "%Y"))
        start = end = table.row_count
        while end < self.pages.shown and self.lines.fetched(end, end + 1):
            end += 1
        for line in self.lines[start:end]:
            table.add_row(*cells(line, year), key=str(line.lead.id))
        if self._cursor is not None and self._cursor < table.row_count:
            table.move_cursor(row=self._cursor, scroll=True)
            self._cursor = None

    # ---- the lead under the cursor ----------------------------------------------------------
    def selected_id(self) -> int | None:
        table = self.query_one("#list", DataTable)
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def selected(self):
        lead_id = self.selected_id()
        row = self.query_one("#list", DataTable).cursor_row
        if 0 <= row < len(self.lines) and self.lines[row].lead.id == lead_id:
            return self.lines[row].lead  # the table's rows are the list's, in its order
        at = self.lines.index_of(lead_id)
        return None if at is None else self.lines[at].lead

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.pages.follow(event.cursor_row)
        self.describe()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_deal()  # the table takes enter before the screen's binding

    def describe(self) -> None:
        """The highlighted lead's way to reach them, or what became of it."""
        lead = self.selected()
        if lead is None:
            return
        parts = [lead.company, lead.name, lead.email, lead.phone]  # the columns crop them
        if lead.status in ("qualified", "disqualified") and lead.status_reason:
            parts.append(f"{_(lead.status)}: {lead.status_reason}")
        if lead.deal_id is not None:
            parts.append(_("deal #{id} (enter)").format(id=lead.deal_id))
        self.say(Text(" · ".join(p for p in parts if p), no_wrap=True, overflow="ellipsis"))

    def _lead_or_say(self):
        lead = self.selected()
        if lead is None:
            self.say(_("no lead here"), error=True)
        return lead

    # ---- actions ----------------------------------------------------------------------------
    def action_reload(self) -> None:
        self.load()

    def action_columns(self, step: int) -> None:
        self.query_one("#list", ColumnTable).scroll_columns(step)

    def action_rows(self, step: int) -> None:
        table = self.query_one("#list", ColumnTable)
        table.action_cursor_down() if step > 0 else table.action_cursor_up()

    def action_toggle_closed(self) -> None:
        self.closed = not self.closed
        self.load()

    def action_contact(self) -> None:
        if (lead := self._lead_or_say()) is not None:
            form = ActivityFormScreen(lead_id=lead.id, label=lead.name)
            self.app.push_screen(form, self._after)

    def action_qualify(self) -> None:
        from salestui.screens.leads.forms import ReasonFormScreen

        if (lead := self._lead_or_say()) is not None:
            self.app.push_screen(ReasonFormScreen(lead.id, lead.name, "qualify"), self._after)

    def action_disqualify(self) -> None:
        from salestui.screens.leads.forms import ReasonFormScreen

        if (lead := self._lead_or_say()) is not None:
            self.app.push_screen(ReasonFormScreen(lead.id, lead.name, "disqualify"), self._after)

    def action_convert(self) -> None:
        from salestui.screens.leads.convert_form import ConvertFormScreen

        if (lead := self._lead_or_say()) is None:
            return
        if lead.status == "converted":
            self.say(
                _("{name} is converted already: enter opens its deal").format(name=lead.name),
                error=True,
            )
            return
        self.app.push_screen(ConvertFormScreen(lead), self._after)

    def action_open_deal(self) -> None:
        if (lead := self._lead_or_say()) is None:
            return
        if lead.deal_id is None:
            self.say(
                _("{name} is not converted yet: V converts it").format(name=lead.name),
                error=True,
            )
            return
        self.app.show_deal(lead.deal_id)  # type: ignore[attr-defined]

    def action_open_customer(self) -> None:
        if (lead := self._lead_or_say()) is None:
            return
        if lead.customer_id is None:
            self.say(
                _("{name} is not converted yet: V converts it").format(name=lead.name),
                error=True,
            )
            return
        self.app.jump_to("customer", lead.customer_id, lead.company or lead.name)  # type: ignore[attr-defined]

    def _after(self, message: str | None) -> None:
        if message:
            self._keep = self.selected_id()
            self._notice = message
            self.say(message)
            self.load()
