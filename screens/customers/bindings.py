"""The customer tiers' keys, in the order `?` shows them: the footer and `?` read this table,
the actions it names are ``CustomersScreen``'s."""

from __future__ import annotations

from textual.binding import Binding

from salestui.screens.common.activity_form import log_binding

CUSTOMER_KEYS = [
    Binding("enter", "open", "Open", id="customers.open", tooltip="Open the customer"),
    Binding(
        "slash",
        "filter",
        "Filter",
        key_display="/",
        id="customers.filter",
        tooltip="Filter by segment, class, tier, warnings, owner, region, text",
    ),
    Binding("s", "sort(1)", "Sort", id="customers.sort", tooltip="Sort by the next column"),
    Binding(
        "S",
        "sort(-1)",
        "Sort back",
        show=False,
        id="customers.sort_back",
        tooltip="Sort by the previous column",
    ),
    Binding(
        "o",
        "reverse",
        "Order",
        show=False,
        id="customers.reverse",
        tooltip="Reverse the sort order",
    ),
    Binding(
        "w",
        "toggle('health_below')",
        "Health warning",
        show=False,
        id="customers.health",
        tooltip="Only customers with a health warning (on/off)",
    ),
    Binding(
        "c",
        "toggle('churn')",
        "Churn",
        show=False,
        id="customers.churn",
        tooltip="Only customers with a churn warning (on/off)",
    ),
    Binding(
        "a",
        "action_item",
        "Item",
        id="customers.item",
        tooltip="Turn a warning of the customer into an action item",
    ),
    log_binding("customers", "the customer"),
    Binding("n", "new", "New", show=False, id="customers.new", tooltip="Add a customer by hand"),
    Binding(
        "e",
        "edit",
        "Edit",
        show=False,
        id="customers.edit",
        tooltip="Change the customer's name, industry, region, channel, size",
    ),
    Binding(
        "M",
        "merge",
        "Merge",
        show=False,
        id="customers.merge",
        tooltip="Merge the customer into another (its likely duplicates offered first)",
    ),
    Binding(
        "U",
        "undo_merge",
        "Undo merge",
        show=False,
        id="customers.undo_merge",
        tooltip="Undo the merge made last here",
    ),
    Binding(
        "d",
        "duplicates",
        "Duplicates",
        show=False,
        id="customers.duplicates",
        tooltip="The likely duplicate pairs among your customers, to merge one",
    ),
    Binding(
        "R",
        "reassign",
        "Reassign",
        show=False,
        id="customers.reassign",
        tooltip="Give the customer to another owner (managers)",
    ),
    Binding("r", "reload", "Reload", show=False, id="customers.reload", tooltip="Reload figures"),
]
