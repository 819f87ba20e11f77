"""The customer tiers' keys, in the order `?` shows them: the footer and `?` read this table,
the actions it names are ``CustomersScreen``'s."""

from __future__ import annotations

from textual.binding import Binding

from salestui.kernel.i18n import N_
from salestui.screens.common.log_key import log_binding


def column_keys(prefix: str) -> list[Binding]:
    """The screen's record of the keys the table takes first, so the footer and `?` say them."""
    return [
        Binding(
            "right",
            "columns(1)",
            N_("→ column"),
            show=False,
            id=f"{prefix}.column_right",
            tooltip=N_("Scroll right by a whole column (the first column stays)"),
        ),
        Binding(
            "left",
            "columns(-1)",
            N_("← column"),
            show=False,
            id=f"{prefix}.column_left",
            tooltip=N_("Scroll left by a whole column"),
        ),
        Binding(
            "j",
            "rows(1)",
            N_("Down"),
            show=False,
            id=f"{prefix}.down",
            tooltip=N_("Next row (as ↓)"),
        ),
        Binding(
            "k",
            "rows(-1)",
            N_("Up"),
            show=False,
            id=f"{prefix}.up",
            tooltip=N_("Previous row (as ↑)"),
        ),
    ]


CUSTOMER_KEYS = [
    Binding("enter", "open", N_("Open"), id="customers.open", tooltip=N_("Open the customer")),
    Binding(
        "slash",
        "filter",
        N_("Filter"),
        key_display="/",
        id="customers.filter",
        tooltip=N_("Filter by segment, class, tier, warnings, owner, region, text"),
    ),
    Binding(
        "s",
        "sort(1)",
        N_("Sort"),
        id="customers.sort",
        tooltip=N_("Sort by the next column (brought on screen)"),
    ),
    Binding(
        "S",
        "sort(-1)",
        N_("Sort back"),
        show=False,
        id="customers.sort_back",
        tooltip=N_("Sort by the previous column"),
    ),
    Binding(
        "o",
        "reverse",
        N_("Order"),
        show=False,
        id="customers.reverse",
        tooltip=N_("Reverse the sort order"),
    ),
    Binding(
        "w",
        "toggle('health_below')",
        N_("Health warning"),
        show=False,
        id="customers.health",
        tooltip=N_("Only customers with a health warning (on/off)"),
    ),
    Binding(
        "c",
        "toggle('churn')",
        N_("Churn"),
        show=False,
        id="customers.churn",
        tooltip=N_("Only customers with a churn warning (on/off)"),
    ),
    Binding(
        "a",
        "action_item",
        N_("Item"),
        id="customers.item",
        tooltip=N_("Turn a warning of the customer into an action item"),
    ),
    log_binding("customers", "the customer"),
    Binding(
        "n", "new", N_("New"), show=False, id="customers.new", tooltip=N_("Add a customer by hand")
    ),
    Binding(
        "e",
        "edit",
        N_("Edit"),
        show=False,
        id="customers.edit",
        tooltip=N_("Change the customer's name, industry, region, channel, size"),
    ),
    Binding(
        "M",
        "merge",
        N_("Merge"),
        show=False,
        id="customers.merge",
        tooltip=N_("Merge the customer into another (its likely duplicates offered first)"),
    ),
    Binding(
        "U",
        "undo_merge",
        N_("Undo merge"),
        show=False,
        id="customers.undo_merge",
        tooltip=N_("Undo the merge made last here"),
    ),
    Binding(
        "d",
        "duplicates",
        N_("Duplicates"),
        show=False,
        id="customers.duplicates",
        tooltip=N_("The likely duplicate pairs among your customers, to merge one"),
    ),
    Binding(
        "R",
        "reassign",
        N_("Reassign"),
        show=False,
        id="customers.reassign",
        tooltip=N_("Give the customer to another owner (managers)"),
    ),
    Binding(
        "r", "reload", N_("Reload"), show=False, id="customers.reload", tooltip=N_("Reload figures")
    ),
    *column_keys("customers"),
]
