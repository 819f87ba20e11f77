"""What every Pilot and snapshot test does: open the app on a fixture database with the clock at
the fixtures' NOW, let the thread workers finish, press keys, read the rows back."""

from __future__ import annotations

from sqlmodel import Session

from salestui.app import SalestuiApp
from salestui.context import AppContext
from salestui.db.engine import make_engine, open_database
from tests.fixtures import NOW

SIZE = (120, 40)
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


def make_app(db: str, user: str = "boss") -> SalestuiApp:
    return SalestuiApp(AppContext(open_database(db), user, clock=lambda: NOW))


async def settle(pilot) -> None:
    """Let thread workers finish and the messages they post be handled (loads chain, so three
    rounds); an exclusive worker replaced by a newer load is not a failure."""
    from textual.worker import WorkerCancelled

    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        await pilot.pause()


async def press(pilot, *keys: str) -> None:
    """Press the keys one after the other, then settle."""
    await pilot.press(*keys)
    await settle(pilot)


async def press_each(pilot, *keys: str) -> None:
    """Settle after every key (the next key needs what the last one loaded)."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def pressing(*keys: str, steady_caret: bool = True):
    """A ``run_before`` for ``snap_compare``: settle, press each key and settle; the inputs stop
    blinking (a blinking caret makes two pictures of one screen: on a busy machine the picture was
    sometimes taken with the caret off)."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await press_each(pilot, *keys)
        if steady_caret:
            for field in pilot.app.screen.query("Input"):
                field.cursor_blink = False
            await settle(pilot)

    return run_before


def read(db: str, statement) -> list:
    """The rows of one statement, on an engine of its own (the app's is busy in its workers)."""
    engine = make_engine(db)
    try:
        with Session(engine) as s:
            return s.exec(statement).all()
    finally:
        engine.dispose()
