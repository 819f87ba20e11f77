"""Pictures of the forecast and the accuracy screen with long CJK + emoji + Latin names: in
Chinese at 80×24, 120×40 and 200×50 and in English at 200×50 (the names get what the figures
leave; at 80 columns the figures scroll beside them)."""

from __future__ import annotations

import shutil

import pytest

from salestui.kernel.i18n import set_language
from salestui.screens.forecast.accuracy import AccuracyScreen
from tests.fixtures import lengthen_names
from tests.forecast.fixtures import add_forecast
from tests.screens.pilot import ALL_SIZES, make_app, pressing, settle

pytestmark = pytest.mark.usefixtures("utc_zone")

PICTURES = [("zh", size) for size in ALL_SIZES] + [("en", "200x50")]


@pytest.mark.parametrize(("language", "size"), PICTURES)
def test_forecast_long_names(snap_compare, long_names_db, language, size):
    set_language(language)
    app = make_app(add_forecast(long_names_db))
    assert snap_compare(app, terminal_size=ALL_SIZES[size], run_before=pressing("7"))


@pytest.mark.parametrize(("language", "size"), PICTURES)
def test_accuracy_long_names(snap_compare, calls_db, tmp_path, language, size):
    db = str(tmp_path / "long.db")
    shutil.copy(calls_db, db)  # calls_db is shared by the module: the copy gets the long names

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(AccuracyScreen())
        await settle(pilot)

    set_language(language)
    app = make_app(lengthen_names(db))
    assert snap_compare(app, terminal_size=ALL_SIZES[size], run_before=run_before)
