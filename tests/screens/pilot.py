"""What every Pilot and snapshot test does: open the app on a fixture database with the clock at
the fixtures' NOW, let the thread workers finish, press keys, read the rows back."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from salestui.app import SalestuiApp
from salestui.context import AppContext
from salestui.db.engine import make_engine, open_database
from salestui.db.tables import Opportunity, Person
from tests import fixtures
from tests.fixtures import NOW

SIZE = (120, 40)
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
# every screen in both languages at these (issue 17)
ALL_SIZES = {**SIZES, "200x50": (200, 50)}
# every screen of the app and its key
SCREEN_KEYS = {
    "board": "1",
    "customers": "2",
    "team": "3",
    "actions": "4",
    "review": "5",
    "leads": "6",
    "forecast": "7",
}


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


def workers_started(app) -> list[str]:
    """The group of every worker the app starts from now on, in order (the list fills as they
    start)."""
    ran: list[str] = []
    add_worker = app.workers.add_worker

    def counted(worker, *args, **kwargs):
        ran.append(worker.group)
        return add_worker(worker, *args, **kwargs)

    app.workers.add_worker = counted
    return ran


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


def add_prospects(db: str, n: int) -> None:
    """``n`` more Prospect deals of rep_li, 13 days in the stage, for a column longer than its
    first page; pairs share a moment, so the id must break the tie in the order."""
    engine = make_engine(db)
    with Session(engine) as s:
        li = s.exec(select(Person).where(Person.login == "rep_li")).one()
        for i in range(n):
            entered = fixtures.days_ago(13) + timedelta(hours=3 * (i // 2))
            s.add(
                Opportunity(
                    customer_id=1,
                    owner_id=li.id,
                    title=f"Bulk deal {i:02d}",
                    amount_minor=(1_000 + i) * 100,
                    expected_close=fixtures.TODAY + timedelta(days=30),
                    stage="Prospect",
                    probability=10,
                    created_at=entered,
                    stage_entered_at=entered,
                )
            )
        s.commit()
    engine.dispose()


def read(db: str, statement) -> list:
    """The rows of one statement, on an engine of its own (the app's is busy in its workers)."""
    engine = make_engine(db)
    try:
        with Session(engine) as s:
            return s.exec(statement).all()
    finally:
        engine.dispose()
