"""The new-deal form's customer that does not exist yet: the refusal offers ctrl+n, which opens
the customer form with the typed name (the same form and rules as ``n`` on the customer tiers,
likely duplicates named there, and offered to take one instead); once made or taken, the deal
form goes on with it."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

NEW_CUSTOMER = Binding(
    "ctrl+n",
    "new_customer",
    "New customer",
    id="deal_form.new_customer",
    tooltip="Make the customer typed (when it does not exist yet) and go on with the deal",
)


def missing(name: str) -> str:
    """The refusal of a customer nobody has made: what to press to make it."""
    return f"no customer named {name!r} — ctrl+n makes it"


def open_customer_form(form) -> None:
    """From the deal form ``form``: the customer form with the typed name; the made customer's
    name goes into the deal's customer field."""
    from salestui.screens.customers.customer_form import CustomerFormScreen

    field = form.query_one("#customer", Input)
    made_form = CustomerFormScreen(name=field.value.strip(), offer_alike=True)

    def made(message: str | None) -> None:
        if not message or made_form.made is None:
            return
        field.value = made_form.made.name
        form.say(f"{message} — ctrl+s saves the deal")
        form.query_one("#title", Input).focus()

    form.app.push_screen(made_form, made)
