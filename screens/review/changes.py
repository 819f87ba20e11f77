"""The review's "since the last review" section as text: the counts, then the deals behind
them by name — the biggest few of each kind and how many more — and the forecast's change."""

from __future__ import annotations

from rich.text import Text

from salestui.kernel.dates import local
from salestui.kernel.i18n import _
from salestui.kernel.money import format_amount

SHOWN = 3  # deals named per kind; the rest are counted


def _more(text: Text, n: int) -> None:
    if n > 0:
        text.append("\n    " + _("… {n} more").format(n=f"{n:,}"), "dim")


def _moves(text: Text, mark: str, moves, style: str = "") -> None:
    """The biggest moves first: the ones a meeting asks about."""
    for m in sorted(moves, key=lambda m: -m.amount_minor)[:SHOWN]:
        text.append(f"\n  {mark} ", style)
        text.append(m.title, style)
        text.append(f" ({m.owner}) ", "dim")
        if m.from_stage:
            text.append(f"{_(m.from_stage)} → ")
        text.append(_(m.to_stage))
        text.append(f"  {format_amount(m.amount_minor)}", "dim")
    _more(text, len(moves) - SHOWN)


def changes_text(c) -> Text:
    """What changed since the last review marked done (``review.changes.Changes``)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if c.first_review:
        text.append(
            _("No review marked done yet (d marks this one): the last 7 days.") + "\n", "dim"
        )
    else:
        text.append(_("Since the review of {when}.").format(when=local(c.since)) + "\n", "dim")
    fwd = [m for m in c.moved if m.direction == "forward"]
    back = [m for m in c.moved if m.direction == "backward"]
    other = [m for m in c.moved if m.direction not in ("forward", "backward")]
    text.append("→ " + _("{n} moved forward").format(n=f"{len(fwd):,}") + "   ")
    text.append("← " + _("{n} moved back").format(n=f"{len(back):,}") + "   ")
    won = format_amount(sum(m.amount_minor for m in c.won))
    lost = format_amount(sum(m.amount_minor for m in c.lost))
    text.append("✓ " + _("{n} won {amount}").format(n=f"{len(c.won):,}", amount=won), "green")
    text.append("   ")
    text.append("✗ " + _("{n} lost {amount}").format(n=f"{len(c.lost):,}", amount=lost), "red")
    text.append("\n↓ " + _("{n} close dates slipped").format(n=f"{len(c.slipped):,}") + "   ")
    text.append("★ " + _("{n} new big deals").format(n=f"{len(c.new_big):,}"))
    if c.forecast is not None:
        before, now = c.forecast
        text.append(
            "   "
            + _("forecast {before} → {now}").format(
                before=format_amount(before), now=format_amount(now)
            )
        )
    _moves(text, "✓", c.won, "green")
    _moves(text, "✗", c.lost, "red")
    _moves(text, "←", back, "yellow")
    _moves(text, "→", fwd + other)
    for _id, title, old, new in c.slipped[:SHOWN]:
        text.append("\n  ↓ ")
        text.append(title)
        text.append(f" {old} → {new}", "dim")
    _more(text, len(c.slipped) - SHOWN)
    for d in sorted(c.new_big, key=lambda d: -d[3])[:SHOWN]:
        text.append("\n  ★ ")
        text.append(d[1])
        text.append(f" ({d[2]}) ", "dim")
        text.append(format_amount(d[3]))
    _more(text, len(c.new_big) - SHOWN)
    return text
