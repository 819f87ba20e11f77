"""How a screen shows a worker that failed: a rule broken (``DomainError``) speaks for itself,
anything else is named for what was being done. Forms show it in their ``#error`` line, screens
in their ``#status`` line."""

from __future__ import annotations

from textual.widgets import Static
from textual.worker import Worker, WorkerState

from salestui.kernel.errors import DomainError


def refusal_text(error: BaseException | None, doing: str) -> str:
    return str(error) if isinstance(error, DomainError) else f"{doing}: {error}"


class InlineRefusal:
    """Mixin for a form that saves in a worker: a refusal shows under the fields, the form stays."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            text = refusal_text(event.worker.error, "could not save")
            self.query_one("#error", Static).update(text)


class StatusRefusal:
    """Mixin for a screen with a ``#status`` line: messages there, a failed load in red."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self._status(refusal_text(event.worker.error, "database"), error=True)

    def _status(self, message, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.set_class(error, "-error")
        status.update(message)
