"""`report pipeline` from README "The pipeline board": per open stage count, amount, weighted
(Σ amount × probability, rounded once, half up), stalled (days in stage over the stage's limit);
the total; Won and Lost of the last 30 days."""

from __future__ import annotations

from datetime import timedelta

from tests.oracle.frames import Clock, half_up, major, setting_int

OPEN = ("Prospect", "Qualified", "Proposal", "Negotiation")
STALL_DAYS = {"Prospect": 14, "Qualified": 21, "Proposal": 30, "Negotiation": 30}


def stall_limits(frames) -> dict[str, int]:
    return {s: setting_int(frames, f"stall_days.{s}", d) for s, d in STALL_DAYS.items()}


def stalled(frames, clock: Clock, deals):
    """Open deals whose whole days in their stage exceed the stage's limit."""
    limits = stall_limits(frames)
    days_in = (clock.local_now - deals["stage_entered_at"]).dt.days
    return days_in > deals["stage"].map(limits)


def pipeline(frames, clock: Clock) -> dict:
    opp = frames["opportunity"]
    rows = []
    open_deals = opp[opp["stage"].isin(OPEN)]
    for stage in (*OPEN, "Total"):
        d = open_deals if stage == "Total" else open_deals[open_deals["stage"] == stage]
        weighted = int((d["amount_minor"] * d["probability"]).sum())
        rows.append(
            {
                "stage": stage,
                "deals": len(d),
                "amount": major(int(d["amount_minor"].sum())),
                "weighted": major(half_up(weighted, 100)),
                "stalled": int(stalled(frames, clock, d).sum()),
                "closed_within_days": None,
            }
        )
    days = setting_int(frames, "recent_close_days", 30)
    since = clock.local_now - timedelta(days=days)
    for stage in ("Won", "Lost"):
        d = opp[(opp["stage"] == stage) & (opp["closed_at"] >= since)]
        rows.append(
            {
                "stage": stage,
                "deals": len(d),
                "amount": major(int(d["amount_minor"].sum())),
                "weighted": None,
                "stalled": None,
                "closed_within_days": days,
            }
        )
    return {"stall_days": stall_limits(frames), "recent_close_days": days, "rows": rows}
