"""The leads screen's keys, in the order `?` shows them: the footer and `?` read this table, the
actions it names are ``LeadsScreen``'s."""

from __future__ import annotations

from textual.binding import Binding

LEAD_KEYS = [
    Binding("c", "contact", "Contact", id="leads.contact",
            tooltip="Log a call, visit, email… with the lead (the first stops its clock)"),
    Binding("Q", "qualify", "Qualify", id="leads.qualify",
            tooltip="The lead is worth a deal (a note on why, if you like)"),
    Binding("D", "disqualify", "Disqualify", id="leads.disqualify",
            tooltip="The lead will not buy: asks the reason"),
    Binding("V", "convert", "Convert", id="leads.convert",
            tooltip="Make the lead a customer, a contact and a deal in one step"),
    Binding("enter", "open_deal", "Deal", id="leads.deal",
            tooltip="Open the deal a converted lead became"),
    Binding("o", "open_customer", "Customer", show=False, id="leads.customer",
            tooltip="The customer a converted lead became, on the board"),
    Binding("a", "toggle_closed", "All", id="leads.all",
            tooltip="Show the converted and disqualified leads too (on/off)"),
    Binding("r", "reload", "Reload", show=False, id="leads.reload", tooltip="Read the leads again"),
]  # fmt: skip
