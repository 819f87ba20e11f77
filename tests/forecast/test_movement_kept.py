"""The week's movement is kept between processes (salestui.review.waterfall, migration 0018) and
never stale: after a change made elsewhere — an amount edited through the services, a deal
handed to another rep or its close date moved by plain SQL — a fresh reader's waterfall equals
the one computed with nothing kept, and only the owners the change touched were read again.
On the week of tests/forecast/test_movement.py (the figures there are worked out by hand)."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from functools import partial

import pytest

from salestui.context import AppContext
from salestui.db.queries.touches import OWNERS
from salestui.review.waterfall import KEPT_COLUMNS, load_movement, week_adjustments
from salestui.runtime import maintained
from salestui.runtime.columns import NumericPart
from salestui.runtime.maintained import MaintainedRead
from salestui.scope import load_scope
from tests.fixtures import NOW
from tests.forecast.conftest import _edit
from tests.runtime.test_maintained import plain_sql

K = 100

pytestmark = pytest.mark.usefixtures("fresh_kept")
WEEK, QUARTER_END = NOW.date().replace(day=16), NOW.date().replace(year=2027, month=1, day=1)


def figures(m) -> list[tuple]:
    return [(ln.label, ln.depth, ln.team, asdict(ln.figures)) for ln in m.lines]


def movement(db: str, login: str = "boss"):
    """As a fresh process reads it (through what is kept)."""
    maintained.forget()
    ctx = AppContext(db, login, clock=lambda: NOW)
    found = ctx.read(load_movement, ctx.read(load_scope, login), NOW)
    maintained.written()
    return found


def from_scratch(db: str, login: str = "boss"):
    """With nothing kept: every owner's week read."""
    with sqlite3.connect(db) as c:
        c.execute("DELETE FROM figure_store")
    return movement(db, login)


def reread(db: str) -> int | None:
    maintained.forget()
    part = NumericPart(partial(week_adjustments, WEEK, QUARTER_END), ("<i8",) * len(KEPT_COLUMNS))
    name = f"movement|{WEEK.isoformat()}|{QUARTER_END.isoformat()}"
    ctx = AppContext(db, "boss", clock=lambda: NOW)
    return MaintainedRead(ctx, name, [part], NOW.date(), OWNERS).touched


def test_kept_and_then_an_amount_edited_elsewhere(week_db, session_for):
    before = movement(week_db)
    assert before.total.minor["increased"] == 50_000 * K  # #3 600,000 → 650,000
    assert reread(week_db) == 0
    _edit(session_for(week_db), "rep_south", 3, 0, amount="700000")
    assert reread(week_db) == 1  # rep_south's
    after = movement(week_db)
    assert after.total.minor["increased"] == 100_000 * K  # by hand: 600,000 → 700,000
    assert after.total.end_minor == before.total.end_minor + 50_000 * K
    assert figures(after) == figures(from_scratch(week_db))


def test_a_deal_handed_over_by_plain_sql_moves_with_its_figures(week_db):
    movement(week_db)
    plain_sql(week_db, "UPDATE opportunity SET owner_id = 6 WHERE id = 3")  # rep_south → newbie
    assert reread(week_db) == 2
    after = movement(week_db)
    assert figures(after) == figures(from_scratch(week_db))
    newbie = next(ln.figures for ln in after.lines if ln.label == "Nia New")
    assert newbie.deals["increased"] == 1 and newbie.deals["new"] == 1  # #3 and #8


def test_a_close_date_moved_by_plain_sql_elsewhere(week_db):
    movement(week_db)
    # #5 (rep_wang, unchanged in the week) now due next year: it leaves the end pipeline; no
    # audit row says what it was, so the week takes it as it is now — out at both ends
    plain_sql(week_db, "UPDATE opportunity SET expected_close = '2027-03-01' WHERE id = 5")
    assert reread(week_db) == 1
    after = movement(week_db)
    assert figures(after) == figures(from_scratch(week_db))
    assert after.total.end_minor == (1_745_000 - 900_000) * K
