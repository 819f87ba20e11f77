"""Pictures of the team screen, a person, the charts, the target and people forms at 80×24 and 120×40,
on the team fixture with the clock fixed and the zone UTC (data waits for the workers)."""

from __future__ import annotations

import pytest

from tests.screens.pilot import ALL_SIZES, SIZES, make_app, pressing

pytestmark = pytest.mark.usefixtures("utc_zone")


# Pressed after `3` (the team screen, this quarter) before the picture is taken.
SCREENS = {
    "team": (),
    "team_month_unfolded": ("g", "g", "plus"),
    "ranking": ("v",),
    "person": ("plus", "down", "down", "down", "down", "enter"),
    "charts": ("c",),
    "target_form": ("plus", "down", "down", "down", "down", "t"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_team_snapshot(snap_compare, team_db, screen, size):
    app = make_app(team_db)
    run_before = pressing("3", *SCREENS[screen])
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


# The people form on the org of tests/services/people_org.py, as mia (no administrator): Rex below
# her, her own form (manager, role and flags locked, the reason said), a new person below Leo.
PEOPLE_FORMS = {
    "rex": ("mia", 4, "P"),
    "own": ("mia", 2, "P"),
    "new_below_leo": ("mia", 3, "N"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("form", PEOPLE_FORMS)
def test_people_form_snapshot(snap_compare, org_db, form, size):
    user, line, key = PEOPLE_FORMS[form]
    app = make_app(org_db, user)
    run_before = pressing("3", "plus", *["down"] * line, key)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


# Issue 17: in Chinese at every size and in English at 200 columns, with a long CJK + emoji + Latin
# rep's name (tests.fixtures.lengthen_names) cropped by display width.
LANGUAGE_SCREENS = {"team": ("plus",), "person": ("plus", "down", "down", "enter")}
LANGUAGE_SIZES = [("zh", size) for size in ALL_SIZES] + [("en", "200x50")]


@pytest.mark.parametrize(("language", "size"), LANGUAGE_SIZES)
@pytest.mark.parametrize("screen", LANGUAGE_SCREENS)
def test_team_language_snapshot(snap_compare, team_db, screen, language, size):
    from salestui.kernel.i18n import set_language
    from tests.fixtures import lengthen_names

    set_language(language)
    app = make_app(lengthen_names(team_db))
    run_before = pressing("3", *LANGUAGE_SCREENS[screen])
    assert snap_compare(app, terminal_size=ALL_SIZES[size], run_before=run_before)
