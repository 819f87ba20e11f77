"""The review follows changes made elsewhere (on the board, by a teammate) the way the board
does: the same data version (``db.queries.board.data_version``: the newest audit row and stage
change), read every few seconds by one worker, and again when the person comes back to it."""

from __future__ import annotations

from textual import work
from textual.message import Message

POLL_SECONDS = 5.0  # the board's


class FollowsChanges:
    """Mixed into a ``BaseScreen`` with a ``load()``; a changed version loads it again."""

    _data_version: tuple[int, int] | None = None

    class VersionRead(Message):
        def __init__(self, version) -> None:
            super().__init__()
            self.version = version

    def follow_changes(self) -> None:
        self.set_interval(POLL_SECONDS, self._check_version)

    def on_screen_resume(self) -> None:
        self._check_version()

    @work(thread=True, exclusive=True, group="review-poll", exit_on_error=False)
    def _check_version(self) -> None:
        from salestui.db.queries.board import data_version

        self.post_message(self.VersionRead(self.ctx.read(data_version)))

    def on_follows_changes_version_read(self, event: VersionRead) -> None:
        previous, self._data_version = self._data_version, event.version
        if previous is not None and event.version != previous:
            self.load()

    def remember_version(self) -> None:
        """Read with each load, so a change already shown does not load it twice."""
        self._check_version()
