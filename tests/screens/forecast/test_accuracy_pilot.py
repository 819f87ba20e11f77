"""The accuracy screen (`a` on the forecast screen, key 7): the
table shows every level the viewer sees with the figures the report reads, the cursor picks whose
calls the chart draws, `[` / `]` step through the quarters."""

from __future__ import annotations

import pytest

from salestui.db.engine import open_database
from salestui.forecast.accuracy_load import load_accuracy
from salestui.kernel.periods import Period
from salestui.screens.forecast.accuracy import AccuracyScreen
from tests.fixtures import TODAY
from tests.screens.pilot import SIZE, make_app, press, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


def _expected(db: str, quarter: Period):
    engine = open_database(db)
    try:
        with engine.connect() as conn:
            return load_accuracy(conn, "boss", quarter, TODAY)
    finally:
        engine.dispose()


async def test_levels_chart_and_quarters(calls_db):
    app = make_app(calls_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "7")
        await press(pilot, "a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AccuracyScreen)
        want = _expected(calls_db, Period("quarter", TODAY.replace(month=7, day=1)))
        table = screen.query_one("#levels")
        assert table.row_count == len(want.lines) == 25
        assert screen.acc.lines[0].actual == want.lines[0].actual
        first = str(table.get_row_at(0)[0])
        assert first == want.lines[0].name
        await press(pilot, "down")
        said = str(screen.query_one("#status").render())
        assert said.startswith(want.lines[1].name)
        await press(pilot, "[")
        assert screen.quarter.label == "2026-Q2"
        assert "2026-Q2" in str(screen.query_one("#story").render())
        await press(pilot, "]", "]")
        assert screen.quarter.label == "2026-Q3"
        assert "only the last 4 quarters" in str(screen.query_one("#status").render())
        await press(pilot, "escape")
        assert not isinstance(app.screen, AccuracyScreen)
