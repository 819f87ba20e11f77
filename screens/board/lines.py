"""The board's lines of text around the columns: the pipeline summary with its filter, the strip of
recent closes, and the status line that says why the selected deal needs attention."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from salestui.board.load import Viewer, why_stalled
from salestui.board.metrics import PipelineTotal
from salestui.db.queries.board import DealCard
from salestui.kernel.domain import LOST, WON
from salestui.kernel.format import printable
from salestui.kernel.money import format_amount, format_compact
from salestui.kernel.settings import Rules


def summary_text(total: PipelineTotal, words: str, width: int) -> Text:
    """Count, amount, weighted and stalled of the whole pipeline; exact amounts when they fit in
    ``width``, compact ones when narrow."""
    for amount in (format_amount, format_compact):
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("Pipeline ", style="bold")
        text.append(f"{total.count:,} deals · {amount(total.amount_minor)}")
        text.append(f" · weighted {amount(total.weighted_minor)}", style="bold")
        if total.stalled:
            text.append(f" · ⚠ {total.stalled:,} stalled", style="yellow")
        text.append("  ")
        text.append(words, style="dim")
        if text.cell_len <= width:
            break
    return text


def filter_words(fs, viewer: Viewer | None) -> str:
    """The filter in force (a ``FilterState``) in a few words: ``[my team · 华东 · “acme”]``."""
    scope = fs.scope
    if viewer and scope not in viewer.scopes():
        scope = viewer.default_scope()  # what FilterState.query shows instead
    who = {"me": "mine", "team": "my team", "everyone": "everyone"}[scope]
    if fs.person_id is not None and viewer:
        who = next((p.display_name for p in viewer.people if p.id == fs.person_id), who)
    parts = [who]
    if fs.region_id is not None and viewer:
        parts.append(viewer.region_name(fs.region_id))
    if fs.close_month:
        parts.append(f"closing {fs.close_month}")
    if fs.text:
        parts.append(f"“{fs.text}”")
    return "[" + " · ".join(parts) + "]"


def closed_text(closed: dict, recent: list[DealCard], days: int) -> Text:
    """Won and lost of the last ``days`` days, then the latest closes by name."""
    won_n, won_amt = closed.get(WON, (0, 0))
    lost_n, lost_amt = closed.get(LOST, (0, 0))
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f" Last {days}d  ", style="dim")
    text.append(f"✓ Won {won_n:,} · {format_amount(won_amt)}", style="green")
    text.append("   ")
    text.append(f"✗ Lost {lost_n:,} · {format_amount(lost_amt)}", style="red")
    for card in recent[:6]:
        sign, style = ("✓", "green") if card.stage == WON else ("✗", "red")
        text.append("   ")
        text.append(sign, style=style)
        text.append(f" {printable(card.title)}")
    return text


def selected_text(card: DealCard, now: datetime, rules: Rules) -> Text:
    """Why the selected deal is stalled (or what it is), its next step, approval pending, credit
    risk."""
    reasons = why_stalled(card, now, rules)
    text = Text(no_wrap=True, overflow="ellipsis")
    if reasons:
        text.append("⚠ stalled: ", style="bold yellow")
        text.append(", ".join(reasons))
    else:
        text.append(
            f"{printable(card.title)} · {printable(card.customer)} · close {card.expected_close}"
        )
    due = card.next_step_date
    if not card.next_step or due is None:
        text.append(" · no next step", style="dim")
    elif due < now.date():
        text.append(f" · ! next step overdue since {due}: ", style="bold red")
        text.append(printable(card.next_step))
    else:
        text.append(f" · next step {due}: {printable(card.next_step)}")
    if card.approval == "pending":
        text.append(" · ◷ approval pending", style="magenta")
    if card.credit_risk:
        text.append(" · $ credit risk: overdue or late-paying customer", style="red")
    return text
