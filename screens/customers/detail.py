"""`enter` on a customer: health and why, three years of orders, open deals, invoices,
complaints, NPS and what to sell next — figures from ``salestui.customers.load``."""

from __future__ import annotations

from types import SimpleNamespace

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from salestui.db.queries.moments import aware
from salestui.kernel.dates import local
from salestui.kernel.domain import COMPLAINT_RESPONSE_HOURS
from salestui.kernel.errors import DomainError
from salestui.kernel.format import number, percent
from salestui.kernel.i18n import N_, _, ngettext
from salestui.kernel.money import format_amount, format_compact
from salestui.screens.common.activity_form import ActivityFormScreen
from salestui.screens.common.base import BaseScreen
from salestui.screens.common.footer import Footer
from salestui.screens.common.head import HeadLine
from salestui.screens.common.log_key import log_binding
from salestui.screens.common.plain import PlainTable
from salestui.screens.customers.contact_form import (
    ContactFormScreen,
    ContactRemoveScreen,
    contact_lines,
)

PART_NAMES = {
    "frequency": N_("Transaction frequency"),
    "need": N_("Need iteration"),
    "satisfaction": N_("Service satisfaction"),
    "competition": N_("Competitor exposure"),
}
DEALS_SHOWN, INVOICES_SHOWN, COMPLAINTS_SHOWN = 8, 10, 8
INVOICE_STATUS = {
    "paid": N_("paid"),
    "open": N_("not due yet"),
    "overdue": N_("overdue"),
    "credit": N_("credit note"),
}


def _section(title: str) -> Text:
    return Text(title, style="bold underline")


def _line(text: str, style: str = "") -> Text:
    """A line of the detail: wrapped at the edge, a long name folded, never cut."""
    return Text(text, style=style, overflow="fold")


def _more(out: Table, shown: int, total: int) -> None:
    """What a cut list leaves out, said."""
    if total > shown:
        n = total - shown
        out.add_row(
            Text("  " + ngettext("and {n} more", "and {n} more", n).format(n=n), style="dim")
        )


def overdue_first(invoices: list) -> list:
    """The overdue invoices first (the warning names them), then the rest as read, newest first."""
    return [x for x in invoices if x.status == "overdue"] + [
        x for x in invoices if x.status != "overdue"
    ]


class CustomerDetailScreen(BaseScreen[str | None]):
    """Dismissed with what was changed here (an item made, a new owner), for the list to say."""

    # the workers that read its figures (the head line says `reading…` while they run)
    READS = frozenset({"customer-load"})

    CSS_PATH = "detail.tcss"
    FAILED = N_("could not load")
    TITLE = N_("Customer")
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="customer.back", tooltip=N_("Back to the list")),
        Binding(
            "a",
            "action_item",
            N_("Item"),
            id="customer.item",
            tooltip=N_("Turn one of the warnings into an action item"),
        ),
        log_binding("customer", "the customer"),
        Binding(
            "R",
            "reassign",
            N_("Reassign"),
            id="customer.reassign",
            tooltip=N_("Give the customer to another owner (managers)"),
        ),
        Binding(
            "e",
            "edit",
            N_("Edit"),
            id="customer.edit",
            tooltip=N_("Change the customer's name, industry, region, channel, size"),
        ),
        Binding("c", "contact", N_("Contact"), id="customer.contact", tooltip=N_("Add a contact")),
        Binding(
            "C",
            "contact(True)",
            N_("Change"),
            id="customer.contact_edit",
            tooltip=N_("Change a contact"),
        ),
        Binding(
            "X",
            "remove_contact",
            N_("Remove contact"),
            show=False,
            id="customer.contact_remove",
            tooltip=N_("Remove a contact (its deal links go too)"),
        ),
        Binding("down,j", "scroll(1)", "↓", show=False, id="customer.down", tooltip=N_("Scroll")),
        Binding("up,k", "scroll(-1)", "↑", show=False, id="customer.up", tooltip=N_("Scroll")),
    ]

    class Loaded(Message):
        """One customer's detail (``salestui.customers.load.DetailData``)."""

        def __init__(self, data) -> None:
            super().__init__()
            self.data = data

    def __init__(self, customer_id: int, table, rules) -> None:
        super().__init__()
        self.customer_id, self.table, self.rules = customer_id, table, rules
        self.changed: str | None = None  # the last change made from here
        self.contacts: list = []  # as last loaded
        self.data = None  # the detail as last loaded
        self._notice: str | None = None  # said once the reload it waits for has been drawn

    def compose(self) -> ComposeResult:
        from salestui.screens.customers.chart import MonthlyOrdersChart

        yield HeadLine("", id="head")
        with VerticalScroll(id="body"):
            yield Static("", id="health", markup=False)
            yield MonthlyOrdersChart(id="chart")
            yield Static("", id="sections", markup=False)
        yield self.status_line()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="customer-load", exit_on_error=False)
    def _load(self) -> None:
        from salestui.customers.load import load_detail
        from salestui.db.queries.contacts import customer_contacts

        data = load_detail(self.ctx, self.customer_id, self.table, self.rules)
        if data is None:
            raise DomainError(_("this customer no longer exists"))
        self.contacts = self.ctx.read(customer_contacts, self.customer_id)
        self.post_message(self.Loaded(data))

    def on_customer_detail_screen_loaded(self, event: Loaded) -> None:
        data = self.data = event.data
        d, row = data.detail, data.row
        head = Text(overflow="fold")  # a long name wraps whole, never cut
        head.append(d.name, style="bold")
        head.append(f" · {_(str(row['tier']))} · ")
        head.append(_("class {abc}").format(abc=row["abc"]))
        head.append(f" · {_(str(row['segment']))} · {_(str(row['lifecycle']))}")
        head.append(f" · {d.owner} · {d.region}")
        self.query_one("#head", Static).update(head)
        self.query_one("#health", Static).update(self._health(data))
        chart = self.query_one("#chart")
        chart.show(data.months, data.behaviour_from, str(row["behaviour_change"]))
        self.query_one("#sections", Static).update(self._sections(data))
        warnings = ", ".join(w.label for w in data.warnings) or _("no warnings")
        if self._notice is not None:  # what was just changed here, until the next reload
            self.say(self._notice)
            self._notice = None
            return
        self.say(
            Text(f"⚠ {warnings}" if data.warnings else warnings, no_wrap=True, overflow="ellipsis")
        )

    def _health(self, data) -> Table:
        row = data.row
        grid = PlainTable.grid(padding=(0, 1))
        grid.add_column(width=22)
        grid.add_column(width=5, justify="right")
        grid.add_column(ratio=1)
        style = "bold red" if row["health_warning"] else "bold green"
        mark = " ⚠" if row["health_warning"] else ""
        score = Text(f"{int(row['health'])}{mark}", style=style)
        grid.add_row(Text(_("Health"), style=style), score, "")
        for part, label in PART_NAMES.items():
            grid.add_row(_(label), f"{int(row[part])}/25", Text(data.reasons[part], style="dim"))
        if row["churn_reason"]:
            grid.add_row(Text(_("Churn warning"), style="yellow"), "", str(row["churn_reason"]))
        if row["behaviour_change"]:
            change = str(row["behaviour_change"])
            grid.add_row(Text(_("Behaviour change"), style="yellow"), "", change)
        return grid

    def _sections(self, data) -> Table:
        d = data.detail
        out = PlainTable.grid()
        out.add_column()
        n = len(self.contacts)
        out.add_row(
            _section(_("Contacts ({n}) · c adds one, C changes one, X removes one").format(n=n))
        )
        for line in contact_lines(self.contacts) or [Text("  " + _("none yet"), style="dim")]:
            out.add_row(line)
        out.add_row(_section(_("Open deals ({n})").format(n=len(d.deals))))
        for _id, title, stage, amount, close, owner in d.deals[:DEALS_SHOWN]:
            amount = format_amount(int(amount))
            out.add_row(_line(f"  {title} · {_(stage)} · {amount} · {close} · {owner}"))
        _more(out, DEALS_SHOWN, len(d.deals))
        out.add_row(_section(_("Activities, newest first · L logs one")))
        for a in d.activities:
            on = " · " + _("on “{deal}”").format(deal=a.deal) if a.deal else ""
            said = " — ".join(x for x in (a.outcome, a.note) if x)
            when = local(aware(a.occurred_at))
            out.add_row(
                _line(f"  {when} {_(a.kind)} · {a.person}{on}" + (f" · {said}" if said else ""))
            )
        if not d.activities:
            out.add_row(Text("  " + _("none logged"), style="dim"))
        overdue = [x for x in data.invoices if x.status == "overdue"]
        out.add_row(
            _section(
                _(
                    "Invoices · collected {share} of those due in 12 months · {n} overdue {amount}"
                ).format(
                    share=percent(data.collection_rate),
                    n=len(overdue),
                    amount=format_compact(sum(x.open_minor for x in overdue)),
                )
            )
        )
        for x in overdue_first(data.invoices)[:INVOICES_SHOWN]:
            late = (
                " · "
                + ngettext("{n} day overdue", "{n} days overdue", x.days_overdue).format(
                    n=x.days_overdue
                )
                if x.status == "overdue"
                else ""
            )
            words = _("#{id} {ordered} due {due} {amount} open {open} · {status}").format(
                id=x.id,
                ordered=x.order_date,
                due=x.due_date,
                amount=format_amount(x.amount_minor),
                open=format_amount(x.open_minor),
                status=_(INVOICE_STATUS.get(x.status, x.status)),
            )
            out.add_row(_line(f"  {words}{late}", "red" if x.status == "overdue" else ""))
        _more(out, INVOICES_SHOWN, len(data.invoices))
        out.add_row(
            _section(
                _("Complaints ({n}) · first response ≤ {hours} h").format(
                    n=len(data.complaints), hours=COMPLAINT_RESPONSE_HOURS
                )
            )
        )
        for c in data.complaints[:COMPLAINTS_SHOWN]:
            answer = (
                _("unanswered") if c.response_hours is None else number(c.response_hours, unit=" h")
            )
            mark = "✗ " + _("late") if c.late else "✓"
            done = _("resolved") if c.resolved else _("unresolved")
            opened = local(c.opened_at, "%Y-%m-%d")
            out.add_row(
                _line(
                    f"  {opened} {_(c.severity)} {_(c.category)} · {answer} "
                    f"{mark} · {done} · {c.summary}",
                    "red" if c.late and not c.resolved else "",
                )
            )
        _more(out, COMPLAINTS_SHOWN, len(data.complaints))
        score = number(data.nps, signed=True)
        answers = ", ".join(f"{s} ({day})" for day, s in d.nps[:6])
        out.add_row(
            _section(
                ngettext(
                    "NPS {score} · {n} answer in 12 months",
                    "NPS {score} · {n} answers in 12 months",
                    data.nps_answers,
                ).format(score=score, n=data.nps_answers)
            )
        )
        out.add_row(
            "  " + (_("latest: {answers}").format(answers=answers) if answers else _("no answers"))
        )
        out.add_row(_section(_("Cross-sell · {n} similar customers").format(n=data.similar)))
        for x in data.cross_sell:
            out.add_row(_line(f"  {x.product} ({x.product_line or '–'}) · {x.evidence}"))
        if not data.cross_sell:
            out.add_row("  " + _("nothing similar customers buy that this one lacks"))
        return out

    def action_back(self) -> None:
        self.dismiss(self.changed)

    def action_scroll(self, step: int) -> None:
        body = self.query_one("#body", VerticalScroll)
        body.scroll_relative(y=step * 3, animate=False)

    def action_action_item(self) -> None:
        from salestui.screens.customers.forms import WarningItemScreen

        self.app.push_screen(
            WarningItemScreen(self.customer_id, self.table, self.rules), self._after
        )

    def action_contact(self, change: bool = False) -> None:
        if change and not self.contacts:
            self.say(_("no contacts to change yet: c adds one"))
            return
        name = str(self.table.loc[self.customer_id]["name"])
        form = ContactFormScreen(self.customer_id, name, self.contacts if change else None)
        self.app.push_screen(form, self._after)

    def action_remove_contact(self) -> None:
        if not self.contacts:
            self.say(_("no contacts to remove"))
            return
        name = str(self.table.loc[self.customer_id]["name"])
        self.app.push_screen(ContactRemoveScreen(name, self.contacts), self._after)

    def action_log(self) -> None:
        name = str(self.table.loc[self.customer_id]["name"])
        form = ActivityFormScreen(customer_id=self.customer_id, label=name)
        self.app.push_screen(form, self._after)

    def action_reassign(self) -> None:
        from salestui.screens.customers.forms import ReassignScreen

        d = self.data.detail if self.data is not None else None
        if d is None:  # not read yet: the list's row
            row = self.table.loc[self.customer_id]
            d = SimpleNamespace(name=row["name"], version=row["version"], owner=row["owner"])
        # the version read last here: a change made on this screen (e) moved it on
        screen = ReassignScreen(self.customer_id, str(d.name), int(d.version), str(d.owner))
        self.app.push_screen(screen, self._after)

    def action_edit(self) -> None:
        from salestui.screens.customers.customer_form import CustomerFormScreen

        self.app.push_screen(CustomerFormScreen(self.customer_id), self._after)

    def _after(self, message: str | None) -> None:
        if message:
            self.changed = self._notice = message
            self.say(message)
            self._load()
