"""Merging a customer into another (key ``m`` on the customer tiers and the detail): pick the one
it merges into — its likely duplicates first, any customer by a part of its name — then confirm,
seeing what will move and that it can be undone. Through ``salestui.services.customer_merge``."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from salestui.screens.common.form import DialogScreen

SHOWN = 50  # customers listed for a search
WORDS = {
    "opportunity": "deals", "sales_order": "orders", "contact": "contacts",
    "activity": "activities", "complaint": "complaints", "nps_answer": "NPS answers",
    "action_item": "action items", "lead": "leads",
}  # fmt: skip


def moved_words(moved: dict[str, int]) -> str:
    return ", ".join(f"{n:,} {WORDS.get(k, k)}" for k, n in moved.items()) or "nothing"


class MergePickScreen(DialogScreen["object | None"]):
    """Which customer ``customer_id`` merges into; dismissed with the merge done (``Merged``)
    or None."""

    DEFAULT_CSS = """
    MergePickScreen OptionList { height: auto; max-height: 14; }
    MergePickScreen Input { height: 1; }
    """
    AUTO_FOCUS = "#find"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="merge.cancel", tooltip="Merge nothing"),
        Binding("down", "to_list", "List", show=False, id="merge.list", tooltip="To the list"),
    ]

    class Found(Message):
        """The customers likely the same as the one merged (id, name, why)."""

        def __init__(self, alike: list[tuple[int, str, str]]) -> None:
            super().__init__()
            self.alike = alike

    def __init__(self, customer_id: int, name: str, customers: list[tuple[int, str]]) -> None:
        """``customers``: (id, name) of those the person may see, the merged one among them."""
        super().__init__()
        self.customer_id, self.merged_name = customer_id, name
        self.others = [(cid, n) for cid, n in customers if cid != customer_id]
        self.alike: list[tuple[int, str, str]] | None = None
        self.shown: list[int] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Merge customer"
            head = Text("Merge ")
            head.append(f"“{self.merged_name}” (#{self.customer_id})", style="bold")
            head.append(" into which customer? It is then removed, its records move there.")
            yield Static(head, markup=False)
            yield Input(placeholder="type a part of a name to search", id="find", compact=True)
            yield Static("likely duplicates — reading…", id="what", classes="hint", markup=False)
            yield OptionList(id="targets")
            yield Static("↓ the list · enter picks · esc cancels", classes="hint", markup=False)
            yield self.status_line()

    def on_mount(self) -> None:
        self._find_alike()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _find_alike(self) -> None:
        from salestui.customers.duplicates import likely_pair_among

        names = dict(self.others)
        found = likely_pair_among(self.merged_name, self.others)
        self.post_message(self.Found([(cid, names[cid], why) for cid, why in found]))

    def on_merge_pick_screen_found(self, event: Found) -> None:
        self.alike = event.alike
        self._fill(self.query_one("#find", Input).value)

    @on(Input.Changed, "#find")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, text: str) -> None:
        text = " ".join(text.split()).casefold()
        options = self.query_one("#targets", OptionList)
        options.clear_options()
        if text:
            found = [(cid, n) for cid, n in self.others if text in n.casefold()]
            rows = [Text.assemble(f"{n} (#{cid})") for cid, n in found[:SHOWN]]
            what = f"{len(found):,} customers named like “{text}”" + (
                f", the first {SHOWN}" if len(found) > SHOWN else ""
            )
            self.shown = [cid for cid, _ in found[:SHOWN]]
        elif self.alike is None:
            rows, what, self.shown = [], "likely duplicates — reading…", []
        else:
            rows = [Text.assemble(f"{n} (#{cid}) ", (why, "dim")) for cid, n, why in self.alike]
            what = (
                f"{len(self.alike)} likely duplicate(s) — or type to search"
                if self.alike
                else "no likely duplicates — type a part of a name to search"
            )
            self.shown = [cid for cid, _, _ in self.alike]
        options.add_options([Option(Text.assemble(r)) for r in rows])
        if rows:
            options.highlighted = 0
        self.query_one("#what", Static).update(Text(what))

    def action_to_list(self) -> None:
        if self.shown:
            self.query_one("#targets", OptionList).focus()

    def on_input_submitted(self) -> None:
        self.action_to_list()

    @on(OptionList.OptionSelected, "#targets")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        kept = self.shown[event.option_index]
        kept_name = dict(self.others)[kept]

        def done(merged) -> None:
            if merged is not None:
                self.dismiss(merged)

        self.app.push_screen(
            MergeConfirmScreen(self.customer_id, self.merged_name, kept, kept_name), done
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class MergeConfirmScreen(DialogScreen["object | None"]):
    """What will move, and the merge itself on ``enter``; dismissed with ``Merged`` or None."""

    DEFAULT_CSS = """
    MergeConfirmScreen > Vertical { border: round $warning; }
    """
    BINDINGS = [
        Binding("enter,y", "merge", "Merge", id="mergeok.merge", tooltip="Merge them"),
        Binding("escape,n", "cancel", "Back", id="mergeok.cancel", tooltip="Do not merge"),
    ]

    class Counted(Message):
        def __init__(self, moved: dict[str, int]) -> None:
            super().__init__()
            self.moved = moved

    class Done(Message):
        def __init__(self, merged) -> None:
            super().__init__()
            self.merged = merged

    def __init__(self, merged_id: int, merged_name: str, kept_id: int, kept_name: str) -> None:
        super().__init__()
        self.merged_id, self.merged_name = merged_id, merged_name
        self.kept_id, self.kept_name = kept_id, kept_name
        self.counted = False

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Merge — confirm"
            text = Text("Merge ")
            text.append(f"“{self.merged_name}” (#{self.merged_id})", style="bold")
            text.append(" into ")
            text.append(f"“{self.kept_name}” (#{self.kept_id})", style="bold")
            yield Static(text, markup=False)
            yield Static("counting what moves…", id="moves", markup=False)
            yield Static(
                f"“{self.merged_name}” is removed, kept whole in the audit log: the merge can be "
                "undone (u on the customer tiers, or salestui customer merge --undo BATCH).",
                markup=False,
            )
            yield Static("enter merges · esc goes back", classes="hint", markup=False)
            yield self.status_line()

    def on_mount(self) -> None:
        self._count()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _count(self) -> None:
        from salestui.services.customer_merge import what_moves

        self.post_message(self.Counted(self.ctx.read(what_moves, self.merged_id)))

    def on_merge_confirm_screen_counted(self, event: Counted) -> None:
        self.counted = True
        self.query_one("#moves", Static).update(Text(f"Moves: {moved_words(event.moved)}."))

    def action_merge(self) -> None:
        if not self.counted:
            self.say("still counting what moves — a moment", error=True)
            return
        self._merge()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _merge(self) -> None:
        from salestui.services.customer_merge import merge_customers

        ctx = self.ctx
        done = ctx.write(merge_customers, ctx.user, self.merged_id, self.kept_id, now=ctx.now())
        self.post_message(self.Done(done))

    def on_merge_confirm_screen_done(self, event: Done) -> None:
        self.dismiss(event.merged)

    def action_cancel(self) -> None:
        self.dismiss(None)
