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
from salestui.kernel.domain import LOST_REASONS
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_amount
from salestui.screens.board.missing_customer import NEW_CUSTOMER, missing, open_customer_form
from salestui.screens.common.form import FormScreen
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
            yield OptionList(*[_(reason) for reason in LOST_REASONS], id="reasons")
            yield Input(placeholder=_("a note, if there is more to say (tab)"), id="lost-note")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss((LOST_REASONS[event.option_index], self.query_one("#lost-note", Input).value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#reasons", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


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
        from salestui.services.deal_create import create_deal
        from salestui.services.deals import edit_deal
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
