"""`?`: every key of the screen underneath, with what it does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from salestui.kernel.i18n import N_, _
from salestui.screens.common.plain import PlainTable

# What a person presses for Textual's key names: the character on the key, or the short name
# printed on it (the same in every language).
_PRESSED = {
    "plus": "+", "minus": "-", "asterisk": "*", "slash": "/", "backslash": "\\",
    "question_mark": "?", "exclamation_mark": "!", "greater_than_sign": ">",
    "less_than_sign": "<", "equals_sign": "=", "comma": ",", "full_stop": ".", "colon": ":",
    "semicolon": ";", "apostrophe": "'", "quotation_mark": '"', "grave_accent": "`",
    "number_sign": "#", "dollar_sign": "$", "percent_sign": "%", "ampersand": "&",
    "circumflex_accent": "^", "tilde": "~", "underscore": "_", "vertical_line": "|",
    "commercial_at": "@", "left_parenthesis": "(", "right_parenthesis": ")",
    "left_square_bracket": "[", "right_square_bracket": "]",
    "left_curly_bracket": "{", "right_curly_bracket": "}",
    "escape": "esc", "pageup": "pgup", "pagedown": "pgdn", "delete": "del",
}  # fmt: skip


def _pressed(key: str) -> str:
    """One key as printed on the keyboard: ``greater_than_sign`` → ``>``, ``ctrl+s`` as is."""
    key = key.strip()
    if "+" in key and key != "+":
        modifiers, _plus, base = key.rpartition("+")
        return f"{modifiers}+{_pressed(base)}"
    if key in _PRESSED:
        return _PRESSED[key]
    if len(key) > 1:
        from textual.keys import key_to_character

        character = key_to_character(key)
        if character and character.isprintable() and not character.isspace():
            return character
    return key


def _key_label(key: str) -> str:
    """A binding's keys (``"escape,question_mark,q"``) as a person presses them: ``esc ? q``."""
    return " ".join(_pressed(k) for k in key.split(","))


def keys_title(screen: Screen) -> str:
    """ "Keys — Board": the screen's own name for itself (its ``TITLE``, translated), never its
    class name ("ActionPlans")."""
    title = type(screen).TITLE or type(screen).__name__.removesuffix("Screen")
    return _("Keys — {screen}").format(screen=_(title))


def own_bindings(screen: type[Screen]) -> list:
    """The bindings salestui declares for ``screen``: its own first, then its bases' (a form's
    save and cancel), never Textual's built-in ones (focus moves with tab)."""
    return [
        binding
        for cls in screen.__mro__
        if cls.__module__.startswith("salestui.")
        for binding in cls.__dict__.get("BINDINGS", [])
    ]


class KeysScreen(ModalScreen[None]):
    """The keys of ``screen`` and of the app, from their bindings: never out of date."""

    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > VerticalScroll {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding(
            "escape,question_mark,q",
            "dismiss",
            N_("Close"),
            id="keys.close",
            tooltip=N_("Back to the screen underneath"),
        ),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.under = screen

    def compose(self) -> ComposeResult:
        table = PlainTable(box=None, show_header=False, pad_edge=False, expand=True)
        table.add_column("key", style="bold cyan", no_wrap=True)
        table.add_column("what it does")
        seen: set[str] = set()
        for binding in [*own_bindings(type(self.under)), *self.app.BINDINGS]:
            if not isinstance(binding, Binding) or binding.key in seen:
                continue
            seen.add(binding.key)
            table.add_row(_key_label(binding.key), _(binding.tooltip or binding.description))
        with VerticalScroll():
            yield Static(Content.from_markup("[b]$title[/b]", title=keys_title(self.under)))
            yield Static(table, markup=False)
            yield Static(Content.styled(_("ctrl+p: command palette · esc closes"), "dim"))
