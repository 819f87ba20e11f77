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


def test_the_entering_moments_follow_the_writes_on_postgresql(pg_engine):  # noqa: F811
    """Migrations 0014, 0016 and 0017 on PostgreSQL (statement triggers for inserts and
    removals, row triggers for a change moved in time or to another deal and for a deal changing
    hands): after the demo build (set once), a move and its undo, a change added back in time,
    one moved, many removed in one statement, a change's stage rewritten, deals handed over in
    one statement, every ``entered_at`` and ``owner_id`` and every deal's ``stages_reached`` are
    the definitions' (the second ways of tests/board/test_entered_kept.py)."""
    from sqlmodel import select

    from salestui.db.tables import StageChange
    from tests.board.test_entered_kept import (
        by_definition,
        owners,
        owners_by_definition,
        reached,
        reached_by_definition,
    )
    from tests.board.test_entered_kept import kept as entered

    build_demo(pg_engine, deals=300, seed=11, top_login="demo", today=date(2026, 11, 20))

    def agree() -> int:
        with pg_engine.connect() as conn:
            found = entered(conn)
            assert found == by_definition(conn)
            assert reached(conn) == reached_by_definition(conn)  # and the stages reached (0016)
            assert owners(conn) == owners_by_definition(conn)  # and the history's owners (0017)
            return sum(e is not None for e in found.values())

    before = agree()
    assert before > 0
    with Session(pg_engine) as s:
        deal, version = s.exec(text(
            "SELECT id, version FROM opportunity WHERE stage = 'Prospect' ORDER BY id LIMIT 1"
        )).one()  # fmt: skip
        move_stage(s, "demo", deal, "Qualified", version, now=NOW)
        assert agree() == before + 1
        undo_last(s, "demo", now=NOW)
        agree()
        (many,) = s.exec(text(
            "SELECT opportunity_id FROM stage_change GROUP BY opportunity_id "
            "HAVING COUNT(*) >= 3 ORDER BY opportunity_id LIMIT 1"
        )).one()  # fmt: skip
        history = s.exec(select(StageChange).where(StageChange.opportunity_id == many)
                         .order_by(StageChange.changed_at)).all()  # fmt: skip
        first, second = history[0].changed_at, history[1].changed_at
        s.add(StageChange(opportunity_id=many, from_stage="Prospect", to_stage="Qualified",
                          changed_at=first + (second - first) / 2, changed_by="sql"))  # fmt: skip
        s.commit()
        agree()
        s.exec(text("UPDATE stage_change SET changed_at = changed_at + interval '400 days' "
                    "WHERE changed_by = 'sql'"))  # fmt: skip
        s.exec(text(f"UPDATE stage_change SET opportunity_id = {deal} WHERE id = "
                    f"(SELECT MIN(id) FROM stage_change WHERE opportunity_id = {many})"))  # fmt: skip
        s.commit()
        agree()
        s.exec(text("DELETE FROM stage_change WHERE id IN (SELECT id FROM stage_change "
                    "WHERE to_stage = 'Qualified' ORDER BY id LIMIT 40)"))  # fmt: skip
        s.commit()
        agree()
        s.exec(text(f"UPDATE stage_change SET to_stage = 'Lost' WHERE opportunity_id = {many}"))
        s.exec(text(f"DELETE FROM stage_change WHERE opportunity_id = {deal}"))
        s.commit()
        agree()
        with pg_engine.connect() as conn:
            assert reached(conn)[many] == 32 and reached(conn)[deal] is None
        # deals change hands, many in one statement
        s.exec(text(f"UPDATE opportunity SET owner_id = (SELECT MIN(id) FROM person) "
                    f"WHERE id <> {many} AND id % 3 = 0"))  # fmt: skip
        s.commit()
        agree()
