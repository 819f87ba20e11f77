"""The weekly review's SQL aggregates on the seeded database (tests/review/fixtures.py), each
expected figure worked out by hand from the deals listed in tests/fixtures.py."""

from __future__ import annotations

from salestui.context import AppContext
from salestui.db.tables import Setting
from salestui.review.load import load_kpis
from salestui.scope import load_scope
from tests.fixtures import NOW


def test_last_weeks_weighted_pipeline_weighs_every_deal_by_its_stages_setting(
    review_db, session_for
):
    s = session_for(review_db)
    # Proposal's probability raised from 50 % to 60 % after every deal got its stored probability
    s.add(Setting(key="probability.Proposal", value="60"))
    s.commit()
    ctx = AppContext(review_db, "boss", clock=lambda: NOW)
    k = {x.key: x for x in ctx.read(load_kpis, ctx.read(load_scope, "boss"), NOW)}
    # a week ago (13 Nov 10:00), each deal in the stage it stood in then, × that stage's setting:
    # #1 Prospect 120,000 × 10 % = 12,000; #2 Prospect then 80,000 × 10 % = 8,000;
    # #3 Proposal (unmoved) 600,000 × 60 % = 360,000; #4 Negotiation 450,000 × 75 % = 337,500;
    # #5 Proposal then (Negotiation since 17 Nov) 900,000 × 60 % = 540,000;
    # #6 Negotiation then (won 15 Nov) 50,000 × 75 % = 37,500 → 1,295,000
    assert k["weighted"].last_week == 1_295_000 * 100
    # now: each deal's stored probability, as the board shows it (#3 entered Proposal at 50 %):
    # 12,000 + 1,500 + 20,000 + 300,000 + 337,500 + 675,000 = 1,346,000
    assert k["weighted"].value == 1_346_000 * 100
