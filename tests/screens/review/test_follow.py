"""The review names what changed and who owns the stalled deals, follows a change made
elsewhere without `r`, and reads in Chinese with no English left (review fixture, NOW fixed)."""

from __future__ import annotations

import pytest

from salestui.kernel.i18n import set_language
from salestui.screens.review.screen import ReviewScreen
from tests.screens.pilot import SIZE, make_app, press, press_each, settle
from tests.screens.untranslated import english_words, screen_text

pytestmark = pytest.mark.usefixtures("utc_zone")


def review_of(app) -> ReviewScreen:
    return next(s for s in app.screen_stack if isinstance(s, ReviewScreen))


def text_of(screen, widget: str) -> str:
    """What the widget shows, as plain text (a table drawn at 120 columns)."""
    import io

    from rich.console import Console

    console = Console(width=120, record=True, file=io.StringIO())
    console.print(screen.query_one(widget).content)
    return console.export_text()


def move_first_deal(db: str, session_for) -> None:
    """rep_li moves #1 华信 ERP rollout Prospect → Qualified now (as on the board)."""
    from salestui.services.deals import move_stage
    from tests.fixtures import NOW

    s = session_for(db)
    move_stage(s, "rep_li", 1, "Qualified", 1, now=NOW)
    s.close()


async def test_the_longest_stalled_say_whose_they_are(review_db):
    app = make_app(review_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_each(pilot, "5")
        stalled = text_of(review_of(app), "#stalled")
        # deal #1 (rep_li, 李伟) has been in Prospect longer than its 10-day limit
        row = next(ln for ln in stalled.splitlines() if "华信 ERP rollout" in ln)
        assert "李伟" in row and "Prospect" in row
        assert stalled.splitlines()[0].split()[:2] == ["Longest", "stalled"]


async def test_a_change_on_the_board_shows_without_r(review_db, session_for):
    app = make_app(review_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_each(pilot, "5")
        screen = review_of(app)
        before = text_of(screen, "#changes")
        assert "→ 2 moved forward" in before and "华信 ERP rollout" not in before
        move_first_deal(review_db, session_for)
        screen._check_version()  # what the 5-second poll does
        await settle(pilot)
        after = text_of(screen, "#changes")
        assert "→ 3 moved forward" in after
        line = next(ln for ln in after.splitlines() if "华信 ERP rollout" in ln)
        assert line.strip().startswith("→") and "(李伟)" in line
        assert "Prospect → Qualified" in line


async def test_coming_back_to_the_review_reads_it_again(review_db, session_for):
    app = make_app(review_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_each(pilot, "5")
        await press(pilot, "1")  # the board
        move_first_deal(review_db, session_for)
        await press_each(pilot, "5")
        await settle(pilot)
        assert "→ 3 moved forward" in text_of(review_of(app), "#changes")


async def words_beside_the_charts(app, pilot) -> str:
    """The screen's text with the charts hidden: their titles and labels are the charts' own
    (screens/review/charts.py, translated where they are drawn), checked by their tests."""
    from salestui.screens.common.plot import PlotextPlot

    for plot in app.screen.query(PlotextPlot):
        plot.display = False
    await pilot.pause()
    return screen_text(app)


async def test_no_english_left_in_chinese(review_db):
    set_language("zh")
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, "5")
        found = []
        for _page in range(12):  # every section, a screenful at a time
            found += english_words(await words_beside_the_charts(app, pilot), review_db)
            await press(pilot, "pagedown")
        assert sorted(set(found)) == [], " ".join(sorted(set(found)))
