"""The footer of every screen: Textual's, with each key's description in the person's language.

Bindings are declared when a module is imported, before the language is known, so their
descriptions are marked ``N_()`` and translated here, where they are drawn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from salestui.kernel.i18n import _


class Footer(TextualFooter):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description)
                if isinstance(widget.tooltip, str):
                    widget.tooltip = _(widget.tooltip)
            yield widget
