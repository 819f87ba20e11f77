"""The board's lines of text around the columns: the pipeline summary with its filter, the strip of
recent closes, and the status line that says why the selected deal needs attention."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from salestui.board.load import Viewer, why_stalled
from salestui.board.metrics import PipelineTotal
from salestui.db.queries.board import DealCard
from salestui.kernel.dates import shown_date
from salestui.kernel.domain import LOST, WON
from salestui.kernel.format import printable
from salestui.kernel.i18n import N_, _, ngettext
from salestui.kernel.money import format_amount, format_compact
from salestui.kernel.settings import Rules


def summary_text(total: PipelineTotal, words: str, width: int) -> Text:
    """Count, amount, weighted and stalled of the whole pipeline; exact amounts when they fit in
    ``width``, compact ones when narrow."""
    for amount in (format_amount, format_compact):
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(_("Pipeline") + " ", style="bold")
        deals = ngettext("{n} deal", "{n} deals", total.count).format(n=f"{total.count:,}")
        text.append(f"{deals} · {amount(total.amount_minor)}")
        weighted = _("weighted {amount}").format(amount=amount(total.weighted_minor))
        text.append(f" · {weighted}", style="bold")
        if total.stalled:
            stalled = _("⚠ {n} stalled").format(n=f"{total.stalled:,}")
            text.append(f" · {stalled}", style="yellow")
        text.append("  ")
        text.append(words, style="dim")
        if text.cell_len <= width:
            break
    return text


SCOPE_WORDS = {"me": N_("mine"), "team": N_("my team"), "everyone": N_("everyone")}


def filter_words(fs, viewer: Viewer | None) -> str:
    """The filter in force (a ``FilterState``) in a few words: ``[my team · 华东 · “acme”]``."""
    scope = fs.scope
    if viewer and scope not in viewer.scopes():
        scope = viewer.default_scope()  # what FilterState.query shows instead
    who = _(SCOPE_WORDS[scope])
    if fs.person_id is not None and viewer:
        who = next((p.display_name for p in viewer.people if p.id == fs.person_id), who)
    parts = [who]
    if fs.region_id is not None and viewer:
        parts.append(viewer.region_name(fs.region_id))
    if fs.close_month:
        parts.append(_("closing {month}").format(month=fs.close_month))
    if fs.text:
        parts.append(f"“{fs.text}”")
    return "[" + " · ".join(parts) + "]"


def closed_text(closed: dict, recent: list[DealCard], days: int) -> Text:
    """Won and lost of the last ``days`` days, then the latest closes by name."""
    won_n, won_amt = closed.get(WON, (0, 0))
    lost_n, lost_amt = closed.get(LOST, (0, 0))
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(" " + _("Last {days}d").format(days=days) + "  ", style="dim")
    text.append(f"✓ {_(WON)} {won_n:,} · {format_amount(won_amt)}", style="green")
    text.append("   ")
    text.append(f"✗ {_(LOST)} {lost_n:,} · {format_amount(lost_amt)}", style="red")
    for card in recent[:6]:
        sign, style = ("✓", "green") if card.stage == WON else ("✗", "red")
        text.append("   ")
        text.append(sign, style=style)
        text.append(f" {printable(card.title)}")
    return text


def selected_text(card: DealCard, now: datetime, rules: Rules) -> Text:
    """Two lines: the selected deal by its whole names (the card crops them), then why it is
    stalled, its next step, approval pending, credit risk — wrapped, never cut."""
    text = Text(overflow="fold")
    text.append(printable(card.customer), style="bold")
    text.append(f" · {printable(card.title)} · {printable(card.owner_name)}")
    text.append(" · " + _("close {day}").format(day=shown_date(card.expected_close)))
    text.append("\n")
    reasons = why_stalled(card, now, rules)
    if reasons:
        text.append(_("⚠ stalled:") + " ", style="bold yellow")
        text.append(_(", ").join(reasons))
        text.append(" · ")
    due = card.next_step_date
    if not card.next_step or due is None:
        text.append(_("no next step"), style="dim")
    elif due < now.date():
        said = _("! next step overdue since {day}:").format(day=shown_date(due))
        text.append(said + " ", style="bold red")
        text.append(printable(card.next_step))
    else:
        text.append(_("next step {day}:").format(day=shown_date(due)) + " ")
        text.append(printable(card.next_step))
    if card.approval == "pending":
        text.append(" · " + _("◷ approval pending"), style="magenta")
    if card.credit_risk:
        text.append(" · " + _("$ credit risk: overdue or late-paying customer"), style="red")
    return text
