"""The org as it stood: whom a period's figures belong to once people have moved.

The history is the audit log, not a table of its own: every door that changes a person's manager
or region (the people form, ``salestui people``, an import and its undo) writes the change there,
so no door can forget one and an upgraded database has its past re-orgs already.

The rule (README, "Definitions every figure shares"): a period is attributed with the org as it
stood at the end of its last day — a rep who moved mid-period counts whole under the manager (and
in the region) they had when the period closed; the period still running, with the org as it is
now. Setting ``org.history = now`` attributes every period with today's org (a re-org view).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Protocol

ORG_FIELDS: tuple[str, ...] = ("manager_id", "region_id")
CREATED = "*created*"
SETTING = "org.history"
AS_THEN, AS_NOW = "as_then", "now"


class _Person(Protocol):
    id: int
    manager_id: int | None
    region_id: int | None


class _Change(Protocol):
    person_id: int
    field: str  # manager_id, region_id or *created*
    old: str | None
    batch: str | None


def org_view(settings: Mapping[str, str]) -> str:
    """``as_then`` (the default, also for an unknown value) or ``now``."""
    raw = str(settings.get(SETTING) or "").strip().lower()
    return AS_NOW if raw == AS_NOW else AS_THEN


def attribution_day(period_end: date, today: date) -> date | None:
    """The day whose first moment fixes the org a period is attributed with: the day after the
    period's last (``period_end`` is exclusive) once the period is over; None — the org as it is
    now — while it runs or before it starts."""
    return period_end if period_end <= today else None


def last_day(period_end: date) -> date:
    """The period's last day, as a person reads "org as of …"."""
    return period_end - timedelta(days=1)


def _value(raw: str | None) -> int | None:
    return None if raw is None or raw == "" else int(raw)


def org_as_of(
    people: Iterable[_Person], changes_since: Iterable[_Change]
) -> dict[int, tuple[int | None, int | None]]:
    """Each current person's (manager_id, region_id) as they stood before ``changes_since``
    (every change of those fields after the moment, newest first) were made: undone one by one,
    each back to its old value.

    A person created after the moment keeps the values they were created with (they had none
    before; a creation's own field rows, written in its batch, are not moves). People deleted
    since are not in ``people`` and are left out.
    """
    org = {p.id: (p.manager_id, p.region_id) for p in people}
    changes = list(changes_since)
    creations = {(c.person_id, c.batch) for c in changes if c.field == CREATED}
    for c in changes:
        if c.person_id not in org or c.field not in ORG_FIELDS:
            continue
        if (c.person_id, c.batch) in creations:
            continue
        manager_id, region_id = org[c.person_id]
        if c.field == "manager_id":
            org[c.person_id] = (_value(c.old), region_id)
        else:
            org[c.person_id] = (manager_id, _value(c.old))
    return org
