"""The board when another process holds the database's write lock: ``]`` waits with a visible
line and lands when the lock goes; held past the team's limit it says so, writes nothing, and the
board keeps working (issue 12: a held lock used to crash the app)."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from tests.db.test_busy import hold_lock
from tests.screens.board.test_pilot import board, deal, status
from tests.screens.pilot import SIZE, make_app, press, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


async def status_saying(pilot, app, words: str, seconds: float = 5) -> str:
    """The status line once it says ``words`` (a failed worker ends no ``settle``), or as it is
    after ``seconds``."""
    said = ""
    for _ in range(int(seconds / 0.05)):
        await asyncio.sleep(0.05)
        await pilot.pause()
        said = status(app)
        if words in said:
            break
    return said


async def test_a_move_waits_for_the_lock_says_so_and_lands(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        thread = hold_lock(seeded_db, 2.0)
        await pilot.press("right_square_bracket")
        seen = await status_saying(pilot, app, "waiting for the database")
        assert "waiting for the database: another write holds its lock" in seen
        assert deal(seeded_db, 1).stage == "Prospect"  # not yet
        thread.join()
        await settle(pilot)
        assert deal(seeded_db, 1).stage == "Qualified"
        assert "Qualified" in status(app)


async def test_a_lock_held_past_the_limit_is_one_line_and_the_board_goes_on(seeded_db):
    con = sqlite3.connect(seeded_db)
    con.execute("INSERT INTO setting (key, value) VALUES ('lock_wait_seconds', '1')")
    con.commit()
    con.close()
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        thread = hold_lock(seeded_db, 2.5)
        await pilot.press("right_square_bracket")
        said = await status_saying(pilot, app, "was not saved")
        assert "was not saved: the database stayed locked" in said and "\n" not in said
        assert deal(seeded_db, 1).stage == "Prospect"
        thread.join()
        await press(pilot, "right_square_bracket")  # the same key works once the lock is gone
        assert deal(seeded_db, 1).stage == "Qualified"
        assert board(app).is_attached
