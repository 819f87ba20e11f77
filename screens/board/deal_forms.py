"""Dialogs of one deal: its detail, the create/edit form, and the lost reason."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static

from salestui.db.queries.board import DealCard
from salestui.kernel.dates import local
from salestui.kernel.domain import LOST_REASONS
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_amount
from salestui.screens.board.category import DetailCategoryKey
from salestui.screens.board.deal_contacts import DealContactScreen, contacts_part, read_contacts
from salestui.screens.board.deal_lines import products_part
from salestui.screens.board.missing_customer import NEW_CUSTOMER, missing, open_customer_form
from salestui.screens.common.activity_form import ActivityFormScreen, log_binding
from salestui.screens.common.form import DialogScreen, FormScreen
from salestui.screens.common.plain import PlainTable
from salestui.screens.common.suggesters import CustomerSuggester, PersonSuggester, login_of


class LostReasonScreen(ModalScreen[tuple[str, str] | None]):
    """Losing a deal needs one of the reasons of DOMAIN.md, and may say more in a note (typed
    first: ``tab`` reaches it, ``enter`` there goes back to the reasons). The answer: the reason
    and the note."""

    DEFAULT_CSS = """
    LostReasonScreen { align: center middle; }
    LostReasonScreen > Vertical {
        width: 50; height: auto; border: round $error; background: $panel; padding: 0 1;
    }
    LostReasonScreen OptionList { height: auto; max-height: 10; }
    LostReasonScreen Input { height: 3; }
    """
    BINDINGS = [
        Binding(
            "escape", "cancel", N_("Cancel"), id="lost.cancel", tooltip=N_("Keep the deal open")
        )
    ]

    def __init__(self, card: DealCard) -> None:
        super().__init__()
        self.card = card

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text.assemble((_("Lost: "), "bold red"), self.card.title))
            yield Static(
                _("Why was it lost?  (↑↓ enter · esc cancels)"), classes="hint", markup=False
            )
            yield OptionList(*(_(reason) for reason in LOST_REASONS), id="reasons")
            yield Input(placeholder=_("a note, if there is more to say (tab)"), id="lost-note")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss((LOST_REASONS[event.option_index], self.query_one("#lost-note", Input).value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#reasons", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


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


class DealFormScreen(FormScreen[str | None]):
    """Create (``card`` None) or edit a deal; the service checks every field, nothing is saved on error."""

    DEFAULT_CSS = """
    DealFormScreen > VerticalScroll { border-title-style: bold; border-title-color: $text; }
    DealFormScreen Horizontal.pair { align-horizontal: left; }
    DealFormScreen .pair > Vertical { width: 1fr; height: auto; }
    DealFormScreen .pair > Vertical.wide { width: 2fr; }
    """
    FIELDS = ("customer", "title", "amount", "close", "owner", "competitor", "step", "step_date")
    BINDINGS = [NEW_CUSTOMER]
    AUTO_FOCUS = "#customer"  # not the scroll container: typing must land in the first field

    def __init__(self, card: DealCard | None) -> None:
        super().__init__()
        self.card = card

    def compose(self) -> ComposeResult:
        c = self.card
        ctx = self.ctx
        # The heading sits in the border, the buttons are one line high and the shorter fields
        # go two to a row, so the whole form fits at 80×24 without scrolling.
        with VerticalScroll() as box:
            box.border_title = _("Edit deal") if c else _("New deal")
            yield Label(_("Customer (type to complete, → accepts)"), markup=False)
            yield Input(c.customer if c else "", id="customer", suggester=CustomerSuggester(ctx))
            yield Label(_("Title"), markup=False)
            yield Input(c.title if c else "", id="title")
            amount = format_amount(c.amount_minor, decimals=True) if c else ""
            yield self._pair(
                (_("Amount"), Input(amount, id="amount", placeholder="¥125,000.00")),
                (_("Expected close (YYYY-MM-DD)"), Input(
                    str(c.expected_close) if c else "", id="close", placeholder="2026-12-31")),
            )  # fmt: skip
            owner = Input(c.owner_login if c else ctx.user, id="owner")
            owner.suggester = PersonSuggester(ctx)
            yield self._pair(
                (_("Owner (login or name)"), owner), (_("Competitor"), Input(id="competitor"))
            )
            yield self._pair(
                (_("Next step"), Input(id="step")),
                (_("Next step date"), Input(id="step_date", placeholder=_("YYYY-MM-DD"))),
                wide_first=True,
            )
            yield self.error_line()
            yield self.buttons(compact=True)

    @staticmethod
    def _pair(*fields: tuple[str, Input], wide_first: bool = False) -> Horizontal:
        return Horizontal(
            *(
                Vertical(Label(Text(label)), field, classes="wide" if wide_first and i == 0 else "")
                for i, (label, field) in enumerate(fields)
            ),
            classes="pair",
        )

    def on_mount(self) -> None:
        if self.card is not None:
            self._load_plan()

    @work(thread=True, exit_on_error=False)
    def _load_plan(self) -> None:
        from salestui.db.queries.deals import deal_plan

        plan = self.ctx.read(deal_plan, self.card.id)
        if plan is not None:
            self.post_message(self.PlanLoaded(plan))

    class PlanLoaded(Message):
        """The deal's competitor and next step, read after the form opened."""

        def __init__(self, plan) -> None:
            super().__init__()
            self.plan = plan

    def on_deal_form_screen_plan_loaded(self, event: PlanLoaded) -> None:
        """Shown where nothing was typed yet."""
        plan = event.plan
        shown = {"competitor": plan.competitor, "step": plan.next_step}
        shown["step_date"] = str(plan.next_step_date or "")
        for name, value in shown.items():
            field = self.query_one(f"#{name}", Input)
            if not field.value:
                field.value = value

    def _value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value

    def action_new_customer(self) -> None:
        open_customer_form(self)

    def save(self) -> None:
        values = {name: self._value(name) for name in self.FIELDS}
        self._save(values | {"owner": login_of(values["owner"])})

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, values: dict[str, str]) -> None:
        from salestui.db.queries.people import customer_id_by_name
        from salestui.services.deals import create_deal, edit_deal
        from salestui.services.text import refuse_control_characters

        ctx = self.ctx
        name = values["customer"].strip()
        words = {"customer": _("customer"), "title": _("title"), "amount": _("amount")}
        words |= {"close": _("expected close"), "owner": _("owner")}
        words |= {"competitor": _("competitor"), "step": _("next step")}
        words["step_date"] = _("next step date")
        # every field before the customer is looked up: the refusal names the field at fault
        refuse_control_characters({words[key]: value for key, value in values.items()})
        customer_id = ctx.read(customer_id_by_name, name) if name else None
        if name and customer_id is None:
            raise DomainError(missing(name))
        c = self.card
        if c is None:
            change = ctx.write(
                create_deal,
                ctx.user,
                customer_id=customer_id,
                title=values["title"],
                amount=values["amount"],
                expected_close=values["close"],
                owner_login=values["owner"],
                competitor=values["competitor"],
                next_step=values["step"],
                next_date=values["step_date"],
                now=ctx.now(),
            )
        else:
            change = ctx.write(
                edit_deal,
                ctx.user,
                c.id,
                c.version,
                title=values["title"],
                amount=values["amount"],
                expected_close=values["close"],
                owner_login=values["owner"] if values["owner"].strip() != c.owner_login else None,
                customer_id=customer_id if customer_id != c.customer_id else None,
                competitor=values["competitor"],
                next_step=values["step"],
                next_date=values["step_date"],
                now=ctx.now(),
            )
        self.post_message(self.Saved(change.message))
