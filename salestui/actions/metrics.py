"""Action plans' figures: lead SLA breaches, due-date groups, warning items, quarterly milestones.

Pure functions (no database, no Textual), each tested on rows written by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from salestui.kernel.dates import days_between
from salestui.review.metrics import add_months, week_bounds

SLA_HOURS_DEFAULT: dict[str, int] = {"A": 2, "B": 24, "C": 120}
GROUPS: tuple[str, ...] = ("Overdue", "Today", "This week", "Later")
OPEN_STATUSES: tuple[str, ...] = ("open", "doing")

# Warning kind → (words, days until the item is due, what the item links to)
WARNING_KINDS: dict[str, tuple[str, int, str]] = {
    "sla": ("Lead not contacted within its SLA", 0, "person"),
    "complaint": ("Complaint without a first response", 0, "customer"),
    "stalled": ("Stalled deal", 3, "opportunity"),
    "overdue": ("Overdue invoice", 2, "customer"),
    "health": ("Health below 80: service upgrade", 7, "customer"),
    "churn": ("Churn warning", 7, "customer"),
}
COMPLAINT_RESPONSE_HOURS = 48


def _int(raw, default: int) -> int:
    try:
        return max(1, int(str(raw).strip()))
    except (TypeError, ValueError):
        return default


def sla_hours(settings: Mapping[str, str]) -> dict[str, int]:
    """First-contact limits per grade; ``sla_hours.A`` etc. in settings override the defaults."""
    return {g: _int(settings.get(f"sla_hours.{g}"), h) for g, h in SLA_HOURS_DEFAULT.items()}


def sla_breach(
    grade: str,
    created_at: datetime,
    first_contact_at: datetime | None,
    now: datetime,
    limits: Mapping[str, int] = SLA_HOURS_DEFAULT,
) -> float | None:
    """Hours past the grade's first-contact limit, or None when within it.

    A lead contacted late stays a breach (its figure is frozen at the contact); one never
    contacted keeps growing until it is.
    """
    limit = limits.get(grade, limits["C"])
    until = first_contact_at or now
    waited = (until - created_at).total_seconds() / 3600
    return waited - limit if waited > limit else None


def due_group(due: date, today: date, first_weekday: int = 0) -> str:
    """Overdue (before today), Today, This week (to the week's end), Later."""
    if due < today:
        return "Overdue"
    if due == today:
        return "Today"
    if due < week_bounds(today, first_weekday)[1]:
        return "This week"
    return "Later"


def suggested_due(kind: str, today: date) -> date:
    return today + timedelta(days=WARNING_KINDS[kind][1])


def warning_key(kind: str, link_type: str, link_id: int) -> str:
    """One warning, one key: ``stalled:opportunity:12`` (the demo and the board write the same)."""
    return f"{kind}:{link_type}:{link_id}"


def parse_warning_key(key: str | None) -> tuple[str, str, int] | None:
    if not key:
        return None
    parts = key.split(":")
    if len(parts) != 3 or not parts[2].isdigit():
        return None
    return parts[0], parts[1], int(parts[2])


def customer_warning_key(
    kind: str, customer_id: int, ref: int | None = None, today: date | None = None
) -> str:
    """A customer warning's key: ``health:<customer>:<YYYY-MM>`` (health is monthly),
    ``churn:<customer>``, ``overdue:<order>``, ``complaint:<complaint>``."""
    if kind == "health":
        if today is None:
            raise ValueError("a health warning is keyed by its month")
        return f"health:{customer_id}:{today:%Y-%m}"
    if kind == "churn":
        return f"churn:{customer_id}"
    if kind in ("overdue", "complaint"):
        if ref is None:
            raise ValueError(f"a {kind} warning is keyed by its row")
        return f"{kind}:{ref}"
    raise ValueError(f"unknown warning kind {kind!r}")


def item_title(kind: str, subject: str) -> str:
    words = {
        "sla": "Contact lead",
        "complaint": "Respond to complaint of",
        "stalled": "Unblock stalled deal",
        "overdue": "Collect overdue invoices of",
        "health": "Service upgrade for",
        "churn": "Win back",
    }[kind]
    return f"{words} {subject}".strip()


def age_words(since: datetime, now: datetime) -> str:
    hours = (now - since).total_seconds() / 3600
    if hours < 48:
        return f"{hours:.0f}h"
    return f"{days_between(since, now)}d"


# --- quarterly milestones ------------------------------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    kind: str  # "quarter" / "month" / "week"
    label: str
    start: date
    end: date  # exclusive
    target_minor: int
    actual_minor: int
    state: str  # "met", "missed", "on pace", "behind", "to come", "no target"

    @property
    def progress(self) -> float | None:
        return self.actual_minor / self.target_minor if self.target_minor else None


def _state(target: int, actual: int, start: date, end: date, today: date) -> str:
    if target <= 0:
        return "no target"
    if today < start:
        return "to come"
    if today >= end:
        return "met" if actual >= target else "missed"
    if actual >= target:
        return "met"
    pace = ((today - start).days + 1) / (end - start).days
    return "on pace" if actual >= target * pace else "behind"


def milestones(
    q_start: date,
    quarter_target_minor: int,
    month_targets: Mapping[date, int],
    won_by_day: Mapping[date, int],
    today: date,
    first_weekday: int = 0,
) -> list[Milestone]:
    """A quarter's revenue target broken into its months and weeks, each with the won revenue.

    Months take their own targets when set (and the quarter's share of days otherwise); a week's
    target is its days' share of each month's target, so weeks that straddle a month split fairly.
    """
    q_end = add_months(q_start, 3)
    months = [add_months(q_start, i) for i in range(3)]
    set_months = sum(month_targets.get(m, 0) for m in months)
    q_days = (q_end - q_start).days
    m_target = {}
    for m in months:
        days = (add_months(m, 1) - m).days
        m_target[m] = (
            month_targets.get(m, 0) if set_months else round(quarter_target_minor * days / q_days)
        )
    quarter_target = quarter_target_minor or sum(m_target.values())

    def won(a: date, b: date) -> int:
        return sum(v for d, v in won_by_day.items() if a <= d < b)

    def day_target(d: date) -> float:
        m = date(d.year, d.month, 1)
        return m_target.get(m, 0) / (add_months(m, 1) - m).days

    out = [
        Milestone(
            "quarter",
            f"Q{(q_start.month - 1) // 3 + 1} {q_start.year}",
            q_start,
            q_end,
            quarter_target,
            won(q_start, q_end),
            _state(quarter_target, won(q_start, q_end), q_start, q_end, today),
        )
    ]
    for m in months:
        end = add_months(m, 1)
        t, a = m_target[m], won(m, end)
        out.append(
            Milestone("month", m.strftime("%b %Y"), m, end, t, a, _state(t, a, m, end, today))
        )
    start = week_bounds(q_start, first_weekday)[0]
    while start < q_end:
        a0, b0 = max(start, q_start), min(start + timedelta(days=7), q_end)
        t = round(sum(day_target(a0 + timedelta(days=i)) for i in range((b0 - a0).days)))
        a = won(a0, b0)
        label = f"week {len(out) - 3}"
        out.append(Milestone("week", label, a0, b0, t, a, _state(t, a, a0, b0, today)))
        start += timedelta(days=7)
    return out
