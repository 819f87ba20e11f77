"""The leads screen's first-contact clock worked by hand at fixed moments (SLA A 2 h, B 24 h,
C 120 h), and its order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from salestui.db.queries.leads import LeadRow
from salestui.kernel.sla import SLA_HOURS_DEFAULT
from salestui.services.lead_list import LeadLine, clock, order_key, span

IN = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
LEAD = LeadRow(1, 1, "Ann", "A Co", "", "", "online", "", "A", "new", "", IN, None, 3, "Li",
               1, None, None, None)  # fmt: skip


def at(minutes: float) -> datetime:
    return IN + timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("grade", "minutes", "words", "overdue"),
    [
        ("A", 0, "2h left", False),
        ("A", 40, "1h 20m left", False),
        ("A", 119.5, "0m left", False),  # 30 s left: under a minute
        ("A", 120, "0m left", False),  # at the deadline: still in time
        ("A", 121, "⚠ overdue 1m", True),
        ("A", 300, "⚠ overdue 3h", True),
        ("B", 60 * 20, "4h left", False),
        ("C", 60 * 20, "4d 4h left", False),  # 120 h − 20 h = 100 h
        ("C", 60 * 24 * 7, "⚠ overdue 2d", True),  # 168 h − 120 h = 48 h
    ],
)
def test_the_clock_while_the_lead_waits(grade, minutes, words, overdue):
    c = clock(LEAD._replace(grade=grade), at(minutes), SLA_HOURS_DEFAULT)
    assert (c.words, c.overdue, c.waiting) == (words, overdue, True)


def test_a_contact_stops_it_in_time_or_late():
    met_in_time = LEAD._replace(status="contacted", first_contact_at=at(90))
    met_late = LEAD._replace(status="qualified", first_contact_at=at(200))  # 80 min past 2 h
    assert clock(met_in_time, at(999), SLA_HOURS_DEFAULT).words == "in time"
    assert clock(met_late, at(999), SLA_HOURS_DEFAULT).words == "late 1h 20m"
    closed = LEAD._replace(status="disqualified")
    assert clock(closed, at(999), SLA_HOURS_DEFAULT).words == ""


def test_span():
    assert [span(timedelta(minutes=m)) for m in (0, 59, 60, 61, 1440, 1500)] == [
        "0m", "59m", "1h", "1h 1m", "1d", "1d 1h",
    ]  # fmt: skip


def test_open_and_most_urgent_first():
    now = at(180)

    def line(lead_id, grade, status="new", met=None, created=IN):
        lead = LEAD._replace(id=lead_id, grade=grade, status=status, first_contact_at=met,
                       created_at=created)  # fmt: skip
        return LeadLine(lead, clock(lead, now, SLA_HOURS_DEFAULT))

    lines = [
        line(1, "C"),  # 117 h left
        line(2, "A"),  # 1 h overdue
        line(3, "B", created=at(-1380)),  # 24 h − (3 h + 23 h) = 2 h overdue
        line(4, "B", "contacted", at(10)),
        line(5, "A", "contacted", at(10)),
        line(6, "A", "converted", at(10)),
    ]
    assert [x.lead.id for x in sorted(lines, key=order_key)] == [3, 2, 1, 5, 4, 6]
