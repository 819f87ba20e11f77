"""Action plans' figures: due-date groups, warning items, quarterly milestones.

Pure functions (no database, no Textual), each tested on rows written by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction

from salestui.kernel.dates import days_between, shown_date
from salestui.kernel.format import number
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import divide_half_up, half_up
from salestui.kernel.periods import add_months, week_bounds

GROUPS: tuple[str, ...] = ("Overdue", "Today", "This week", "Later")

# Days from a warning to the due date of the item it becomes: a hot lead and an unanswered
# complaint today, a customer's slow decline within the week.
WARNING_DUE_DAYS: dict[str, int] = {
    "sla": 0,
    "complaint": 0,
    "stalled": 3,
    "overdue": 2,
    "health": 7,
    "churn": 7,
}


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
    return today + timedelta(days=WARNING_DUE_DAYS[kind])


def warning_key(
    kind: str, subject_id: int, ref: int | None = None, today: date | None = None
) -> str:
    """The one key of a warning, carried by the item it becomes so it is raised once:
    ``stalled:opportunity:<deal>``, ``sla:lead:<lead>``, ``health:<customer>:<YYYY-MM>`` (health
    is monthly), ``churn:<customer>``, ``overdue:<order>``, ``complaint:<complaint>`` (``ref``:
    the order or complaint of a customer's warning). The demo writes the same keys."""
    if kind == "stalled":
        return f"stalled:opportunity:{subject_id}"
    if kind == "sla":
        return f"sla:lead:{subject_id}"
    if kind == "health":
        if today is None:
            raise ValueError("a health warning is keyed by its month")
        return f"health:{subject_id}:{today:%Y-%m}"
    if kind == "churn":
        return f"churn:{subject_id}"
    if kind in ("overdue", "complaint"):
        if ref is None:
            raise ValueError(f"a {kind} warning is keyed by its row")
        return f"{kind}:{ref}"
    raise ValueError(f"unknown warning kind {kind!r}")


# The warnings judged from the customer figures (seconds on a large database), not in SQL.
CUSTOMER_KINDS: tuple[str, ...] = ("health", "churn")


def warning_kind(key: str) -> str:
    """The kind a warning key names (its first part)."""
    return key.split(":")[0]


def customer_of(key: str, today: date) -> int | None:
    """The customer a health or churn warning's key (as :func:`warning_key` makes it ``today``)
    names; None for any other key, or one of another month."""
    kind, _sep, rest = key.partition(":")
    if kind not in CUSTOMER_KINDS:
        return None
    try:
        customer = int(rest.split(":")[0])
    except ValueError:
        return None
    return customer if warning_key(kind, customer, customer, today) == key else None


def item_title(kind: str, subject: str) -> str:
    """The title the item a warning becomes gets, in the language of whoever makes it."""
    words = {
        "sla": N_("Contact lead {subject}"),
        "complaint": N_("Respond to complaint of {subject}"),
        "stalled": N_("Unblock stalled deal {subject}"),
        "overdue": N_("Collect overdue invoices of {subject}"),
        "health": N_("Service upgrade for {subject}"),
        "churn": N_("Win back {subject}"),
    }[kind]
    return _(words).format(subject=subject).strip()


def age_words(since: datetime, now: datetime) -> str:
    hours = (now - since).total_seconds() / 3600
    if hours < 48:
        return number(hours, unit="h")
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
            month_targets.get(m, 0)
            if set_months
            else divide_half_up(quarter_target_minor * days, q_days)
        )
    quarter_target = quarter_target_minor or sum(m_target.values())

    def won(a: date, b: date) -> int:
        return sum(v for d, v in won_by_day.items() if a <= d < b)

    def day_target(d: date) -> Fraction:
        m = date(d.year, d.month, 1)
        return Fraction(m_target.get(m, 0), (add_months(m, 1) - m).days)

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
            Milestone("month", shown_date(m, "%Y-%m"), m, end, t, a, _state(t, a, m, end, today))
        )
    start = week_bounds(q_start, first_weekday)[0]
    while start < q_end:
        a0, b0 = max(start, q_start), min(start + timedelta(days=7), q_end)
        t = half_up(sum(day_target(a0 + timedelta(days=i)) for i in range((b0 - a0).days)))
        a = won(a0, b0)
        label = _("week {n}").format(n=len(out) - 3)
        out.append(Milestone("week", label, a0, b0, t, a, _state(t, a, a0, b0, today)))
        start += timedelta(days=7)
    return out
