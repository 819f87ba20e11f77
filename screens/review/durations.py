"""The review's section 8 (stage durations, effort allocation) and its problems' effort line,
drawn from the figures `report weekly` writes (``salestui.review.stage_effort``)."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from salestui.board.durations import Durations, days_text
from salestui.kernel.format import number
from salestui.kernel.i18n import N_, _
from salestui.review.stage_effort import (  # noqa: F401  (the screen loads through here)
    effort_problem,
    load_review_durations,
    load_review_effort,
    load_review_effort_counts,
    window_words,
)
from salestui.screens.common.plain import PlainTable
from salestui.team.effort import Effort, share_text

COLUMNS = (N_("Stage"), N_("Left"), N_("Average"), N_("Median"), N_("Limit"))


def durations_view(d: Durations, e: Effort | None):
    table = PlainTable(box=None, expand=False, pad_edge=False, show_edge=False)
    for i, name in enumerate(COLUMNS):
        table.add_column(_(name), justify="right" if i else "left", no_wrap=True)
    for t in d.team:
        over = t.average is not None and t.average > t.limit
        table.add_row(
            _(t.stage),
            f"{t.stints:,}",
            Text(days_text(t.average), style="yellow" if over else ""),
            days_text(t.median),
            f"{t.limit}d",
        )
    notes = Text(_("stints left {window}").format(window=window_words(d)), style="dim")
    factor = number(d.rules.much_longer, decimals=1)
    for p in d.flagged:
        notes.append("\n")
        notes.append("  ⧗ ", style="yellow")
        notes.append(p.name, style="yellow")
        notes.append(
            " "
            + _("{stage}: median {median} over {n} deals, team {team} (> {factor}×)").format(
                stage=_(p.time.stage),
                median=days_text(p.time.median),
                n=f"{p.time.stints:,}",
                team=days_text(p.team_median),
                factor=factor,
            )
        )
    parts = [table, notes]
    if e is None:
        parts.append(Text(_("effort on the top 20 % of customers: working it out"), style="dim"))
    else:
        line = Text()
        line.append(_("Effort on the top 20 % of customers") + " ", style="bold")
        line.append(
            _("(target {target} %, {window}): activities {activities}, visits {visits}").format(
                target=e.target,
                window=window_words(e),
                activities=share_text(e.team.activity_share),
                visits=share_text(e.team.visit_share),
            )
        )
        parts.append(line)
    return Group(*parts)


def effort_problem_text(section: tuple | None) -> Text:
    """The problems' effort line from section 8's (durations, effort): ``""`` while the effort
    is worked out or nobody falls short."""
    e = section[1] if section else None
    found = effort_problem(e) if e is not None else None
    if not found:
        return Text("")
    return Text.assemble("\n", (f"{len(e.short):>7,} ", "bold yellow"), found)


def redraw(screen, durations: Durations, effort: Effort | None) -> None:
    """Section 8, and the problems again once the effort is known."""
    from textual.widgets import Static

    screen.query_one("#durations", Static).update(durations_view(durations, effort))
    if effort is not None and "problems" in screen.data:
        screen._show_problems(screen.data["problems"])
