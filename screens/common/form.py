"""The dialogs opened over a screen: a box centred on it (``DialogScreen``) and the form, a dialog
of fields with an error line that saves through a service (``FormScreen``).

A form's save runs in a worker that posts ``FormScreen.Saved`` when the service accepted it: the
form closes and hands the message to whoever opened it. A refusal (the service's ``DomainError``,
or any failure) shows on the ``#error`` line under the fields, nothing is written and the form
stays open to be corrected.
"""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from salestui.kernel.i18n import N_, _
from salestui.screens.common.base import BaseScreen

ResultT = TypeVar("ResultT")


# ModalScreen first: Textual takes default CSS along each class's first base only, and the
# dialog needs ModalScreen's (the screen underneath shows through, dimmed).
class DialogScreen(ModalScreen[ResultT], BaseScreen[ResultT]):
    """A box of at most 76 columns in the middle of the screen, its content in a ``Vertical`` or a
    ``VerticalScroll`` (never taller than the terminal: it scrolls at 80×24)."""

    DEFAULT_CSS = """
    DialogScreen { align: center middle; }
    DialogScreen > Vertical, DialogScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    """


class FormScreen(DialogScreen[ResultT]):
    """Fields, an ``#error`` line (:meth:`error_line`), and Save / Cancel buttons
    (:meth:`buttons`). The same keys in every form, said on the box's bottom edge (``HINT``):
    ``esc`` cancels; ``ctrl+s`` or the Save button call :meth:`save`, which a form implements
    (read the fields, start its save worker); ``enter`` in a field moves to the next one and
    saves from the last; ``tab`` / ``shift+tab`` move too."""

    DEFAULT_CSS = """
    FormScreen Label { margin-top: 0; color: $text-muted; }
    FormScreen Input { height: 3; }
    FormScreen .error { color: $error; text-style: bold; height: auto; }
    FormScreen Horizontal { height: auto; align-horizontal: right; }
    FormScreen Button { margin-left: 1; min-width: 10; }
    """
    BINDINGS = [
        Binding(
            "escape", "cancel", N_("Cancel"), id="form.cancel", tooltip=N_("Close without saving")
        ),
        Binding("ctrl+s", "save", N_("Save"), id="form.save", tooltip=N_("Save")),
    ]
    FAILED = N_("could not save")
    HINT = N_("ctrl+s save · enter next field · esc cancel")

    class Saved(Message):
        """The service accepted the save: the form closes with ``result`` (what to say)."""

        def __init__(self, result: object) -> None:
            super().__init__()
            self.result = result

    # ---- layout -----------------------------------------------------------------------------
    @on(events.Mount)
    def _show_hint(self) -> None:
        """The keys, on the bottom edge of the box: no line of the form's height spent on them."""
        box = next((c for c in self.children if not c.has_class("-textual-system")), None)
        if box is not None and not box.border_subtitle:
            box.border_subtitle = _(self.HINT)

    def error_line(self) -> Static:
        return Static("", id="error", classes="error", markup=False)

    def buttons(
        self, save: str = N_("Save"), *, clear: bool = False, compact: bool = False
    ) -> Horizontal:
        """The row of buttons under the fields: ``save`` (primary, translated here), Clear when
        asked, Cancel."""
        row = [Button(Content(_(save)), variant="primary", id="save", compact=compact)]
        if clear:
            row.append(Button(_("Clear"), id="clear", compact=compact))
        row.append(Button(_("Cancel"), id="cancel", compact=compact))
        return Horizontal(*row)

    def say(self, message: str | Text, error: bool = True) -> None:
        """A form speaks on its error line: a refusal, or nothing once it is corrected."""
        self.query_one("#error", Static).update(message)

    # ---- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        raise NotImplementedError

    def action_save(self) -> None:
        self.say("")
        self.save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def submitted(self, field: Input) -> None:
        """``enter`` in ``field``: on to the next text field, or saves from the last. Choices
        (selects, radio buttons, checkboxes) take ``enter`` themselves, so ``tab`` reaches them."""
        inputs = [i for i in self.query(Input) if i.focusable]
        if field in inputs and inputs.index(field) + 1 < len(inputs):
            inputs[inputs.index(field) + 1].focus()
            return
        self.action_save()

    @on(Input.Submitted)
    def _field_submitted(self, event: Input.Submitted) -> None:
        self.submitted(event.input)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def on_form_screen_saved(self, event: Saved) -> None:
        self.dismiss(event.result)  # type: ignore[arg-type]
