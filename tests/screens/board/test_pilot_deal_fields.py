"""The deal form's competitor and next step, and the lost dialog's note: real keys, then the
database (the hand-written org of tests/fixtures.py; the clock at 2026-11-20 10:00 UTC)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from salestui.db.tables import AuditLog, Opportunity
from salestui.screens.board.deal_detail import DealDetailScreen
from salestui.screens.board.deal_forms import DealFormScreen, LostReasonScreen
from salestui.screens.board.screen import BoardScreen
from tests.screens.board.test_pilot import deal, shown, type_text
from tests.screens.pilot import SIZES, make_app, press, read, settle


async def new_deal(pilot, *, amount: str, step_date: str) -> None:
    """Every field in the order ``enter`` walks them: customer, title, amount, close, owner
    (kept), competitor, next step, its date; ``enter`` in the last one saves."""
    await press(pilot, "n")
    assert isinstance(pilot.app.screen, DealFormScreen)
    for text in ("Acme Corp", "Acme cloud", amount, "2026-12-31"):
        await type_text(pilot, text)
        await pilot.press("enter")
    await pilot.press("enter")  # owner: boss, as filled in
    for text in ("SAP", "demo to the CIO"):
        await type_text(pilot, text)
        await pilot.press("enter")
    await type_text(pilot, step_date)
    await press(pilot, "enter")


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
async def test_n_saves_competitor_next_step_and_a_yuan_amount(seeded_db, size):
    app = make_app(seeded_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await new_deal(pilot, amount="¥1,234,567.50", step_date="2026-11-27")
        assert isinstance(app.screen, BoardScreen), "saved"
        row = read(seeded_db, select(Opportunity).where(Opportunity.title == "Acme cloud"))[0]
        assert row.amount_minor == 123_456_750  # 1,234,567.50 × 100
        assert (row.competitor, row.next_step, row.next_step_date) == (
            "SAP", "demo to the CIO", date(2026, 11, 27),
        )  # fmt: skip


@pytest.mark.parametrize(
    ("amount", "step_date", "message"),
    [
        ("¥1,234,567.50", "2026-11-19", "2026-11-19 is in the past"),
        ("¥12.345", "2026-11-27", "more than two decimals"),
    ],
)
async def test_n_refuses_a_past_next_step_and_a_bad_amount(seeded_db, amount, step_date, message):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZES["80x24"]) as pilot:
        await settle(pilot)
        await new_deal(pilot, amount=amount, step_date=step_date)
        assert isinstance(app.screen, DealFormScreen), "the form stays open to be corrected"
        assert message in str(app.screen.query_one("#error").content)
        assert read(seeded_db, select(Opportunity).where(Opportunity.title == "Acme cloud")) == []


async def test_e_shows_and_changes_the_competitor(seeded_db):
    from sqlalchemy import text

    from salestui.db.engine import open_database

    engine = open_database(seeded_db)
    with engine.begin() as c:
        c.execute(text("UPDATE opportunity SET competitor = 'Oracle', next_step = 'call', "
                       "next_step_date = '2026-11-10' WHERE id = 1"))  # fmt: skip
    engine.dispose()
    app = make_app(seeded_db)
    async with app.run_test(size=SIZES["120x40"]) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, DealFormScreen)
        assert form.query_one("#competitor").value == "Oracle"
        assert form.query_one("#step_date").value == "2026-11-10"  # past, but it stays
        form.query_one("#competitor").focus()
        await pilot.press("home", "ctrl+k")
        await type_text(pilot, "SAP")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, BoardScreen), "saved"
        row = deal(seeded_db, 1)
        assert (row.competitor, row.next_step_date, row.version) == ("SAP", date(2026, 11, 10), 2)


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
async def test_x_with_a_note(seeded_db, size):
    app = make_app(seeded_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "x")
        assert isinstance(app.screen, LostReasonScreen)
        await pilot.press("tab")  # to the note
        await type_text(pilot, "went with Oracle")
        await press(pilot, "enter")  # back to the reasons
        assert isinstance(app.screen, LostReasonScreen)
        await press(pilot, "down", "enter")  # competitor
        assert isinstance(app.screen, BoardScreen)
        row = deal(seeded_db, 1)
        assert (row.stage, row.lost_reason, row.lost_note) == (
            "Lost", "competitor", "went with Oracle",
        )  # fmt: skip
        audited = read(seeded_db, select(AuditLog).where(AuditLog.field == "lost_note"))
        assert [(a.old, a.new) for a in audited] == [("", "went with Oracle")]
        # the detail shows the note (the board moved on to the next Prospect card: open by id)
        app.push_screen(DealDetailScreen(1))
        await settle(pilot)
        text = shown(app.screen.query_one("#detail").content)
        assert "Lost reason     competitor" in text
        assert "Lost note       went with Oracle" in text
