"""The stage totals kept by triggers on PostgreSQL (statement triggers over transition tables,
migration 0012): after the demo build (triggers off, summed once), a move and its undo, an edit,
plain SQL over many rows and a removal, the kept sums are what the deals add up to; runs when
SALESTUI_TEST_PG_URL is set, as tests/db/test_postgres.py."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlmodel import Session

from salestui.db.demo.build import build_demo
from salestui.services.deal_create import create_deal
from salestui.services.deal_undo import undo_last
from salestui.services.deals import edit_deal, move_stage
from tests.board.test_stage_totals_kept import kept, summed_from_the_deals
from tests.db.test_postgres import NOW, PG_URL, pg_engine  # noqa: F401 (the fixture)

pytestmark = pytest.mark.skipif(not PG_URL, reason="SALESTUI_TEST_PG_URL is not set")


def test_the_kept_totals_follow_the_writes_on_postgresql(pg_engine):  # noqa: F811
    build_demo(pg_engine, deals=300, seed=11, top_login="demo", today=date(2026, 11, 20))

    def agree() -> dict:
        with pg_engine.connect() as conn:
            found = kept(conn)
            assert found == summed_from_the_deals(conn)
            return found

    before = agree()
    assert sum(d for d, _a, _w in before.values()) == 300
    with Session(pg_engine) as s:
        deal, owner, version = s.exec(text(
            "SELECT o.id, p.login, o.version FROM opportunity o JOIN person p ON p.id = o.owner_id "
            "WHERE o.stage = 'Prospect' ORDER BY o.id LIMIT 1"
        )).one()  # fmt: skip
        move_stage(s, "demo", deal, "Qualified", version, now=NOW)
        moved = agree()
        assert moved != before
        undo_last(s, "demo", now=NOW)
        assert agree() == before
        (version,) = s.exec(text(f"SELECT version FROM opportunity WHERE id = {deal}")).one()
        edit_deal(s, "demo", deal, version, amount="123456", now=NOW)
        agree()
        s.exec(text("UPDATE opportunity SET amount_minor = amount_minor + 100, owner_id = "
                    "(SELECT MIN(id) FROM person) WHERE stage IN ('Qualified', 'Proposal')"))  # fmt: skip
        s.exec(text("UPDATE opportunity SET next_step = 'call back'"))  # nets to nothing
        s.commit()
        agree()
        customer = s.exec(text("SELECT MIN(id) FROM customer")).one()[0]
        create_deal(s, "demo", customer_id=customer, title="Extra", amount="7000",
                    expected_close="2026-12-31", now=NOW)  # fmt: skip
        assert sum(d for d, _a, _w in agree().values()) == 301
        (extra,) = s.exec(text("SELECT id FROM opportunity WHERE title = 'Extra'")).one()
        s.exec(text(f"DELETE FROM stage_change WHERE opportunity_id = {extra}"))
        s.exec(text(f"DELETE FROM opportunity WHERE id = {extra}"))
        s.commit()
    assert sum(d for d, _a, _w in agree().values()) == 300
