"""The leaderboard's table: its columns and how one line of the tree becomes a row of cells."""

from __future__ import annotations

from rich.text import Text

from salestui.kernel.format import number, percent
from salestui.kernel.money import format_compact
from salestui.team.leaderboard import Line

COLUMNS = (
    ("name", "Name"),
    ("revenue", "Revenue"),
    ("target", "Target"),
    ("attainment", "Att%"),
    ("won", "Won"),
    ("win_rate", "Win%"),
    ("average_deal", "Avg deal"),
    ("cycle_days", "Cycle d"),
    ("new_customers", "New cust"),
    ("visits", "Visits"),
    ("collection_rate", "Coll%"),
    ("score", "Score"),
)


NAME_WIDTH = 24


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
            extra = f" ({line.size} of {line.team_size})" if line.team_size else f" ({line.size})"
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
