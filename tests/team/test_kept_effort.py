"""The activity counts behind effort allocation are kept between processes (salestui.team.effort,
migration 0018) and never stale: after a change made elsewhere — an activity logged through the
command line, one handed to another person, a deal given another customer, an activity removed,
by plain SQL but the first — a fresh reader's counts equal the ones worked out here from the raw
activities, and only the people the change touched were read again."""

from __future__ import annotations

import sqlite3
from functools import partial

import pytest

from salestui.context import AppContext
from salestui.db.engine import make_engine
from salestui.db.queries.touches import OWNERS
from salestui.runtime import maintained
from salestui.runtime.columns import NumericPart
from salestui.runtime.maintained import MaintainedRead
from salestui.team.effort import effort_counts_in, window_counts
from tests.runtime.kept import TODAY, ago, last_90_days, moment
from tests.runtime.test_maintained import plain_sql, salestui

LI, WANG, SOUTH, NEWBIE, BOSS = 3, 4, 5, 6, 1

pytestmark = pytest.mark.usefixtures("fresh_kept")


@pytest.fixture
def effort_db(seeded_db) -> str:
    """The fixture org with activities of its own: rep_li's visit to customer 1 and call on deal
    1 (naming no customer: it reaches the deal's), rep_wang's call 100 days ago (before the
    window), rep_south's two visits to customer 2."""
    with sqlite3.connect(seeded_db) as c:
        c.execute("DELETE FROM activity")
        c.executemany(
            "INSERT INTO activity (kind, person_id, customer_id, opportunity_id, occurred_at, "
            "note) VALUES (?, ?, ?, ?, ?, '')",
            [
                ("visit", LI, 1, None, ago(10)),
                ("call", LI, None, 1, ago(5)),
                ("call", WANG, 1, None, ago(100)),
                ("visit", SOUTH, 2, None, ago(1)),
                ("visit", SOUTH, 2, None, ago(2)),
            ],
        )
    return seeded_db


def scratch(db: str) -> list[tuple[int, int, int, int]]:
    """(person, customer, activities, visits) by the definition, from the raw rows: the
    activities of the last 90 days that reached a customer, named on them or through their
    deal."""
    start, end = last_90_days()  # the default window
    with sqlite3.connect(db) as c:
        deal_customer = dict(c.execute("SELECT id, customer_id FROM opportunity"))
        found = c.execute(
            "SELECT person_id, customer_id, opportunity_id, kind, occurred_at FROM activity"
        ).fetchall()
    counts: dict[tuple[int, int], list[int]] = {}
    for person, customer, deal, kind, at in found:
        reached = customer if customer is not None else deal_customer.get(deal)
        when = moment(at)
        if reached is None or not start <= when < end:
            continue
        n = counts.setdefault((person, reached), [0, 0])
        n[0] += 1
        n[1] += kind == "visit"
    return sorted((p, c, a, v) for (p, c), (a, v) in counts.items())


def kept(db: str) -> list[tuple[int, int, int, int]]:
    maintained.forget()
    engine = make_engine(db)
    with engine.connect() as conn:
        found = effort_counts_in(conn, None, TODAY, {})
    engine.dispose()
    maintained.written()
    return sorted(found)


def reread(db: str) -> int | None:
    maintained.forget()
    part = NumericPart(partial(window_counts, 90), ("<i8",) * 4)
    return MaintainedRead(AppContext(db, "boss"), "effort_counts|90", [part], TODAY, OWNERS).touched


def deal_1_customer(db: str) -> int:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT customer_id FROM opportunity WHERE id = 1").fetchone()[0]


def test_a_first_reader_keeps_them_and_the_next_reads_nothing_again(effort_db):
    assert reread(effort_db) is None
    by_hand = sorted([(LI, 1, 1, 1), (LI, deal_1_customer(effort_db), 1, 0), (SOUTH, 2, 2, 2)])
    if deal_1_customer(effort_db) == 1:  # both of rep_li's reached customer 1
        by_hand = sorted([(LI, 1, 2, 1), (SOUTH, 2, 2, 2)])
    assert kept(effort_db) == scratch(effort_db) == by_hand
    assert reread(effort_db) == 0


def test_an_activity_logged_through_the_command_line_elsewhere(effort_db):
    before = kept(effort_db)
    salestui(effort_db, "activity", "add", "--type", "visit", "--customer", "2")
    assert reread(effort_db) == 1  # boss's
    after = kept(effort_db)
    assert after == scratch(effort_db)
    assert [r for r in after if r not in before] == [(BOSS, 2, 1, 1)]


def test_an_activity_handed_to_another_person_reads_both_again(effort_db):
    kept(effort_db)
    plain_sql(effort_db, "UPDATE activity SET person_id = 6 WHERE person_id = 5 AND id = "
                         "(SELECT MIN(id) FROM activity WHERE person_id = 5)")  # fmt: skip
    assert reread(effort_db) == 2
    after = kept(effort_db)
    assert after == scratch(effort_db)
    assert [r for r in after if r[0] in (SOUTH, NEWBIE)] == [(SOUTH, 2, 1, 1), (NEWBIE, 2, 1, 1)]


def test_a_deal_given_another_customer_moves_the_activities_that_name_none(effort_db):
    kept(effort_db)
    other = 3 if deal_1_customer(effort_db) != 3 else 2
    plain_sql(effort_db, f"UPDATE opportunity SET customer_id = {other} WHERE id = 1")
    assert reread(effort_db) == 1  # rep_li's call reaches the deal's new customer
    after = kept(effort_db)
    assert after == scratch(effort_db)
    assert (LI, other, 1, 0) in after


def test_an_activity_removed_elsewhere(effort_db):
    kept(effort_db)
    plain_sql(effort_db, "DELETE FROM activity WHERE person_id = 5")
    assert reread(effort_db) == 1
    assert kept(effort_db) == scratch(effort_db)
    assert not [r for r in kept(effort_db) if r[0] == SOUTH]
