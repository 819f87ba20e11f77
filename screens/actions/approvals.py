"""Action plans `p`: the sign-offs waiting for the person (``salestui.services.approvals``),
approved with `y` or declined with `d`, each with a comment (a refusal needs one)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Input, Label, Static

from salestui.kernel.dates import local
from salestui.kernel.money import format_amount
from salestui.screens.common.form import FormScreen


def fill_approvals(table: DataTable, screen_width: int, found: list[dict]) -> None:
    from salestui.screens.actions.tables import layout, restore, selected_key

    keep = selected_key(table)
    layout(table, screen_width)
    for a in found:
        table.add_row(
            a["title"],
            Text(format_amount(int(a["amount_minor"])), justify="right"),
            a["owner"],
            a["role"],
            local(a["requested_at"], "%Y-%m-%d"),
            a["stage"],
            key=f"a:{a['id']}",
        )
    if not found:
        words = "No sign-offs wait for you."
        table.add_row(Text(words, style="dim"), "", "", "", "", "", key="none")
    restore(table, keep)


def describe(a: dict) -> str:
    waits = ", ".join(a["waiting_for"])
    return (
        f"{a['title']} · {format_amount(int(a['amount_minor']), decimals=True)} · "
        f"{a['role']} sign-off, asked {local(a['requested_at'])} · held by {waits} · "
        "y approves, d declines"
    )


class ApprovalPromptScreen(FormScreen[str | None]):
    """Approve (``approve``) or decline one sign-off, with a comment."""

    def __init__(self, approval: dict, approve: bool) -> None:
        super().__init__()
        self.approval, self.approve = approval, approve

    def compose(self) -> ComposeResult:
        a = self.approval
        with VerticalScroll():
            verb = "Approve" if self.approve else "Decline"
            yield Static(
                Content.from_markup(
                    "[b]$verb[/b] the $role sign-off of “$title”",
                    verb=verb,
                    role=a["role"],
                    title=a["title"],
                )
            )
            yield Label("Comment" if self.approve else "Comment (why: required)")
            yield Input("", id="comment")
            yield Static("enter saves · esc cancels", classes="hint")
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
            raise DomainError("a refusal needs a comment saying why")
        ctx = self.ctx
        done = ctx.write(
            decide, ctx.user, self.approval["id"], approve=self.approve, comment=comment,
            now=ctx.now(),
        )  # fmt: skip
        self.post_message(self.Saved(done.message))
