"""The leads screen's keys, in the order `?` shows them: the footer and `?` read this table, the
actions it names are ``LeadsScreen``'s."""

from __future__ import annotations

from textual.binding import Binding

from salestui.kernel.i18n import N_
from salestui.screens.customers.bindings import column_keys

LEAD_KEYS = [
    Binding("c", "contact", N_("Contact"), id="leads.contact",
            tooltip=N_("Log a call, visit, email… with the lead (the first stops its clock)")),
    Binding("Q", "qualify", N_("Qualify"), id="leads.qualify",
            tooltip=N_("The lead is worth a deal (a note on why, if you like)")),
    Binding("D", "disqualify", N_("Disqualify"), id="leads.disqualify",
            tooltip=N_("The lead will not buy: asks the reason")),
    Binding("V", "convert", N_("Convert"), id="leads.convert",
            tooltip=N_("Make the lead a customer, a contact and a deal in one step")),
    Binding("enter", "open_deal", N_("Deal"), id="leads.deal",
            tooltip=N_("Open the deal a converted lead became")),
    Binding("o", "open_customer", N_("Customer"), show=False, id="leads.customer",
            tooltip=N_("The customer a converted lead became, on the board")),
    Binding("a", "toggle_closed", N_("All"), id="leads.all",
            tooltip=N_("Show the converted and disqualified leads too (on/off)")),
    Binding("r", "reload", N_("Reload"), show=False, id="leads.reload", tooltip=N_("Read the leads again")),
    *column_keys("leads"),
]  # fmt: skip
