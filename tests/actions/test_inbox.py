"""The inbox's lead SLA warnings follow the one SLA rule (``salestui.kernel.sla``), on leads
written here into the org of tests/fixtures.py (NOW 2026-11-20 10:00 UTC, owner rep_li):

    id  grade  created      first contact      status        waiting or late     listed?
    1   A      3 h ago      never              new           1 h past 2 h        yes
    2   A      2 h ago      never              new           exactly on 2 h      no (in time)
    3   A      10 h ago     5 h after it       new           contacted 3 h late  no (done)
    4   B      25 h ago     never              new           1 h past 24 h       yes
    5   B      23 h ago     never              new           within 24 h         no
    6   C      6 days ago   never              new           24 h past 120 h     yes
    7   C      6 days ago   never              disqualified  —                   no (not new)

Listed oldest first: 6, 4, 1.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from salestui.actions.inbox import live_warning_keys, load_inbox
from salestui.context import AppContext
from salestui.db.engine import open_database
from salestui.db.tables import Lead, Setting
from salestui.kernel.sla import sla_breach
from salestui.review.load import load_problems
from salestui.scope import load_scope
from tests import fixtures
from tests.fixtures import NOW

LEADS = (
    # name, grade, hours ago, contacted after (hours), status
    ("Ann", "A", 3, None, "new"),
    ("Abe", "A", 2, None, "new"),
    ("Ali", "A", 10, 5, "new"),
    ("Ben", "B", 25, None, "new"),
    ("Bo", "B", 23, None, "new"),
    ("Cy", "C", 6 * 24, None, "new"),
    ("Cal", "C", 6 * 24, None, "disqualified"),
)


def _build(path: str, settings: dict[str, str] | None = None) -> str:
    fixtures.build(path)
    engine = open_database(path)
    with Session(engine) as s:
        for name, grade, hours_ago, contacted_after, status in LEADS:
            created = NOW - timedelta(hours=hours_ago)
            contact = (
                None if contacted_after is None else created + timedelta(hours=contacted_after)
            )
            s.add(
                Lead(
                    name=name,
                    grade=grade,
                    created_at=created,
                    first_contact_at=contact,
                    status=status,
                    owner_id=3,
                )
            )
        for key, value in (settings or {}).items():
            s.add(Setting(key=key, value=value))
        s.commit()
    engine.dispose()
    return path


@pytest.fixture
def leads_db(tmp_path) -> str:
    return _build(str(tmp_path / "leads.db"))


def _sla(path: str):
    ctx = AppContext(path, "boss", clock=lambda: NOW)
    scope = ctx.read(load_scope, "boss")
    inbox, totals = ctx.read(load_inbox, scope, NOW, customers=False)
    return ctx, scope, [w for w in inbox if w.kind == "sla"], totals["sla"]


def test_the_inbox_lists_leads_still_waiting_past_their_deadline(leads_db):
    _, _, shown, total = _sla(leads_db)
    assert total == 3
    assert [w.subject for w in shown] == ["Cy", "Ben", "Ann"]
    assert [w.key for w in shown] == ["sla:lead:6", "sla:lead:4", "sla:lead:1"]
    assert shown[2].why == "grade A lead waiting 3h, limit 2h"
    assert shown[0].why == "grade C lead waiting 6d, limit 120h"


def test_a_lead_contacted_late_is_a_breach_but_no_live_warning(leads_db):
    # Ali: created 10 h ago, contacted after 5 h against a 2 h limit → 3 h late, for good
    created = NOW - timedelta(hours=10)
    assert sla_breach("A", created, created + timedelta(hours=5), NOW) == pytest.approx(3.0)
    ctx, scope, shown, _ = _sla(leads_db)
    assert "Ali" not in [w.subject for w in shown]
    # an item raised while Ali waited shows "cleared" now that Ali was contacted
    keys = ["sla:lead:1", "sla:lead:3"]
    assert ctx.read(live_warning_keys, scope, keys, NOW, customers=False) == {"sla:lead:1"}


def test_the_weekly_review_counts_the_same_breaches(leads_db):
    ctx, scope, _, _ = _sla(leads_db)
    problems = ctx.read(load_problems, scope, NOW, customers=False)
    assert problems.sla_total == 3
    assert [w.subject for w in problems.sla] == ["Cy", "Ben", "Ann"]


def test_the_limits_come_from_the_settings(tmp_path):
    # C within 200 h: Cy (144 h) is in time; A within 4 h: Ann (3 h) is in time
    path = _build(str(tmp_path / "set.db"), {"sla_hours.C": "200", "sla_hours.A": "4"})
    _, _, shown, total = _sla(path)
    assert total == 1 and [w.subject for w in shown] == ["Ben"]
    assert shown[0].why == "grade B lead waiting 25h, limit 24h"
