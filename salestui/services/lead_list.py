"""The leads a person sees, each with its first-contact clock in words, most urgent first: the
leads screen and ``salestui lead list`` read them here.

Whose: the inbox's (``scope.owners``: one's own and one's team's, everyone's for an administrator
or the top of the org), with the unowned leads of the region a manager may take
(``services.leads.may_take``). The clock is ``kernel.sla``'s deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from salestui.db.queries.leads import LeadRow, lead_rows
from salestui.kernel.domain import LEAD_STATUSES
from salestui.kernel.i18n import _
from salestui.kernel.sla import first_contact_deadline, sla_breach, sla_hours
from salestui.scope import load_scope
from salestui.services.leads import OPEN, may_take

OVERDUE_MARK = "⚠"


@dataclass(frozen=True)
class Clock:
    words: str  # "1h 20m left", "⚠ overdue 3h", "in time", "late 2h", "" when closed
    overdue: bool  # waiting past its deadline now
    waiting: bool  # open and not contacted yet: the clock runs
    seconds_left: float  # to the deadline (negative: past it); for the order


def span(delta: timedelta) -> str:
    """A duration as a person reads it at a glance: ``45m``, ``1h 20m``, ``3h``, ``2d 4h``."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes}m"
    hours, rest = divmod(minutes, 60)
    if hours < 24:
        return f"{hours}h {rest}m" if rest else f"{hours}h"
    days, hours = divmod(hours, 24)
    return f"{days}d {hours}h" if hours else f"{days}d"


def clock(lead: LeadRow, now: datetime, limits) -> Clock:
    """The lead's first-contact clock at ``now``: time left or overdue while it waits; once
    contacted, whether that was in time (a late contact stays late, as the review counts it)."""
    deadline = first_contact_deadline(lead.grade, lead.created_at, limits)
    left = (deadline - now).total_seconds()
    if lead.first_contact_at is not None:
        late = sla_breach(lead.grade, lead.created_at, lead.first_contact_at, now, limits)
        words = (
            _("in time")
            if late is None
            else _("late {span}").format(span=span(timedelta(hours=late)))
        )
        return Clock("" if lead.status not in OPEN else words, False, False, left)
    if lead.status not in OPEN:
        return Clock("", False, False, left)
    if left >= 0:  # exactly at the deadline is in time (``kernel.sla``)
        return Clock(_("{span} left").format(span=span(deadline - now)), False, True, left)
    words = _("overdue {span}").format(span=span(now - deadline))
    return Clock(f"{OVERDUE_MARK} {words}", True, True, left)


@dataclass(frozen=True)
class LeadLine:
    lead: LeadRow
    clock: Clock

    @property
    def is_open(self) -> bool:
        return self.lead.status in OPEN


def order_key(line: LeadLine):
    """Open before closed; among the open, those whose clock runs first, the least time left
    first (the most overdue at the top); then grade; the closed ones newest first."""
    lead = line.lead
    if not line.is_open:
        return (2, 0.0, lead.grade, -lead.created_at.timestamp(), lead.id)
    if line.clock.waiting:
        return (0, line.clock.seconds_left, lead.grade, 0.0, lead.id)
    return (1, 0.0, lead.grade, lead.created_at.timestamp(), lead.id)


def visible_leads(conn, login: str, now: datetime, *, closed: bool = False) -> list[LeadLine]:
    """The person's leads, most urgent first (the closed ones too when ``closed``)."""
    scope = load_scope(conn, login)
    me = next((p for p in scope.people if p.login == login), None)
    region = me.region_id if me is not None and may_take(me, me.region_id, scope.people) else None
    limits = sla_hours(scope.settings)
    found = lead_rows(conn, scope.owners, region, closed=closed)
    lines = [LeadLine(lead, clock(lead, now, limits)) for lead in found]
    return sorted(lines, key=order_key)


def status_counts(lines: list[LeadLine]) -> dict[str, int]:
    return {s: sum(1 for line in lines if line.lead.status == s) for s in LEAD_STATUSES}


def alike_customers(conn, login: str, name: str) -> list[tuple[int, str, str]]:
    """The customers the person may see whose name is likely ``name`` (id, name, why): what the
    convert form offers to pick instead of making a duplicate."""
    from salestui.customers.duplicates import likely_pair_among
    from salestui.db.queries.customers import customer_rows
    from salestui.kernel.dates import utc_now

    scope = load_scope(conn, login)
    found = customer_rows(conn, utc_now().date()).named()
    seen = {r.customer_id: r for r in found if scope.owners is None or r.owner_id in scope.owners}
    alike = likely_pair_among(name, [(cid, r.name) for cid, r in seen.items()]) if name else []
    return [(cid, seen[cid].name, why) for cid, why in alike]
