"""The review's section 4: every kind of problem counted with its worst case, and the longest
stalled deals with their owners (who to ask about them in the meeting)."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from salestui.kernel.clock import local_day
from salestui.kernel.dates import shown_date
from salestui.kernel.format import number
from salestui.kernel.i18n import _, ngettext
from salestui.kernel.money import format_amount
from salestui.screens.common.plain import PlainTable

STALLED_SHOWN = 5


def problems_text(p) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    rows = (
        ("⚠ " + _("stalled deals"), p.stalled_total, p.stalled),
        ("◷ " + _("lead SLA breaches"), p.sla_total, p.sla),
        ("$ " + _("overdue invoices"), p.overdue_total, p.overdue),
        (
            "✉ " + _("complaints unanswered after {hours} h").format(hours=p.complaint_hours),
            p.complaints_total,
            p.complaints,
        ),
        (
            "♥ " + _("customers with health below {score}").format(score=p.health_below),
            p.health_total,
            p.health,
        ),
        ("↘ " + _("churn warnings"), p.churn_total, p.churn),
    )
    if not p.customers_known:
        rows = rows[:-2]
    for label, total, top in rows:
        text.append(f"{total:>7,} ", style="bold yellow" if total else "dim")
        text.append(label)
        if top:
            w = top[0]
            text.append("  — " + _("worst:") + " ", style="dim")
            text.append(w.subject, style="dim")
            if w.amount_minor:
                text.append(f" {format_amount(w.amount_minor)}", style="dim")
        text.append("\n")
    if not p.customers_known:
        text.append(
            "      … " + _("customer health and churn warnings: working them out") + "\n",
            style="dim",
        )
    if p.region_gaps:
        text.append(f"{len(p.region_gaps):>7,} ", style="bold yellow")
        text.append(_("regions behind plan:") + " ")
        text.append(
            ", ".join(
                _("{region} −{points} pts").format(region=n, points=number(g))
                for n, _won, _target, g in p.region_gaps
            )
        )
    else:
        text.append("      0 " + _("regions behind plan"), style="dim")
    return text


def stalled_table(p, names: dict[int, str]):
    """The longest stalled deals: deal, owner (by name), stage, since when, amount."""
    if not p.stalled:
        return None
    table = PlainTable(box=None, expand=True, pad_edge=False, show_edge=False)
    table.add_column(_("Longest stalled"), no_wrap=True, overflow="ellipsis", ratio=3)
    table.add_column(_("Owner"), no_wrap=True, overflow="ellipsis", ratio=1)
    table.add_column(_("Stage"), no_wrap=True)
    table.add_column(_("Since"), no_wrap=True)
    table.add_column(_("Amount"), justify="right", no_wrap=True)
    for w in p.stalled[:STALLED_SHOWN]:
        owner = names.get(w.owner_id) or w.owner_login or ""
        since = shown_date(local_day(w.since)) if w.since else ""
        table.add_row(
            Text(w.subject), Text(owner), _(w.detail), since, format_amount(w.amount_minor)
        )
    more = p.stalled_total - min(len(p.stalled), STALLED_SHOWN)
    if more > 0:
        return Group(
            table,
            Text(
                ngettext("… {n} more stalled deal", "… {n} more stalled deals", more).format(
                    n=f"{more:,}"
                ),
                style="dim",
            ),
        )
    return table
