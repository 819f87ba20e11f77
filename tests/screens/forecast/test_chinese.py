"""The forecast, its call form and the accuracy screen in Chinese: no English left beside the
data (the accuracy chart's words are the chart's, checked where it is drawn); and at 80 columns
the names keep their cells while the figures scroll beside them."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from salestui.kernel.i18n import set_language
from salestui.screens.forecast.accuracy import AccuracyScreen
from salestui.screens.forecast.screen import ForecastScreen
from tests.forecast.fixtures import add_forecast
from tests.screens.pilot import SIZE, make_app, press, settle
from tests.screens.untranslated import english_words, screen_text

pytestmark = pytest.mark.usefixtures("utc_zone")


async def words_beside_the_charts(app, pilot) -> str:
    from salestui.screens.common.plot import PlotextPlot

    for plot in app.screen.query(PlotextPlot):
        plot.display = False
    await pilot.pause()
    return screen_text(app)


async def test_the_forecast_and_its_call_in_chinese(seeded_db):
    db = add_forecast(seeded_db)
    set_language("zh")
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "7")
        assert isinstance(app.screen, ForecastScreen)
        assert english_words(screen_text(app), db) == []
        await press(pilot, "right", "right", "right", "right", "right", "right", "right")
        assert english_words(screen_text(app), db) == []
        await press(pilot, "c")
        # the form's Cancel is the shared form's (screens/common/form.py), translated there
        assert english_words(screen_text(app), db) == []


async def test_the_accuracy_screen_in_chinese(calls_db):
    set_language("zh")
    app = make_app(calls_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(AccuracyScreen())
        await settle(pilot)
        assert english_words(await words_beside_the_charts(app, pilot), calls_db) == []


async def test_at_80_columns_names_keep_their_cells_and_stay_when_scrolling(long_names_db):
    db = add_forecast(long_names_db)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "7")
        table = app.screen.query_one("#rollup")
        widths = {c.key.value: c.width for c in table.columns.values()}
        # 9 figures of 7–8 cells + 2 of padding each = 85 > 80: the name gets its minimum, 16
        assert widths["name"] == 16
        assert table.fixed_columns == 1
        for row in range(table.row_count):
            name = table.get_row_at(row)[0]
            assert cell_len(name.plain) <= 16
        first = screen_text(app).splitlines()[2]
        await press(pilot, *["right"] * 9)
        assert screen_text(app).splitlines()[2][:10] == first[:10]  # the name column stays
    async with make_app(db).run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "7")
        table = pilot.app.screen.query_one("#rollup")
        names = [table.get_row_at(r)[0].plain for r in range(table.row_count)]
        # at 200 columns the longest name fits whole: no name is cropped
        assert not any(n.endswith("…") for n in names)
