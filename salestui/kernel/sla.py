"""The lead first-contact SLA of DOMAIN.md: a lead is to be contacted within its grade's hours
(A 2 h, B 24 h, C 5 days; settings ``sla_hours.A`` … change them).

One definition of the deadline and of a breach for everything that counts or shows one. The
warnings inbox and the weekly review find breaches in SQL through :func:`breach_cutoffs`, the
same deadline turned round: a lead created before its grade's cut-off has its deadline behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from salestui.kernel.settings import int_setting

SLA_HOURS_DEFAULT: dict[str, int] = {"A": 2, "B": 24, "C": 120}


def sla_hours(settings: Mapping[str, str]) -> dict[str, int]:
    """First-contact limits per grade; ``sla_hours.A`` etc. in settings override the defaults
    (at least an hour; junk keeps the default)."""
    return {
        grade: int_setting(settings, f"sla_hours.{grade}", hours, lo=1)
        for grade, hours in SLA_HOURS_DEFAULT.items()
    }


def limit_hours(grade: str, limits: Mapping[str, int] = SLA_HOURS_DEFAULT) -> int:
    """The grade's limit; a lead of an unknown grade waits as long as a C."""
    return limits.get(grade, limits["C"])


def first_contact_deadline(
    grade: str, created_at: datetime, limits: Mapping[str, int] = SLA_HOURS_DEFAULT
) -> datetime:
    return created_at + timedelta(hours=limit_hours(grade, limits))


def sla_breach(
    grade: str,
    created_at: datetime,
    first_contact_at: datetime | None,
    now: datetime,
    limits: Mapping[str, int] = SLA_HOURS_DEFAULT,
) -> float | None:
    """Hours past the first-contact deadline, or None when within it (exactly at it is in time).

    A lead contacted late stays a breach (its figure is frozen at the contact); one never
    contacted keeps growing until it is.
    """
    until = first_contact_at or now
    late = until - first_contact_deadline(grade, created_at, limits)
    return late.total_seconds() / 3600 if late > timedelta(0) else None


def breach_cutoffs(
    now: datetime, limits: Mapping[str, int] = SLA_HOURS_DEFAULT
) -> dict[str, datetime]:
    """Per grade, the moment a lead not contacted yet must have been created before to be in
    breach at ``now``: its deadline is then before ``now`` (at the cut-off exactly, it is not)."""
    return {grade: now - timedelta(hours=limit_hours(grade, limits)) for grade in limits}
