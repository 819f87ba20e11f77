"""The hand-written org of tests/fixtures.py plus a month of closes, visits and targets, so every
leaderboard figure can be worked out by hand. NOW is 2026-11-20 10:00 UTC.

Org: boss → mgr_east → (rep_li, rep_wang, newbie); boss → rep_south. Regions: 华东 (boss, mgr_east,
rep_li, rep_wang, newbie), 华南 (rep_south).

Closed in November 2026 (amounts in major units; cycle = created → closed):
  rep_li    Won  200,000 (40 days) · Lost 1            (added here)
  rep_wang  Won  100,000 (10 days) · Lost 30,000        (Lost from fixtures.py, Won added here)
  rep_south Won   50,000 (40 days)                      (fixtures.py)
Closed in Q3 2026: rep_li Won 300,000 (2026-08-15).
Visits in November: rep_li 4 (1 from fixtures.py + 3), rep_wang 1, rep_south 2.
Invoices due in November: 腾达 (rep_south) 50,000, nothing paid.

Targets, revenue, November 2026 (month): rep_li 250,000 · rep_wang 200,000 · rep_south 100,000 ·
newbie 50,000. Q4 2026: rep_li revenue 600,000, rep_li visits 12, mgr_east team revenue 1,000,000.

November 2026 by hand:
  rep_li    200,000 / 250,000 = 80 % · win 1/2 = 50 % · avg 200,000 · cycle 40
  rep_wang  100,000 / 200,000 = 50 % · win 1/2 = 50 % · avg 100,000 · cycle 10
  rep_south  50,000 / 100,000 = 50 % · win 1/1 = 100 % · cycle 40 · collection 0 / 50,000 = 0 %
  newbie          0 /  50,000 = 0 %
  mgr_east's team 300,000 / 500,000 = 60 % (not the 43 % mean of 80, 50, 0) · win 2/4 = 50 % ·
                  avg 150,000 · cycle (40 + 10) / 2 = 25
  company   350,000 / 600,000 = 58.3 % · win 3/5 = 60 % · cycle (40 + 10 + 40) / 3 = 30

Q4 2026 target of the company (no company target set): team targets roll up team by team —
  mgr_east's own team target 1,000,000 + rep_south 100,000 = 1,100,000 (the people's own
  targets, 600,000 + 200,000 + 100,000 + 50,000 = 950,000, do not override a team's target).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, select

from salestui.db.engine import open_database
from salestui.db.tables import Activity, Customer, Opportunity, Person, StageChange, Target
from tests import fixtures

NOW = fixtures.NOW


def at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 10, 0, tzinfo=UTC)


def build(path: str) -> str:
    fixtures.build(path)
    engine = open_database(path)
    with Session(engine) as s:
        people = {p.login: p for p in s.exec(select(Person)).all()}
        customers = {c.name: c for c in s.exec(select(Customer)).all()}
        acme, huaxin = customers["Acme Corp"], customers["上海华信科技有限公司"]

        def closed(title, cust, owner, stage, amount, created, closed_at, reason=None):
            o = Opportunity(
                customer_id=cust.id,
                owner_id=people[owner].id,
                title=title,
                amount_minor=amount * 100,
                expected_close=closed_at.date(),
                stage=stage,
                probability=100 if stage == "Won" else 0,
                created_at=created,
                stage_entered_at=closed_at,
                closed_at=closed_at,
                lost_reason=reason,
            )
            s.add(o)
            s.flush()
            path = ["Prospect", "Qualified", "Proposal", "Negotiation", "Won"]
            path = path if stage == "Won" else ["Prospect", "Lost"]
            prev = None
            for i, to in enumerate(path):  # a day per step, the last on the close
                when = closed_at if i == len(path) - 1 else created + timedelta(days=i)
                s.add(
                    StageChange(
                        opportunity_id=o.id,
                        from_stage=prev,
                        to_stage=to,
                        changed_at=when,
                        changed_by=owner,
                    )
                )
                prev = to

        closed("华信 MES", huaxin, "rep_li", "Won", 200_000, at(2026, 10, 1), at(2026, 11, 10))
        closed(
            "华信 spares",
            huaxin,
            "rep_li",
            "Lost",
            20_000,
            at(2026, 10, 20),
            at(2026, 11, 12),
            "price",
        )
        closed("Acme cloud", acme, "rep_wang", "Won", 100_000, at(2026, 11, 1), at(2026, 11, 11))
        closed("华信 sensors", huaxin, "rep_li", "Won", 300_000, at(2026, 7, 1), at(2026, 8, 15))
        for login, n in (("rep_li", 3), ("rep_wang", 1), ("rep_south", 2)):
            for i in range(n):
                s.add(
                    Activity(
                        kind="visit",
                        person_id=people[login].id,
                        customer_id=acme.id,
                        occurred_at=at(2026, 11, 3 + i),
                    )
                )
        month, quarter = date(2026, 11, 1), date(2026, 10, 1)
        for login, value in (
            ("rep_li", 250_000),
            ("rep_wang", 200_000),
            ("rep_south", 100_000),
            ("newbie", 50_000),
        ):
            s.add(
                Target(
                    scope_type="person",
                    scope_id=people[login].id,
                    period_type="month",
                    period_start=month,
                    metric="revenue",
                    value=value * 100,
                )
            )
        s.add(
            Target(
                scope_type="person",
                scope_id=people["rep_li"].id,
                period_type="quarter",
                period_start=quarter,
                metric="revenue",
                value=600_000 * 100,
            )
        )
        s.add(
            Target(
                scope_type="person",
                scope_id=people["rep_li"].id,
                period_type="quarter",
                period_start=quarter,
                metric="visits",
                value=12,
            )
        )
        s.add(
            Target(
                scope_type="team",
                scope_id=people["mgr_east"].id,
                period_type="quarter",
                period_start=quarter,
                metric="revenue",
                value=1_000_000 * 100,
            )
        )
        s.commit()
    engine.dispose()
    return path
