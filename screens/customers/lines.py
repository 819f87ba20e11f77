"""The two lines above the customer list: the story of the tiers (how few customers carry the
revenue, what needs attention) and the tiers themselves with the filter in force."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from salestui.kernel.format import number, percent
from salestui.kernel.money import format_compact

if TYPE_CHECKING:
    from salestui.customers.table import TierSummary


def story_text(s: TierSummary, partial: bool) -> Text:
    """Customers, revenue, the A class's share, key accounts; the warnings once every figure is
    in (``partial``: only the tiers are)."""
    a_n = s.by_class["A"][0]
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{s.customers:,} customers · 12m {format_compact(s.revenue_12m)}", "bold")
    if s.a_share is not None:
        text.append(f" · {a_n:,} A make {percent(s.a_share)}")
    text.append(f" · {s.by_tier['key account'][0]:,} key")
    if partial:
        text.append(" · reading…", style="dim")  # short: the header is cut at 80 wide
    else:
        text.append(f" · ⚠ health {s.health_warnings:,}", style="yellow")
        text.append(f" · churn {s.churn_warnings:,}", style="yellow")
        text.append(f" · overdue {format_compact(s.overdue)}", style="red")
    return text


def tiers_text(s: TierSummary, partial: bool, filter_words: str) -> Text:
    """Customers and revenue per tier, collection, DSO, then the filter in force."""
    tiers = Text(no_wrap=True, overflow="ellipsis")
    for label, key in (
        ("Key", "key account"),
        ("Growth", "growth"),
        ("Potential", "potential"),
    ):
        n, revenue = s.by_tier[key]
        tiers.append(f" {label} {n:,}·{format_compact(revenue)}")
    if s.collection_rate is not None:
        tiers.append(f" │ collected {percent(s.collection_rate)} of invoices due in 12 months")
    if s.dso is not None and not partial:
        tiers.append(f" · DSO {number(s.dso)}d")
    tiers.append("  " + filter_words, style="dim")
    return tiers
