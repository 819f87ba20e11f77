"""Effort allocation, worked by hand.

The top 20 %: ten customers with 12-month revenue 100, 90, 90, 80, 70, 60, 50, 40, 30, 20 (ids
1–10) and one (11) with no order. Ranks (ties take the highest): 100 → 10, the two 90s → 9,
80 → 7 … M = ⌈5 × rank / 10⌉: 5 for ranks 9 and 10, so the top is {1, 2, 3} — the tie on the
20 % edge puts both 90s in (three customers, not two); 11 is never in.

On the org of tests/fixtures.py (customers 1 华信, 2 腾达, 3 Acme; top taken as {1}), the
activities of the last 90 days (2026-08-23 … 2026-11-20) replace the fixture's:
  rep_li (3): 3 visits and 1 call on customer 1, 1 call on customer 2 → activities 4/5 = 80 %,
    visits 3/3 = 100 %;
  rep_wang (4): 1 visit on customer 3, 1 call on deal #1 (customer 1, no customer on the row),
    1 email 100 days ago on customer 1 (outside), 1 call on a lead (no customer: not counted)
    → activities 1/2 = 50 %, visits 0/1 = 0 % → short of 70 %;
  team: activities 5/7 = 71.4 %, visits 3/4 = 75 % → not short.
"""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import delete
from sqlmodel import Session

from salestui.customers.tiers import quintile_scores
from salestui.db.engine import open_database
from salestui.db.tables import Activity, Lead
from salestui.team.effort import effort_target, load_effort, top_customers
from tests.fixtures import TODAY, days_ago

NAMES = {3: "李伟", 4: "Wang Fang"}


def test_the_top_20_percent_with_a_tie_on_the_edge():
    revenue = pd.Series([100, 90, 90, 80, 70, 60, 50, 40, 30, 20], index=range(1, 11))
    table = pd.DataFrame({"m": quintile_scores(revenue).reindex(range(1, 12)).fillna(0)})
    assert top_customers(table) == {1, 2, 3}


@pytest.fixture
def effort_db(seeded_db):
    engine = open_database(seeded_db)
    with Session(engine) as s:
        s.exec(delete(Activity))
        lead = Lead(name="Lee", company="Lee Co", grade="B", created_at=days_ago(5), owner_id=4)
        s.add(lead)
        s.flush()
        rows = [
            (3, "visit", 1, None, None, 3),
            (3, "visit", 1, None, None, 20),
            (3, "visit", 1, None, None, 89),
            (3, "call", 1, None, None, 1),
            (3, "call", 2, None, None, 2),
            (4, "visit", 3, None, None, 4),
            (4, "call", None, 1, None, 5),
            (4, "email", 1, None, None, 100),
            (4, "call", None, None, lead.id, 1),
        ]
        for person, kind, customer, deal, lead_id, ago in rows:
            s.add(
                Activity(
                    person_id=person,
                    kind=kind,
                    customer_id=customer,
                    opportunity_id=deal,
                    lead_id=lead_id,
                    occurred_at=days_ago(ago),
                )
            )
        s.commit()
    engine.dispose()
    return seeded_db


TOP = pd.DataFrame({"m": [5, 4, 3]}, index=[1, 2, 3])


def effort(path, owners=None, settings=None):
    engine = open_database(path)
    with engine.connect() as conn:
        return load_effort(conn, owners, NAMES, settings or {}, TODAY, TOP)


def test_shares_per_person_and_team(effort_db):
    e = effort(effort_db)
    wang, li = e.people  # by name: Latin letters sort before 李
    assert (li.activities, li.top_activities, li.visits, li.top_visits) == (5, 4, 3, 3)
    assert (li.activity_share, li.visit_share) == (80, 100)
    assert (wang.activities, wang.top_activities, wang.visits, wang.top_visits) == (2, 1, 1, 0)
    assert (wang.activity_share, wang.visit_share) == (50, 0)
    assert e.team.activity_share == pytest.approx(500 / 7)
    assert e.team.visit_share == 75
    assert e.target == 70
    assert [p.name for p in e.short] == ["Wang Fang"]
    assert not e.team.short_of(e.target)


def test_the_scope_and_the_target_setting(effort_db):
    e = effort(effort_db, owners=(4,), settings={"effort.target": "40"})
    assert [p.name for p in e.people] == ["Wang Fang"]
    assert e.team.activities == 2
    assert [p.name for p in e.short] == ["Wang Fang"]  # visits 0 % < 40 %
    assert effort_target({"effort.target": "lots"}) == 70
