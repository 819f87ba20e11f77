"""The leads screen's first-contact clock worked by hand at fixed moments (SLA A 2 h, B 24 h,
C 120 h), and its order."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


STATUSES = ("new", "contacted", "qualified", "converted", "disqualified")
NOW_ = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
one_lead = st.tuples(
    st.sampled_from("ABC"),
    st.sampled_from(STATUSES),
    st.integers(0, 300),  # created so many minutes (3 apart at most per step) before now
    st.integers(0, 2),  # and microseconds: moments a hair apart, and equal ones
    st.one_of(st.none(), st.integers(0, 100)),  # contacted so many minutes after it
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(leads=st.lists(one_lead, min_size=1, max_size=40))
def test_the_database_orders_the_list_as_order_key_does(seeded_db, leads):
    """The list comes from the database in ``LIST_ORDER`` (the open leads not contacted yet
    ordered here): it must be the order :func:`order_key` gives the same leads, worked out here
    from what was written, on both read paths, with every lead's row as written."""
    from salestui.context import AppContext
    from salestui.services.lead_list import visible_leads

    con = sqlite3.connect(seeded_db)
    written = []
    with con:
        con.execute("DELETE FROM lead")
        for i, (grade, status, minutes, micro, met) in enumerate(leads, start=1):
            made = NOW_ - timedelta(minutes=3 * minutes, microseconds=micro)
            contact = None if met is None else made + timedelta(minutes=met)
            con.execute(
                "INSERT INTO lead (id, name, grade, status, created_at, first_contact_at, owner_id,"
                " region_id, company, source, industry, version, need_fit, decision_authority,"
                " budget_timeline, engagement_history) VALUES (?, ?, ?, ?, ?, ?, 3, 1, '',"
                " 'online', '', 1, 0, 0, 0, 0)",
                (i, f"lead {i}", grade, status, made.strftime("%Y-%m-%d %H:%M:%S.%f"),
                 None if contact is None else contact.strftime("%Y-%m-%d %H:%M:%S.%f")),
            )  # fmt: skip
            written.append(LEAD._replace(id=i, grade=grade, status=status, created_at=made,
                                         first_contact_at=contact))  # fmt: skip
    con.close()
    expected = sorted(
        (LeadLine(x, clock(x, NOW_, SLA_HOURS_DEFAULT)) for x in written), key=order_key
    )
    ctx = AppContext(seeded_db, "boss", clock=lambda: NOW_)
    for read in (ctx.read, ctx.read_light):
        lines = read(visible_leads, "boss", NOW_, closed=True)
        assert lines.ids() == [x.lead.id for x in expected]
        got = [(x.lead.grade, x.lead.status, x.lead.created_at, x.lead.first_contact_at,
                x.clock) for x in lines]  # fmt: skip
        assert got == [(x.lead.grade, x.lead.status, x.lead.created_at,
                        x.lead.first_contact_at, x.clock) for x in expected]  # fmt: skip
        opened = [x for x in expected if x.is_open]
        assert (lines.open, lines.waiting, lines.overdue) == (
            len(opened), sum(x.clock.waiting for x in opened),
            sum(x.clock.overdue for x in opened))  # fmt: skip


def test_a_line_not_fetched_is_not_made_up(seeded_db):
    """The screen's list fetches a page's rows when it draws them: reading one before is the
    caller's mistake, said as such — never a line of empty fields."""
    from salestui.context import AppContext
    from salestui.services.lead_list import visible_leads
    from tests.leads.fixtures import add_leads

    add_leads(seeded_db)
    ctx = AppContext(seeded_db, "boss", clock=lambda: NOW_)
    lines = ctx.read(visible_leads, "boss", NOW_, fetch=0)
    assert len(lines) == 5 and not lines.fetched(0, 1)
    with pytest.raises(LookupError):
        lines[0]
    ctx.read(lines.fetch, 1, 3)
    assert lines.fetched(1, 3) and not lines.fetched(0, 3)
    assert [x.lead.id for x in lines[1:3]] == lines.ids()[1:3]


def test_a_lead_gone_between_the_order_and_the_rows_is_left_out(seeded_db, monkeypatch):
    """The list is ordered by one statement and its rows read by another: a lead removed in
    between (an import undone) is not in the list the command line prints, nor counted."""
    from salestui.context import AppContext
    from salestui.services import lead_list
    from tests.leads.fixtures import add_leads

    add_leads(seeded_db)
    real = lead_list.raw_leads

    def meanwhile(conn, ids, whose):
        with sqlite3.connect(seeded_db) as con:
            con.execute("DELETE FROM lead WHERE id = 2")  # Jane Roe, waiting, 20 h left
        return real(conn, ids, whose)

    monkeypatch.setattr(lead_list, "raw_leads", meanwhile)
    ctx = AppContext(seeded_db, "boss", clock=lambda: NOW_)
    lines = ctx.read(lead_list.visible_leads, "boss", NOW_)
    assert lines.ids() == [1, 4, 3, 5]  # overdue 1 h, 1 h 20 m left, 4 d left; contacted
    assert [x.lead.name for x in lines] == ["张三", "Sam Lee", "Li Hua", "Old Friend"]
    assert (lines.open, lines.waiting, lines.overdue) == (4, 3, 1)


def test_a_lead_given_away_between_the_order_and_the_rows_is_not_read(seeded_db, monkeypatch):
    """Each page's rows are read under the list's own filter: mgr_east sees rep_li's and
    rep_wang's leads and 华东's unowned one; Jane Roe (#2, rep_wang's) given to rep_south (not
    under mgr_east) between the two reads is not in mgr_east's list, nor counted."""
    from salestui.context import AppContext
    from salestui.services import lead_list
    from tests.leads.fixtures import add_leads

    add_leads(seeded_db)
    ctx = AppContext(seeded_db, "mgr_east", clock=lambda: NOW_)
    assert ctx.read(lead_list.visible_leads, "mgr_east", NOW_).ids() == [1, 2, 3, 5]
    real = lead_list.raw_leads

    def meanwhile(conn, ids, whose):
        with sqlite3.connect(seeded_db) as con:
            con.execute("UPDATE lead SET owner_id = 5 WHERE id = 2")
        return real(conn, ids, whose)

    monkeypatch.setattr(lead_list, "raw_leads", meanwhile)
    lines = ctx.read(lead_list.visible_leads, "mgr_east", NOW_)
    assert lines.ids() == [1, 3, 5] and [x.lead.name for x in lines] == [
        "张三", "Li Hua", "Old Friend"]  # fmt: skip
    assert (lines.open, lines.waiting, lines.overdue) == (3, 2, 1)
