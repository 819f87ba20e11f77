"""The weekly review (key 5) on the review fixture with a few rows added here: what the screen
says against what it lists, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from salestui.db.engine import make_engine
from salestui.db.tables import Person, Region, Target
from salestui.screens.review.screen import ReviewScreen
from tests.screens.pilot import SIZE, make_app, press_each, settle

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


async def test_a_section_read_sooner_is_shown_without_waiting_for_a_slower_one(
    review_db, monkeypatch
):
    """The sections read side by side are each drawn as they come in: with the revenue trend
    still being read, the funnel, the movement and the stage durations are there (they used to
    wait behind it in a fixed order), and the trend and the changes since the last review (which
    need the trend's forecast) say `reading…` until it is in."""
    import threading

    from salestui.review import load as review_load

    release = threading.Event()
    real = review_load.load_trend

    def held(*args, **kwargs):
        release.wait(timeout=30)
        return real(*args, **kwargs)

    monkeypatch.setattr(review_load, "load_trend", held)
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")  # not settled: that would wait for every read, the held one too
        screen, shown = None, {"funnel", "movement", "durations", "problems"}
        for _ in range(200):
            screen = next((s for s in app.screen_stack if isinstance(s, ReviewScreen)), None)
            if screen is not None and shown <= set(screen.data):
                break
            await pilot.pause(0.05)
        assert screen is not None and shown <= set(screen.data)
        assert "trend" not in screen.data and "changes" not in screen.data
        assert str(screen.query_one("#changes").content) == "reading…"
        release.set()
        await settle(pilot)
        assert {"trend", "changes"} <= set(screen.data)
