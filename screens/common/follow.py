"""A screen follows changes made elsewhere (a teammate, the command line, another window of the
person's own): the data version (``db.queries.board.data_version``: the newest audit row and
stage change) is read every few seconds while the screen is shown and once when the person comes
back to it; a version other than the one its figures were read at loads the screen again (each
screen keeps its cursor's row through a load).

A screen not shown reads nothing: with twenty people on one server every app read its board and
its review again after each of the others' changes, on screens nobody was looking at (the team
load benchmark, ``tests/benchmarks/bench_team_load.py``)."""

from __future__ import annotations

from textual import work
from textual.message import Message
from textual.timer import Timer

POLL_SECONDS = 5.0


class FollowsChanges:
    """Mixed into a ``BaseScreen`` whose ``load()`` worker calls :meth:`remember_version` first
    (or sets ``_data_version`` from its own read); ``follow_changes()`` once it is mounted."""

    _data_version: tuple[int, int] | None = None
    _poll: Timer | None = None

    class VersionRead(Message):
        """The change mark as the poll (or coming back) read it."""

        def __init__(self, version: tuple[int, int]) -> None:
            super().__init__()
            self.version = version

    class VersionKept(Message):
        """The change mark a load read before its figures."""

        def __init__(self, version: tuple[int, int]) -> None:
            super().__init__()
            self.version = version

    def follow_changes(self) -> None:
        self._poll = self.set_interval(POLL_SECONDS, self._check_version)

    _covered = False  # suspended under a dialog of its own rather than left for another screen

    def on_screen_suspend(self) -> None:
        if self._poll is not None:
            self._poll.pause()
        self._covered = self in self.app.screen_stack

    def on_screen_resume(self) -> None:
        if self._poll is None:
            return
        self._poll.resume()
        if not self._covered and not self.still_reading():
            self._check_version()  # back from another screen: what changed meanwhile, at once
        # opened (its first load under way reads its own version): nothing to ask; back from a
        # dialog: what it wrote, its answer loads (and says so), anyone else's change at the
        # next poll — read now, it would load a second time over that answer

    @work(thread=True, exclusive=True, group="follow-changes", exit_on_error=False)
    def _check_version(self) -> None:
        from salestui.db.queries.board import data_version

        self.post_message(self.VersionRead(self.ctx.read(data_version)))

    def on_follows_changes_version_read(self, event: VersionRead) -> None:
        if self.still_reading():
            return  # the load under way keeps its own version; a newer one shows at the next poll
        if self._data_version is not None and event.version != self._data_version:
            self._data_version = event.version
            self.changed_elsewhere()
        elif self._data_version is None:
            self._data_version = event.version

    def changed_elsewhere(self) -> None:
        """Someone else's change (or this person's own, made on another screen): load again."""
        self._others_reloading = True
        self.load()

    # What answered the person's own change ("changed … : industry") stays on the status line
    # until their next key: a teammate's change reloading the screen meanwhile does not put the
    # row's description over it (the board keeps its own the same way: ``_quiet_reload``).
    _answer_held = False
    _others_reloading = False  # a load from someone else's change since the person's last key

    def say(self, message, error: bool = False) -> None:
        if self._answer_held and self._others_reloading and not error:
            return
        super().say(message, error)  # type: ignore[misc]
        self._answer_held = False

    def say_answer(self, message) -> None:
        """Say what the person's own change did; it stays until their next key."""
        self.say(message)
        self._answer_held = True

    def on_key(self) -> None:
        self._answer_held = self._others_reloading = False

    def remember_version(self) -> None:
        """First thing in a load's worker (a thread), before its reads: the version its figures
        include at least. A change landing between the two shows a newer version at the next
        poll and loads the screen again: read once more, never missed."""
        from salestui.db.queries.board import data_version

        self.post_message(self.VersionKept(self.ctx.read(data_version)))

    def on_follows_changes_version_kept(self, event: VersionKept) -> None:
        self._data_version = event.version
