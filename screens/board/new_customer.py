"""The new-deal form meeting a customer that is not there yet: instead of stopping at "no
customer named …", ``ctrl+n`` opens the customer form with the name typed; once the customer is
saved — or one of the alike customers it offers is picked instead — the deal form goes on with
it and saves the deal."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input
from textual.worker import Worker

from salestui.kernel.errors import DomainError

NEW_CUSTOMER = Binding(
    "ctrl+n",
    "new_customer",
    "New customer",
    id="deal_form.new_customer",
    tooltip="Add the customer typed as a new customer, then save the deal with it",
)


class NoSuchCustomer(DomainError):
    def __init__(self, name: str) -> None:
        super().__init__(f"no customer named {name!r} — ctrl+n adds it as a new customer")
        self.name = name


class OffersNewCustomer:
    """For a ``FormScreen`` with a ``#customer`` field: its ``ctrl+n`` (``NEW_CUSTOMER``)."""

    def action_new_customer(self) -> None:
        from salestui.screens.customers.customer_form import CustomerFormScreen

        typed = self.query_one("#customer", Input).value
        form = CustomerFormScreen(name=" ".join(typed.split()), offer_alike=True)
        self.app.push_screen(form, lambda message: self._customer_made(form, message))

    def _customer_made(self, form, message: str | None) -> None:
        if not message or form.made is None:
            return
        self.query_one("#customer", Input).value = form.made
        self.action_save()

    def worker_failed(self, worker: Worker) -> None:
        super().worker_failed(worker)
        if isinstance(worker.error, NoSuchCustomer):
            self.query_one("#customer", Input).focus()
