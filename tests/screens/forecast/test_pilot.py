"""The forecast screen (key 7) driven by its real keys on tests/forecast/fixtures.py (NOW
2026-11-20 10:00 UTC), checked in the database after."""

from __future__ import annotations

import pytest
from sqlmodel import select
from textual.widgets import DataTable, Input

from salestui.db.tables import ForecastCall
from salestui.screens.forecast.call_form import CallFormScreen
from salestui.screens.forecast.screen import ForecastScreen
from tests.forecast.fixtures import add_forecast
from tests.screens.pilot import SIZE, make_app, press, read, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


@pytest.fixture
def db(seeded_db) -> str:
    return add_forecast(seeded_db)


def screen(app) -> ForecastScreen:
    return next(s for s in app.screen_stack if isinstance(s, ForecastScreen))


def calls_of(db, login):
    return [
        (c.amount_minor, c.note)
        for c in read(db, select(ForecastCall).order_by(ForecastCall.id))
        if c.made_by == login
    ]


async def test_the_tree_and_the_quarter_switch(db):
    app = make_app(db, "boss")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "7")
        assert isinstance(app.screen, ForecastScreen)
        view = screen(app).view
        assert view.period.label == "2026-Q4"
        assert [ln.name for ln in view.lines][:3] == ["Bo Boss", "Mei East", "Nia New"]
        assert app.screen.query_one("#rollup", DataTable).row_count == 9
        await press(pilot, "p")
        assert screen(app).view.period.label == "2027-Q1"
        await press(pilot, "p")
        assert screen(app).view.period.label == "2026-Q4"


async def test_a_call_from_the_form_is_written_and_shown(db):
    app = make_app(db, "mgr_west")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "7", "c")
        assert isinstance(app.screen, CallFormScreen)
        await pilot.press(*"250,000")
        await pilot.press("enter")  # to the note
        await pilot.press(*"rae's renewal is in")
        await press(pilot, "enter")
        assert isinstance(app.screen, ForecastScreen)
        assert calls_of(db, "mgr_west") == [(20_000_000, ""), (25_000_000, "rae's renewal is in")]
        mine = screen(app).view.mine()
        # 250,000 − rep_west's 220,000
        assert (mine.call.amount_minor, mine.judgment) == (25_000_000, 3_000_000)
        assert "Called 250,000 for 2026-Q4" in str(app.screen.query_one("#status").render())


async def test_a_refused_call_keeps_the_form_open_and_writes_nothing(db):
    app = make_app(db, "rep_li")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "7", "c")
        await pilot.press(*"-100")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CallFormScreen)
        assert "cannot be negative" in str(app.screen.query_one("#error").render())
        assert app.screen.query_one("#amount", Input).value == "-100"
        await press(pilot, "escape")
        assert calls_of(db, "rep_li") == [(40_000_000, ""), (50_000_000, ""), (100, "")]
