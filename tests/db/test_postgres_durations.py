"""Stage durations and effort counts on PostgreSQL: the same as on SQLite for the same demo (runs
when SALESTUI_TEST_PG_URL is set, as tests/db/test_postgres.py)."""

from __future__ import annotations

from datetime import date

import pytest

from salestui.db.demo.build import build_demo
from salestui.db.engine import open_database
from salestui.db.queries.durations import effort_counts, stage_day_sums, stage_stints
from salestui.db.queries.moments import midnight
from tests.db.test_postgres import PG_URL, pg_engine  # noqa: F401 (the fixture)

pytestmark = pytest.mark.skipif(not PG_URL, reason="SALESTUI_TEST_PG_URL is not set")
TODAY = date(2026, 11, 20)


def test_the_reads_agree(pg_engine, tmp_path):  # noqa: F811
    build_demo(pg_engine, deals=300, seed=11, top_login="demo", today=TODAY)
    lite = open_database(str(tmp_path / "same.db"))
    build_demo(lite, deals=300, seed=11, top_login="demo", today=TODAY)
    s, e = midnight(date(2026, 8, 23)), midnight(date(2026, 11, 21))

    def read(engine):
        with engine.connect() as c:
            stints = sorted((r.owner_id, r.stage_no, round(float(r.days), 6)) for r in
                            stage_stints(c, tuple(range(1, 40)), s, e))  # fmt: skip
            sums = sorted((r.stage, int(r.stints), round(float(r.days), 4)) for r in
                          stage_day_sums(c, None, s, e))  # fmt: skip
            effort = sorted(tuple(int(v) for v in r) for r in effort_counts(c, None, s, e))
        return stints, sums, effort

    (pg_stints, pg_sums, pg_effort), (stints, sums, effort) = read(pg_engine), read(lite)
    assert stints and sums and effort and pg_effort == effort
    # julianday keeps milliseconds: the days agree to a second
    for mine, theirs in ((pg_stints, stints), (pg_sums, sums)):
        assert [r[:-1] for r in mine] == [r[:-1] for r in theirs]
        assert [r[-1] for r in mine] == pytest.approx([r[-1] for r in theirs], abs=1e-4)


def test_the_kept_stints_follow_a_move_and_a_deal_changing_hands(pg_engine):  # noqa: F811
    """The owner journal's statement triggers (migration 0018) on a server: after a stage move
    and a reassignment by plain SQL, a fresh reader's kept stints are the ones read straight,
    and only the owners touched were read again."""
    from functools import partial

    from sqlalchemy import text

    from salestui.board.durations import (
        STINT_KINDS,
        DurationRules,
        duration_window,
        stints_in_window,
        window_stints,
    )
    from salestui.context import AppContext
    from salestui.db.queries.touches import OWNERS
    from salestui.runtime import maintained
    from salestui.runtime.columns import NumericPart
    from salestui.runtime.maintained import MaintainedRead

    build_demo(pg_engine, deals=300, seed=11, top_login="demo", today=TODAY)
    rules = DurationRules()
    window = duration_window(TODAY, rules)

    def kept():
        maintained.forget()
        with pg_engine.connect() as c:
            found = stints_in_window(c, None, TODAY, rules)
        maintained.written()
        return sorted(zip(*(a.tolist() for a in found.arrays), strict=True))

    def straight():
        with pg_engine.connect() as c:
            found = stage_stints(c, None, midnight(window.start), midnight(window.end))
        return sorted((int(o), int(s), float(d)) for o, s, d in found.rows)

    def reread():
        maintained.forget()
        part = NumericPart(partial(window_stints, rules.days), STINT_KINDS)
        name = f"stage_stints|{rules.days}"
        return MaintainedRead(AppContext(pg_engine, ""), name, [part], TODAY, OWNERS).touched

    assert kept() == straight()
    assert reread() == 0
    with pg_engine.begin() as c:
        deal, owner, stage = c.execute(
            text(
                "SELECT id, owner_id, stage FROM opportunity WHERE stage = 'Qualified' "
                "ORDER BY id LIMIT 1"
            )
        ).one()
        c.execute(
            text(
                "INSERT INTO stage_change (opportunity_id, from_stage, to_stage, changed_at, "
                "changed_by) VALUES (:d, 'Qualified', 'Proposal', :at, 'sql')"
            ),
            {"d": deal, "at": midnight(TODAY)},
        )
    assert reread() == 1
    after = kept()
    assert after == straight() and len(after) == len(straight())
    assert [r for r in after if r[0] == owner and r[1] == 1]  # the Qualified stint just left
    with pg_engine.begin() as c:
        other = c.execute(
            text("SELECT MIN(id) FROM person WHERE id <> :o AND manager_id IS NOT NULL"),
            {"o": owner},
        ).scalar()
        c.execute(
            text("UPDATE opportunity SET owner_id = :p WHERE id = :d"), {"p": other, "d": deal}
        )
    assert reread() == 2
    assert kept() == straight()


def test_the_kept_effort_counts_follow_an_activity_and_a_deal_s_customer(pg_engine):  # noqa: F811
    """The activities' people stamped on a server (migration 0018): after an activity added, one
    handed to another person and a deal given another customer, by plain SQL, a fresh reader's
    kept counts are the ones read straight."""
    from sqlalchemy import text

    from salestui.kernel.periods import last_days
    from salestui.runtime import maintained
    from salestui.team.effort import effort_counts_in

    build_demo(pg_engine, deals=300, seed=11, top_login="demo", today=TODAY)
    window = last_days(TODAY, 90)

    def kept():
        maintained.forget()
        with pg_engine.connect() as c:
            found = effort_counts_in(c, None, TODAY, {})
        maintained.written()
        return sorted(found)

    def straight():
        with pg_engine.connect() as c:
            found = effort_counts(c, None, midnight(window.start), midnight(window.end))
        return sorted(tuple(int(v) for v in r) for r in found)

    assert kept() == straight()
    with pg_engine.begin() as c:
        person, customer = c.execute(
            text("SELECT MIN(owner_id), MIN(id) FROM customer WHERE owner_id IS NOT NULL")
        ).one()
        c.execute(
            text(
                "INSERT INTO activity (kind, person_id, customer_id, occurred_at, note) "
                "VALUES ('visit', :p, :c, :at, 'sql')"
            ),
            {"p": person, "c": customer, "at": midnight(TODAY)},
        )
    assert kept() == straight()
    with pg_engine.begin() as c:
        c.execute(
            text(
                "UPDATE activity SET person_id = (SELECT MAX(id) FROM person) WHERE id = "
                "(SELECT MIN(id) FROM activity WHERE occurred_at >= :s)"
            ),
            {"s": midnight(window.start)},
        )
        c.execute(text("UPDATE activity SET customer_id = NULL WHERE opportunity_id IS NOT NULL"))
    assert kept() == straight()
    with pg_engine.begin() as c:
        c.execute(
            text(
                "UPDATE opportunity SET customer_id = (SELECT MIN(id) FROM customer) WHERE id IN "
                "(SELECT opportunity_id FROM activity WHERE opportunity_id IS NOT NULL "
                "AND occurred_at >= :s LIMIT 5)"
            ),
            {"s": midnight(window.start)},
        )
    assert kept() == straight()
