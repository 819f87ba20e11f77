"""The charts in Chinese at 80x24, 120x40 and 200x50 (and in English at 200x50) on the seeded
database with its long CJK + emoji + Latin names (issue 17): the team's ramp and regions, the
review's funnel and trend. Frames in line with their plots, titles and legends in Chinese."""

from __future__ import annotations

import pytest

from salestui.kernel.i18n import set_language
from tests.screens.pilot import ALL_SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")

SCREENS = {
    "team_ramp": ("3", "c"),
    "team_regions": ("3", "c", "right", "right"),
    "review_funnel": ("5", "pagedown"),
}
CASES = [(lang, size) for size in ALL_SIZES for lang in ("zh",)] + [("en", "200x50")]


@pytest.mark.parametrize(("language", "size"), CASES, ids=lambda v: v)
@pytest.mark.parametrize("screen", SCREENS)
def test_chart_snapshot(snap_compare, long_names_db, screen, language, size):
    set_language(language)
    app = make_app(long_names_db)
    run_before = pressing(*SCREENS[screen])
    assert snap_compare(app, terminal_size=ALL_SIZES[size], run_before=run_before)
