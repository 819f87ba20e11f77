"""The form base: a save the service refuses shows the refusal under the fields, writes nothing
and leaves the form open to be corrected; an accepted one closes the form with its message.

The form here is the smallest a feature could write on the base (fields and ``save`` only), on
the seeded file database; every check reads the rows back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import func, select
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static

from salestui.db.tables import ActionItem, AuditLog
from salestui.screens.board.screen import BoardScreen
from salestui.screens.common.form import FormScreen
from tests import fixtures
from tests.screens.pilot import SIZE, make_app, press, read, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


class CallBackForm(FormScreen[str | None]):
    """An action item for the person acting: a title and a due date."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label("Title")
            yield Input(id="title")
            yield Label("Due (YYYY-MM-DD)")
            yield Input(id="due")
            yield self.error_line()
            yield self.buttons()

    def save(self) -> None:
        self._save(self.query_one("#title", Input).value, self.query_one("#due", Input).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, title: str, due: str) -> None:
        from salestui.services.actions import create_action_item

        ctx = self.ctx
        ctx.write(
            create_action_item, ctx.user, title=title, owner_login=ctx.user, due=due, now=ctx.now()
        )
        self.post_message(self.Saved(f"“{title}” due {due}"))


def count(db: str, table) -> int:
    return read(db, select(func.count()).select_from(table))[0]


async def open_form(pilot) -> tuple[CallBackForm, list]:
    """The form over the board; the list receives what it is dismissed with."""
    answers: list = []
    form = CallBackForm()
    pilot.app.push_screen(form, answers.append)
    await settle(pilot)
    assert pilot.app.screen is form
    return form, answers


async def fill(pilot, form: CallBackForm, title: str, due: str) -> None:
    form.query_one("#title", Input).value = title
    form.query_one("#due", Input).value = due
    form.query_one("#due", Input).focus()
    await settle(pilot)


def error_of(form: CallBackForm) -> str:
    return str(form.query_one("#error", Static).content)


async def test_a_refused_save_shows_the_refusal_and_writes_nothing(seeded_db):
    items, audit = count(seeded_db, ActionItem), count(seeded_db, AuditLog)
    yesterday = (fixtures.TODAY - timedelta(days=1)).isoformat()
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form, answers = await open_form(pilot)
        await fill(pilot, form, "Call back", yesterday)
        await press(pilot, "ctrl+s")
        assert app.screen is form, "the form stays open to be corrected"
        assert error_of(form) == f"the due date {yesterday} is in the past"
        assert answers == []
        await fill(pilot, form, "", fixtures.TODAY.isoformat())
        await press(pilot, "enter")  # enter in a field saves too: refused again, said again
        assert error_of(form) == "the action item needs a title"
        assert app.screen is form
    assert count(seeded_db, ActionItem) == items
    assert count(seeded_db, AuditLog) == audit


async def test_a_corrected_save_closes_the_form_with_its_message(seeded_db):
    items = count(seeded_db, ActionItem)
    due = (fixtures.TODAY + timedelta(days=3)).isoformat()
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form, answers = await open_form(pilot)
        await fill(pilot, form, "Call back", "2026-13-01")
        await press(pilot, "enter")
        assert "real date" in error_of(form)
        await fill(pilot, form, "Call back", due)
        await press(pilot, "enter")
        assert isinstance(app.screen, BoardScreen), "saved: the form is gone"
        assert answers == [f"“Call back” due {due}"]
    made = read(seeded_db, select(ActionItem).order_by(ActionItem.id))
    assert len(made) == items + 1
    assert (made[-1].title, made[-1].due.isoformat()) == ("Call back", due)


async def test_a_save_that_fails_otherwise_is_named_and_writes_nothing(seeded_db, monkeypatch):
    import salestui.services.actions

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(salestui.services.actions, "create_action_item", broken)
    items = count(seeded_db, ActionItem)
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form, answers = await open_form(pilot)
        await fill(pilot, form, "Call back", fixtures.TODAY.isoformat())
        await press(pilot, "ctrl+s")
        assert error_of(form) == "could not save: disk full"
        assert app.screen is form
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)
        assert answers == [None], "esc closes the form with nothing to say"
    assert count(seeded_db, ActionItem) == items
