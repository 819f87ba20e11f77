"""tests/fixtures.py plus orders, complaints, NPS answers and products, with known customer figures.

NOW 2026-11-20 10:00 UTC: the 12-month window is (2025-11-20, 2026-11-20], crossing a year end;
the year before is (2024-11-20, 2025-11-20]. Amounts in major units.

上海华信科技 (#1, rep_li):
  2025-03-01 400,000 paid · 2025-11-20 10,000 paid (the window's edge: the year before)
  2025-12-15 200,000 paid · 2026-02-10 300,000 paid 2026-03-20 (due 03-12: late)
  2026-06-01 100,000 with a return of 20,000 → 80,000, paid · 2026-07-01 credit note −20,000
  → 12 months: 3 orders, revenue 200,000 + 300,000 + 80,000 − 20,000 = 560,000;
    the year before: 2 orders, 410,000; change (560 − 410) / 410 = +36.6 %
  2026-10-01 0 open, NPS 9, 10, 3 → (2 − 1) / 3 = +33.3; complaint opened 2026-11-01 09:00,
  first response 2026-11-04 10:00 (73 h: past 48 h), still open.
深圳腾达电子 (#2, rep_south): one order 2026-10-11 50,000 due 2026-11-10 unpaid → overdue 50,000.
Acme Corp (#3, rep_wang): no orders; NPS 7 (passive → 0) and an old 0 from 2025-06-01 (outside);
  complaint opened 2026-11-18 12:00 unanswered (46 h: not yet late); an activity 30 days ago
  noting a competitor; one deal lost to a competitor 7 days ago (tests/fixtures.py).
Cross-sell, industry "manufacturing": 北方机械 (#4, 2026-08-04, 60,000) buys Sensor + Gateway,
  Delta Tools (#5, 2026-09-07, 150,000)
  Sensor + Gateway + Cloud plan, Epsilon (#6) Sensor only (2024-06-03, 30,000: churned).
  Epsilon's suggestions: Gateway, bought by 2 of its 2 similar customers; Cloud plan, 1 of 2.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Session, select

from salestui.db.engine import open_database
from salestui.db.tables import (
    Activity,
    Complaint,
    Customer,
    NpsAnswer,
    OrderLine,
    Person,
    Product,
    SalesOrder,
)
from tests import fixtures

NOW = fixtures.NOW
TODAY = fixtures.TODAY


def _at(y, m, d, h=0, mi=0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=UTC)


def build(path: str) -> str:
    fixtures.build(path)
    engine = open_database(path)
    with Session(engine) as s:
        people = {p.login: p for p in s.exec(select(Person)).all()}
        customers = {c.id: c for c in s.exec(select(Customer)).all()}
        huaxin, acme = customers[1], customers[3]
        sensor = Product(sku="S-1", name="Sensor", product_line="IoT", list_price_minor=100_000)
        gateway = Product(sku="G-1", name="Gateway", product_line="IoT", list_price_minor=500_000)
        cloud = Product(sku="C-1", name="Cloud plan", product_line="SaaS", list_price_minor=900_000)
        s.add_all([sensor, gateway, cloud])
        s.flush()

        def order(cust, day, amount, *, due=None, paid=None, paid_on=None, lines=()):
            o = SalesOrder(
                customer_id=cust.id,
                order_date=day,
                due_date=due or date.fromordinal(day.toordinal() + 30),
                amount_minor=amount * 100,
                paid_minor=(amount if paid is None else paid) * 100,
                paid_date=paid_on if paid_on else (day if paid is None else None),
            )
            s.add(o)
            s.flush()
            for product, qty, unit in lines:
                s.add(
                    OrderLine(
                        order_id=o.id, product_id=product.id, quantity=qty, unit_price_minor=unit
                    )
                )
            return o

        order(huaxin, date(2025, 3, 1), 400_000)
        order(huaxin, date(2025, 11, 20), 10_000)
        order(huaxin, date(2025, 12, 15), 200_000)
        order(
            huaxin,
            date(2026, 2, 10),
            300_000,
            due=date(2026, 3, 12),
            paid_on=date(2026, 3, 20),
        )
        order(
            huaxin,
            date(2026, 6, 1),
            80_000,
            lines=[(gateway, 10, 1_000_000), (gateway, -2, 1_000_000)],
        )
        order(huaxin, date(2026, 7, 1), -20_000, paid=0)

        def customer(name, owner):
            c = Customer(
                name=name,
                industry="manufacturing",
                owner_id=people[owner].id,
                region_id=huaxin.region_id,
                created_at=_at(2024, 1, 2),
            )
            s.add(c)
            s.flush()
            return c

        north = customer("北方机械", "rep_li")
        delta = customer("Delta Tools", "rep_wang")
        epsilon = customer("Epsilon", "rep_li")
        order(
            north, date(2026, 8, 4), 60_000, lines=[(sensor, 1, 1_000_000), (gateway, 1, 5_000_000)]
        )
        order(
            delta,
            date(2026, 9, 7),
            150_000,
            lines=[(sensor, 1, 1_000_000), (gateway, 1, 5_000_000), (cloud, 1, 9_000_000)],
        )
        order(epsilon, date(2024, 6, 3), 30_000, lines=[(sensor, 3, 1_000_000)])

        for score, day in ((9, date(2026, 3, 1)), (10, date(2026, 6, 1)), (3, date(2026, 9, 1))):
            s.add(NpsAnswer(customer_id=huaxin.id, score=score, answered_on=day))
        s.add(NpsAnswer(customer_id=acme.id, score=7, answered_on=date(2026, 8, 1)))
        s.add(NpsAnswer(customer_id=acme.id, score=0, answered_on=date(2025, 6, 1)))
        s.add(
            Complaint(
                customer_id=huaxin.id,
                category="product",
                severity="urgent",
                opened_at=_at(2026, 11, 1, 9),
                first_response_at=_at(2026, 11, 4, 10),
                summary="Gateway firmware crashes",
            )
        )
        s.add(
            Complaint(
                customer_id=acme.id,
                category="service",
                opened_at=_at(2026, 11, 18, 12),
                summary="Invoice address wrong",
            )
        )
        s.add(
            Activity(
                kind="call",
                person_id=people["rep_wang"].id,
                customer_id=acme.id,
                occurred_at=_at(2026, 10, 21, 15),
                note="Competitor offered 10 % off",
            )
        )
        s.commit()
    engine.dispose()
    return path
