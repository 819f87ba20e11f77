"""The forecast category on the board and the deal's detail (DOMAIN.md "Forecasting"): the card's
short mark, the choice dialog `f` opens, and the key's action shared by both screens. The words,
the default and the rules are ``kernel.forecast``'s and ``services.forecast_category``'s."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from salestui.db.queries.board import DealCard
from salestui.kernel.clock import local_day
from salestui.kernel.forecast import CATEGORIES, CategoryRules, effective_category
from salestui.kernel.i18n import N_, _

DEFAULT = N_("as the stage says")
CHOICES = (*CATEGORIES, DEFAULT)
LETTER = {"commit": "C", "best case": "B", "pipeline": "P", "omitted": "O"}
# the stored category words as they are shown (``_(word)``)
SHOWN_CATEGORIES = (N_("commit"), N_("best case"), N_("pipeline"), N_("omitted"))


def effective(card: DealCard, today: date, rules: CategoryRules) -> str | None:
    return effective_category(card.forecast_category, card.stage, card.expected_close, today, rules)


def category_mark(card: DealCard, today: date, rules: CategoryRules) -> Text:
    """The card's mark: the owner's word as a capital in brackets (``[C]``), a defaulted one as a
    small letter in parentheses (``(c)``) — told apart by shape, not colour."""
    shown = effective(card, today, rules)
    if shown not in LETTER:
        return Text("")
    if card.forecast_category:
        return Text(f"[{LETTER[shown]}]", style="bold")
    return Text(f"({LETTER[shown].lower()})", style="dim")


def category_words(card: DealCard, today: date, rules: CategoryRules) -> Text:
    """The detail's line: the category and who decided it."""
    shown = effective(card, today, rules)
    if shown is None:
        return Text(_("none (a lost deal)"), style="dim")
    if card.forecast_category:
        return Text.assemble((_(shown), "bold"), "  " + _("(set by the owner · f changes it)"))
    how = _("closed (won)") if card.stage == "Won" else _(shown)
    tail = "" if card.stage == "Won" else "  " + _("(as the stage says · f sets it)")
    return Text.assemble(how, (tail, "dim"))


class CategoryChoiceScreen(ModalScreen[str | None]):
    """Which category the owner calls the deal: the four words, or back to what the stage says.
    The answer is the word (``default`` for the last); None when escaped."""

    DEFAULT_CSS = """
    CategoryChoiceScreen { align: center middle; }
    CategoryChoiceScreen > Vertical {
        width: 50; height: auto; border: round $accent; background: $panel; padding: 0 1;
    }
    CategoryChoiceScreen OptionList { height: auto; max-height: 8; }
    """
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="category.cancel",
            tooltip=N_("Leave it as it is"),
        )
    ]

    def __init__(self, card: DealCard, today: date, rules: CategoryRules) -> None:
        super().__init__()
        self.card, self.today, self.rules = card, today, rules

    def compose(self) -> ComposeResult:
        now = category_words(self.card, self.today, self.rules)
        with Vertical():
            yield Static(Text.assemble((_("Forecast category:") + " ", "bold"), self.card.title))
            yield Static(Text.assemble((_("now") + " ", "dim"), now))
            yield Static(_("↑↓ enter · esc keeps it"), classes="hint")
            yield OptionList(*[_(word) for word in CHOICES], id="categories")

    def on_mount(self) -> None:
        chosen = self.card.forecast_category or DEFAULT
        self.query_one(OptionList).highlighted = CHOICES.index(chosen)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        word = CHOICES[event.option_index]
        self.dismiss("default" if word == DEFAULT else word)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CategoryKey:
    """`f` on a screen that knows the deal (``category_card``) and says what happened
    (``category_done``): the choice dialog, then the write in a worker."""

    def category_card(self) -> tuple[DealCard, CategoryRules] | None:
        raise NotImplementedError

    def category_done(self, message: str, card: DealCard | None, old: DealCard) -> None:
        """Called in the worker's thread: post, do not draw."""
        raise NotImplementedError

    def action_category(self) -> None:
        found = self.category_card()
        if found is None:
            return
        card, rules = found

        def chosen(word: str | None) -> None:
            if word is not None:
                self._write_category(card, word)

        today = local_day(self.ctx.now())
        self.app.push_screen(CategoryChoiceScreen(card, today, rules), chosen)

    @work(thread=True, group="board-write", exit_on_error=False)
    def _write_category(self, card: DealCard, word: str) -> None:
        from salestui.db.queries.board import deal_card
        from salestui.services.forecast_category import set_category

        ctx = self.ctx
        change = ctx.write(set_category, ctx.user, card.id, card.version, word, now=ctx.now())
        self.category_done(change.message, ctx.read(deal_card, card.id), card)


class BoardCategoryKey(CategoryKey):
    """The board's `f`: the selected card; the changed card is redrawn like a moved one."""

    def category_card(self) -> tuple[DealCard, CategoryRules] | None:
        card = self._selected_or_say()
        if card is None or self.viewer is None:
            return None
        return card, self.viewer.forecast

    def category_done(self, message: str, card: DealCard | None, old: DealCard) -> None:
        self.post_message(self.Changed(message + "  " + _("(u undoes)"), card, old.stage))


class CategorySaved(Message):
    """The detail's deal took a category; ``message`` says which."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class DetailCategoryKey(CategoryKey):
    """The deal detail's `f`: the deal as last loaded (``category_seen``); the detail reloads."""

    category_seen: tuple[DealCard, CategoryRules] | None = None

    def category_card(self) -> tuple[DealCard, CategoryRules] | None:
        return self.category_seen

    def category_done(self, message: str, card: DealCard | None, old: DealCard) -> None:
        self.post_message(CategorySaved(message + "  " + _("(u on the board undoes)")))

    def on_category_saved(self, event: CategorySaved) -> None:
        self.logged = event.message
        self._load()

    def forecast_words(self) -> Text:
        card, rules = self.category_seen
        return category_words(card, local_day(self.ctx.now()), rules)
