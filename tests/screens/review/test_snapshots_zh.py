"""Pictures of the weekly review with long CJK + emoji + Latin names (tests.fixtures
.lengthen_names on the review fixture): in Chinese at 80×24, 120×40 and 200×50, in English at
200×50 — the top (KPIs) and the section that names what changed since the last review."""

from __future__ import annotations

import pytest

from salestui.kernel.i18n import set_language
from tests.fixtures import lengthen_names
from tests.screens.pilot import ALL_SIZES, make_app, press_each, settle

pytestmark = pytest.mark.usefixtures("utc_zone")

PICTURES = [("zh", size) for size in ALL_SIZES] + [("en", "200x50")]


def showing(section: str | None):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await press_each(pilot, "5")
        if section:
            pilot.app.screen.query_one(f"#{section}").scroll_visible(top=True, animate=False)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize(("language", "size"), PICTURES)
@pytest.mark.parametrize("section", [None, "changes"])
def test_review_long_names(snap_compare, review_db, language, size, section):
    set_language(language)
    app = make_app(lengthen_names(review_db))
    assert snap_compare(app, terminal_size=ALL_SIZES[size], run_before=showing(section))
