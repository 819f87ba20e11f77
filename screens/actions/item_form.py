"""Dialogs of action items: create or edit one (action plans `n`, `e`; the board's `a` follows up
a deal), and one-field prompts for reschedule (`D`) and reassign (`o`). Each saves through a
service and shows its refusal inline."""

from __future__ import annotations

from datetime import date, timedelta

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from salestui.db.queries.actions import ItemRow
from salestui.kernel.domain import ACTION_PRIORITIES
from salestui.kernel.i18n import N_, _
from salestui.screens.common.form import FormScreen


class ItemFormScreen(FormScreen[str | None]):
    """``item`` None: a new item for ``owner_login``, titled ``title`` and tied to ``link``
    (type, id) when given; else edit that item."""

    DEFAULT_CSS = "ItemFormScreen Select { width: 100%; }"
    SAVE_LABEL = N_("Save")

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
                Content.from_markup("[b]$words[/b]", words=_("New action item"))
                if item is None
                else Content.from_markup(
                    "[b]$words[/b]", words=_("Edit item #{id}").format(id=item.id)
                )
            )
            yield Label(_("Title"))
            yield Input(item.title if item else self.default_title, id="title")
            yield Label(_("Owner (login)"))
            yield Input(item.owner_login if item else self.owner_login, id="owner")
            yield Label(_("Due (YYYY-MM-DD)"))
            yield Input(str(item.due if item else self.today + timedelta(days=7)), id="due")
            yield Label(_("Priority"))
            yield Select(
                [(_(p), p) for p in ACTION_PRIORITIES],
                value=item.priority if item else "normal",
                allow_blank=False,
                id="priority",
            )
            yield self.error_line()
            yield self.buttons(_(self.SAVE_LABEL))

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()  # a person types the title first

    def save(self) -> None:
        self._save(
            self.query_one("#title", Input).value,
            self.query_one("#owner", Input).value,
            self.query_one("#due", Input).value,
            str(self.query_one("#priority", Select).value),
        )

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, title: str, owner: str, due: str, priority: str) -> None:
        ctx = self.ctx
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
            said = _("action item “{title}” created for {owner}").format(
                title=title.strip(), owner=owner.strip()
            )
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
        self.post_message(self.Saved(said))


class FollowUpItemScreen(ItemFormScreen):
    """`a` on the board: a new item following up the deal under the cursor."""

    SAVE_LABEL = N_("Create")


class ItemPromptScreen(FormScreen[str | None]):
    """One field of one item: ``field`` is "due" (reschedule) or "owner" (reassign)."""

    def __init__(self, item: ItemRow, field: str) -> None:
        super().__init__()
        self.item, self.field = item, field

    def compose(self) -> ComposeResult:
        item = self.item
        with VerticalScroll():
            verb = _("Reschedule") if self.field == "due" else _("Reassign")
            yield Static(Content.from_markup("[b]$verb[/b] “$title”", verb=verb, title=item.title))
            yield Label(
                _("New due date (YYYY-MM-DD)") if self.field == "due" else _("New owner (login)")
            )
            yield Input(str(item.due) if self.field == "due" else item.owner_login, id="value")
            yield Static(_("enter saves · esc cancels"), classes="hint")
            yield self.error_line()

    def on_mount(self) -> None:
        self.query_one("#value", Input).focus()

    def save(self) -> None:
        self._save(self.query_one("#value", Input).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, value: str) -> None:
        from salestui.services.action_changes import change_action_item

        ctx, item = self.ctx, self.item
        kwargs = {"due": value} if self.field == "due" else {"owner_login": value}
        said = ctx.write(
            change_action_item, ctx.user, item.id, item.version, now=ctx.now(), **kwargs
        )
        self.post_message(self.Saved(said))
