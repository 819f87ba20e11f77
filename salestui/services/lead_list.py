"""The leads a person sees, each with its first-contact clock in words, most urgent first: the
leads screen and ``salestui lead list`` read them here.

Whose: the inbox's (``scope.owners``: one's own and one's team's, everyone's for an administrator
or the top of the org), with the unowned leads of the region a manager may take
(``services.leads.may_take``). The clock is ``kernel.sla``'s deadline.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from salestui.db.queries.leads import LeadRow, lead_rows
from salestui.kernel.domain import LEAD_STATUSES
from salestui.kernel.i18n import _
from salestui.kernel.memory import no_cycle_collection
from salestui.kernel.sla import first_contact_deadline, sla_breach, sla_hours
from salestui.scope import load_scope
from salestui.services.leads import OPEN, may_take

OVERDUE_MARK = "⚠"


class Clock(NamedTuple):
    """A lead's first-contact clock. A named tuple, its words worked out when they are read: a
    person who sees every lead has 111,000 open ones at 1,000,000 deals, and the screen shows a
    page of them (their words, made for each, took a quarter of the list's time)."""

    overdue: bool  # waiting past its deadline now
    waiting: bool  # open and not contacted yet: the clock runs
    seconds_left: float  # to the deadline (negative: past it); for the order
    shown: bool  # open: a closed lead's clock says nothing
    contacted: bool
    late_hours: float | None  # contacted past the deadline by so many hours; None: in time

    @property
    def words(self) -> str:
        """``1h 20m left``, ``⚠ overdue 3h``, ``in time``, ``late 2h``; "" when closed."""
        if not self.shown:
            return ""
        if self.contacted:
            if self.late_hours is None:
                return _("in time")
            return _("late {span}").format(span=span(timedelta(hours=self.late_hours)))
        if not self.overdue:
            return _("{span} left").format(span=span_seconds(self.seconds_left))
        words = _("overdue {span}").format(span=span_seconds(-self.seconds_left))
        return f"{OVERDUE_MARK} {words}"


def span(delta: timedelta) -> str:
    """A duration as a person reads it at a glance: ``45m``, ``1h 20m``, ``3h``, ``2d 4h``."""
    return span_seconds(delta.total_seconds())


def span_seconds(seconds: float) -> str:
    """:func:`span` of a duration given in seconds."""
    minutes = max(0, int(seconds // 60))
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
    left = (first_contact_deadline(lead.grade, lead.created_at, limits) - now).total_seconds()
    shown = lead.status in OPEN
    if lead.first_contact_at is not None:
        late = sla_breach(lead.grade, lead.created_at, lead.first_contact_at, now, limits)
        return Clock(False, False, left, shown, True, late)
    if not shown:
        return Clock(False, False, left, False, False, None)
    # exactly at the deadline is in time (``kernel.sla``)
    return Clock(left < 0, True, left, True, False, None)


class LeadLine(NamedTuple):
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
    with no_cycle_collection():  # a few objects per lead, none in cycles (111,000 leads: the
        # collector's passes over them took a third of the time)
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
