"""Databases the oracle runs against, each built in the test: the demo, and small hand-made
organisations written with the schema's own models (db/tables.py) — no salestui service, so a
service's bug cannot hide a figure's. ``BUILDERS`` is the list the tests parametrize over: a new
case (a re-org, a UTC+8 clock) is one more entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from salestui.db.engine import open_database
from salestui.db.tables import (
    Activity,
    Complaint,
    Customer,
    NpsAnswer,
    Opportunity,
    Person,
    Region,
    SalesOrder,
    StageChange,
    Target,
)

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
OPEN = ("Prospect", "Qualified", "Proposal", "Negotiation")


@dataclass
class Case:
    """A database and the moment (and zone) its reports are run at."""

    path: str
    now: datetime = NOW
    zone: str = "UTC"
    notes: list[str] = field(default_factory=list)


def _os_account() -> str:
    from salestui.identity import os_account

    return os_account()


class Org:
    """Rows written by hand, one helper per table; timestamps relative to ``now``."""

    def __init__(self, path: str, now: datetime = NOW):
        self.engine = open_database(path)
        self.s = Session(self.engine)
        self.now = now
        self.today = now.date()
        self.top: Person | None = None

    def ago(self, days: float) -> datetime:
        return self.now - timedelta(days=days)

    def day(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def add(self, row):
        self.s.add(row)
        self.s.flush()
        return row

    def region(self, name: str) -> Region:
        return self.add(Region(name=name))

    def person(self, login, manager=None, region=None, role="rep", active=True) -> Person:
        top = self.top is None
        p = self.add(
            Person(
                login=login,
                display_name=login.title(),
                role="manager" if top else role,
                manager_id=manager.id if manager else None,
                region_id=region.id if region else None,
                admin=top,
                os_user=_os_account() if top else None,
                hire_date=date(2020, 1, 1),
                active=active,
            )
        )
        if top:
            self.top = p
        return p

    def customer(self, name, owner, region=None, created_days=800) -> Customer:
        return self.add(
            Customer(
                name=name,
                owner_id=owner.id,
                region_id=region.id if region else None,
                created_at=self.ago(created_days),
            )
        )

    def deal(
        self,
        customer,
        owner,
        amount_minor: int,
        path: list[str],
        created_days: float,
        step_days: float = 5,
        probability: int | None = None,
        lost_reason: str | None = None,
    ) -> Opportunity:
        """A deal that went through ``path``, one step every ``step_days`` from its creation."""
        created = self.ago(created_days)
        times = [created + timedelta(days=step_days * i) for i in range(len(path))]
        stage = path[-1]
        prob = {"Prospect": 10, "Qualified": 25, "Proposal": 50, "Negotiation": 75}
        o = self.add(
            Opportunity(
                customer_id=customer.id,
                owner_id=owner.id,
                title=f"deal {len(path)} {stage}",
                amount_minor=amount_minor,
                expected_close=self.today + timedelta(days=30),
                stage=stage,
                probability=probability
                if probability is not None
                else prob.get(stage, 100 if stage == "Won" else 0),
                lost_reason=lost_reason if stage == "Lost" else None,
                created_at=created,
                stage_entered_at=times[-1],
                closed_at=times[-1] if stage in ("Won", "Lost") else None,
            )
        )
        prev = None
        for st, at in zip(path, times, strict=True):
            self.s.add(
                StageChange(
                    opportunity_id=o.id,
                    from_stage=prev,
                    to_stage=st,
                    changed_at=at,
                    changed_by=owner.login,
                )
            )
            prev = st
        return o

    def order(
        self, customer, amount_minor, order_days, due_after=30, paid_minor=None, paid_days=None
    ):
        paid = amount_minor if paid_minor is None else paid_minor
        return self.add(
            SalesOrder(
                customer_id=customer.id,
                order_date=self.day(order_days),
                due_date=self.day(order_days) + timedelta(days=due_after),
                amount_minor=amount_minor,
                paid_minor=paid,
                paid_date=None if paid_days is None else self.day(paid_days),
            )
        )

    def activity(self, person, customer, days, kind="visit", note=""):
        return self.add(
            Activity(
                kind=kind,
                person_id=person.id,
                customer_id=customer.id if customer else None,
                occurred_at=self.ago(days),
                note=note,
            )
        )

    def target(self, scope_type, scope, period_type, start: date, value, metric="revenue"):
        return self.add(
            Target(
                scope_type=scope_type,
                scope_id=scope.id if scope is not None else None,
                period_type=period_type,
                period_start=start,
                metric=metric,
                value=value,
            )
        )

    def complaint(self, customer, opened_days, response_hours=None):
        opened = self.ago(opened_days)
        return self.add(
            Complaint(
                customer_id=customer.id,
                opened_at=opened,
                first_response_at=None
                if response_hours is None
                else opened + timedelta(hours=response_hours),
            )
        )

    def nps(self, customer, score, days):
        return self.add(NpsAnswer(customer_id=customer.id, score=score, answered_on=self.day(days)))

    def close(self) -> None:
        self.s.commit()
        self.s.close()
        self.engine.dispose()


def demo(tmp_path) -> Case:
    """The demo, small: 300 deals, seed 11, built for the pinned day."""
    from salestui.db.demo.build import build_demo

    path = str(tmp_path / "demo.db")
    engine = open_database(path)
    build_demo(
        engine, deals=300, seed=11, top_login="demo", os_user=_os_account(), today=NOW.date()
    )
    engine.dispose()
    return Case(path)


def credit_notes(tmp_path) -> Case:
    """Credit notes (orders of zero or negative amount) beside real orders, partly paid, overdue;
    a returns-only customer; a customer with no orders at all."""
    org = Org(str(tmp_path / "credit.db"))
    east = org.region("East")
    boss = org.person("boss", region=east)
    rep = org.person("rep", boss, east)
    buyer = org.customer("Buyer", rep, east)
    returner = org.customer("Returner", rep, east)
    org.customer("Silent", rep, east)
    org.order(buyer, 1_000_000, 200, paid_minor=600_000)
    org.order(buyer, 500_000, 60, paid_minor=0)  # due 30 days ago: overdue
    org.order(buyer, -200_000, 50, paid_minor=0)  # a credit note: never owed
    org.order(buyer, 0, 40, paid_minor=0)
    org.order(buyer, 300_000, 5, paid_minor=0)  # not yet due
    org.order(buyer, 700_000, 400)  # the year before
    org.order(returner, -150_000, 20, paid_minor=0)
    org.order(returner, -50_000, 100, paid_minor=0)
    org.order(returner, 400_000, 500)
    org.deal(buyer, rep, 2_000_000, ["Prospect", "Qualified", "Proposal", "Won"], 60)
    org.deal(
        returner, rep, 900_000, ["Prospect", "Qualified", "Lost"], 40, lost_reason="competitor"
    )
    org.deal(buyer, rep, 500_000, ["Prospect", "Qualified"], 20)
    org.target("person", rep, "quarter", date(2026, 10, 1), 1_500_000)
    org.close()
    return Case(str(tmp_path / "credit.db"))


def half_cents(tmp_path) -> Case:
    """Open deals whose amount × probability ends in half a minor unit, alone and in sums."""
    org = Org(str(tmp_path / "half.db"))
    r = org.region("North")
    boss = org.person("boss", region=r)
    rep = org.person("rep", boss, r)
    c = org.customer("Odd Amounts", rep, r)
    org.deal(c, rep, 15, ["Prospect"], 3, probability=10)  # 1.5 cents
    org.deal(c, rep, 25, ["Prospect", "Qualified"], 20, step_days=1, probability=10)  # 2.5
    org.deal(c, rep, 7_000_005, ["Prospect", "Qualified"], 10, step_days=2, probability=25)
    org.deal(c, rep, 101, ["Prospect", "Qualified", "Proposal"], 9, step_days=2, probability=50)
    org.deal(c, rep, 3, ["Prospect", "Qualified", "Proposal", "Negotiation"], 30, probability=75)
    org.deal(c, rep, 70_250_570_005, ["Prospect", "Qualified", "Proposal"], 12, probability=50)
    org.close()
    return Case(str(tmp_path / "half.db"))


def sparse_org(tmp_path) -> Case:
    """People with no target, a manager whose team spans two regions, a quarter with no deals at
    all (2026-Q3), a customer with no orders, an inactive rep."""
    org = Org(str(tmp_path / "sparse.db"))
    east, west = org.region("East"), org.region("West")
    boss = org.person("boss", region=east)
    mgr = org.person("mgr", boss, east, role="manager")
    a = org.person("amy", mgr, east)
    b = org.person("ben", mgr, west)  # no target at all
    c = org.person("cal", boss, west)
    gone = org.person("gone", mgr, east, active=False)
    ca = org.customer("Alpha", a, east, created_days=30)
    cb = org.customer("Beta", b, west)
    org.customer("Gamma", c, west, created_days=10)  # no orders, no deals
    org.deal(ca, a, 1_200_000, ["Prospect", "Qualified", "Won"], 40, step_days=10)
    org.deal(cb, b, 800_000, ["Prospect", "Lost"], 30, lost_reason="price")
    org.deal(ca, gone, 300_000, ["Prospect", "Won"], 25)
    org.deal(cb, c, 450_000, ["Prospect", "Qualified", "Proposal", "Won"], 200, step_days=3)
    org.order(ca, 1_200_000, 15, due_after=10, paid_minor=500_000)
    org.order(cb, 450_000, 180)
    org.activity(a, ca, 12)
    org.activity(a, ca, 5)
    org.activity(b, cb, 3)
    org.activity(c, cb, 40, kind="call", note="competitor is cheaper")
    q4 = date(2026, 10, 1)
    org.target("person", a, "quarter", q4, 1_000_000)
    org.target("person", a, "quarter", q4, 4, metric="visits")
    org.target("person", c, "quarter", q4, 2_000_000)
    org.target("person", c, "quarter", q4, 1, metric="new_customers")
    org.target("team", mgr, "quarter", q4, 2_500_000)
    org.target("region", west, "quarter", q4, 3_000_000)
    org.target("person", a, "month", date(2026, 10, 1), 400_000)
    org.target("person", a, "year", date(2026, 1, 1), 4_000_000)
    org.complaint(ca, 20, response_hours=72)
    org.complaint(cb, 5)
    org.nps(ca, 10, 30)
    org.nps(ca, 3, 60)
    org.close()
    return Case(str(tmp_path / "sparse.db"))


def shanghai(tmp_path) -> Case:
    """UTC+8 at a quarter's edge: run at 2026-09-30 20:30 UTC, already 2026-10-01 04:30 in
    Asia/Shanghai (the acting person's zone), with deals closed, orders dated, activities and
    complaints on both sides of the local midnight and of the UTC one."""
    now = datetime(2026, 9, 30, 20, 30, tzinfo=UTC)
    org = Org(str(tmp_path / "shanghai.db"), now=now)
    east = org.region("华东")
    boss = org.person("boss", region=east)
    boss.timezone = "Asia/Shanghai"
    rep = org.person("rep", boss, east)
    c = org.customer("上海华信", rep, east)
    d = org.customer("深圳腾达", rep, east, created_days=0.1)  # 18:06 UTC: already 10-01 there
    hours = 1 / 24
    org.deal(c, rep, 1_000_000, ["Prospect", "Won"], 20, step_days=20 - 0.5 * hours)  # 04:00
    org.deal(c, rep, 2_000_000, ["Prospect", "Won"], 20, step_days=20 - 5 * hours)  # 23:30 09-30
    org.deal(d, rep, 3_000_000, ["Prospect", "Lost"], 10, step_days=10 - 0.25 * hours,
             lost_reason="price")  # fmt: skip
    org.deal(d, rep, 4_000_005, ["Prospect", "Qualified"], 95, step_days=90, probability=25)
    org.order(c, 500_000, -1)  # dated 10-01: local today, UTC tomorrow
    org.order(c, 700_000, 0, due_after=0, paid_minor=0)  # 09-30: due yesterday there
    org.order(c, 900_000, 365)  # 2025-09-30: outside the 12 months there, inside on UTC
    org.order(d, -100_000, 1, paid_minor=0)  # a credit note
    org.activity(rep, c, 0.2)  # 15:42 UTC = 23:42 09-30 local
    org.activity(rep, d, 0.01)  # 20:15 UTC = 04:15 10-01 local
    org.complaint(c, 0.5, response_hours=2)
    org.target("person", rep, "quarter", date(2026, 10, 1), 5_000_000)
    org.target("person", rep, "quarter", date(2026, 7, 1), 4_000_000)
    org.target("person", rep, "month", date(2026, 10, 1), 1_500_000)
    org.close()
    return Case(str(tmp_path / "shanghai.db"), now=now, zone="Asia/Shanghai")


def reorg(tmp_path) -> Case:
    """A re-org after a closed quarter: rep Rex won in Q3 under manager Ann; in Q4 (2026-11-10)
    he moved to manager Bob and to region West, through the people service (so the audit log
    holds it, as every door writes it). Q3 keeps Rex in Ann's team and East; Q4 and the year (not
    closed) have him under Bob."""
    from salestui.services.people import change_person

    path = str(tmp_path / "reorg.db")
    org = Org(path)
    east, west = org.region("East"), org.region("West")
    boss = org.person("boss", region=east)
    ann = org.person("ann", boss, east, role="manager")
    bob = org.person("bob", boss, west, role="manager")
    rex = org.person("rex", ann, east)
    amy = org.person("amy", ann, east)
    wes = org.person("wes", bob, west)
    ce, cw = org.customer("East Co", rex, east), org.customer("West Co", wes, west)
    org.deal(ce, rex, 1_440_000, ["Prospect", "Won"], 120, step_days=20)  # won 2026-08-12
    org.deal(ce, amy, 300_000, ["Prospect", "Won"], 110, step_days=30)  # 2026-08-31
    org.deal(cw, wes, 900_000, ["Prospect", "Won"], 100, step_days=30)  # 2026-09-10
    org.deal(ce, rex, 500_000, ["Prospect", "Won"], 20, step_days=5)  # Q4, after the move
    for who, value in ((ann, 1_000_000), (bob, 1_500_000)):
        org.target("team", who, "quarter", date(2026, 7, 1), value)
    for who, value in ((rex, 800_000), (amy, 200_000), (wes, 1_000_000)):
        org.target("person", who, "quarter", date(2026, 7, 1), value)
        org.target("person", who, "quarter", date(2026, 10, 1), value)
    org.close()
    engine = open_database(path)
    with Session(engine) as s:
        change_person(s, "boss", "rex", {"manager": "bob", "region": "West"},
                      now=datetime(2026, 11, 10, 9, 0, tzinfo=UTC))  # fmt: skip
    engine.dispose()
    return Case(path)


BUILDERS: dict[str, Callable] = {
    "demo": demo,
    "credit_notes": credit_notes,
    "half_cents": half_cents,
    "sparse_org": sparse_org,
    "shanghai": shanghai,
    "reorg": reorg,
}
