"""The same keys for the same things on every screen (issue 17): reload is ``r``, a form saves
with ``ctrl+s`` and cancels with ``esc``, and each of these says so in the footer or the help
(a tooltip, translated where shown). Checked over every screen class, not remembered."""

from __future__ import annotations

from textual.binding import Binding

from salestui.screens.common.form import FormScreen
from salestui.screens.common.keys import own_bindings
from tests.screens.test_structure import screen_classes

# action → the one key it has on every screen
ONE_KEY = {"reload": "r", "save": "ctrl+s", "cancel": "escape"}


def keys_of(binding: Binding) -> list[str]:
    return [k.strip() for k in binding.key.split(",")]


def wrong_keys(classes) -> list[str]:
    wrong = []
    for cls in classes:
        for binding in own_bindings(cls):
            if not isinstance(binding, Binding):
                continue
            want = ONE_KEY.get(binding.action)
            if want is not None and keys_of(binding)[0] != want:
                wrong.append(f"{cls.__name__}: {binding.action} on {binding.key!r}, not {want!r}")
    return wrong


def test_reload_save_and_cancel_have_one_key_everywhere():
    assert wrong_keys(screen_classes()) == []


def test_the_check_finds_a_reload_on_another_key():
    from textual.screen import Screen

    class Odd(Screen):
        BINDINGS = [Binding("ctrl+r", "reload", "Reload", id="odd.reload", tooltip="Reload")]

    Odd.__module__ = "salestui.screens.odd"
    assert wrong_keys([Odd]) == ["Odd: reload on 'ctrl+r', not 'r'"]


def test_every_form_saves_and_cancels_with_the_same_keys():
    for cls in screen_classes():
        if not issubclass(cls, FormScreen):
            continue
        actions = {b.action: keys_of(b)[0] for b in own_bindings(cls) if isinstance(b, Binding)}
        assert actions.get("save") == "ctrl+s", cls.__name__
        assert actions.get("cancel") == "escape", cls.__name__
