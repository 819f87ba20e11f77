"""The two lines above the customer list: the story of the tiers (how few customers carry the
revenue, what needs attention) and the tiers themselves with the filter in force."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from salestui.kernel.format import number, percent
from salestui.kernel.i18n import N_, _, ngettext
from salestui.kernel.money import format_compact

if TYPE_CHECKING:
    from salestui.customers.table import TierSummary


def story_text(s: TierSummary, partial: bool) -> Text:
    """Customers, revenue, the A class's share, key accounts; the warnings once every figure is
    in (``partial``: only the tiers are)."""
    a_n = s.by_class["A"][0]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(
        ngettext("{n} customer", "{n} customers", s.customers).format(n=f"{s.customers:,}")
        + " · "
        + _("12m {amount}").format(amount=format_compact(s.revenue_12m)),
        "bold",
    )
    if s.a_share is not None:
        text.append(" · " + _("{n} A make {share}").format(n=f"{a_n:,}", share=percent(s.a_share)))
    text.append(" · " + _("{n} key").format(n=f"{s.by_tier['key account'][0]:,}"))
    if not partial:  # the warnings once read (the head line says `reading…` meanwhile)
        text.append(" · ⚠ " + _("health {n}").format(n=f"{s.health_warnings:,}"), style="yellow")
        text.append(" · " + _("churn {n}").format(n=f"{s.churn_warnings:,}"), style="yellow")
        text.append(
            " · " + _("overdue {amount}").format(amount=format_compact(s.overdue)), style="red"
        )
    return text


def tiers_text(s: TierSummary, partial: bool, filter_words: str) -> Text:
    """Customers and revenue per tier, collection, DSO, then the filter in force."""
    tiers = Text(no_wrap=True, overflow="ellipsis")
    for label, key in (
        (N_("Key"), "key account"),
        (N_("Growth"), "growth"),
        (N_("Potential"), "potential"),
    ):
        n, revenue = s.by_tier[key]
        tiers.append(f" {_(label)} {n:,}·{format_compact(revenue)}")
    if s.collection_rate is not None:
        tiers.append(
            " │ "
            + _("collected {share} of invoices due in 12 months").format(
                share=percent(s.collection_rate)
            )
        )
    if s.dso is not None and not partial:
        tiers.append(" · " + _("DSO {n}d").format(n=number(s.dso)))
    tiers.append("  " + filter_words, style="dim")
    return tiers


def filter_words(flt, rows, rules, viewer) -> str:
    """The filter in force, in brackets: how many shown, and each narrowing."""
    parts = [_("{n} shown").format(n=f"{len(rows):,}") if rows is not None else ""]
    parts += [_(v) for v in (flt.segment, flt.tier) if v]
    if flt.abc:
        parts.append(_("class {abc}").format(abc=flt.abc))
    if flt.health_below:
        parts.append(_("health<{n}").format(n=rules.health_warning_below))
    if flt.churn:
        parts.append(_("churn"))
    if flt.region_id is not None and viewer:
        parts.append(viewer.region_name(flt.region_id))
    if flt.text:
        parts.append(f"“{flt.text}”")
    return "[" + " · ".join(parts) + "]"


def sort_words(column: str, descending: bool) -> str:
    from salestui.screens.customers.columns import COLUMNS

    arrow = "↓" if descending else "↑"
    return _("sorted by {column} {arrow} · s/S column · o order · / filter").format(
        column=_(COLUMNS[column][0]), arrow=arrow
    )
