"""A database of a handful of rows written in a test, for the definitions every query shares
(the 12-month window, credit notes, the collection rate, rounding): each test adds the few
orders, deals, activities and complaints whose right answer it works out on paper.

TODAY is 2026-11-20 (NOW 10:00 UTC); the last 12 months are 2025-11-21 … 2026-11-20, so
2025-11-20 is the last day outside and 2025-11-21 the first inside. One region, a manager
(``boss``) with one rep (``rep``) who owns one customer.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from salestui.db.engine import open_database
from salestui.db.tables import (
    Activity,
    Complaint,
    Customer,
    Opportunity,
    Person,
    Region,
    SalesOrder,
    StageChange,
)

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
TODAY = NOW.date()
OUTSIDE = date(2025, 11, 20)  # the last day before the 12 months
INSIDE = date(2025, 11, 21)  # their first day


def at(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


class Tiny:
    """An open session on a new database with the org above; ``add_*`` write rows."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.session = Session(open_database(path))
        s = self.session
        region = Region(name="East")
        s.add(region)
        s.flush()
        self.boss = Person(login="boss", display_name="Boss", role="manager", region_id=region.id)
        s.add(self.boss)
        s.flush()
        self.rep = Person(
            login="rep", display_name="Rep", manager_id=self.boss.id, region_id=region.id
        )
        s.add(self.rep)
        s.flush()
        self.customer = Customer(
            name="Acme", owner_id=self.rep.id, region_id=region.id, created_at=at(date(2020, 1, 1))
        )
        s.add(self.customer)
        s.flush()

    def order(self, order_day: date, due_day: date, amount: int, paid: int = 0, paid_day=None):
        self.session.add(
            SalesOrder(
                customer_id=self.customer.id,
                order_date=order_day,
                due_date=due_day,
                amount_minor=amount,
                paid_minor=paid,
                paid_date=paid_day if paid_day is not None else (due_day if paid else None),
            )
        )

    def deal(self, created: datetime, stage: str = "Prospect", amount: int = 100, **kw):
        o = Opportunity(
            customer_id=self.customer.id,
            owner_id=self.rep.id,
            title=f"deal {created:%Y-%m-%d %H:%M}",
            amount_minor=amount,
            expected_close=TODAY + timedelta(days=30),
            stage=stage,
            created_at=created,
            stage_entered_at=kw.pop("stage_entered_at", created),
            **kw,
        )
        self.session.add(o)
        self.session.flush()
        self.session.add(
            StageChange(
                opportunity_id=o.id,
                from_stage=None,
                to_stage=stage,
                changed_at=o.stage_entered_at,
                changed_by="rep",
            )
        )
        return o

    def activity(self, when: datetime, note: str = ""):
        self.session.add(
            Activity(
                person_id=self.rep.id, customer_id=self.customer.id, occurred_at=when, note=note
            )
        )

    def complaint(self, opened: datetime):
        self.session.add(
            Complaint(customer_id=self.customer.id, opened_at=opened, first_response_at=opened)
        )

    def done(self) -> str:
        self.session.commit()
        self.session.close()
        return self.path
