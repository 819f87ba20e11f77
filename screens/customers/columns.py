"""The tiers list's columns and how one customer's row reads in them: numbers keep their width
and stand right-aligned, the name and the owner share what the terminal leaves."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from salestui.kernel.format import percent
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_compact

# column key → (heading, width); the name and the owner's widths are their least
COLUMNS = {
    "name": (N_("Customer"), 16),
    "abc": (N_("ABC"), 3),
    "tier": (N_("Tier"), 11),
    "segment": (N_("Segment"), 10),
    "rfm": ("RFM", 3),
    "health": (N_("Health"), 6),
    "churn": (N_("Churn"), 5),
    "revenue_12m": (N_("Rev 12m"), 8),
    "revenue_change": (N_("Δ yoy"), 6),
    "overdue": (N_("Overdue"), 8),
    "open_pipeline": (N_("Pipeline"), 8),
    "lifecycle": (N_("Lifecycle"), 11),
    "last_order": (N_("Last order"), 10),
    "owner": (N_("Owner"), 10),
    "region": (N_("Region"), 8),
}
FLEXIBLE = ("name", "owner")


def width(key: str, sorted_by: str | None = None) -> int:
    """The column's width in the reader's language: its figures' (``COLUMNS``), or its heading's
    in cells (CJK two each) with the ▼ / ▲ when the list is sorted by it, whichever is wider: a
    heading is never cropped (``近12月收入▼`` takes 11; ``Health▼`` 7 while sorted by it)."""
    title, least = COLUMNS[key]
    return max(least, cell_len(_(title)) + (key == sorted_by))


def fixed_widths(sorted_by: str | None = None) -> dict[str, int]:
    """The columns that keep their width (every one but the name and the owner)."""
    return {k: width(k, sorted_by) for k in COLUMNS if k not in FLEXIBLE}


def least_widths(sorted_by: str | None = None) -> dict[str, int]:
    """The name and the owner: the least of what they share."""
    return {k: width(k, sorted_by) for k in FLEXIBLE}


# the stored words of the tiers, shown in the reader's language
SHOWN = (
    N_("key account"),
    N_("growth"),
    N_("high value"),
    N_("general"),
    N_("churned"),
    N_("awareness"),
    N_("development"),
    N_("mature"),
    N_("decline"),
)

PENDING = Text("…", style="dim", justify="right")  # a figure still being read


def heading(key: str, sorted_by: str | None = None, descending: bool = True) -> Text:
    """The column's heading, with ▼ / ▲ on the one the list is sorted by."""
    text = Text(_(COLUMNS[key][0]))
    if key == sorted_by:
        text.append("▼" if descending else "▲", style="bold")
    return text


def health_cell(score: float, warning: bool) -> Text:
    """⚠ where the health is below the warning threshold (``health_warning``, computed once in
    ``salestui.customers.health``): readable without colour, as churn's ⚠ is."""
    mark = "⚠" if warning else " "
    return Text(f"{mark}{int(score):>4}", style="bold red" if warning else "green", justify="right")


def cells(row) -> list:
    """One row of the list as styled cells (the figures are the table's, only formatted);
    ``…`` for the figures the tiers' first read leaves missing."""
    last = row["last_order"]
    known = row["health"] == row["health"]  # NaN until the whole table is in
    if known:
        health = health_cell(row["health"], bool(row["health_warning"]))
        overdue = Text(
            format_compact(int(row["overdue"])) if row["overdue"] else "",
            style="red",
            justify="right",
        )
        pipeline = Text(format_compact(int(row["open_pipeline"])), justify="right")
    else:
        health = overdue = pipeline = PENDING
    return [
        Text(str(row["name"]), overflow="ellipsis", no_wrap=True),
        row["abc"],
        Text(_(str(row["tier"])), overflow="ellipsis", no_wrap=True),
        Text(_(str(row["segment"])), overflow="ellipsis", no_wrap=True),
        "" if not row["r"] else str(int(row["rfm"])),
        health,
        Text("⚠" if row["churn"] else "", style="yellow", justify="center"),
        Text(format_compact(int(row["revenue_12m"])), justify="right"),
        Text(percent(row["revenue_change"], points=True, signed=True, missing=""), justify="right"),
        overdue,
        pipeline,
        Text(_(str(row["lifecycle"])), overflow="ellipsis", no_wrap=True),
        "" if last != last else f"{last:%Y-%m-%d}",
        Text(str(row["owner"]), overflow="ellipsis", no_wrap=True),
        Text(str(row["region"]), overflow="ellipsis", no_wrap=True),
    ]
