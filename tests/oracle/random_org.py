"""A Hypothesis strategy for a small random organisation: regions, people (some inactive, some
without targets), customers, deals with their stage history (stages skipped, moved back, won,
lost), orders and credit notes with payments, activities, targets of every scope and period,
complaints, NPS answers, leads and action items — written with the ``Org`` helper."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from salestui.db.tables import ActionItem, Lead
from tests.oracle.builders import Org

STAGES = ("Prospect", "Qualified", "Proposal", "Negotiation")
AMOUNTS = st.one_of(
    st.integers(1, 5_000_000_00),
    st.sampled_from([1, 3, 5, 15, 25, 101, 7_000_005, 1_000_000_00, 5_000_000_00]),
)


@st.composite
def paths(draw) -> list[str]:
    """A stage path from Prospect: forward with skips, sometimes back, ending open or closed."""
    path = ["Prospect"]
    for _ in range(draw(st.integers(0, 4))):
        i = STAGES.index(path[-1]) if path[-1] in STAGES else 0
        nxt = draw(st.integers(max(0, i - 1), min(3, i + 2)))
        if STAGES[nxt] != path[-1]:
            path.append(STAGES[nxt])
    end = draw(st.sampled_from(["open", "open", "Won", "Lost"]))
    if end != "open":
        path.append(end)
    return path


@st.composite
def organisations(draw) -> list:
    """A recipe: a list of (helper name, arguments) steps, replayed by :func:`build`."""
    n_regions = draw(st.integers(1, 3))
    n_people = draw(st.integers(1, 6))
    people = []
    for i in range(n_people):
        people.append(
            {
                "manager": None if i == 0 else draw(st.integers(0, i - 1)),
                "region": draw(st.integers(0, n_regions - 1)),
                "active": i == 0 or draw(st.booleans() | st.just(True)),
            }
        )
    person = st.integers(0, n_people - 1)
    n_customers = draw(st.integers(1, 6))
    customers = [
        {
            "owner": draw(person),
            "region": draw(st.integers(0, n_regions - 1)),
            "created": draw(st.floats(0.01, 900)),
        }
        for _ in range(n_customers)
    ]
    customer = st.integers(0, n_customers - 1)
    deals = []
    for _ in range(draw(st.integers(0, 12))):
        path = draw(paths())
        created = draw(st.floats(0.5, 900))
        step = draw(st.floats(0.01, 1)) * created / len(path)
        deals.append(
            {
                "customer": draw(customer),
                "owner": draw(person),
                "amount": draw(AMOUNTS),
                "path": path,
                "created": created,
                "step": step,
                "probability": draw(st.none() | st.integers(0, 100)),
                "lost_reason": draw(st.sampled_from(["competitor", "price", "timing"])),
            }
        )
    orders = []
    for _ in range(draw(st.integers(0, 14))):
        amount = draw(st.one_of(st.integers(-500_000_00, 2_000_000_00), st.just(0), AMOUNTS))
        paid = draw(st.sampled_from(["full", "none", "part"]))
        orders.append(
            {
                "customer": draw(customer),
                "amount": amount,
                "days": draw(st.integers(0, 800)),
                "due_after": draw(st.integers(0, 90)),
                "paid": amount if paid == "full" else 0 if paid == "none" else max(amount, 0) // 3,
                "paid_days": draw(st.none() | st.integers(0, 30)),
            }
        )
    activities = [
        {
            "person": draw(person),
            "customer": draw(st.none() | customer),
            "days": draw(st.floats(0, 800)),
            "kind": draw(st.sampled_from(["visit", "call", "email", "visit"])),
            "note": draw(
                st.sampled_from(
                    ["", "Follow-up", "Price objection, competitor is cheaper", "对手报价更低"]
                )
            ),
        }
        for _ in range(draw(st.integers(0, 14)))
    ]
    periods = [
        ("quarter", date(2026, 10, 1)),
        ("quarter", date(2026, 7, 1)),
        ("month", date(2026, 10, 1)),
        ("month", date(2026, 11, 1)),
        ("year", date(2026, 1, 1)),
    ]
    targets = {}
    for _ in range(draw(st.integers(0, 10))):
        scope = draw(st.sampled_from(["person", "person", "person", "team", "region", "company"]))
        scope_id = (
            None
            if scope == "company"
            else draw(st.integers(0, (n_regions if scope == "region" else n_people) - 1))
        )
        kind, start = draw(st.sampled_from(periods))
        metric = (
            "revenue"
            if scope != "person"
            else draw(st.sampled_from(["revenue", "revenue", "visits", "new_customers"]))
        )
        value = (
            draw(st.integers(1, 3_000_000_00)) if metric == "revenue" else draw(st.integers(1, 12))
        )
        targets[(scope, scope_id, kind, start, metric)] = value
    complaints = [
        {
            "customer": draw(customer),
            "days": draw(st.floats(0, 500)),
            "hours": draw(st.none() | st.floats(0, 100)),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    nps = [
        {
            "customer": draw(customer),
            "score": draw(st.integers(0, 10)),
            "days": draw(st.integers(0, 500)),
        }
        for _ in range(draw(st.integers(0, 4)))
    ]
    leads = [
        {
            "grade": draw(st.sampled_from("ABC")),
            "hours": draw(st.floats(0, 300)),
            "contacted": draw(st.booleans()),
            "status": draw(st.sampled_from(["new", "contacted", "qualified"])),
            "owner": draw(person),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    items = [
        {
            "owner": draw(person),
            "due": draw(st.integers(-20, 20)),
            "status": draw(st.sampled_from(["open", "doing", "done", "dropped"])),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    return dict(
        regions=n_regions, people=people, customers=customers, deals=deals, orders=orders,
        activities=activities, targets=targets, complaints=complaints, nps=nps, leads=leads,
        items=items,
    )  # fmt: skip


def build(path: str, recipe: dict) -> None:
    org = Org(path)
    regions = [org.region(f"R{i}") for i in range(recipe["regions"])]
    people = []
    for i, p in enumerate(recipe["people"]):
        manager = people[p["manager"]] if p["manager"] is not None else None
        people.append(org.person(f"p{i}", manager, regions[p["region"]], active=p["active"]))
    for p in people:  # a manager is whoever has someone reporting to them
        if any(q.manager_id == p.id for q in people):
            p.role = "manager"
    customers = [
        org.customer(f"C{i}", people[c["owner"]], regions[c["region"]], c["created"])
        for i, c in enumerate(recipe["customers"])
    ]
    for d in recipe["deals"]:
        org.deal(
            customers[d["customer"]], people[d["owner"]], d["amount"], d["path"], d["created"],
            d["step"], d["probability"], d["lost_reason"],
        )  # fmt: skip
    for o in recipe["orders"]:
        paid_days = None if o["paid_days"] is None else min(o["paid_days"], o["days"])
        org.order(
            customers[o["customer"]], o["amount"], o["days"], o["due_after"], o["paid"], paid_days
        )
    for a in recipe["activities"]:
        cust = None if a["customer"] is None else customers[a["customer"]]
        org.activity(people[a["person"]], cust, a["days"], a["kind"], a["note"])
    for (scope, sid, kind, start, metric), value in recipe["targets"].items():
        ref = None if sid is None else (regions if scope == "region" else people)[sid]
        org.target(scope, ref, kind, start, value, metric)
    for c in recipe["complaints"]:
        org.complaint(customers[c["customer"]], c["days"], c["hours"])
    for n in recipe["nps"]:
        org.nps(customers[n["customer"]], n["score"], n["days"])
    for i, lead in enumerate(recipe["leads"]):
        created = org.ago(lead["hours"] / 24)
        org.add(
            Lead(
                name=f"L{i}", grade=lead["grade"], created_at=created, status=lead["status"],
                first_contact_at=created + timedelta(hours=1) if lead["contacted"] else None,
                owner_id=people[lead["owner"]].id,
            )
        )  # fmt: skip
    for i, item in enumerate(recipe["items"]):
        org.add(
            ActionItem(
                title=f"item {i}", owner_id=people[item["owner"]].id,
                due=org.today + timedelta(days=item["due"]), status=item["status"],
                created_by=people[0].login, created_at=org.ago(30),
            )
        )  # fmt: skip
    org.close()
