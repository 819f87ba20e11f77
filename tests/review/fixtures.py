"""The hand-written org of tests/fixtures.py plus what action plans and the weekly review need.

NOW is 2026-11-20 10:00 UTC (a Friday); the quarter is Q4 2026 (2026-10-01 – 2027-01-01), 51 of
92 days gone by the end of today (elapsed = 51/92).

Added rows:
- Targets (person, quarter Q4 2026, revenue): rep_south 200,000; rep_li 100,000 → the boss's
  scope (everyone) has 300,000. Month targets for rep_south: Oct 50,000, Nov 100,000, Dec 50,000.
  new_customers target rep_li 4.
- Leads: #1 grade A created 3 h ago, never contacted → SLA breach (limit 2 h), owner rep_li;
  #2 grade B created 10 h ago, never contacted → within 24 h; #3 grade C created 6 days ago,
  contacted after 1 day → no live breach.
- Complaint #1 on Acme Corp (owner rep_wang), opened 3 days ago, no first response → late.
- Action items:
  #1 "Unblock stalled deal" rep_li, due 2026-11-18 (Overdue), warning stalled:opportunity:1
     (deal #1 is stalled → live);
  #2 "Push Acme renewal" rep_wang, due 2026-11-20 (Today), warning stalled:opportunity:2
     (deal #2 is 5 days in Qualified → cleared);
  #3 "Plan QBR" rep_south, due 2026-11-21 (This week: the week is Mon 16 – Sun 22);
  #4 "Year plan" mgr_east, due 2026-12-15 (Later), linked to customer 3 (Acme Corp);
  #5 "Old done item" newbie, done — never listed.
KPIs for boss (everyone): won this quarter 50,000 (#6) → attainment 50,000 / 300,000 = 16.7 %;
won 1, lost 1 → win rate 50 %; open pipeline 2,165,000; weighted 1,346,000 (Σ amount × prob:
120,000×10 % + 15,000×10 % + 80,000×25 % + 600,000×50 % + 450,000×75 % + 900,000×75 %
= 12,000 + 1,500 + 20,000 + 300,000 + 337,500 + 675,000 = 1,346,000).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from salestui.db.engine import open_database
from salestui.db.tables import ActionItem, Complaint, Lead, Target
from tests import fixtures
from tests.fixtures import NOW, TODAY, days_ago

IDS = {"boss": 1, "mgr_east": 2, "rep_li": 3, "rep_wang": 4, "rep_south": 5, "newbie": 6}
Q4 = date(2026, 10, 1)


def build(path: str) -> str:
    fixtures.build(path)
    engine = open_database(path)
    with Session(engine) as s:

        def target(login, period, start, metric, value):
            s.add(
                Target(
                    scope_type="person",
                    scope_id=IDS[login],
                    period_type=period,
                    period_start=start,
                    metric=metric,
                    value=value,
                )
            )

        target("rep_south", "quarter", Q4, "revenue", 200_000 * 100)
        target("rep_li", "quarter", Q4, "revenue", 100_000 * 100)
        target("rep_li", "quarter", Q4, "new_customers", 4)
        for month, value in ((10, 50_000), (11, 100_000), (12, 50_000)):
            target("rep_south", "month", date(2026, month, 1), "revenue", value * 100)

        def lead(name, grade, hours_ago, contacted_after_h=None):
            created = NOW - timedelta(hours=hours_ago)
            s.add(
                Lead(
                    name=name,
                    company=f"{name} Co",
                    grade=grade,
                    created_at=created,
                    first_contact_at=(
                        created + timedelta(hours=contacted_after_h)
                        if contacted_after_h is not None
                        else None
                    ),
                    status="new" if contacted_after_h is None else "contacted",
                    owner_id=IDS["rep_li"],
                )
            )

        lead("王磊", "A", 3)
        lead("Bea Brown", "B", 10)
        lead("Cy Chen", "C", 6 * 24, contacted_after_h=24)
        s.add(
            Complaint(
                customer_id=3,
                category="service",
                severity="urgent",
                opened_at=days_ago(3),
                summary="发货延迟",
            )
        )

        def item(title, login, due, status="open", warning=None, link=(None, None)):
            s.add(
                ActionItem(
                    title=title,
                    owner_id=IDS[login],
                    due=due,
                    status=status,
                    link_type=link[0],
                    link_id=link[1],
                    origin=warning.split(":")[0] if warning else "manual",
                    warning_key=warning,
                    created_by="boss",
                    created_at=days_ago(4),
                    done_at=days_ago(1) if status == "done" else None,
                )
            )

        item(
            "Unblock stalled deal",
            "rep_li",
            TODAY - timedelta(days=2),
            warning="stalled:opportunity:1",
            link=("opportunity", 1),
        )
        item(
            "Push Acme renewal",
            "rep_wang",
            TODAY,
            warning="stalled:opportunity:2",
            link=("opportunity", 2),
        )
        item("Plan QBR", "rep_south", TODAY + timedelta(days=1))
        item("Year plan", "mgr_east", date(2026, 12, 15), link=("customer", 3))
        item("Old done item", "newbie", TODAY - timedelta(days=3), status="done")
        s.commit()
    engine.dispose()
    return path
