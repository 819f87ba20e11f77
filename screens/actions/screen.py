"""Key `4`: action plans — items by when they are due, the warnings inbox, quarterly milestones,
the sign-offs waiting for me.

Four views on one screen (`i`, `w`, `m`, `p`); `t` switches between my items and my team's.
Every change goes through a service (validated, audited) in a worker; the view reloads after.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import var
from textual.widgets import ContentSwitcher, DataTable, Static

from salestui.kernel.i18n import N_, _, ngettext
from salestui.screens.actions.bindings import ACTION_KEYS, VIEW_OF_ACTION
from salestui.screens.actions.inbox_keys import InboxKeys
from salestui.screens.actions.tables import (
    fill_items,
    fill_milestones,
    fill_warnings,
    layout,
    row_words,
    selected_key,
)
from salestui.screens.common.activity_form import ActivityFormScreen
from salestui.screens.common.base import BaseScreen
from salestui.screens.common.follow import FollowsChanges
from salestui.screens.common.footer import Footer
from salestui.screens.common.head import HeadLine
from salestui.screens.common.pages import Pages
from salestui.screens.common.plain import PlainDataTable

VIEWS = ("items", "warnings", "milestones", "approvals")
VIEW_WORDS = {
    "items": N_("items"),
    "warnings": N_("warnings"),
    "milestones": N_("milestones"),
    "approvals": N_("approvals"),
}


class ActionPlansScreen(FollowsChanges, InboxKeys, BaseScreen):
    # the workers that read its figures (the head line says `reading…` while they run)
    READS = frozenset({"actions-load"})
    TITLE = N_("Action plans")
    CSS_PATH = "screen.tcss"
    FAILED = "database"
    BINDINGS = ACTION_KEYS

    class Loaded(Message):
        """Items, warnings and milestones of ``scope`` (the team's when ``team``), without the
        customer warnings: those follow in ``CustomersLoaded``."""

        def __init__(self, scope, lines, inbox, totals, milestones, team: bool, approvals) -> None:
            super().__init__()
            self.scope, self.lines, self.inbox = scope, lines, inbox
            self.totals, self.milestones, self.team = totals, milestones, team
            self.approvals = approvals

    class CustomersLoaded(Message):
        """Health and churn warnings, once every customer's figures are known."""

        def __init__(self, inbox, totals, live) -> None:
            super().__init__()
            self.inbox, self.totals, self.live = inbox, totals, live

    class Written(Message):
        """A change went through the service; ``message`` says what it did."""

        def __init__(self, message: str | None) -> None:
            super().__init__()
            self.message = message

    view: var[str] = var("items")
    """The view shown: "items", "warnings" or "milestones"."""
    team: var[bool | None] = var(None)
    """My team's items (True) or mine; None until the first load picks (a manager: the team)."""

    def __init__(self) -> None:
        super().__init__()
        self.scope = None
        self.lines: list = []
        self.inbox: list = []
        self.totals: dict[str, int] = {}
        self.milestones: list = []
        self.approvals: list[dict] = []
        self.approval_pages = Pages()  # the sign-offs drawn a page at a time
        self._notice: str | None = None
        self._holding = False
        self.drawn_team: bool | None = None  # whose items and warnings are drawn (team or mine)
        self.toggled: set[str] = set()  # inbox headings opened or folded by the person

    def compose(self) -> ComposeResult:
        yield HeadLine(_("Action plans"), id="head")
        with ContentSwitcher(initial="items", id="views"):
            yield PlainDataTable(id="items", cursor_type="row", zebra_stripes=False)
            yield PlainDataTable(id="warnings", cursor_type="row")
            yield PlainDataTable(id="milestones", cursor_type="row")
            yield PlainDataTable(id="approvals", cursor_type="row")
        yield self.status_line()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        for table_id in VIEWS:
            self._layout(table_id)
        self.load()
        self.follow_changes()

    # ---- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        self._load(self.team)

    @work(thread=True, exclusive=True, group="actions-load", exit_on_error=False)
    def _load(self, team: bool | None) -> None:
        self.remember_version()
        from salestui.actions.inbox import customer_inbox, load_inbox
        from salestui.actions.load import load_items, load_milestones, mine
        from salestui.customers.load import customer_rules, load_table
        from salestui.runtime.reads import meanwhile
        from salestui.scope import load_scope
        from salestui.services.approvals import approval_list

        ctx, now = self.ctx, self.ctx.now()
        # health and churn need the customer table (shared with the tiers screen: kept, brought
        # up to date or computed), read in a thread meanwhile and added once known
        rules = customer_rules(ctx)
        with meanwhile(lambda: load_table(ctx, rules, now)) as customer_table:
            scope = ctx.read(load_scope, ctx.user)
            me = next(p for p in scope.people if p.login == scope.login)
            if team is None:
                team = me.role != "rep"
            shown = scope if team else mine(scope)
            lines = ctx.read(load_items, shown, now, customers=False)
            inbox, totals = ctx.read(load_inbox, scope, now, customers=False)
            stones = ctx.read(load_milestones, shown, now)
            asks = ctx.read(approval_list, ctx.user, mine=True)
            self.post_message(self.Loaded(shown, lines, inbox, totals, stones, team, asks))
            table, keys = customer_table(), [x.item.warning_key for x in lines]  # the items'
        found = ctx.read(customer_inbox, scope, now, 200, table, keys)
        self.post_message(self.CustomersLoaded(*found))

    def on_action_plans_screen_customers_loaded(self, event: CustomersLoaded) -> None:
        from salestui.actions.load import with_customer_keys

        self.inbox = self.inbox + event.inbox
        self.totals = {**self.totals, **event.totals}
        self.lines = with_customer_keys(self.lines, event.live)
        self._fill_items(self.lines)
        self._fill_warnings(self.inbox, self.totals)
        self._show_head(self.totals)

    def on_action_plans_screen_loaded(self, event: Loaded) -> None:
        self.scope, self.lines, self.inbox = event.scope, event.lines, event.inbox
        self.totals, self.milestones, self.team = event.totals, event.milestones, event.team
        self.approvals = event.approvals
        if self.drawn_team != event.team:  # read again, these wait for the customers' part
            self.drawn_team = event.team
            self._fill_items(event.lines)
            self._fill_warnings(event.inbox, event.totals)
            self._show_head(event.totals)
        fill_milestones(self.query_one("#milestones", DataTable), self.size.width, event.milestones)
        self._fill_approvals()
        if self._notice:
            self.say_answer(self._notice)
            self._notice = None
            self._holding = True  # the message stays until the next key

    def _show_head(self, totals: dict[str, int]) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(_("Action plans") + " ", style="bold")
        who = f"{self.scope.label}" if self.team else _("my items")
        text.append(_("{who} · {n} open · ").format(who=who, n=f"{len(self.lines):,}"))
        live = sum(totals.values())
        warned = ngettext("⚠ {n} warning", "⚠ {n} warnings", live).format(n=f"{live:,}")
        text.append(warned, style="yellow" if live else "dim")
        text.append(f" · {_(VIEW_WORDS[self.view])}", style="dim")
        if self.approvals:
            n = len(self.approvals)
            text.append(_(" · {n} to sign off (p)").format(n=f"{n:,}"), style="magenta")
        self.query_one("#head", Static).update(text)

    def _layout(self, table_id: str) -> DataTable:
        return layout(self.query_one(f"#{table_id}", DataTable), self.size.width)

    def on_resize(self) -> None:
        if self.scope is not None:
            self._fill_items(self.lines)
            self._fill_warnings(self.inbox, self.totals)
            fill_milestones(
                self.query_one("#milestones", DataTable), self.size.width, self.milestones
            )
            self._fill_approvals()

    def _fill_approvals(self) -> None:
        from salestui.screens.actions.approvals import fill_approvals

        table = self.query_one("#approvals", DataTable)
        fill_approvals(table, self.size.width, self.approvals, self.approval_pages)

    def _fill_items(self, lines) -> None:
        fill_items(self.query_one("#items", DataTable), self.size.width, lines)

    def _fill_warnings(self, inbox, totals) -> None:
        from salestui.actions.groups import inbox_lines

        rows = inbox_lines(inbox, totals, self.toggled)
        fill_warnings(self.query_one("#warnings", DataTable), self.size.width, rows)

    # ---- views ------------------------------------------------------------------------------
    def action_view(self, view: str) -> None:
        self.view = view
        self.query_one("#views", ContentSwitcher).current = view
        table = self.query_one(f"#{view}", DataTable)
        table.focus()
        self.say("")
        self._describe(table, selected_key(table))  # the row under the cursor, in full
        if self.scope is not None:
            self._show_head(self.totals)
        self.refresh_bindings()  # the footer offers the keys of this view

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A key that works on one view's rows is offered (and works) only in that view."""
        if action == "fold":
            return self.view == "warnings"
        return VIEW_OF_ACTION.get(action, self.view) == self.view

    def action_toggle_scope(self) -> None:
        self.team = not self.team if self.team is not None else False
        self.load()

    def action_reload(self) -> None:
        self.load()

    def _item(self):
        if self.view != "items":
            self.say(_("i shows the items; this key works on one of them"), error=True)
            return None
        key = selected_key(self.query_one("#items", DataTable))
        if not key or not key.startswith("i:"):
            self.say(_("select an item (↑↓)"), error=True)
            return None
        item_id = int(key[2:])
        return next((line.item for line in self.lines if line.item.id == item_id), None)

    def on_key(self) -> None:
        self._holding = False

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The status line spells out the highlighted row in full (columns crop at 80 wide)."""
        if event.data_table.id == "approvals":
            self.approval_pages.follow(event.cursor_row)
        if self._holding or event.data_table.id != self.view:
            return
        self._describe(event.data_table, event.row_key.value if event.row_key is not None else None)

    def _describe(self, table: DataTable, key: str | None) -> None:
        if table.id in ("items", "warnings"):
            said = row_words(table.id, key, self.lines, self.inbox)
            if said is not None:
                self.say(said)
        elif table.id == "approvals" and (a := self._approval(key)) is not None:
            from salestui.screens.actions.approvals import describe

            self.say(describe(a))

    def _approval(self, key: str | None) -> dict | None:
        if not key or not key.startswith("a:"):
            return None
        return next((a for a in self.approvals if a["id"] == int(key[2:])), None)

    def action_decide(self, approve: bool) -> None:
        a = self._approval(selected_key(self.query_one("#approvals", DataTable)))
        if self.view != "approvals" or a is None:
            self.say(_("p shows the sign-offs waiting for you; y / d decide one"), error=True)
            return
        from salestui.screens.actions.approvals import ApprovalPromptScreen

        self.app.push_screen(ApprovalPromptScreen(a, approve), self._reload_saying)

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "items":
            self.action_open()
        elif event.data_table.id == "approvals" and (a := self._approval(event.row_key.value)):
            self.app.show_deal(a["deal"])
        elif event.data_table.id == "warnings":
            key = event.row_key.value or ""
            self.action_fold() if key[:2] in ("k:", "g:") else self.action_make_item()

    def action_open(self) -> None:
        item = self._item()
        if item is None:
            return
        if item.link_type is None or item.link_id is None:
            self.say(_("“{title}” is not linked to anything").format(title=item.title))
            return
        if item.link_type == "opportunity":
            self.app.show_deal(item.link_id)  # over this screen
        else:
            self.app.jump_to(item.link_type, item.link_id, item.link_label)  # the board, filtered

    def action_log(self) -> None:
        item = self._item()
        if item is not None and item.link_type not in ("opportunity", "customer"):
            said = _("“{title}” is on no deal or customer: nothing to log on")
            self.say(said.format(title=item.title), error=True)
        elif item is not None:
            on = "deal_id" if item.link_type == "opportunity" else "customer_id"
            form = ActivityFormScreen(label=item.link_label, **{on: item.link_id})
            self.app.push_screen(form, self._reload_saying)

    # ---- changes ----------------------------------------------------------------------------
    def action_step(self, step: str) -> None:
        item = self._item()
        if item is not None:
            self._change(item, step)

    @work(thread=True, group="actions-write", exit_on_error=False)
    def _change(self, item, step: str) -> None:
        from salestui.services.action_changes import change_action_item

        said = self.ctx.write(
            change_action_item, self.ctx.user, item.id, item.version, step=step, now=self.ctx.now()
        )
        self.post_message(self.Written(said))

    def on_action_plans_screen_written(self, event: Written) -> None:
        self._reload_saying(event.message)

    def _reload_saying(self, message: str | None) -> None:
        if message:
            self.say(message)
            self._notice = message
            self.load()

    def action_prompt(self, field: str) -> None:
        item = self._item()
        if item is None:
            return
        from salestui.screens.actions.item_form import ItemPromptScreen

        self.app.push_screen(ItemPromptScreen(item, field), self._reload_saying)

    def action_new(self) -> None:
        from salestui.screens.actions.item_form import ItemFormScreen

        screen = ItemFormScreen(None, owner_login=self.ctx.user, today=self.ctx.now().date())
        self.app.push_screen(screen, self._reload_saying)

    def action_edit(self) -> None:
        item = self._item()
        if item is None:
            return
        from salestui.screens.actions.item_form import ItemFormScreen

        screen = ItemFormScreen(item, owner_login=self.ctx.user, today=self.ctx.now().date())
        self.app.push_screen(screen, self._reload_saying)

    def action_make_item(self) -> None:
        if self.view != "warnings":
            self.say(_("w shows the warnings; a makes the selected one an action item"), error=True)
            return
        key = selected_key(self.query_one("#warnings", DataTable))
        warning = next((w for w in self.inbox if w.key == key), None)
        if warning is None:
            self.say(_("select a warning (↑↓)"), error=True)
            return
        if warning.has_item:
            self.say(_("this warning already has an open item; i shows it"), error=True)
            return
        self._make(warning)

    @work(thread=True, group="actions-write", exit_on_error=False)
    def _make(self, w) -> None:
        from salestui.services.actions import create_action_item

        self.ctx.write(
            create_action_item,
            self.ctx.user,
            title=w.title,
            owner_login=w.owner_login,
            due=w.due,
            priority="high" if w.kind in ("sla", "complaint") else "normal",
            link_type=w.link_type,
            link_id=w.link_id,
            origin=w.kind,
            warning_key=w.key,
            now=self.ctx.now(),
        )
        self.post_message(
            self.Written(
                _("“{title}” is now an item for {owner}, due {day}").format(
                    title=w.title, owner=w.owner_name or w.owner_login, day=w.due
                )
            )
        )
