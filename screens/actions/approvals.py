"""Action plans `p`: the sign-offs waiting for the person (``salestui.services.approvals``),
approved with `y` or declined with `d`, each with a comment (a refusal needs one)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static

from salestui.kernel.dates import local
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_amount
from salestui.screens.common.form import FormScreen
from salestui.screens.common.pages import Pages
from salestui.screens.common.plain import PlainDataTable

# The approver roles of the default rules (``salestui.kernel.approvals``), as a person reads them.
ROLE_WORDS = (N_("director"), N_("finance"), N_("legal"), N_("vp"))


def fill_approvals(
    table: PlainDataTable, screen_width: int, found: list[dict], pages: Pages
) -> None:
    """The sign-offs, a page at a time (``pages`` draws more as the cursor goes down), the
    cursor kept on the one it was on."""
    from salestui.screens.actions.tables import restore, selected_key

    keep = selected_key(table)
    with table.drawing():  # read again, unchanged: left as drawn
        _draw(table, screen_width, found, pages, keep)
    restore(table, keep)


def _draw(table: PlainDataTable, screen_width: int, found: list[dict], pages: Pages, keep) -> None:
    from salestui.screens.actions.tables import layout

    layout(table, screen_width)

    def add(start: int, end: int) -> None:
        for a in found[start:end]:
            table.add_row(
                a["title"],
                Text(format_amount(int(a["amount_minor"])), justify="right"),
                a["owner"],
                _(a["role"]),
                local(a["requested_at"], "%Y-%m-%d"),
                _(a["stage"]),
                key=f"a:{a['id']}",
            )

    target = next((i for i, a in enumerate(found) if f"a:{a['id']}" == keep), 0)
    pages.start(len(found), add, until=target + 1)
    if not found:
        words = _("No sign-offs wait for you.")
        table.add_row(Text(words, style="dim"), "", "", "", "", "", key="none")


def describe(a: dict) -> str:
    waits = ", ".join(a["waiting_for"])
    return _(
        "{title} · {amount} · {role} sign-off, asked {when} · held by {who} · "
        "y approves, d declines"
    ).format(
        title=a["title"],
        amount=format_amount(int(a["amount_minor"]), decimals=True),
        role=_(a["role"]),
        when=local(a["requested_at"]),
        who=waits,
    )


class ApprovalPromptScreen(FormScreen[str | None]):
    """Approve (``approve``) or decline one sign-off, with a comment."""

    def __init__(self, approval: dict, approve: bool) -> None:
        super().__init__()
        self.approval, self.approve = approval, approve

    def compose(self) -> ComposeResult:
        a = self.approval
        with VerticalScroll():
            words = (
                _("Approve the {role} sign-off of “{title}”")
                if self.approve
                else _("Decline the {role} sign-off of “{title}”")
            )
            yield Static(
                Content.from_markup(
                    "[b]$words[/b]", words=words.format(role=_(a["role"]), title=a["title"])
                )
            )
            yield Label(_("Comment") if self.approve else _("Comment (why: required)"))
            yield Input("", id="comment")
            yield Static(_("enter saves · esc cancels"), classes="hint")
            yield self.error_line()

    def on_mount(self) -> None:
        self.query_one("#comment", Input).focus()

    def save(self) -> None:
        self._save(self.query_one("#comment", Input).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, comment: str) -> None:
        from salestui.kernel.errors import DomainError
        from salestui.services.approvals import decide

        if not self.approve and not comment.strip():
            raise DomainError(_("a refusal needs a comment saying why"))
        ctx = self.ctx
        done = ctx.write(
            decide, ctx.user, self.approval["id"], approve=self.approve, comment=comment,
            now=ctx.now(),
        )  # fmt: skip
        self.post_message(self.Saved(done.message))
