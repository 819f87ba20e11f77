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
from salestui.kernel.money import format_amount
from salestui.screens.board.category import DetailCategoryKey
from salestui.screens.board.deal_contacts import DealContactScreen, contacts_part, read_contacts
from salestui.screens.board.deal_lines import products_part
from salestui.screens.common.activity_form import ActivityFormScreen, log_binding
from salestui.screens.common.form import DialogScreen
from salestui.screens.common.plain import PlainTable


class DealDetailScreen(DetailCategoryKey, DialogScreen[None]):
    """Everything about one deal: fields, why it is stalled, approvals, stage history, activities."""

    BINDINGS = [
        Binding(
            "escape,enter,q", "dismiss", "Close", id="detail.close", tooltip="Back to the board"
        ),
        log_binding("detail", "the deal"),
        Binding("f", "category", "Category", id="detail.category", tooltip="Forecast category"),
        Binding("c", "contacts", "Contacts", id="detail.contacts", tooltip="Link a contact"),
        Binding(
            "p",
            "products",
            "Products",
            id="detail.products",
            tooltip="The deal's products: add, change, remove a line",
        ),  # fmt: skip
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
            yield Static("loading…", id="detail", markup=False)

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
            raise DomainError("This deal no longer exists.")
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
        fields = PlainTable(box=None, show_header=False, pad_edge=False)
        fields.add_column(style="dim", no_wrap=True)
        fields.add_column()
        fields.add_row("Deal", Text(card.title, style="bold"))
        fields.add_row(
            "Customer", card.customer + (f"  ({detail.region})" if detail.region else "")
        )
        fields.add_row("Owner", f"{card.owner_name} ({card.owner_login})")
        fields.add_row("Stage", f"{card.stage} · {card.probability}%")
        fields.add_row("Forecast", self.forecast_words())
        fields.add_row("Amount", format_amount(card.amount_minor, decimals=True))
        fields.add_row(
            "Expected close",
            f"{card.expected_close}"
            + (f"  (pushed {card.close_date_pushes}×)" if card.close_date_pushes else ""),
        )
        if detail.next_step:
            fields.add_row("Next step", f"{detail.next_step_date}: {detail.next_step}")
        if detail.competitor:
            fields.add_row("Competitor", Text(detail.competitor))
        fields.add_row("Created", local(detail.created_at))
        fields.add_row("In stage since", local(card.stage_entered_at))
        if card.lost_reason:
            fields.add_row("Lost reason", card.lost_reason)
        if detail.lost_note:
            fields.add_row("Lost note", Text(detail.lost_note))
        if reasons:
            fields.add_row(
                Text("Stalled", style="yellow"), Text("; ".join(reasons), style="yellow")
            )
        if card.credit_risk:
            fields.add_row(
                Text("Credit risk", style="red"),
                Text("customer has overdue invoices or pays late", style="red"),
            )
        parts: list = [Text(self.logged, style="green"), fields] if self.logged else [fields]
        if detail.approvals:
            parts.append(Text("\nApprovals", style="bold"))
            ap = PlainTable(box=None, pad_edge=False, show_header=False)
            for a in detail.approvals:
                who = (
                    f"{a.decided_by} {local(a.decided_at)}"
                    if a.decided_by
                    else f"asked {local(a.requested_at)}"
                )
                style = {"pending": "magenta", "approved": "green", "rejected": "red"}.get(
                    a.status, ""
                )
                ap.add_row(a.approver_role, Text(a.status, style=style), who, a.comment)
            parts.append(ap)
        parts += products_part(getattr(self, "product_lines", []))
        parts.append(Text("\nStage history", style="bold"))
        hist = PlainTable(box=None, pad_edge=False)
        hist.add_column("when", no_wrap=True)
        hist.add_column("from → to")
        hist.add_column("by")
        for step in detail.history:
            hist.add_row(
                local(step.changed_at),
                f"{step.from_stage or '·'} → {step.to_stage}",
                step.changed_by,
            )
        parts.append(hist)
        parts.extend(contacts_part(self.contacts[0]))
        parts.append(Text("\nActivities", style="bold"))
        if detail.activities:
            act = PlainTable(box=None, pad_edge=False, show_header=False)
            for a in detail.activities:
                said = " — ".join(x for x in (a.outcome, a.note) if x)
                act.add_row(local(a.occurred_at), a.kind, a.person, said)
            parts.append(act)
        else:
            parts.append(Text("none logged", style="dim"))
        parts.append(
            Text(
                "\nL logs an activity · c links a contact · p products · f forecast · esc closes",
                style="dim",
            )
        )
        from rich.console import Group

        self.query_one("#detail", Static).update(Group(*parts))
