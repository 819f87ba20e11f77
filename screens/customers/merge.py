"""Merge the customer under the cursor into another (key ``M`` on the customer tiers): its
likely duplicates are offered first, any other customer the person may see by typing part of its
name; the dialog says what would move before anything is done, and the answer names the batch
that ``U`` on the tiers (or ``salestui customer merge --undo BATCH``) takes back.

Through ``services.customer_merge`` only: who may merge (both customers theirs or below them),
what moves and the audit are that service's."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from salestui.kernel.i18n import _
from salestui.screens.common.form import FormScreen
from salestui.screens.common.plain import plain

SHOWN = 30  # options listed at once: typing narrows them


def candidates(name: str, others: list[tuple[int, str]], typed: str) -> list[tuple[int, str, str]]:
    """(id, name, why) to offer: with nothing typed the likely duplicates of ``name``; typed,
    the customers whose name holds the text (any case), likely duplicates first."""
    from salestui.customers.duplicates import likely_pair_among

    alike = dict(likely_pair_among(name, others))
    names = dict(others)
    text = " ".join(typed.split()).casefold()
    if not text:
        return [(cid, names[cid], why) for cid, why in alike.items()][:SHOWN]
    found = [(cid, n, alike.get(cid, "")) for cid, n in others if text in n.casefold()]
    found.sort(key=lambda c: (not c[2], c[1]))
    return found[:SHOWN]


class MergeScreen(FormScreen["tuple[str, str] | None"]):
    """Dismissed with (the answer, the merge's batch) once merged."""

    DEFAULT_CSS = """
    MergeScreen OptionList { height: auto; max-height: 10; }
    MergeScreen #plan { height: auto; margin-top: 1; }
    """
    AUTO_FOCUS = "#find"

    def __init__(self, customer_id: int, name: str, others: list[tuple[int, str]]) -> None:
        """``others``: the customers the person sees (id, name), this one left out."""
        super().__init__()
        self.customer_id, self.customer_name = customer_id, name
        self.others = [(cid, n) for cid, n in others if cid != customer_id]
        self.target: int | None = None
        self.moving: dict[str, int] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = _("Merge customers")
            yield Static(Text.assemble(
                _("Merge") + " ", (self.customer_name, "bold"), " " + _("(#{id}) into…").format(id=self.customer_id)
            ))  # fmt: skip
            yield Label(plain(_("Find (part of a name; empty: its likely duplicates)")))
            yield Input(id="find", compact=True)
            yield OptionList(id="choices")
            yield Static("", id="plan", markup=False)
            yield self.error_line()
            yield self.buttons(_("Merge"), compact=True)

    def on_mount(self) -> None:
        self._offer("")
        self._count(self.customer_id)

    @on(Input.Changed, "#find")
    def _typed(self, event: Input.Changed) -> None:
        self._offer(event.value)

    def submitted(self, field: Input) -> None:
        """``enter`` in the search goes down to the choices."""
        self.query_one("#choices", OptionList).focus()

    def _offer(self, typed: str) -> None:
        found = candidates(self.customer_name, self.others, typed)
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        for cid, name, why in found:
            choices.add_option(Option(Text.assemble(
                f"#{cid} ", (name, "bold"), (f"  ≈ {why}" if why else "", "italic")
            ), id=str(cid)))  # fmt: skip
        if not found:
            self.say(_("no likely duplicate — type part of a name") if not typed.strip()
                     else _("no customer you see has “{text}” in its name").format(text=typed.strip()))  # fmt: skip
        else:
            self.say("")

    @on(OptionList.OptionHighlighted, "#choices")
    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event) -> None:
        self.target = int(event.option.id)
        self._show_plan()

    @work(thread=True, exclusive=True, exit_on_error=False, group="count")
    def _count(self, customer_id: int) -> None:
        from salestui.services.customer_merge import belongings

        self.post_message(self.Counted(self.ctx.read(belongings, customer_id)))

    class Counted(Message):
        """What a merge of the customer would move, by table."""

        def __init__(self, moving: dict[str, int]) -> None:
            super().__init__()
            self.moving = moving

    def on_merge_screen_counted(self, event: Counted) -> None:
        self.moving = event.moving
        self._show_plan()

    def _show_plan(self) -> None:
        from salestui.services.customer_merge import moved_words

        if self.target is None:
            return
        into = dict(self.others).get(self.target, f"#{self.target}")
        plan = Text(_("Into") + " ")
        plan.append(into, style="bold")
        plan.append(" " + _("(#{id}) moves").format(id=self.target) + " ")
        plan.append("…" if self.moving is None else moved_words(self.moving))
        plan.append("; " + _("“{name}” is removed (the audit log keeps it: U undoes). ctrl+s merges.").format(name=self.customer_name))  # fmt: skip
        self.query_one("#plan", Static).update(plan)

    def save(self) -> None:
        if self.target is None:
            self.say(_("choose the customer to merge into (↓ to the list, enter)"))
            return
        self._save(self.target)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, target: int) -> None:
        from salestui.services.customer_merge import merge_customers

        ctx = self.ctx
        done = ctx.write(merge_customers, ctx.user, self.customer_id, target, ctx.now())
        self.post_message(self.Saved((done.message, done.batch)))
