"""The same keys in every form (issue 17): enter walks the fields and saves from the last, the
keys said on the box's edge, the filter opening on its first field, the chosen scope readable
without colour, editing a deal someone may not change refused before the form opens, the owner
field completing a login or a name, and no English left on these dialogs in Chinese."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlmodel import select
from textual.widgets import Input, RadioSet

from salestui.db.tables import Activity, Customer, Opportunity, Person
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import set_language
from salestui.screens.board.deal_forms import DealFormScreen, LostReasonScreen
from salestui.screens.board.filter import FilterScreen
from salestui.screens.board.screen import BoardScreen
from salestui.screens.common.activity_form import ActivityFormScreen
from salestui.screens.common.suggesters import login_of, person_suggestion
from salestui.screens.customers.forms import ReassignScreen
from tests.screens.pilot import SIZE, make_app, press, read, settle
from tests.screens.untranslated import english_words, screen_text

pytestmark = pytest.mark.usefixtures("utc_zone")


async def typed(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def dialog_text(app) -> str:
    """The dialog's box as drawn, without the screen dimmed behind it (that screen's words are
    its owner's to translate)."""
    box = next(c for c in app.screen.children if not c.has_class("-textual-system")).region
    strips = app.screen._compositor.render_strips()
    return "\n".join(s.crop(box.x, box.right).text for s in strips[box.y : box.bottom])


def board(app) -> BoardScreen:
    return next(s for s in app.screen_stack if isinstance(s, BoardScreen))


async def test_enter_walks_the_deal_form_and_saves_from_its_last_field(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, DealFormScreen)
        await typed(pilot, "Acme Corp")
        await pilot.press("enter")
        await typed(pilot, "Walked deal")
        await pilot.press("enter")
        await typed(pilot, "8,000.00")
        await pilot.press("enter")
        await typed(pilot, "2026-12-31")
        await pilot.press("enter")  # owner: boss, as offered
        assert app.focused is form.query_one("#owner")
        await pilot.press("enter")
        await typed(pilot, "Globex")
        await pilot.press("enter")
        await typed(pilot, "demo")
        await pilot.press("enter")
        assert isinstance(app.screen, DealFormScreen), "enter moved on: nothing saved yet"
        await typed(pilot, "2026-12-10")
        await press(pilot, "enter")  # the last field: saves
        assert isinstance(app.screen, BoardScreen)
    rows = read(seeded_db, select(Opportunity).where(Opportunity.title == "Walked deal"))
    assert [(r.amount_minor, r.expected_close, r.competitor, r.next_step) for r in rows] == [
        (800_000, date(2026, 12, 31), "Globex", "demo")
    ]
    assert rows[0].next_step_date == date(2026, 12, 10)


async def test_enter_walks_the_activity_form(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "L")
        assert isinstance(app.screen, ActivityFormScreen)
        await pilot.press("enter")  # the kind (call) taken, on to "when"
        await pilot.press("enter")  # when: now, as offered
        await typed(pilot, "25")
        await pilot.press("enter")
        await typed(pilot, "agreed")
        await pilot.press("enter")
        await typed(pilot, "walked")
        await pilot.press("enter", "enter")  # no next step
        assert isinstance(app.screen, ActivityFormScreen)
        await press(pilot, "enter")  # the last field: saves
        assert isinstance(app.screen, BoardScreen)
    rows = read(seeded_db, select(Activity).where(Activity.note == "walked"))
    assert [(r.kind, r.duration_minutes, r.outcome) for r in rows] == [("call", 25, "agreed")]


async def test_filter_opens_on_its_first_field_and_enter_walks_to_apply(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        form = app.screen
        assert isinstance(form, FilterScreen)
        assert app.focused is form.query_one("#scope", RadioSet)
        assert "ctrl+s apply · enter next field · esc cancel" in screen_text(app)
        form.query_one("#month", Input).focus()
        await typed(pilot, "2026-12")
        await pilot.press("enter")
        assert app.focused is form.query_one("#text", Input)
        await typed(pilot, "Acme")
        await press(pilot, "enter")
        assert isinstance(app.screen, BoardScreen)
        assert (board(app).filter_state.close_month, board(app).filter_state.text) == (
            "2026-12",
            "Acme",
        )


def scopes_drawn(app) -> list[str]:
    from salestui.screens.board.filter import ScopeButton

    return [b.render().plain.strip() for b in app.screen.query(ScopeButton)]


async def test_the_chosen_scope_reads_without_colour(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        # boss, a manager, opens on "my team"
        assert scopes_drawn(app) == ["▐○▌ Mine", "▐●▌ My team", "▐○▌ Everyone"]
        await press(pilot, "right", "space")  # on to everyone, taken
        assert scopes_drawn(app) == ["▐○▌ Mine", "▐○▌ My team", "▐●▌ Everyone"]


async def test_every_form_says_its_keys(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        assert "ctrl+s save · enter next field · esc cancel" in screen_text(app)
        await press(pilot, "escape", "L")
        assert "ctrl+s save · enter next field · esc cancel" in screen_text(app)


async def test_e_on_a_deal_the_person_may_not_change_is_refused_before_the_form(seeded_db):
    app = make_app(seeded_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        card = board(app)._selected_or_say()
        with sqlite3.connect(seeded_db) as conn:  # meanwhile, given to someone outside the team
            conn.execute(
                "UPDATE opportunity SET owner_id = (SELECT id FROM person WHERE login = "
                "'rep_south') WHERE id = ?",
                (card.id,),
            )
        await press(pilot, "e")
        assert isinstance(app.screen, BoardScreen), "no form opened"
        said = str(board(app).query_one("#status").render())
    from sqlmodel import Session

    from salestui.db.engine import make_engine
    from salestui.services.deal_rights import check_may_edit
    from salestui.services.deals import edit_deal

    expected = (
        f"“{card.title}” belongs to Sam South; you may change only your own deals "
        "and those of people who report to you"
    )
    assert expected in said
    engine = make_engine(seeded_db)
    with Session(engine) as s:  # the service's door says the same, on the check and on save
        with pytest.raises(DomainError) as before:
            check_may_edit(s, "mgr_east", card.id)
        version = s.get(Opportunity, card.id).version
        with pytest.raises(DomainError) as on_save:
            edit_deal(s, "mgr_east", card.id, version, title="x")
    engine.dispose()
    assert str(before.value) == str(on_save.value) == expected


async def test_e_on_ones_own_deal_opens_the_form(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, DealFormScreen)


def test_a_login_or_a_name_completes_among_those_one_may_assign_to(seeded_db):
    from sqlmodel import Session

    from salestui.db.engine import make_engine
    from salestui.screens.common.suggesters import assignable_people

    engine = make_engine(seeded_db)
    with Session(engine) as s:
        people = assignable_people(s, "mgr_east")
    engine.dispose()
    # mgr_east and those below: rep_li, rep_wang, newbie; not boss, not rep_south
    assert [p.login for p in people] == ["mgr_east", "newbie", "rep_li", "rep_wang"]
    assert person_suggestion(people, "rep_w") == "rep_wang"
    assert person_suggestion(people, "wang") == "Wang Fang (rep_wang)"
    assert person_suggestion(people, "李") == "李伟 (rep_li)"
    assert person_suggestion(people, "rep_s") is None
    assert person_suggestion(people, "sam") is None
    assert login_of("李伟 (rep_li)") == "rep_li" and login_of(" rep_wang ") == "rep_wang"


async def test_reassign_shows_the_owner_and_completes_a_cjk_name(customers_db):
    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await press(pilot, "R")
        assert isinstance(app.screen, ReassignScreen)
        assert "Owner now: 李伟" in screen_text(app)
        await press(pilot, "W", "a")
        await press(pilot, "right")  # accepts the completion
        assert app.screen.query_one("#owner", Input).value == "Wang Fang (rep_wang)"
        await press(pilot, "enter")  # the only text field: saves
    owners = {c.id: c.owner_id for c in read(customers_db, select(Customer))}
    wang = read(customers_db, select(Person).where(Person.login == "rep_wang"))[0]
    assert owners[1] == wang.id


async def test_the_deal_dialogs_in_chinese_have_no_english(long_names_db):
    set_language("zh")
    app = make_app(long_names_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, screen in (("n", DealFormScreen), ("e", DealFormScreen), ("slash", FilterScreen)):
            await press(pilot, key)
            assert isinstance(app.screen, screen)
            assert english_words(dialog_text(app), long_names_db) == [], key
            await press(pilot, "escape")
        await press(pilot, "L")
        assert english_words(dialog_text(app), long_names_db) == []
        await press(pilot, "escape")
        app.push_screen(LostReasonScreen(board(app)._selected_or_say()))
        await settle(pilot)
        assert english_words(dialog_text(app), long_names_db) == []


async def test_the_reassign_dialog_in_chinese_has_no_english(customers_db):
    set_language("zh")
    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await press(pilot, "R")
        assert isinstance(app.screen, ReassignScreen)
        assert english_words(dialog_text(app), customers_db) == []
