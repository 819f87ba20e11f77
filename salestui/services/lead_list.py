"""The leads a person sees, each with its first-contact clock in words, most urgent first: the
leads screen and ``salestui lead list`` read them here.

Whose: the inbox's (``scope.owners``: one's own and one's team's, everyone's for an administrator
or the top of the org), with the unowned leads of the region a manager may take
(``services.leads.may_take``). The clock is ``kernel.sla``'s deadline.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import NamedTuple, overload

from salestui.db.queries.leads import (
    LeadKey,
    LeadRow,
    Whose,
    lead_row,
    ordered_lead_keys,
    raw_leads,
)
from salestui.db.queries.moments import aware
from salestui.kernel.i18n import _
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


class LeadList(Sequence[LeadLine]):
    """The person's leads in the list's order (:func:`order_key`). A person who sees every lead
    has 111,000 open ones at 1,000,000 deals, and a screen shows a page of them: the list holds
    what orders and counts them (``LeadKey``), and each lead's whole row once :meth:`fetch` has
    read it. Reading a line not fetched yet is a mistake of the caller (``LookupError``)."""

    def __init__(
        self, waiting: list[LeadLine], rest: list, now: datetime, limits, whose: Whose
    ) -> None:
        self._waiting = waiting  # the open leads whose clock runs, ordered
        self._rest = rest  # the others' keys as the database gave them, in order
        self._now, self._limits, self._whose = now, limits, whose
        self._full: dict[int, LeadRow] = {}
        status = LeadKey._fields.index("status")
        n_open = 0
        while n_open < len(rest) and rest[n_open][status] in OPEN:
            n_open += 1
        self.open = len(waiting) + n_open  # how many of them are open
        self.waiting = len(waiting)  # open and not contacted yet
        self.overdue = sum(1 for x in waiting if x.clock.overdue)
        self._ids: dict[int, int] | None = None

    def __len__(self) -> int:
        return len(self._waiting) + len(self._rest)

    @overload
    def __getitem__(self, i: int) -> LeadLine: ...
    @overload
    def __getitem__(self, i: slice) -> list[LeadLine]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = self._place(i)
        lead_id = self.id_at(i)
        lead = self._full.get(lead_id)
        if lead is None:
            raise LookupError(f"lead {lead_id} is in the list but was not fetched")
        if i < len(self._waiting):  # its clock is worked out already
            return LeadLine(lead, self._waiting[i].clock)
        return LeadLine(lead, clock(lead, self._now, self._limits))

    def _place(self, i: int) -> int:
        at = i + len(self) if i < 0 else i
        if not 0 <= at < len(self):
            raise IndexError(i)
        return at

    def id_at(self, i: int) -> int:
        i = self._place(i)
        n = len(self._waiting)
        return self._waiting[i].lead.id if i < n else self._rest[i - n][0]

    def ids(self) -> list[int]:
        """Every lead's id, in the list's order."""
        return [x.lead.id for x in self._waiting] + [r[0] for r in self._rest]

    def index_of(self, lead_id: int | None) -> int | None:
        """Where the lead is in the list (None: not in it)."""
        if self._ids is None:
            self._ids = {lead_id: i for i, lead_id in enumerate(self.ids())}
        return self._ids.get(lead_id)

    def fetched(self, start: int, end: int) -> bool:
        """Whether lines ``start … end - 1`` may be read."""
        return all(self.id_at(i) in self._full for i in range(start, min(end, len(self))))

    def fetch(self, conn, start: int = 0, end: int | None = None) -> set[int]:
        """Read the whole rows of lines ``start … end - 1`` (to the end with None); the ids of
        those gone since the list was read (an import undone, a lead given to another team or
        closed meanwhile), which stay unread."""
        end = len(self) if end is None else min(end, len(self))
        ids = [self.id_at(i) for i in range(start, end)]
        wanted = [x for x in ids if x not in self._full]
        found = raw_leads(conn, wanted, self._whose)
        self._full |= {k: lead_row(raw) for k, raw in found.items()}
        return {x for x in wanted if x not in found}

    def without(self, gone: set[int]) -> LeadList:
        """The list less the leads ``gone``, what was read of the others kept."""
        waiting = [x for x in self._waiting if x.lead.id not in gone]
        rest = [r for r in self._rest if r[0] not in gone]
        out = LeadList(waiting, rest, self._now, self._limits, self._whose)
        out._full = {k: v for k, v in self._full.items() if k not in gone}
        return out

    @classmethod
    def empty(cls) -> LeadList:
        return cls([], [], datetime.min, {}, Whose((), None, False))


def visible_leads(
    conn, login: str, now: datetime, *, closed: bool = False, fetch: int | None = None
) -> LeadList:
    """The person's leads, most urgent first (the closed ones too when ``closed``), the first
    ``fetch`` of them fetched (None: all of them).

    The database gives them in the list's order (``db.queries.leads.LIST_ORDER``) but for the
    open ones not contacted yet, whose order is by deadline: they come first and are ordered
    here by :func:`order_key` itself."""
    scope = load_scope(conn, login)
    me = next((p for p in scope.people if p.login == login), None)
    region = me.region_id if me is not None and may_take(me, me.region_id, scope.people) else None
    limits = sla_hours(scope.settings)
    whose = Whose(scope.owners, region, closed)
    found = ordered_lead_keys(conn, *whose, OPEN)
    status, contacted = LeadKey._fields.index("status"), LeadKey._fields.index("first_contact_at")
    waiting = 0
    while waiting < len(found) and found[waiting][status] in OPEN:
        if found[waiting][contacted] is not None:
            break
        waiting += 1
    lines = []
    for raw in found[:waiting]:
        key = LeadKey(*raw[:3], aware(raw[3]), aware(raw[4]))
        lines.append(LeadLine(key, clock(key, now, limits)))
    lines.sort(key=order_key)
    found = LeadList(lines, found[waiting:], now, limits, whose)
    gone = found.fetch(conn, 0, fetch)
    return found.without(gone) if gone else found


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
