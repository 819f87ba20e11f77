"""`salestui report team`: the leaderboard's lines as Markdown, CSV or JSON. Pure."""

from __future__ import annotations

from datetime import datetime

from salestui.kernel.format import rounded, to_points
from salestui.kernel.i18n import N_, _
from salestui.kernel.invoices import basis_words
from salestui.kernel.report_table import Column, render_table, view_line
from salestui.team.leaderboard import Board, Line
from salestui.team.metrics import bonus_pool

TEAM_COLUMNS: tuple[Column, ...] = (
    Column("level", N_("Level"), words=True),
    Column("name", N_("Name")),
    Column("people", N_("People"), right=True),
    Column("revenue", N_("Revenue"), money=True, right=True),
    Column("target", N_("Target"), money=True, right=True),
    Column("attainment_pct", N_("Att %"), right=True),
    Column("won", N_("Won"), right=True),
    Column("win_rate_pct", N_("Win %"), right=True),
    Column("average_deal", N_("Avg deal"), money=True, right=True),
    Column("cycle_days", N_("Cycle (days)"), right=True),
    Column("new_customers", N_("New customers"), right=True),
    Column("new_customers_target", N_("New cust. target"), right=True),
    Column("visits", N_("Visits"), right=True),
    Column("visits_target", N_("Visits target"), right=True),
    Column("collection_pct", N_("Collection %"), right=True),
    Column("score", N_("Score"), right=True),
)

# the leaderboard's top line (kernel.viewer) and its level, shown translated in Markdown
TOP_WORDS = (N_("Company"), N_("root"))


def _row(line: Line, md: bool) -> dict:
    f = line.figures
    indent = "  " * line.depth if md else ""
    return {
        "level": line.kind,
        "name": indent + (_(line.label) if md and line.depth == 0 else line.label),
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
        _(
            "Broken reporting line: {circle} is a circle; its people count in their region's "
            "line but are listed under nobody until one of them gets another manager."
        ).format(circle=c)
        for c in board.circles
    ]


def org_line(org_basis: str) -> str:
    """The report's word on the org a closed period is attributed with, where people moved."""
    if not org_basis:
        return ""
    if org_basis == "org as it is now":
        return (
            _(
                "Org as it is now (setting org.history = now): people count under today's "
                "manager and region, not those they had when the period closed."
            )
            + "\n\n"
        )
    # org_basis is "org as of 2026-09-30" (English: the JSON keeps it)
    said = _("org as of {day}").format(day=org_basis.rsplit(" ", 1)[-1])
    return (
        _(
            "{basis}: people count under the manager and in the region they had when the "
            "period closed."
        ).format(basis=f"{said[0].upper()}{said[1:]}")
        + "\n\n"
    )


def team_report(
    board: Board,
    period_label: str,
    period_kind: str,
    as_of: datetime,
    fmt: str,
    view: str = "",
    collection_basis: str = "",
    org_basis: str = "",
) -> str:
    """The whole tree unfolded (team → regions → managers → reps), children by revenue."""
    lines = board.lines(set())
    root = lines[0].figures
    pool = bonus_pool(root.revenue, root.target, board.rules) if period_kind == "quarter" else 0
    md = fmt == "md"
    rows = [_row(ln, md) for ln in lines]
    if md:
        from salestui.kernel.money import format_amount

        title = _("Team leaderboard · {scope} · {period}")
        head = "# " + title.format(scope=_(board.root_label), period=period_label) + "\n\n"
        head += view_line(view)
        head += "".join(f"{c}\n\n" for c in circle_lines(board))
        note = board.target_note()
        head += f"{note[0].upper()}{note[1:]}.\n\n" if note else ""
        head += _("As of {when} UTC. Money in major units; ").format(when=f"{as_of:%Y-%m-%d %H:%M}")
        head += _("a region's line is its people, a manager's under it their team in that region.")
        if collection_basis:
            head += " " + _("Collection %: {basis}.").format(basis=basis_words(collection_basis))
        head += "\n\n" + org_line(org_basis)
        tail = ""
        if period_kind == "quarter":
            tail = (
                "\n"
                + (
                    _("Team bonus pool: {amount}").format(amount=format_amount(pool, decimals=True))
                    if pool
                    else _(
                        "Team bonus pool: none (quarterly attainment not above {threshold} %)"
                    ).format(threshold=board.rules.bonus_threshold_pct)
                )
                + "\n"
            )
        return head + render_table(TEAM_COLUMNS, rows, "md") + tail
    meta = {
        "scope": board.root_label,
        "view": view,
        "circles": list(board.circles),
        "target_note": board.target_note(),
        "period": period_label,
        "collection_basis": collection_basis,
        "org": org_basis or None,
        "as_of": as_of.isoformat(),
        "bonus_pool": None if period_kind != "quarter" else f"{pool // 100}.{pool % 100:02d}",
    }
    return render_table(TEAM_COLUMNS, rows, fmt, meta=meta)
