"""The forecast roll-up worked out by hand on tests/forecast/fixtures.py (major units ×100 = minor):
each category's sum, the lines adding up, the week's call, the judgment, what the viewer sees."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from salestui.db.engine import open_database
from salestui.forecast.load import load_forecast, read_quarter
from salestui.forecast.rollup import Figures
from salestui.kernel.errors import DomainError
from salestui.kernel.periods import Period
from tests.fixtures import NOW, TODAY
from tests.forecast.fixtures import WEEK, add_forecast

Q4 = Period("quarter", date(2026, 10, 1))


@pytest.fixture
def db(seeded_db) -> str:
    return add_forecast(seeded_db)


def view_of(db, login, period=Q4):
    engine = open_database(db)
    with Session(engine) as s:
        return load_forecast(s.connection(), login, period, TODAY)


def by_login(view):
    return {ln.login: ln for ln in view.lines if ln.kind == "person"}


def m(major: int) -> int:
    return major * 100


def test_each_persons_figures(db):
    lines = by_login(view_of(db, "boss"))
    # rep_west: won 30,000 in Q4 (the Q3 win is not); commit 200,000 (the owner's category over
    # Qualified's default); the late deal defaults to pipeline; omitted 70,000, not weighted;
    # weighted 200,000×25 % + 10,000×75 % = 57,500; the January deal is next quarter's
    assert lines["rep_west"].figures == Figures(
        closed=m(30_000), commit=m(200_000), pipeline=m(10_000), omitted=m(70_000),
        weighted_x100=m(200_000) * 25 + m(10_000) * 75,
    )  # fmt: skip
    assert lines["rep_west"].figures.weighted == m(57_500)
    # the fixture's deals: 李伟 Prospect 120,000 (10 %) pipeline, Negotiation 450,000 (75 %) commit
    assert lines["rep_li"].figures == Figures(
        commit=m(450_000), pipeline=m(120_000), weighted_x100=m(120_000) * 10 + m(450_000) * 75
    )
    assert lines["rep_south"].figures == Figures(
        closed=m(50_000), best_case=m(600_000), weighted_x100=m(600_000) * 50
    )


def test_the_lines_add_up(db):
    view = view_of(db, "boss")
    lines = by_login(view)
    own_west = next(ln for ln in view.lines if ln.key == f"own:{lines['mgr_west'].person_id}")
    assert own_west.figures == Figures(best_case=m(40_000), weighted_x100=m(40_000) * 50)
    # a manager = own deals + reports'
    assert lines["mgr_west"].figures == own_west.figures + lines["rep_west"].figures
    east = ("rep_li", "rep_wang", "newbie")
    assert lines["mgr_east"].figures == sum((lines[x].figures for x in east), Figures())
    top = lines["boss"].figures
    assert top == lines["mgr_east"].figures + lines["rep_south"].figures + lines["mgr_west"].figures
    # by hand: closed 50,000 + 30,000; commit 450,000 + 900,000 + 200,000; best case 600,000 +
    # 40,000; pipeline 120,000 + 80,000 + 15,000 + 10,000; omitted 70,000
    assert (top.closed, top.commit, top.best_case, top.pipeline, top.omitted) == (
        m(80_000), m(1_550_000), m(640_000), m(225_000), m(70_000)
    )  # fmt: skip
    assert top.weighted == m(1_046_000 + 300_000 + 57_500 + 20_000)


def test_the_tree_in_order(db):
    view = view_of(db, "boss")
    assert [(ln.level, ln.name) for ln in view.lines] == [
        (0, "Bo Boss"),
        (1, "Mei East"), (2, "Nia New"), (2, "Wang Fang"), (2, "李伟"),
        (1, "Sam South"),
        (1, "Wes West"), (2, "own deals"), (2, "Rae West"),
    ]  # fmt: skip


def test_the_weeks_call_and_the_judgment(db):
    lines = by_login(view_of(db, "boss"))
    li, wang = lines["rep_li"].call, lines["rep_wang"].call
    assert (li.amount_minor, li.week_start, li.older) == (m(500_000), WEEK, False)
    assert (wang.amount_minor, wang.older) == (m(800_000), True)  # none this week: the latest
    assert lines["newbie"].call is None
    # mgr_east 1,400,000 − (500,000 + 800,000) = +100,000
    assert lines["mgr_east"].reports_called == m(1_300_000)
    assert lines["mgr_east"].judgment == m(100_000)
    # mgr_west 200,000 − 220,000 = −20,000
    assert lines["mgr_west"].judgment == m(-20_000)
    # boss 2,000,000 − (1,400,000 + 200,000; rep_south has not called) = +400,000
    assert lines["boss"].judgment == m(400_000)
    assert lines["rep_li"].judgment is None  # nobody reports to a rep


def test_a_manager_sees_their_part_and_a_rep_their_own(db):
    view = view_of(db, "mgr_west")
    assert [ln.name for ln in view.lines] == ["Wes West", "own deals", "Rae West"]
    assert [c.amount_minor for c in view.history] == [m(200_000)]
    assert [ln.name for ln in view_of(db, "rep_li").lines] == ["李伟"]
    assert [c.amount_minor for c in view_of(db, "rep_li").history] == [m(500_000), m(400_000)]


def test_closed_is_the_reviews_won_this_quarter(db):
    from salestui.db.queries.review import kpi_aggregates
    from salestui.kernel.settings import rules_from

    engine = open_database(db)
    with Session(engine) as s:
        prob = rules_from({}).probability
        won = kpi_aggregates(s.connection(), None, NOW, Q4.start, prob, current=True)
    assert by_login(view_of(db, "boss"))["boss"].figures.closed == won["won_qtd_minor"]


def test_next_quarter(db):
    view = view_of(db, "boss", Q4.step(1))
    lines = by_login(view)
    assert lines["rep_west"].figures == Figures(commit=m(300_000), weighted_x100=m(300_000) * 75)
    assert lines["boss"].call is None and lines["boss"].trend is not None


def test_reading_the_quarter():
    assert read_quarter(None, TODAY) == Q4
    assert read_quarter("next-quarter", TODAY) == Q4.step(1)
    assert read_quarter("2026-Q3", TODAY) == Q4.step(-1)
    for bad in ("2026-11", "soon", "2026"):
        with pytest.raises(DomainError, match="this-quarter, next-quarter or YYYY-Qn"):
            read_quarter(bad, TODAY)


def test_the_trend_is_the_reviews_forecast_of_each_scope(db):
    # next quarter, today 2026-11-20: no won revenue 13–24 months back, so the 3-month mean of
    # the last complete months (Aug 0, Sep 99,000, Oct 30,000) = 43,000 a month for rep_west's
    # scope, 129,000 for the quarter
    nxt = by_login(view_of(db, "boss", Q4.step(1)))
    assert nxt["rep_west"].trend == m(129_000)
    assert nxt["mgr_west"].trend == m(129_000)  # Wes West has won nothing himself
    # this quarter: as the review showed it on its eve (30 Sep): Jun–Aug, nothing won
    assert by_login(view_of(db, "boss"))["rep_west"].trend == 0
