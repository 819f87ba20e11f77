"""Every screen follows changes made elsewhere (issue 18): shown again after someone else's
change, it is what a fresh app opening it shows — never the figures of its first visit — and a
screen nobody is looking at reads nothing meanwhile (twenty people on one server: each app read
its hidden board and review again after every change of the others')."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from salestui.db.engine import make_engine
from salestui.db.tables import Lead, Opportunity
from salestui.services.deals import move_stage
from salestui.services.leads import contact_lead
from tests.fixtures import NOW
from tests.leads.fixtures import add_leads
from tests.screens.pilot import SCREEN_KEYS, SIZE, make_app, press_each, settle, workers_started
from tests.screens.untranslated import screen_text

pytestmark = pytest.mark.usefixtures("utc_zone")


@pytest.fixture
def db(seeded_db) -> str:
    return add_leads(seeded_db)


def change_elsewhere(db: str) -> None:
    """Another connection (a teammate's app, the command line) loses #4 华信 data platform
    (450,000, stalled in Negotiation) to a competitor and contacts the first lead nobody has met
    yet, through the services."""
    engine = make_engine(db)
    with Session(engine) as s:
        deal = s.exec(select(Opportunity).where(Opportunity.title == "华信 data platform")).one()
        move_stage(s, "boss", deal.id, "Lost", deal.version, lost_reason="competitor", now=NOW)
        lead = s.exec(
            select(Lead).where(Lead.first_contact_at.is_(None)).order_by(Lead.id)  # type: ignore[union-attr]
        ).first()
        contact_lead(s, "boss", lead.id, note="met at the fair", now=NOW)
    engine.dispose()


def body(app) -> str:
    """The screen's words without its status line (which describes the row under the cursor):
    a column that kept the width its first rows needed is the same screen."""
    lines = screen_text(app).split("\n")[:-2]
    return "\n".join(" ".join(line.split()) for line in lines)


@pytest.mark.parametrize("screen", SCREEN_KEYS)
async def test_shown_again_after_a_change_elsewhere_it_is_what_a_fresh_app_shows(db, screen):
    key = SCREEN_KEYS[screen]
    away = "2" if key == "1" else "1"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, key)
        before = body(app)
        await press_each(pilot, away)
        change_elsewhere(db)
        await press_each(pilot, key)
        await settle(pilot)
        again = body(app)
        row = getattr(app.focused, "cursor_row", 0)  # kept on its row's lead through the load
    fresh = make_app(db)
    async with fresh.run_test(size=SIZE) as pilot:
        await press_each(pilot, key, *["down"] * row)
        expected = body(fresh)
    assert again == expected
    assert again != before  # the change shows on every screen: the test can fail


async def test_a_screen_not_shown_reads_nothing_the_one_shown_reads_the_change(db, monkeypatch):
    from salestui.screens.common import follow

    monkeypatch.setattr(follow, "POLL_SECONDS", 0.05)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        ran = workers_started(app)
        await press_each(pilot, "5", "3", "1")  # review and team opened, then the board
        ran.clear()
        change_elsewhere(db)
        for _ in range(10):  # many polls' worth
            await pilot.pause(0.05)
        await settle(pilot)
        assert "board-load" in ran  # the board, shown, read the change
        assert "review-load" not in ran and "team-load" not in ran
        ran.clear()
        await press_each(pilot, "5")  # back to the review: read again at once
        assert ran.count("review-load") == 1


async def test_the_answer_to_a_change_stays_through_a_teammate_s_until_the_next_key(
    customers_db,
):
    """mgr_east changes a customer on the tiers: "changed …: industry". A teammate logs a call
    meanwhile; the tiers read again (the poll) and keep the answer; the next key describes the
    row again."""
    from textual.widgets import Input

    from salestui.services.activities import log_activity

    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, "2", "e")
        app.screen.query_one("#industry", Input).focus()
        await press_each(pilot, "ctrl+a", "ctrl+k")
        await pilot.press(*"semiconductors")
        await press_each(pilot, "ctrl+s")
        tiers = app.screen
        answer = "changed “上海华信科技有限公司”: industry"
        assert str(tiers.query_one("#status").render()) == answer
        engine = make_engine(customers_db)
        with Session(engine) as s:
            log_activity(s, "boss", kind="call", customer_id=2, note="a teammate", now=NOW)
        engine.dispose()
        ran = workers_started(app)
        tiers._check_version()  # what the 5-second poll does
        await settle(pilot)
        await settle(pilot)
        assert "customers-load" in ran  # read again
        assert str(tiers.query_one("#status").render()) == answer
        await press_each(pilot, "down")
        assert str(tiers.query_one("#status").render()) != answer


@pytest.mark.parametrize("screen", ["board", "customers"])
async def test_a_new_hire_s_deal_shows_on_the_manager_s_screens_without_a_restart(db, screen):
    """The org changes too: boss hires Hana under mgr_east and gives her a deal and a customer of
    her own. mgr_east's board (his team by default) and tiers, shown again, are what a fresh app
    shows: her deal, her customer."""
    from salestui.services.customer_records import create_customer
    from salestui.services.deal_create import create_deal
    from salestui.services.people import add_person

    key = SCREEN_KEYS[screen]
    app = make_app(db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, key)
        before = body(app)
        engine = make_engine(db)
        with Session(engine) as s:
            add_person(s, "boss", "hana", "Hana Hire", manager="mgr_east", now=NOW)
        with Session(engine) as s:
            create_deal(s, "boss", customer_id=1, title="Hana's first deal", amount="777000",
                        expected_close="2027-01-31", owner_login="hana", now=NOW)  # fmt: skip
        with Session(engine) as s:
            create_customer(s, "boss", name="Hana Hardware", owner_login="hana", now=NOW)
        engine.dispose()
        board_or_tiers = app.screen
        board_or_tiers._check_version()  # what the 5-second poll does
        await settle(pilot)
        await settle(pilot)
        again = body(app)
    fresh = make_app(db, "mgr_east")
    async with fresh.run_test(size=SIZE) as pilot:
        await press_each(pilot, key)
        expected = body(fresh)
    assert again == expected
    assert again != before


async def test_a_rep_moved_to_another_team_leaves_the_manager_s_tiers(db):
    """rep_wang moves from mgr_east's team to boss's: mgr_east's tiers (his team's customers by
    default) drop Wang's customers at the next poll, as a fresh app would show them."""
    from salestui.services.people import change_person

    app = make_app(db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, "2")
        before = body(app)
        engine = make_engine(db)
        with Session(engine) as s:
            change_person(s, "boss", "rep_wang", {"manager": "boss"}, now=NOW)
        engine.dispose()
        app.screen._check_version()  # what the 5-second poll does
        await settle(pilot)
        await settle(pilot)
        again = body(app)
    fresh = make_app(db, "mgr_east")
    async with fresh.run_test(size=SIZE) as pilot:
        await press_each(pilot, "2")
        expected = body(fresh)
    assert again == expected
    assert again != before


@pytest.mark.parametrize(
    ("key", "group"),
    [("2", "customers-load"), ("3", "team-load"), ("4", "actions-load"), ("7", "forecast-load")],
)
async def test_read_again_an_unchanged_list_stays_as_drawn(db, monkeypatch, key, group):
    """A teammate's change no figure of the tiers or the team shows (a deal's next step) reads
    the screen again and leaves its list as drawn; one that changes a row (a lost deal) redraws
    it."""
    from textual.widgets import DataTable

    from salestui.services.deals import edit_deal

    cleared: list[int] = []
    real_clear = DataTable.clear

    def clear(table, *args, **kwargs):
        cleared.append(table.id)
        return real_clear(table, *args, **kwargs)

    monkeypatch.setattr(DataTable, "clear", clear)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await press_each(pilot, key)
        shown = app.screen
        before, cleared[:] = body(app), []
        engine = make_engine(db)
        with Session(engine) as s:
            deal = s.exec(
                select(Opportunity).where(Opportunity.title == "华信 data platform")
            ).one()
            edit_deal(
                s, "boss", deal.id, deal.version, next_step="call the CFO",
                next_date="2027-01-15", now=NOW,
            )  # fmt: skip
        engine.dispose()
        ran = workers_started(app)
        shown._check_version()  # what the 5-second poll does
        await settle(pilot)
        await settle(pilot)
        assert group in ran and not cleared
        assert body(app) == before
        change_elsewhere(db)
        shown._check_version()
        await settle(pilot)
        await settle(pilot)
        assert cleared and body(app) != before
