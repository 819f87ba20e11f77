"""The team screen driven by its real keys on the team fixture, checked on screen and in the rows."""

from __future__ import annotations

import pytest
from sqlmodel import select

from salestui.db.tables import AuditLog, Person, Target
from salestui.screens.board.screen import BoardScreen
from salestui.screens.team.charts import ChartsScreen
from salestui.screens.team.person import PersonScreen
from salestui.screens.team.screen import TeamScreen
from salestui.screens.team.target_form import TargetScreen
from tests.screens.pilot import SIZE, make_app, press_each, read

pytestmark = pytest.mark.usefixtures("utc_zone")


def team(app) -> TeamScreen:
    return next(s for s in app.screen_stack if isinstance(s, TeamScreen))


def labels(app) -> list[str]:
    return [ln.label for ln in team(app).lines]


def selected(app) -> str:
    return team(app).selected.label


async def go_to(pilot, label: str) -> None:
    screen = team(pilot.app)
    await press_each(pilot, "home")
    for _ in range(len(screen.lines)):
        if screen.selected.label == label:
            return
        await press_each(pilot, "down")
    raise AssertionError(f"{label} is not on the leaderboard: {labels(pilot.app)}")


async def test_period_steps_and_kind_change_the_figures(team_db):
    app = make_app(team_db)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, "3")
        screen = team(app)
        assert screen.period.label == "2026-Q4"
        root = screen.lines[0].figures
        # Q4: the November closes; targets: team 1,000,000 of mgr_east + rep_li's quarter
        assert root.revenue == 350_000 * 100
        await press_each(pilot, "left_square_bracket")
        assert screen.period.label == "2026-Q3"
        assert screen.lines[0].figures.revenue == 300_000 * 100  # rep_li's August win
        await press_each(pilot, "right_square_bracket", "right_square_bracket")
        assert screen.period.label == "2026-Q4"  # 2027-Q1 has not started: refused
        assert "has not started" in str(screen.query_one("#status").content)
        await press_each(pilot, "g")  # quarter → year
        assert screen.period.label == "2026"
        await press_each(pilot, "g", "g")  # → month → quarter
        assert screen.period.label == "2026-Q4"
        await press_each(pilot, "g", "g")  # → year → month
        assert screen.period.label == "2026-11"
        fig = screen.lines[0].figures
        assert fig.target == 600_000 * 100 and round(fig.attainment, 4) == 0.5833
        assert "58%" in str(screen.query_one("#summary").content)


async def test_fold_unfold_and_sort_from_the_keyboard(team_db):
    app = make_app(team_db)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, "3", "g", "g")  # November
        assert team(app).period.label == "2026-11"
        # first view: regions open, teams below the viewer folded
        assert labels(app) == ["Company", "华东", "Bo Boss", "Mei East", "华南", "Sam South"]
        await go_to(pilot, "Mei East")
        await press_each(pilot, "right")
        assert labels(app)[4:7] == ["李伟", "Wang Fang", "Nia New"]
        await press_each(pilot, "s")  # revenue → target
        assert team(app).sort_key == "target"
        await press_each(pilot, "S", "S")  # back to revenue, then name (A→Z)
        assert team(app).sort_key == "name"
        assert labels(app)[4:7] == ["Nia New", "Wang Fang", "李伟"]
        assert selected(app) == "Mei East"  # the cursor stays on its line
        await press_each(pilot, "left")
        assert "李伟" not in labels(app)
        await press_each(pilot, "minus")
        assert labels(app) == ["Company", "华东", "华南"]
        await press_each(pilot, "plus")
        assert len(labels(app)) == 9
        await press_each(pilot, "v")  # the ranking, by name
        assert labels(app)[0] == "Nia New" and "华东" not in labels(app)


async def test_enter_opens_a_person_and_p_shows_their_board(team_db):
    app = make_app(team_db)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, "3", "plus")
        await go_to(pilot, "李伟")
        await press_each(pilot, "enter")
        person = app.screen
        assert isinstance(person, PersonScreen)
        text = str(person.query_one("#funnel").content.title)
        assert "Funnel" in text
        months = person.query_one("#revenue-plot").detail.months
        assert len(months) == 36 and months[-1].month.isoformat() == "2026-11-01"
        assert months[-1].revenue == 200_000 * 100 and months[-1].target == 250_000 * 100
        await press_each(pilot, "p")
        assert isinstance(app.screen, BoardScreen)
        li = read(team_db, select(Person).where(Person.login == "rep_li"))[0]
        assert app.screen.filter_state.person_id == li.id


async def test_charts_open_for_the_period(team_db):
    app = make_app(team_db)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, "3", "c")
        charts = app.screen
        assert isinstance(charts, ChartsScreen)
        data = charts.query_one("#chart-regions").data
        assert data.concentration.top3 == 1.0  # two regions: all of it
        await press_each(pilot, "right")
        assert charts.query_one("TabbedContent").active == "tab-quadrants"


async def test_set_and_change_a_target_with_the_keys(team_db):
    app = make_app(team_db)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, "3", "g", "g", "plus")  # November, all open
        await go_to(pilot, "Wang Fang")
        await press_each(pilot, "t")
        form = app.screen
        assert isinstance(form, TargetScreen)
        assert "200,000" in str(form.query_one("#current").content)  # the November target
        for ch in "260000":
            await pilot.press(ch)
        await press_each(pilot, "enter")
        assert isinstance(app.screen, TeamScreen)
        wang = read(team_db, select(Person).where(Person.login == "rep_wang"))[0]
        rows = read(
            team_db,
            select(Target).where(Target.scope_id == wang.id, Target.scope_type == "person"),
        )
        assert [(r.period_start.isoformat(), r.value, r.version) for r in rows] == [
            ("2026-11-01", 26_000_000, 2)
        ]
        log = read(team_db, select(AuditLog).where(AuditLog.table_name == "target"))
        assert [(a.field, a.old, a.new, a.by_login) for a in log] == [
            ("value", "20000000", "26000000", "boss")
        ]
        assert "from 200,000 to 260,000" in str(team(app).query_one("#status").content)
        # a bad value is refused, nothing written
        await go_to(pilot, "Wang Fang")
        await press_each(pilot, "t")
        for ch in "-5":
            await pilot.press(ch)
        await press_each(pilot, "enter")
        assert isinstance(app.screen, TargetScreen)
        assert "negative" in str(app.screen.query_one("#error").content)
        assert len(read(team_db, select(AuditLog).where(AuditLog.table_name == "target"))) == 1


async def test_a_rep_cannot_set_targets(team_db):
    app = make_app(team_db, user="rep_wang")
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, "3")
        assert team(app).lines[0].label == "Wang Fang"  # a rep's leaderboard: her own line
        assert {ln.label for ln in team(app).lines if ln.kind == "person"} == {"Wang Fang"}
        await press_each(pilot, "t")
        for ch in "1000":
            await pilot.press(ch)
        await press_each(pilot, "enter")
        assert isinstance(app.screen, TargetScreen)
        assert str(app.screen.query_one("#error").content)  # refused with a reason
        assert read(team_db, select(AuditLog).where(AuditLog.table_name == "target")) == []


async def test_a_closed_quarter_says_the_org_it_is_attributed_with(org_db, session_for):
    """rex moved from leo to sol in Q4: leo's Q3 (`[`) still holds rex, and the status line says
    whose org that is; Q4, still running, says nothing and holds rex no more."""
    from datetime import UTC, datetime

    from salestui.services.people import change_person

    moved = datetime(2026, 10, 15, 9, 0, tzinfo=UTC)
    change_person(session_for(org_db), "ada", "rex", {"manager": "sol"}, now=moved)
    app = make_app(org_db, "leo")
    async with app.run_test(size=(160, 40)) as pilot:
        await press_each(pilot, "3", "plus")
        summary = str(team(app).query_one("#summary").content)
        assert "org as of" not in summary and "Rex Rep" not in labels(app)
        await press_each(pilot, "left_square_bracket")
        summary = str(team(app).query_one("#summary").content)
        assert "2026-Q3" in summary and "org as of 2026-09-30" in summary
        assert "Rex Rep" in labels(app)
