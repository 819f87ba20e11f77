"""One deal's detail: its fields, why it is stalled, approvals, products, stage history,
contacts and activities, with the keys that change them from here."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from salestui.db.queries.board import DealCard
from salestui.kernel.dates import local
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_amount
from salestui.screens.board.category import DetailCategoryKey
from salestui.screens.board.deal_contacts import DealContactScreen, contacts_part, read_contacts
from salestui.screens.board.deal_lines import products_part
from salestui.screens.common.activity_form import ActivityFormScreen
from salestui.screens.common.form import DialogScreen
from salestui.screens.common.log_key import log_binding
from salestui.screens.common.plain import PlainTable

# stored approval words, shown with ``_(word)``
APPROVAL_WORDS = (
    N_("pending"), N_("approved"), N_("rejected"),
    N_("director"), N_("finance"), N_("legal"), N_("vp"),
)  # fmt: skip


class DealDetailScreen(DetailCategoryKey, DialogScreen[None]):
    """Everything about one deal: fields, why it is stalled, approvals, stage history, activities."""

    TITLE = N_("Deal")
    BINDINGS = [
        Binding(
            "escape,enter,q",
            "dismiss",
            N_("Close"),
            id="detail.close",
            tooltip=N_("Back to the board"),
        ),
        log_binding("detail", "the deal"),
        Binding(
            "f", "category", N_("Category"), id="detail.category", tooltip=N_("Forecast category")
        ),
        Binding(
            "c", "contacts", N_("Contacts"), id="detail.contacts", tooltip=N_("Link a contact")
        ),
        Binding(
            "p",
            "products",
            N_("Products"),
            id="detail.products",
            tooltip=N_("The deal's products: add, change, remove a line"),
        ),
    ]

    class Loaded(Message):
        """The deal as it is now, ``reasons`` why it is stalled (none: it is not)."""

        def __init__(self, detail, card: DealCard, reasons: list[str]) -> None:
            super().__init__()
            self.detail, self.card, self.reasons = detail, card, reasons

    def __init__(self, deal_id: int) -> None:
        super().__init__()
        self.deal_id = deal_id
        self.deal_title = ""  # once loaded
        self.logged: str | None = None  # what logging an activity here said
        self.contacts: tuple[list, list] = ([], [])  # linked, the customer's: once loaded

    def action_log(self) -> None:
        def after(message: str | None) -> None:
            if message:
                self.logged = message
                self._load()

        self.app.push_screen(ActivityFormScreen(deal_id=self.deal_id, label=self.deal_title), after)

    def action_contacts(self) -> None:
        def after(message: str | None) -> None:
            if message:
                self.logged = message
                self._load()

        form = DealContactScreen(self.deal_id, self.deal_title, *self.contacts)
        self.app.push_screen(form, after)

    def action_products(self) -> None:
        from salestui.screens.board.deal_lines import DealLinesScreen

        self.app.push_screen(DealLinesScreen(self.deal_id), lambda saved: saved and self._load())

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(_("reading…"), id="detail", markup=False)

    def on_mount(self) -> None:
        self._load()

    def say(self, message, error: bool = False) -> None:
        """A detail speaks in place of the detail it could not show."""
        self.query_one("#detail", Static).update(message)

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        from salestui.board.load import load_viewer, why_stalled
        from salestui.db.queries.board import with_credit_risk
        from salestui.db.queries.deals import deal_detail

        ctx = self.ctx
        detail = ctx.read(deal_detail, self.deal_id)
        if detail is None:
            raise DomainError(_("This deal no longer exists."))
        card = ctx.read(lambda s: with_credit_risk(s, [detail.card], ctx.now().date())[0])
        viewer = load_viewer(ctx)
        reasons = why_stalled(card, ctx.now(), viewer.rules)
        self.category_seen = (card, viewer.forecast)
        self.contacts = read_contacts(ctx, self.deal_id, card.customer_id)
        from salestui.services.deal_lines import deal_lines

        self.product_lines = ctx.read(deal_lines, self.deal_id)
        self.post_message(self.Loaded(detail, card, reasons))

    def on_deal_detail_screen_loaded(self, event: Loaded) -> None:
        detail, card, reasons = event.detail, event.card, event.reasons
        self.deal_title = card.title
        parts: list = [Text(self.logged, style="green")] if self.logged else []
        parts.append(detail_fields(detail, card, reasons, self.forecast_words()))
        if detail.approvals:
            parts.append(Text("\n" + _("Approvals"), style="bold"))
            ap = PlainTable(box=None, pad_edge=False, show_header=False)
            for a in detail.approvals:
                who = (
                    f"{a.decided_by} {local(a.decided_at)}"
                    if a.decided_by
                    else _("asked {when}").format(when=local(a.requested_at))
                )
                style = {"pending": "magenta", "approved": "green", "rejected": "red"}.get(
                    a.status, ""
                )
                ap.add_row(_(a.approver_role), Text(_(a.status), style=style), who, Text(a.comment))
            parts.append(ap)
        parts += products_part(getattr(self, "product_lines", []))
        parts.append(Text("\n" + _("Stage history"), style="bold"))
        hist = PlainTable(box=None, pad_edge=False)
        hist.add_column(_("when"), no_wrap=True)
        hist.add_column(_("from → to"))
        hist.add_column(_("by"))
        for step in detail.history:
            hist.add_row(
                local(step.changed_at),
                f"{_(step.from_stage) if step.from_stage else '·'} → {_(step.to_stage)}",
                step.changed_by,
            )
        parts.append(hist)
        parts.extend(contacts_part(self.contacts[0]))
        parts.extend(activities_part(detail))
        parts.append(
            Text(
                "\n"
                + _(
                    "L logs an activity · c links a contact · p products · f forecast · esc closes"
                ),
                style="dim",
            )
        )
        from rich.console import Group

        self.query_one("#detail", Static).update(Group(*parts))


def detail_fields(detail, card: DealCard, reasons: list[str], forecast: Text) -> PlainTable:
    """The deal's fields; names and notes wrap by display cells (``overflow="fold"``), so a long
    CJK + emoji + Latin name loses no letter."""
    fields = PlainTable(box=None, show_header=False, pad_edge=False, expand=True)
    fields.add_column(style="dim", no_wrap=True)
    fields.add_column(overflow="fold", ratio=1)

    def shown(words: str, style: str = "") -> Text:
        return Text(words, style=style, overflow="fold")

    fields.add_row(_("Deal"), shown(card.title, "bold"))
    region = f"  ({detail.region})" if detail.region else ""
    fields.add_row(_("Customer"), shown(card.customer + region))
    fields.add_row(_("Owner"), shown(f"{card.owner_name} ({card.owner_login})"))
    fields.add_row(_("Stage"), f"{_(card.stage)} · {card.probability}%")
    fields.add_row(_("Forecast"), forecast)
    fields.add_row(_("Amount"), format_amount(card.amount_minor, decimals=True))
    pushed = (
        "  " + _("(pushed {n}×)").format(n=card.close_date_pushes) if card.close_date_pushes else ""
    )
    fields.add_row(_("Expected close"), f"{card.expected_close}{pushed}")
    if detail.next_step:
        fields.add_row(_("Next step"), shown(f"{detail.next_step_date}: {detail.next_step}"))
    if detail.competitor:
        fields.add_row(_("Competitor"), shown(detail.competitor))
    fields.add_row(_("Created"), local(detail.created_at))
    fields.add_row(_("In stage since"), local(card.stage_entered_at))
    if card.lost_reason:
        fields.add_row(_("Lost reason"), _(card.lost_reason))
    if detail.lost_note:
        fields.add_row(_("Lost note"), shown(detail.lost_note))
    if reasons:
        fields.add_row(Text(_("Stalled"), style="yellow"), shown(_("; ").join(reasons), "yellow"))
    if card.credit_risk:
        fields.add_row(
            Text(_("Credit risk"), style="red"),
            shown(_("customer has overdue invoices or pays late"), "red"),
        )
    return fields


def activities_part(detail) -> list:
    """The newest activities; when there are more than were read, how many more (``N more``)."""
    parts: list = []
    total = max(detail.activity_count, len(detail.activities))
    head = _("Activities")
    if total > len(detail.activities):
        head += " " + _("({shown} of {total})").format(shown=len(detail.activities), total=total)
    parts.append(Text("\n" + head, style="bold"))
    if not detail.activities:
        parts.append(Text(_("none logged"), style="dim"))
        return parts
    act = PlainTable(box=None, pad_edge=False, show_header=False, expand=True)
    act.add_column(no_wrap=True)
    act.add_column(no_wrap=True)
    act.add_column(overflow="fold")
    act.add_column(overflow="fold", ratio=1)
    for a in detail.activities:
        said = " — ".join(x for x in (a.outcome, a.note) if x)
        act.add_row(local(a.occurred_at), _(a.kind), Text(a.person), Text(said, overflow="fold"))
    parts.append(act)
    more = total - len(detail.activities)
    if more > 0:
        parts.append(Text("  " + _("… {n} more").format(n=f"{more:,}"), style="dim"))
    return parts
