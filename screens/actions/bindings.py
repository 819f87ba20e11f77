"""Action plans' keys, in the order `?` shows them; the actions they name are
``ActionPlansScreen``'s, and the keys that act on one view's rows are offered only there."""

from __future__ import annotations

from textual.binding import Binding

from salestui.kernel.i18n import N_


def _b(key, action, desc, bid, tip, show=False, **kw) -> Binding:
    return Binding(key, action, desc, show=show, id=f"actions.{bid}", tooltip=tip, **kw)


# The keys that act on one view's rows, offered (footer, help) only while that view shows.
VIEW_OF_ACTION = {
    "open": "items",
    "step": "items",
    "log": "items",
    "prompt": "items",
    "edit": "items",
    "make_item": "warnings",
    "decide": "approvals",
}


ACTION_KEYS = [
    _b("enter", "open", N_("Open"), "open", N_("Items: open what the item links to"), True),
    _b("f", "step('finish')", N_("Finish"), "finish", N_("Mark the item done"), show=True),
    Binding(
        "L",
        "log",
        N_("Log"),
        id="actions.log",
        tooltip=N_("Items: log a call, visit, meeting… on the item's deal, else its customer"),
    ),  # fmt: skip
    _b(
        "a",
        "make_item",
        N_("Make item"),
        "make",
        N_("Warnings: make the warning an action item"),
        show=True,
    ),
    _b("w", "view('warnings')", N_("Warnings"), "warnings", N_("The warnings inbox"), True),
    _b("i", "view('items')", N_("Items"), "items", N_("Action items by due date")),
    _b(
        "m",
        "view('milestones')",
        N_("Milestones"),
        "milestones",
        N_("The quarter's target by month and week"),
    ),
    _b(
        "p",
        "view('approvals')",
        N_("Approvals"),
        "approvals",
        N_("The sign-offs waiting for you"),
    ),  # fmt: skip
    _b("y", "decide(True)", N_("Approve"), "approve", N_("Approvals: approve the sign-off")),
    _b("d", "decide(False)", N_("Decline"), "decline", N_("Approvals: decline it, saying why")),
    _b("t", "toggle_scope", N_("Mine/team"), "scope", N_("My items or my team's")),
    _b("s", "step('start')", N_("Start"), "start", N_("Start the item (doing)")),
    _b("x", "step('drop')", N_("Drop"), "drop", N_("Drop the item")),
    _b("D", "prompt('due')", N_("Reschedule"), "reschedule", N_("Give the item a new due date")),
    _b(
        "o",
        "prompt('owner')",
        N_("Reassign"),
        "reassign",
        N_("Give the item to someone in your team"),
    ),  # fmt: skip
    _b("n", "new", N_("New"), "new", N_("Create an action item")),
    _b("e", "edit", N_("Edit"), "edit", N_("Edit the item: title, owner, due, priority")),
    _b("space", "fold", N_("Fold"), "fold", N_("Warnings: open or fold the group")),
    _b("j", "cursor(1)", "↓", "down", N_("Next row")),
    _b("k", "cursor(-1)", "↑", "up", N_("Previous row")),
    _b("r", "reload", N_("Reload"), "reload", N_("Reload from the database")),
]
