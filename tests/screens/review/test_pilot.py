"""The weekly review (key 5) on the review fixture with a few rows added here: what the screen
says against what it lists, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from salestui.db.engine import make_engine
from salestui.db.tables import Person, Region, Target
from salestui.screens.review.screen import ReviewScreen
from tests.screens.pilot import SIZE, make_app, press_each

pytestmark = pytest.mark.usefixtures("utc_zone")

Q4 = date(2026, 10, 1)


def add_regions_with_targets(db: str, names: list[str]) -> None:
    """One rep per region, under boss, with a Q4 revenue target of 10,000 and nothing won."""
    engine = make_engine(db)
    with Session(engine) as s:
        for i, name in enumerate(names):
            region = Region(name=name, region_class="potential")
            s.add(region)
            s.flush()
            rep = Person(
                login=f"rep_{i}", display_name=f"Rep {i}", role="rep", manager_id=1,
                region_id=region.id, hire_date=date(2020, 1, 6),
            )  # fmt: skip
            s.add(rep)
            s.flush()
            s.add(
                Target(
                    scope_type="person",
                    scope_id=rep.id,
                    period_type="quarter",
                    period_start=Q4,
                    metric="revenue",
                    value=10_000 * 100,
                )
            )
        s.commit()
    engine.dispose()


async def test_every_region_behind_plan_is_listed(review_db):
    add_regions_with_targets(review_db, ["华北", "华中", "西南"])
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, "5")
        screen = next(s for s in app.screen_stack if isinstance(s, ReviewScreen))
        text = str(screen.query_one("#problems").content)
        # 51 of 92 days gone (55.4 %): 华东 0 of 100,000 (rep_li), 华南 50,000 of 200,000 (25 %),
        # and the three new regions 0 of 10,000 each → all five behind, all five named
        line = next(ln for ln in text.splitlines() if "regions behind plan" in ln)
        assert line.split()[0] == "5"
        for name in ("华东", "华南", "华北", "华中", "西南"):
            assert name in line, line
