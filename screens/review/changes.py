"""The review's "since the last review" section as text: moves, wins, losses, slips, new big
deals, the forecast's change, the first few deals that went back."""

from __future__ import annotations

from rich.text import Text

from salestui.kernel.dates import local
from salestui.kernel.money import format_amount


def changes_text(c) -> Text:
    """What changed since the last review marked done (``review.changes.Changes``)."""
    text = Text()
    if c.first_review:
        text.append("No review marked done yet (d marks this one): the last 7 days.\n", style="dim")
    else:
        text.append(f"Since the review of {local(c.since)}.\n", style="dim")
    fwd = [m for m in c.moved if m.direction == "forward"]
    back = [m for m in c.moved if m.direction == "backward"]
    text.append(f"→ {len(fwd):,} moved forward   ← {len(back):,} moved back   ")
    text.append(
        f"✓ {len(c.won):,} won {format_amount(sum(m.amount_minor for m in c.won))}   ",
        style="green",
    )
    text.append(
        f"✗ {len(c.lost):,} lost {format_amount(sum(m.amount_minor for m in c.lost))}",
        style="red",
    )
    text.append(f"\n↓ {len(c.slipped):,} close dates slipped   ★ {len(c.new_big):,} new big deals")
    if c.forecast is not None:
        before, now = c.forecast
        text.append(f"   forecast {format_amount(before)} → {format_amount(now)}")
    for m in back[:3]:
        text.append(f"\n  ← {m.title} ({m.owner}) {m.from_stage} → {m.to_stage}", style="yellow")
    for d in c.new_big[:3]:
        text.append(f"\n  ★ {d[1]} ({d[2]}) {format_amount(d[3])}")
    return text
