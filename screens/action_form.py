"""`a`: turn what is under the cursor into an action item with an owner and a due date."""

from __future__ import annotations

from datetime import date, timedelta

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from salestui.domain import ACTION_PRIORITIES
from salestui.errors import DomainError
from salestui.screens.deal_forms import FORM_CSS


class ActionItemScreen(ModalScreen[str | None]):
    DEFAULT_CSS = (
        FORM_CSS.format(name="ActionItemScreen")
        + """
    ActionItemScreen Select { width: 100%; }
    """
    )
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="item.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="item.save", tooltip="Create the action item"),
    ]

    def __init__(
        self, *, title: str, owner_login: str, link_type: str, link_id: int, today: date
    ) -> None:
        super().__init__()
        self.default_title = title
        self.owner_login = owner_login
        self.link_type, self.link_id = link_type, link_id
        self.today = today

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("[b]New action item[/b]")
            yield Label("Title")
            yield Input(self.default_title, id="title")
            yield Label("Owner (login)")
            yield Input(self.owner_login, id="owner")
            yield Label("Due (YYYY-MM-DD)")
            yield Input(str(self.today + timedelta(days=7)), id="due")
            yield Label("Priority")
            yield Select(
                [(p, p) for p in ACTION_PRIORITIES],
                value="normal",
                allow_blank=False,
                id="priority",
            )
            yield Static("", id="error", classes="error")
            with Horizontal():
                yield Button("Create", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.query_one("#error", Static).update("")
        self._save(
            self.query_one("#title", Input).value,
            self.query_one("#owner", Input).value,
            self.query_one("#due", Input).value,
            str(self.query_one("#priority", Select).value),
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, title: str, owner: str, due: str, priority: str) -> None:
        from salestui.services.actions import create_action_item

        ctx = self.app.ctx
        ctx.write(
            create_action_item,
            ctx.user,
            title=title,
            owner_login=owner,
            due=due,
            priority=priority,
            link_type=self.link_type,
            link_id=self.link_id,
            now=ctx.now(),
        )
        self.app.call_from_thread(
            self.dismiss, f"action item “{title.strip()}” created for {owner.strip()}"
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            text = str(error) if isinstance(error, DomainError) else f"could not save: {error}"
            self.query_one("#error", Static).update(text)
