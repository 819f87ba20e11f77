"""The fixture org (tests/fixtures.py) grown for the forecast: a second manager, mgr_west, with a
rep, rep_west, deals in every category and calls over two weeks. NOW is Friday 2026-11-20; the
week of the calls begins Monday 2026-11-16; the quarter is 2026-Q4.

Added (major units; expected close in Q4 unless said):
  rep_west  Qualified  200,000  25 %  category commit (set by the owner)
            Proposal    70,000  50 %  category omitted
            Negotiation 10,000  75 %  close 2026-11-10, passed: pipeline
            Negotiation 300,000 75 %  close 2027-01-15: next quarter
            Won 30,000 closed 2026-10-05 (Q4); Won 99,000 closed 2026-09-30 (Q3)
  mgr_west  Proposal    40,000  50 %  (own deal: best case)
Calls (2026-Q4): rep_li 400,000 (week of 11-09) then 500,000 (this week); rep_wang 800,000
(week of 11-09 only: older); mgr_east 1,400,000; rep_west 220,000; mgr_west 200,000; boss
2,000,000 (all this week); rep_li 1 for 2026-Q3 (another quarter).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Session, select

from salestui.db.engine import make_engine
from salestui.db.tables import ForecastCall, Opportunity, Person

WEEK = date(2026, 11, 16)


def add_forecast(path: str) -> str:
    engine = make_engine(path)
    with Session(engine) as s:
        who = {p.login: p for p in s.exec(select(Person)).all()}
        west = Person(login="mgr_west", display_name="Wes West", role="manager",
                      manager_id=who["boss"].id, region_id=who["boss"].region_id)  # fmt: skip
        s.add(west)
        s.flush()
        rep = Person(login="rep_west", display_name="Rae West", role="rep",
                     manager_id=west.id, region_id=west.region_id)  # fmt: skip
        s.add(rep)
        s.flush()
        made = datetime(2026, 9, 1, tzinfo=UTC)

        def deal(owner, title, stage, amount, prob, close, category=None, closed_at=None):
            s.add(Opportunity(customer_id=1, owner_id=owner.id, title=title, stage=stage,
                              amount_minor=amount * 100, probability=prob, expected_close=close,
                              forecast_category=category, created_at=made,
                              stage_entered_at=made, closed_at=closed_at))  # fmt: skip

        q4 = date(2026, 12, 15)
        deal(rep, "W commit", "Qualified", 200_000, 25, q4, "commit")
        deal(rep, "W omitted", "Proposal", 70_000, 50, q4, "omitted")
        deal(rep, "W late", "Negotiation", 10_000, 75, date(2026, 11, 10))
        deal(rep, "W next", "Negotiation", 300_000, 75, date(2027, 1, 15))
        deal(rep, "W won", "Won", 30_000, 100, date(2026, 10, 5),
             closed_at=datetime(2026, 10, 5, 12, tzinfo=UTC))  # fmt: skip
        deal(rep, "W won Q3", "Won", 99_000, 100, date(2026, 9, 30),
             closed_at=datetime(2026, 9, 30, 12, tzinfo=UTC))  # fmt: skip
        deal(west, "W own", "Proposal", 40_000, 50, q4)

        def call(login, amount, week, period=date(2026, 10, 1)):
            at = datetime(week.year, week.month, week.day, 9, tzinfo=UTC)
            s.add(ForecastCall(person_id=who.get(login, rep if login == "rep_west" else west).id,
                               period_start=period, week_start=week, amount_minor=amount * 100,
                               note="", made_at=at, made_by=login))  # fmt: skip

        before = date(2026, 11, 9)
        call("rep_li", 400_000, before)
        call("rep_li", 500_000, WEEK)
        call("rep_wang", 800_000, before)
        call("mgr_east", 1_400_000, WEEK)
        call("rep_west", 220_000, WEEK)
        call("mgr_west", 200_000, WEEK)
        call("boss", 2_000_000, WEEK)
        call("rep_li", 1, date(2026, 9, 7), period=date(2026, 7, 1))
        s.commit()
    engine.dispose()
    return path
