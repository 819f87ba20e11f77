"""The base screen's one worker-error handler: a worker that raises becomes words on the status
line, in the error colours, and the app goes on (keys still work, the next load still runs)."""

from __future__ import annotations

import pytest
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from salestui.board.load import FIRST_PAGE
from salestui.kernel.errors import DomainError
from salestui.screens.board.screen import BoardScreen
from salestui.screens.common.base import BaseScreen
from salestui.screens.team.screen import TeamScreen
from tests.screens.pilot import SIZE, add_prospects, make_app, press, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


class ProbeScreen(BaseScreen[None]):
    """Reads in a worker that raises ``self.error`` (None: it succeeds and posts ``Read``)."""

    BINDINGS = [Binding("r", "read", "Read", id="probe.read", tooltip="Read again")]

    class Read(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    def __init__(self, error: BaseException | None) -> None:
        super().__init__()
        self.error = error
        self.reads = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="body")
        yield self.status_line()

    def on_mount(self) -> None:
        self.action_read()

    def action_read(self) -> None:
        self.reads += 1
        self._read()

    @work(thread=True, exclusive=True, group="probe", exit_on_error=False)
    def _read(self) -> None:
        if self.error is not None:
            raise self.error
        self.post_message(self.Read("42"))

    def on_probe_screen_read(self, event: Read) -> None:
        self.query_one("#body", Static).update(event.value)
        self.say("read")


class ProbeApp(App[None]):
    def __init__(self, screen: ProbeScreen) -> None:
        super().__init__()
        self.probe = screen

    def on_mount(self) -> None:
        self.push_screen(self.probe)


def status_of(screen) -> tuple[str, bool]:
    status = screen.query_one("#status", Static)
    return str(status.content), status.has_class("-error")


async def test_a_failing_worker_is_said_on_the_status_line_and_nothing_crashes():
    screen = ProbeScreen(OSError("disk I/O error"))
    app = ProbeApp(screen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen is screen
        assert status_of(screen) == ("could not reach the database: disk I/O error", True)
        await press(pilot, "r")  # the screen still takes keys and starts the next worker
        assert screen.reads == 2
        assert status_of(screen) == ("could not reach the database: disk I/O error", True)
        assert app.is_running and app.return_code is None


async def test_a_rule_broken_speaks_for_itself():
    screen = ProbeScreen(DomainError("this customer no longer exists"))
    app = ProbeApp(screen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert status_of(screen) == ("this customer no longer exists", True)


async def test_a_screen_names_what_it_was_doing():
    class Loading(ProbeScreen):
        FAILED = "could not load"

    screen = Loading(TimeoutError("locked"))
    app = ProbeApp(screen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert status_of(screen) == ("could not load: locked", True)


async def test_a_worker_that_succeeds_posts_its_result_and_the_line_is_no_error():
    screen = ProbeScreen(None)
    app = ProbeApp(screen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert str(screen.query_one("#body", Static).content) == "42"
        assert status_of(screen) == ("read", False)


async def test_the_team_screen_says_its_load_failed_and_the_app_goes_on(team_db, monkeypatch):
    import salestui.team.load

    def broken(*args, **kwargs):
        raise RuntimeError("no such table: target")

    monkeypatch.setattr(salestui.team.load, "load_team", broken)
    app = make_app(team_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        team = app.screen
        assert isinstance(team, TeamScreen)
        assert status_of(team) == ("could not reach the database: no such table: target", True)
        # no figures came, and none is still being read: the head line does not say reading…
        head = team.query_one("#summary", Static)
        assert str(head.content) == "Team · 2026-Q4" and not head.reading
        await press(pilot, "1")  # another mode opens as ever
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.data is not None


async def test_a_board_page_that_failed_is_asked_for_again(seeded_db, monkeypatch):
    import salestui.board.load

    add_prospects(seeded_db, 60)  # 62 in Prospect: the first page holds FIRST_PAGE
    real = salestui.board.load.load_page
    asked: list[str] = []

    def first_fails(ctx, stage, *args, **kwargs):
        asked.append(stage)
        if len(asked) == 1:
            raise RuntimeError("disk I/O error")
        return real(ctx, stage, *args, **kwargs)

    monkeypatch.setattr(salestui.board.load, "load_page", first_fails)
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        prospect = board.column
        assert prospect.stage == "Prospect" and len(prospect.cards) == FIRST_PAGE
        for _ in range(FIRST_PAGE):  # down the column until the next page is wanted
            if asked:
                break
            await press(pilot, "j")
        assert asked == ["Prospect"]
        assert status_of(board) == ("could not reach the database: disk I/O error", True)
        assert len(prospect.cards) == FIRST_PAGE
        await press(pilot, "j")  # the failed page is not "being read" forever: asked again
        assert asked == ["Prospect", "Prospect"]
        assert len(prospect.cards) == 62
        assert status_of(board)[1] is False
