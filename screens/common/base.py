"""What every salestui screen shares: the app's context, one line for messages, and the one place
where a worker that failed becomes words on that line.

Workers read and write off the UI thread and hand their results back as typed Messages posted to
the screen (``self.post_message(self.Loaded(...))``); none touches a widget or a screen attribute
from its thread. A worker that raises is not lost: Textual reports it as ``Worker.StateChanged``
with ``WorkerState.ERROR`` and :meth:`BaseScreen.worker_failed` says why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from salestui.kernel.format import printable
from salestui.kernel.i18n import N_, _
from salestui.screens.common.refusals import refusal_text

if TYPE_CHECKING:
    from salestui.context import AppContext

ResultT = TypeVar("ResultT")


class BaseScreen(Screen[ResultT]):
    """A screen with a ``#status`` line (see :meth:`status_line`) that says what happened."""

    FAILED: ClassVar[str] = N_("could not reach the database")
    """What a worker was doing, named when it fails for a reason that is not a rule broken."""

    READS: ClassVar[frozenset[str]] = frozenset()
    """The groups of this screen's workers that read its figures: while one of them runs, the
    screen's :class:`~salestui.screens.common.head.HeadLine` says ``reading…``."""

    @property
    def ctx(self) -> AppContext:
        """The open database, the person acting and the clock (``SalestuiApp.ctx``)."""
        return self.app.ctx  # type: ignore[attr-defined]

    def status_line(self) -> Static:
        """The line :meth:`say` writes on, for ``compose`` to place."""
        return Static("", id="status", classes="status", markup=False)

    def say(self, message: str | Text, error: bool = False) -> None:
        """Show ``message`` on the status line, in the error colours when ``error``."""
        status = self.query_one("#status", Static)
        status.set_class(error, "-error")
        status.update(printable(message) if isinstance(message, str) else message)

    @on(Worker.StateChanged)
    def _worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group in self.READS:
            self.reads_changed()
        if event.state == WorkerState.ERROR:
            self.worker_failed(event.worker)

    def still_reading(self) -> bool:
        """Whether a worker reading this screen's figures has not finished yet."""
        return any(
            w.node is self
            and w.group in self.READS
            and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for w in self.app.workers
        )

    def reads_changed(self) -> None:
        """Put the ``reading…`` mark on the screen's head line, or take it off."""
        from salestui.screens.common.head import HeadLine

        reading = self.still_reading()
        for head in self.query(HeadLine):
            head.reading = reading

    def worker_failed(self, worker: Worker) -> None:
        """A worker raised: say so (a screen that kept state for the worker extends this)."""
        self.say(refusal_text(worker.error, _(self.FAILED)), error=True)
