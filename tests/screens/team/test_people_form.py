"""The people form (`P`) and a new person (`N`) on the leaderboard, driven by their real keys on the
hand-written org of tests/services/people_org.py, checked on screen and in the database: what is
refused says why, before the form opens or on its error line, and writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.widgets import Checkbox, Input, Select

from salestui.db.queries.people import org_changes_since
from salestui.screens.team.people_form import PeopleForm
from salestui.screens.team.screen import TeamScreen
from salestui.services.people import change_person
from tests.screens.pilot import SIZE, make_app, press_each, settle
from tests.services import people_org as org

pytestmark = pytest.mark.usefixtures("utc_zone")


def status(app) -> str:
    team = next(s for s in app.screen_stack if isinstance(s, TeamScreen))
    return str(team.query_one("#status").content)


def error(app) -> str:
    return str(app.screen.query_one("#error").content)


async def open_on(pilot, label: str, key: str) -> None:
    """The leaderboard, unfolded, the cursor moved to ``label``, then ``key``."""
    await press_each(pilot, "3", "plus")
    team = pilot.app.screen
    labels = [ln.label for ln in team.lines]
    assert label in labels, labels
    steps = labels.index(label) - labels.index(team.selected.label)
    await press_each(pilot, *["down" if steps > 0 else "up"] * abs(steps), key)


async def type_in(pilot, text: str) -> None:
    await press_each(pilot, *["space" if c == " " else c for c in text])


async def test_a_manager_moves_and_retitles_someone_below_them(org_db, session_for):
    app = make_app(org_db, "mia")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, "Rex Rep", "P")
        form = app.screen
        assert isinstance(form, PeopleForm)
        assert form.query_one("#admin", Checkbox).disabled  # mia is no administrator
        await press_each(pilot, "tab")  # name → title
        await type_in(pilot, "Field rep")
        # manager: Leo Low → the next one down, Mia Mid
        await press_each(pilot, "tab", "enter", "down", "enter")
        assert form.query_one("#manager", Select).value == "mia"
        await press_each(pilot, "ctrl+s")
        assert isinstance(app.screen, TeamScreen)
        assert status(app) == ("changed rex: title (none) → Field rep, manager leo → mia")
    rex = org.person(org_db, "rex")
    assert (rex["title"], org.login_of(org_db, rex["manager_id"]), rex["version"]) == (
        "Field rep",
        "mia",
        2,
    )
    # the move is in the org's history (the audit log), so closed periods keep leo's team
    moved = [
        (c.field, c.old, c.new)
        for c in org_changes_since(session_for(org_db), datetime(2000, 1, 1, tzinfo=UTC))
    ]
    leo, mia = org.person(org_db, "leo")["id"], org.person(org_db, "mia")["id"]
    assert moved == [("manager_id", str(leo), str(mia))]


async def test_a_rep_is_offered_no_colleague_and_may_not_add_people(org_db):
    """A rep's leaderboard is her own line (the read rule), so no colleague's form can be asked
    for here; the service and the CLI refuse it (tests/services, tests/cli)."""
    before = org.dump(org_db)
    app = make_app(org_db, "rae")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_each(pilot, "3")
        table = app.screen.query_one("#leaderboard")
        rows = " | ".join(
            " ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)
        )
        assert "Rex Rep" not in rows and "Rae Rep" in rows
        await press_each(pilot, "N")
        assert status(app) == "only a manager or an administrator adds people"
    assert org.dump(org_db) == before


async def test_own_form_locks_own_manager_role_and_flag_with_the_reason(org_db):
    app = make_app(org_db, "mia")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, "Mia Mid", "P")
        form = app.screen
        locked = {w.id for w in form.query("Input, Select, Checkbox") if w.disabled}
        assert locked == {"manager", "region", "role", "os_user", "admin", "active"}
        assert "you cannot change your own" in str(form.query_one("#note").content)
        await press_each(pilot, "tab")
        await type_in(pilot, "Head North")
        await press_each(pilot, "ctrl+s")  # enter walks the fields (every form); ctrl+s saves
        assert status(app) == "changed mia: title (none) → Head North"
    assert org.person(org_db, "mia")["title"] == "Head North"


async def test_an_administrator_may_not_close_a_circle_or_be_ones_own_manager(org_db):
    before = org.dump(org_db)
    app = make_app(org_db, "ada")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, "Mia Mid", "P")
        form = app.screen
        managers = form.query_one("#manager", Select)
        offered = [value for _, value in managers._options]
        assert "mia" not in offered and "rex" in offered  # nobody is offered as their own
        managers.focus()
        await press_each(pilot, "enter")
        await type_in(pilot, "Rex")
        await press_each(pilot, "enter")
        assert managers.value == "rex"
        await press_each(pilot, "ctrl+s")
        assert isinstance(app.screen, PeopleForm)  # stays open to be corrected
        assert (
            error(app) == "mia cannot report to rex: rex already reports to mia (rex → leo → mia)"
        )
    assert org.dump(org_db) == before


async def test_an_account_bound_to_someone_else_and_the_last_administrator(org_db):
    before = org.dump(org_db)
    app = make_app(org_db, "ada")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, "Rex Rep", "P")
        app.screen.query_one("#os_user", Input).focus()
        await type_in(pilot, "sam_os")
        await press_each(pilot, "ctrl+s")
        assert error(app).startswith("the OS account 'sam_os' is already bound to sam")
        await press_each(pilot, "escape")
        await open_on(pilot, "Ada Top", "P")
        form = app.screen
        assert form.query_one("#admin", Checkbox).disabled  # nobody changes their own flag
        form.query_one("#active", Checkbox).focus()
        await press_each(pilot, "space", "ctrl+s")
        assert error(app) == (
            "ada is the last active administrator and cannot be deactivated; "
            "make someone else an administrator first"
        )
    assert org.dump(org_db) == before


async def test_a_save_from_a_stale_form_names_who_changed_the_person(org_db, session_for):
    app = make_app(org_db, "mia")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, "Rex Rep", "P")
        s = session_for(org_db)
        change_person(s, "ada", "rex", {"title": "set by ada"}, now=org.NOW)
        before = org.dump(org_db)
        await press_each(pilot, "tab", "ctrl+u")
        await type_in(pilot, "mine")
        await press_each(pilot, "ctrl+s")
        assert "was changed by ada" in error(app)
    assert org.dump(org_db) == before


async def test_n_adds_a_person_below_the_highlighted_manager(org_db):
    app = make_app(org_db, "mia")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, "Leo Low", "N")
        form = app.screen
        assert isinstance(form, PeopleForm)
        assert form.query_one("#region", Select).value == "North"
        await type_in(pilot, "neo")
        await press_each(pilot, "tab")
        await type_in(pilot, "Neo New")
        await press_each(pilot, "ctrl+s")
        assert status(app) == "added neo"
        team = app.screen
        assert "Neo New" in [ln.label for ln in team.lines]  # the leaderboard reloaded
    neo = org.person(org_db, "neo")
    assert org.login_of(org_db, neo["manager_id"]) == "leo" and neo["role"] == "rep"
    assert neo["display_name"] == "Neo New" and neo["hire_date"] == "2026-11-20"


async def test_a_manager_may_not_add_below_another_branch(org_db):
    before = org.dump(org_db)
    app = make_app(org_db, "ada")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, "Sol South", "N")
        assert isinstance(app.screen, PeopleForm)  # ada is an administrator: anywhere
    app = make_app(org_db, "leo")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, "Leo Low", "P")
        assert isinstance(app.screen, PeopleForm)  # own name and title
        await press_each(pilot, "escape")
        assert isinstance(app.screen, TeamScreen)
    assert org.dump(org_db) == before


async def test_markup_in_a_name_and_a_region_shows_as_text(org_db):
    """A name or region holding markup (``[/]`` crashed the form as it opened) shows literally,
    in the heading and among the choices; nothing is written by looking."""
    import sqlite3

    with sqlite3.connect(org_db) as con:
        con.execute("UPDATE person SET display_name = 'Rex [/] [bold]x' WHERE login = 'rex'")
        con.execute("UPDATE region SET name = '[/] [red]North' WHERE id = 1")
    con.close()
    app = make_app(org_db, "mia")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, "Rex [/] [bold]x", "P")
        form = app.screen
        assert isinstance(form, PeopleForm)
        heading = form.query("Static").first()
        assert str(heading.render()) == "Change Rex [/] [bold]x (rex)"
        offered = [str(label) for label, _ in form.query_one("#region", Select)._options]
        assert "[/] [red]North" in offered
        await press_each(pilot, "escape")
        assert isinstance(app.screen, TeamScreen)
    assert org.person(org_db, "rex")["version"] == 1


async def test_a_person_sets_their_own_time_zone_and_the_app_s_days_follow(org_db):
    from salestui.kernel.clock import zone_name

    before = org.dump(org_db)
    app = make_app(org_db, "leo")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, "Leo Low", "P")
        form = app.screen
        form.query_one("#timezone", Input).focus()
        await type_in(pilot, "Mars/Olympus")
        await press_each(pilot, "ctrl+s")
        assert isinstance(app.screen, PeopleForm)  # stays open to be corrected
        assert error(app).startswith("no time zone named 'Mars/Olympus'")
        assert org.dump(org_db) == before
        form.query_one("#timezone", Input).value = ""
        await type_in(pilot, "Asia/Shanghai")
        await press_each(pilot, "ctrl+s")
        assert isinstance(app.screen, TeamScreen)
        assert status(app) == "changed leo: timezone (none) → Asia/Shanghai"
        assert zone_name() == "Asia/Shanghai"
    assert org.person(org_db, "leo")["timezone"] == "Asia/Shanghai"
