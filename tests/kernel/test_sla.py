"""The lead first-contact SLA: limits per grade, the deadline, a breach, and the inbox's cut-offs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from salestui.kernel.sla import (
    breach_cutoffs,
    first_contact_deadline,
    limit_hours,
    sla_breach,
    sla_hours,
)

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
US = timedelta(microseconds=1)


def test_sla_limits_per_grade_and_their_setting():
    assert sla_hours({}) == {"A": 2, "B": 24, "C": 120}  # DOMAIN.md: 2 h, 24 h, 5 days
    assert sla_hours({"sla_hours.B": "12", "sla_hours.C": "junk"}) == {"A": 2, "B": 12, "C": 120}
    assert sla_hours({"sla_hours.A": "0"})["A"] == 1  # at least an hour


def test_the_deadline_is_the_grades_hours_after_creation():
    created = datetime(2026, 11, 19, 23, 30, tzinfo=UTC)
    assert first_contact_deadline("A", created) == datetime(2026, 11, 20, 1, 30, tzinfo=UTC)
    assert first_contact_deadline("B", created) == datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    assert first_contact_deadline("C", created) == datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    assert first_contact_deadline("B", created, {"A": 2, "B": 6, "C": 120}) == datetime(
        2026, 11, 20, 5, 30, tzinfo=UTC
    )
    assert limit_hours("?") == 120  # an unknown grade waits like a C


@pytest.mark.parametrize(
    ("grade", "hours_ago", "contacted_after", "expected"),
    [
        ("A", 3, None, 1.0),  # waited 3 h, limit 2 h → 1 h over
        ("A", 1.5, None, None),  # within 2 h
        ("A", 2, None, None),  # exactly at the limit is not a breach
        ("B", 30, 20, None),  # contacted after 20 h: within 24 h
        ("B", 30, 26, 2.0),  # contacted late, after 26 h: 2 h over, frozen at the contact
        ("A", 50, 5, 3.0),  # contacted late long ago: still 3 h over, not 48
        ("C", 24 * 6, None, 24.0),  # 144 h waited, limit 120 h → 24 h over
        ("C", 24 * 4, None, None),
    ],
)
def test_sla_breach(grade, hours_ago, contacted_after, expected):
    created = NOW - timedelta(hours=hours_ago)
    contact = created + timedelta(hours=contacted_after) if contacted_after is not None else None
    got = sla_breach(grade, created, contact, NOW)
    assert got == (pytest.approx(expected) if expected is not None else None)


def test_the_cutoffs_are_the_deadline_turned_round():
    limits = {"A": 2, "B": 24, "C": 120}
    cut = breach_cutoffs(NOW, limits)
    assert cut == {
        "A": datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
        "B": datetime(2026, 11, 19, 10, 0, tzinfo=UTC),
        "C": datetime(2026, 11, 15, 10, 0, tzinfo=UTC),
    }
    for grade, moment in cut.items():
        # created just before the cut-off: a breach now; at it: exactly on the deadline, in time
        assert sla_breach(grade, moment - US, None, NOW, limits) is not None
        assert sla_breach(grade, moment, None, NOW, limits) is None
    assert breach_cutoffs(NOW, {"A": 1, "B": 4, "C": 48})["B"] == datetime(
        2026, 11, 20, 6, 0, tzinfo=UTC
    )
