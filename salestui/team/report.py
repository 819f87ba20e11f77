"""`salestui report team`: the leaderboard's lines as Markdown, CSV or JSON. Pure."""

from __future__ import annotations

from datetime import datetime

from salestui.kernel.format import rounded, to_points
from salestui.kernel.report_table import Column, render_table, view_line
from salestui.team.leaderboard import Board, Line
from salestui.team.metrics import bonus_pool

TEAM_COLUMNS: tuple[Column, ...] = (
    Column("level", "Level"),
    Column("name", "Name"),
    Column("people", "People", right=True),
    Column("revenue", "Revenue", money=True, right=True),
    Column("target", "Target", money=True, right=True),
    Column("attainment_pct", "Att %", right=True),
    Column("won", "Won", right=True),
    Column("win_rate_pct", "Win %", right=True),
    Column("average_deal", "Avg deal", money=True, right=True),
    Column("cycle_days", "Cycle (days)", right=True),
    Column("new_customers", "New customers", right=True),
    Column("new_customers_target", "New cust. target", right=True),
    Column("visits", "Visits", right=True),
    Column("visits_target", "Visits target", right=True),
    Column("collection_pct", "Collection %", right=True),
    Column("score", "Score", right=True),
)


def _row(line: Line, md: bool) -> dict:
    f = line.figures
    indent = "  " * line.depth if md else ""
    return {
        "level": line.kind,
        "name": indent + line.label,
        "people": line.size,
        "revenue": f.revenue,
        "target": f.target,
        "attainment_pct": to_points(f.attainment),
        "won": f.won,
        "win_rate_pct": to_points(f.win_rate),
        "average_deal": f.average_deal,
        "cycle_days": None if f.cycle_days is None else rounded(f.cycle_days, 1),
        "new_customers": f.new_customers,
        "new_customers_target": f.new_customers_target,
        "visits": f.visits,
        "visits_target": f.visits_target,
        "collection_pct": to_points(f.collection_rate),
        "score": None if f.score is None else rounded(f.score, 1),
    }


def circle_lines(board: Board) -> list[str]:
    """A management circle in the data, said in one line each: a circle has no top, so its
    people are followed no further than the circle itself."""
    return [
        f"Broken reporting line: {c} is a circle; its people count in their region's line "
        "but are listed under nobody until one of them gets another manager."
        for c in board.circles
    ]


def team_report(
    board: Board,
    period_label: str,
    period_kind: str,
    as_of: datetime,
    fmt: str,
    view: str = "",
    collection_basis: str = "",
) -> str:
    """The whole tree unfolded (team → regions → managers → reps), children by revenue."""
    lines = board.lines(set())
    root = lines[0].figures
    pool = bonus_pool(root.revenue, root.target, board.rules) if period_kind == "quarter" else 0
    md = fmt == "md"
    rows = [_row(ln, md) for ln in lines]
    if md:
        from salestui.kernel.money import format_amount

        head = f"# Team leaderboard · {board.root_label} · {period_label}\n\n"
        head += view_line(view)
        head += "".join(f"{c}\n\n" for c in circle_lines(board))
        note = board.target_note()
        head += f"{note[0].upper()}{note[1:]}.\n\n" if note else ""
        head += f"As of {as_of:%Y-%m-%d %H:%M} UTC. Money in major units; "
        head += "a region's line is its people, a manager's under it their team in that region."
        head += f" Collection %: {collection_basis}.\n\n" if collection_basis else "\n\n"
        tail = ""
        if period_kind == "quarter":
            tail = (
                f"\nTeam bonus pool: {format_amount(pool, decimals=True)}"
                if pool
                else "\nTeam bonus pool: none (quarterly attainment not above "
                f"{board.rules.bonus_threshold_pct} %)"
            ) + "\n"
        return head + render_table(TEAM_COLUMNS, rows, "md") + tail
    meta = {
        "scope": board.root_label,
        "view": view,
        "circles": list(board.circles),
        "target_note": board.target_note(),
        "period": period_label,
        "collection_basis": collection_basis,
        "as_of": as_of.isoformat(),
        "bonus_pool": None if period_kind != "quarter" else f"{pool // 100}.{pool % 100:02d}",
    }
    return render_table(TEAM_COLUMNS, rows, fmt, meta=meta)
