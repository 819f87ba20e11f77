"""The leads screen driven by its real keys on tests/leads/fixtures.py (NOW 2026-11-20 10:00
UTC), checked in the database after."""

from __future__ import annotations

import pytest
from sqlmodel import select

from salestui.db.tables import Activity, Contact, Customer, Lead, Opportunity
from salestui.screens.leads.screen import LeadsScreen
from tests.leads.fixtures import add_leads
from tests.screens.pilot import SIZE, make_app, press, read, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


@pytest.fixture
def db(seeded_db) -> str:
    return add_leads(seeded_db)


def screen(app) -> LeadsScreen:
    return next(s for s in app.screen_stack if isinstance(s, LeadsScreen))


def listed(app) -> list[int]:
    return screen(app).lines.ids()


def lead(db, lead_id: int) -> Lead:
    return read(db, select(Lead).where(Lead.id == lead_id))[0]


async def test_most_urgent_first_and_the_closed_on_a(db):
    app = make_app(db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "6")
        assert isinstance(app.screen, LeadsScreen)
        # mgr_east's team and the unowned lead of 华东: overdue #1, 20h #2, 4d #3, contacted #5
        assert listed(app) == [1, 2, 3, 5]
        assert "⚠ 1 overdue" in str(app.screen.query_one("#story").render())
        await press(pilot, "a")
        assert listed(app) == [1, 2, 3, 5, 6]


async def test_contact_with_the_activity_form_stops_the_clock(db):
    app = make_app(db, "rep_li")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "6")
        assert listed(app) == [1, 5]
        await press(pilot, "c")  # the activity form, on lead #1 (the top row)
        await press(pilot, "right", "right", "enter")  # kind: call → email → meeting
        await pilot.press("tab", "tab", "tab")  # when, minutes, outcome → note
        await pilot.press(*"asked for a demo")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, LeadsScreen)
        found = lead(db, 1)
        assert (found.status, found.first_contact_at is not None) == ("contacted", True)
        acts = read(db, select(Activity).where(Activity.lead_id == 1))
        assert [(a.kind, a.note, a.person_id) for a in acts] == [("meeting", "asked for a demo", 3)]
        # contacted now, 3 h after it came in: 1 h past the A limit, and the clock stopped
        assert [(x.lead.id, x.clock.words) for x in screen(app).lines] == [
            (1, "late 1h"),
            (5, "late 4h"),
        ]


async def test_disqualify_asks_the_reason(db):
    app = make_app(db, "rep_li")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "6", "D")
        await press(pilot, "ctrl+s")  # no reason: refused, the form stays
        assert "needs a reason" in str(app.screen.query_one("#error").render())
        assert lead(db, 1).status == "new"
        await pilot.press(*"a student")
        await press(pilot, "enter")
        assert (lead(db, 1).status, lead(db, 1).status_reason) == ("disqualified", "a student")
        assert listed(app) == [5]


async def test_convert_into_customer_contact_and_deal(db):
    app = make_app(db, "rep_li")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "6", "V")
        amount = app.screen.query_one("#amount")
        amount.value = "80000"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, LeadsScreen)
        found = lead(db, 1)
        assert found.status == "converted"
        customer = read(db, select(Customer).where(Customer.id == found.customer_id))[0]
        contact = read(db, select(Contact).where(Contact.id == found.contact_id))[0]
        deal = read(db, select(Opportunity).where(Opportunity.id == found.opportunity_id))[0]
        assert (customer.name, contact.name, contact.email) == (
            "星河科技有限公司",
            "张三",
            "zhang@xinghe.cn",
        )
        assert (deal.title, deal.amount_minor, deal.owner_id) == (
            "星河科技有限公司 — online",
            8_000_000,
            3,
        )
        assert listed(app) == [5]  # converted: closed, not shown


async def test_qualify_after_contact_and_open_what_it_became(db):
    from salestui.screens.board.deal_detail import DealDetailScreen

    app = make_app(db, "rep_li")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "6", "Q", "ctrl+s")  # #1 never contacted: refused on the form line
        assert "has not been contacted yet" in str(app.screen.query_one("#error").render())
        await press(pilot, "escape", "down", "Q")  # #5, contacted
        await pilot.press(*"budget in Q1")
        await press(pilot, "enter")
        assert (lead(db, 5).status, lead(db, 5).status_reason) == ("qualified", "budget in Q1")
        await press(pilot, "enter")  # not converted: said, nothing opens
        assert isinstance(app.screen, LeadsScreen)
        assert "not converted yet" in str(app.screen.query_one("#status").render())
        await press(pilot, "V", "ctrl+s", "a")  # convert #5 with the defaults; show the closed
        deal_id = lead(db, 5).opportunity_id
        assert deal_id is not None
        ids = listed(app)
        screen(app).query_one("#list").move_cursor(row=ids.index(5))
        await press(pilot, "enter")
        assert isinstance(app.screen, DealDetailScreen)


async def test_text_from_data_is_shown_as_text(db):
    import sqlite3

    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE lead SET name = 'Pilot [/] [bold]x', company = '[red]Co[/red]' "
                    "WHERE id = 1")  # fmt: skip
    con.close()
    app = make_app(db, "rep_li")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "6")
        assert listed(app) == [1, 5]
        table = screen(app).query_one("#list")
        assert table.get_row_at(0)[2].plain == "[red]Co[/red]"
        assert "Pilot [/] [bold]x" in str(app.screen.query_one("#status").render())
        await press(pilot, "V")  # the convert form names it as text too
        assert "[red]Co[/red]" == app.screen.query_one("#customer_name").value


async def test_o_shows_the_converted_customer_on_the_board(db):
    from salestui.screens.board.screen import BoardScreen

    app = make_app(db, "rep_li")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "6", "o")
        assert "not converted yet" in str(app.screen.query_one("#status").render())
        await press(pilot, "V", "ctrl+s", "a")
        ids = listed(app)
        screen(app).query_one("#list").move_cursor(row=ids.index(1))
        await press(pilot, "o")
        assert isinstance(app.screen, BoardScreen)


def test_a_lead_of_another_year_shows_its_year(utc_zone):
    from datetime import UTC, datetime
    from types import SimpleNamespace as N

    from salestui.screens.leads.screen import cells

    def made(at: datetime) -> str:
        lead = N(grade="A", company="华信", name="Li", status="contacted", owner="李伟",
                 source="online", created_at=at)  # fmt: skip
        clock = N(overdue=False, waiting=False, words="in time")
        return str(cells(N(lead=lead, clock=clock, is_open=True), 2026)[-1])

    assert made(datetime(2026, 11, 26, 2, 35, tzinfo=UTC)) == "11-26 02:35"
    assert made(datetime(2025, 12, 4, 7, 2, tzinfo=UTC)) == "2025-12-04"  # not next month's


def many_waiting(db: str) -> None:
    """250 more waiting C leads of rep_li's: lead #6 + i came in i minutes ago."""
    import sqlite3

    from tests.leads.fixtures import stamp

    con = sqlite3.connect(db)
    with con:
        for i in range(1, 251):
            con.execute(
                "INSERT INTO lead (name, company, source, industry, region_id, grade, created_at, "
                "owner_id, status, status_reason, email, phone, version, need_fit, "
                "decision_authority, budget_timeline, engagement_history) VALUES (?, ?, 'online', "
                "'retail', 1, 'C', ?, 3, 'new', '', '', '', 1, 0, 0, 0, 0)",
                (f"Person {i}", f"Company {i}", stamp(i / 60)),
            )
    con.close()


async def open_leads(pilot):
    """The board settled, then `6`: the leads' table."""
    await settle(pilot)
    await press(pilot, "6")
    return screen(pilot.app).query_one("#list")


async def test_a_long_list_is_drawn_a_page_at_a_time_and_the_keys_work_deep_in_it(db):
    """250 more waiting C leads of rep_li's (C: 120 h), lead #6 + i came in i minutes ago: the
    list is #1 (overdue), then the 250 by the least time left (the oldest, #256, first), then
    #5 (contacted) — 252 leads, drawn 100 at a time as the cursor goes down."""
    from salestui.screens.common.pages import PAGE

    many_waiting(db)
    app = make_app(db, "rep_li")
    async with app.run_test(size=SIZE) as pilot:
        table = await open_leads(pilot)
        assert listed(app) == [1, *range(256, 6, -1), 5]
        assert table.row_count == PAGE  # not 252
        await press(pilot, *["down"] * 180)  # row 180: #1 is row 0, #256 row 1 … #77 row 180
        assert table.cursor_row == 180
        assert 180 < table.row_count < 252
        assert "Person 71" in status_line(app)  # lead #77 came in 71 minutes ago
        await press(pilot, "D", *"moved away", "enter")
        assert table.row_count == PAGE  # read again without it: the first page again
        await press(pilot, "ctrl+end")  # the last row drawn: the next page
        assert table.row_count == 2 * PAGE
        await press(pilot, "ctrl+end", "ctrl+end")
        assert table.row_count == 251  # the disqualified one is gone from the open list
        assert table.cursor_row == 250
        assert "Old Friend" in status_line(app)  # #5, the contacted one, last
    assert (lead(db, 77).status, lead(db, 77).status_reason) == ("disqualified", "moved away")
    still = read(db, select(Lead).where(Lead.status == "disqualified"))
    assert sorted(x.id for x in still) == [6, 77]


def status_line(app) -> str:
    return str(screen(app).query_one("#status").render())


async def test_leads_gone_before_their_page_is_drawn_read_the_list_again(db):
    """The list is ordered from a narrow read and each page's rows read as it is drawn: leads
    removed in between (an import undone by someone else) make the screen read the list again
    — the rows below them are drawn, none is skipped or made up."""
    import sqlite3

    from salestui.screens.common.pages import PAGE

    many_waiting(db)
    app = make_app(db, "rep_li")
    async with app.run_test(size=SIZE) as pilot:
        table = await open_leads(pilot)
        assert table.row_count == PAGE and len(screen(app).lines) == 252
        with sqlite3.connect(db) as con:  # rows 101-110 of the list: leads #156 … #147
            con.execute("DELETE FROM lead WHERE id BETWEEN 147 AND 156")
        await press(pilot, *["down"] * 95)  # near the end of the first page: the next one
        await settle(pilot)
        assert listed(app) == [1, *range(256, 156, -1), *range(146, 6, -1), 5]
        drawn = [int(k.value) for k in table.rows]  # the table's rows are the list's, in order
        assert PAGE < len(drawn) and drawn == listed(app)[: len(drawn)]
        await press(pilot, "down")
        assert table.cursor_row == 96
        assert "Person 155" in status_line(app)  # row 96: lead #161, in 155 minutes ago
        await press(pilot, *["down"] * 10)  # rows 101 on: #146 on, the leads after the gone ones
        assert "Person 135" in status_line(app)  # row 106: lead #141
        assert table.cursor_row == 106
