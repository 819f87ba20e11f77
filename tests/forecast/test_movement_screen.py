"""The review's section 7 on the week of test_movement.py's table: key 5 shows the waterfall the
report gives, and `r` reloads it after a change made meanwhile."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from salestui.screens.review.screen import ReviewScreen
from salestui.services.deals import edit_deal, load_deal
from tests.fixtures import days_ago
from tests.screens.pilot import SIZE, make_app, press_each

pytestmark = pytest.mark.usefixtures("utc_zone")


def _section(app) -> str:
    screen = next(s for s in app.screen_stack if isinstance(s, ReviewScreen))
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(screen.query_one("#movement-table").content)
    return console.export_text()


async def test_key_5_shows_the_waterfall_and_r_reloads_it(week_db, session_for):
    app = make_app(week_db)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, "5")
        text = _section(app)
        rows = {ln.split()[0]: ln.split()[1:] for ln in text.splitlines() if ln.strip()}
        assert rows["Start"] == ["5", "2,150,000"]
        assert rows["Pushed"] == ["out", "1", "−450,000"]
        assert rows["End"] == ["5", "1,745,000"]
        # 李伟 (line of their own): start 570.0k, added +70.0k, taken out −460.0k, end 180.0k
        li = next(ln for ln in text.splitlines() if "李伟" in ln).split()
        assert li[1:] == ["570.0k", "+70.0k", "−460.0k", "0", "0", "180.0k"]
        s = session_for(week_db)  # Sam South grows #3 again: 650,000 → 700,000
        edit_deal(s, "rep_south", 3, load_deal(s, 3).version, amount="700000", now=days_ago(0.1))
        await press_each(pilot, "r")
        rows = {ln.split()[0]: ln.split()[1:] for ln in _section(app).splitlines() if ln.strip()}
        assert rows["Increased"] == ["1", "+100,000"]
        assert rows["End"] == ["5", "1,795,000"]
