"""Pictures of action plans (issue 17): the items and the grouped warnings inbox in Chinese at
80×24, 120×40 and 200×50 and in English at 200×50, with a long CJK + emoji + Latin customer, rep
and deal name (tests.fixtures.lengthen_names) on the review fixture."""

from __future__ import annotations

import pytest

from tests.screens.pilot import ALL_SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")

SCREENS = {"items": (), "warnings": ("w", "j", "j", "j", "space")}
LANGUAGE_SIZES = [("zh", size) for size in ALL_SIZES] + [("en", "200x50")]


@pytest.mark.parametrize(("language", "size"), LANGUAGE_SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_actions_snapshot(snap_compare, review_db, screen, language, size):
    from salestui.kernel.i18n import set_language
    from tests.fixtures import lengthen_names

    set_language(language)
    app = make_app(lengthen_names(review_db))
    run_before = pressing("4", *SCREENS[screen])
    assert snap_compare(app, terminal_size=ALL_SIZES[size], run_before=run_before)
