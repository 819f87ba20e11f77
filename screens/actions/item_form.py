"""Dialogs of action items: create or edit one (action plans `n`, `e`; the board's `a` follows up
a deal), and one-field prompts for reschedule (`r`) and reassign (`o`). Each saves through a
service and shows its refusal inline."""

from __future__ import annotations

from datetime import date, timedelta

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from salestui.db.queries.actions import ItemRow
from salestui.kernel.domain import ACTION_PRIORITIES
from salestui.screens.board.deal_forms import FORM_CSS
from salestui.screens.common.refusals import InlineRefusal


class ItemFormScreen(InlineRefusal, ModalScreen[str | None]):
    """``item`` None: a new item for ``owner_login``, titled ``title`` and tied to ``link``
    (type, id) when given; else edit that item."""

    DEFAULT_CSS = FORM_CSS.format(name="ItemFormScreen") + "ItemFormScreen Select { width: 100%; }"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="itemform.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="itemform.save", tooltip="Save the item"),
    ]
    SAVE_LABEL = "Save"

    def __init__(
        self,
        item: ItemRow | None,
        *,
        owner_login: str,
        today: date,
        title: str = "",
        link: tuple[str, int] | None = None,
    ) -> None:
        super().__init__()
        self.item, self.owner_login, self.today = item, owner_login, today
        self.default_title, self.link = title, link

    def compose(self) -> ComposeResult:
        item = self.item
        with VerticalScroll():
            yield Static(
                "[b]New action item[/b]" if item is None else f"[b]Edit item #{item.id}[/b]"
            )
            yield Label("Title")
            yield Input(item.title if item else self.default_title, id="title")
            yield Label("Owner (login)")
            yield Input(item.owner_login if item else self.owner_login, id="owner")
            yield Label("Due (YYYY-MM-DD)")
            yield Input(str(item.due if item else self.today + timedelta(days=7)), id="due")
            yield Label("Priority")
            yield Select(
                [(p, p) for p in ACTION_PRIORITIES],
                value=item.priority if item else "normal",
                allow_blank=False,
                id="priority",
            )
            yield Static("", id="error", classes="error")
            with Horizontal():
                yield Button(self.SAVE_LABEL, variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()  # a person types the title first

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
        ctx = self.app.ctx
        if self.item is None:
            from salestui.services.actions import create_action_item

            link_type, link_id = self.link or (None, None)
            ctx.write(
                create_action_item,
                ctx.user,
                title=title,
                owner_login=owner,
                due=due,
                priority=priority,
                link_type=link_type,
                link_id=link_id,
                now=ctx.now(),
            )
            said = f"action item “{title.strip()}” created for {owner.strip()}"
        else:
            from salestui.services.action_changes import change_action_item

            item = self.item
            said = ctx.write(
                change_action_item,
                ctx.user,
                item.id,
                item.version,
                title=title,
                due=due,
                priority=priority,
                owner_login=owner if owner.strip() != item.owner_login else None,
                now=ctx.now(),
            )
        self.app.call_from_thread(self.dismiss, said)


class FollowUpItemScreen(ItemFormScreen):
    """`a` on the board: a new item following up the deal under the cursor."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="item.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="item.save", tooltip="Create the action item"),
    ]
    SAVE_LABEL = "Create"


class ItemPromptScreen(InlineRefusal, ModalScreen[str | None]):
    """One field of one item: ``field`` is "due" (reschedule) or "owner" (reassign)."""

    DEFAULT_CSS = FORM_CSS.format(name="ItemPromptScreen")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, item: ItemRow, field: str) -> None:
        super().__init__()
        self.item, self.field = item, field

    def compose(self) -> ComposeResult:
        item = self.item
        with VerticalScroll():
            verb = "Reschedule" if self.field == "due" else "Reassign"
            yield Static(f"[b]{verb}[/b] “{item.title}”")
            yield Label("New due date (YYYY-MM-DD)" if self.field == "due" else "New owner (login)")
            yield Input(str(item.due) if self.field == "due" else item.owner_login, id="value")
            yield Static("enter saves · esc cancels", classes="hint")
            yield Static("", id="error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#value", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.query_one("#error", Static).update("")
        self._save(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, value: str) -> None:
        from salestui.services.action_changes import change_action_item

        ctx, item = self.app.ctx, self.item
        kwargs = {"due": value} if self.field == "due" else {"owner_login": value}
        said = ctx.write(
            change_action_item, ctx.user, item.id, item.version, now=ctx.now(), **kwargs
        )
        self.app.call_from_thread(self.dismiss, said)
