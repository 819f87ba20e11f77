"""The leaderboard's table: its columns and how one line of the tree becomes a row of cells."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from salestui.kernel.format import number, percent
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_compact
from salestui.team.leaderboard import Line

COLUMNS = (
    ("name", N_("Name")),
    ("revenue", N_("Revenue")),
    ("target", N_("Target")),
    ("attainment", N_("Att%")),
    ("won", N_("Won")),
    ("win_rate", N_("Win%")),
    ("average_deal", N_("Avg deal")),
    ("cycle_days", N_("Cycle d")),
    ("new_customers", N_("New cust")),
    ("visits", N_("Visits")),
    ("collection_rate", N_("Coll%")),
    ("score", N_("Score")),
)
# The sort keys as the summary line names them.
SORT_WORDS = {
    "name": N_("name"),
    "revenue": N_("revenue"),
    "target": N_("target"),
    "attainment": N_("attainment"),
    "won": N_("won"),
    "win_rate": N_("win rate"),
    "average_deal": N_("average deal"),
    "cycle_days": N_("cycle days"),
    "new_customers": N_("new customers"),
    "visits": N_("visits"),
    "collection_rate": N_("collection rate"),
    "score": N_("score"),
}

NAME_LEAST = 16  # below it a name is no longer recognisable: the numbers scroll sideways instead


def fit_names(table: DataTable, names: list[Text]) -> None:
    """The name column gets what the numbers leave of the table's width (numbers keep theirs),
    never less than ``NAME_LEAST`` cells nor more than the longest name needs; what does not fit
    scrolls sideways beside it (it is the table's fixed column)."""
    column = table.columns.get("name")
    if column is None:
        return
    pad = 2 * table.cell_padding
    numbers = sum(c.get_render_width(table) for k, c in table.columns.items() if k != "name")
    room = table.size.width - table.scrollbar_size_vertical - numbers - pad
    longest = max((cell_len(n.plain) for n in names), default=NAME_LEAST)
    longest = max(longest, cell_len(str(column.label)))
    width = max(NAME_LEAST, min(room, longest))
    if column.width != width or column.auto_width:
        column.auto_width = False
        column.width = width
        table.refresh(layout=True)
        table._require_update_dimensions = True  # Textual re-measures the columns on this flag


def against(count: int, target: int | None) -> Text:
    """A count, and its target beside it when one is set: ``12/20`` (green once reached)."""
    if target is None:
        return Text(f"{count:,}", justify="right")
    return Text(f"{count:,}/{target:,}", justify="right", style="green" if count >= target else "")


def cells(line: Line, ranked: int | None = None) -> list:
    f = line.figures
    if ranked is not None:
        name = Text(f"{ranked:>3}. {line.label}", no_wrap=True, overflow="ellipsis")
    else:
        mark = ("▸ " if line.folded else "▾ ") if line.has_children else "  "
        style = "bold" if line.kind in ("root", "region") else ""
        extra = ""
        if line.kind == "team":  # "3 of 24": the part of a wider team in this region
            extra = (
                _(" ({n} of {all})").format(n=line.size, all=line.team_size)
                if line.team_size
                else f" ({line.size})"
            )
        name = Text(
            "  " * line.depth + mark + line.label + extra,
            style=style,
            no_wrap=True,
            overflow="ellipsis",
        )
    att = Text(percent(f.attainment), justify="right")
    if f.attainment is not None:
        att.stylize("green" if f.attainment >= 1 else ("yellow" if f.attainment >= 0.8 else "red"))
    right = lambda s: Text(s, justify="right")  # noqa: E731
    return [
        name,
        right(format_compact(f.revenue)),
        right(format_compact(f.target) if f.target else "–"),
        att,
        right(f"{f.won:,}"),
        right(percent(f.win_rate)),
        right(format_compact(f.average_deal) if f.average_deal is not None else "–"),
        right(number(f.cycle_days)),
        against(f.new_customers, f.new_customers_target),
        against(f.visits, f.visits_target),
        right(percent(f.collection_rate)),
        right(number(f.score)),
    ]
