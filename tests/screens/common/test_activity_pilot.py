"""`L` logs an activity from every door that offers it — the board's card, the deal's detail, the
customer list, the customer's detail, an action item — driven by the real keys on the
hand-written organisation of tests/fixtures.py and checked in the rows after: the activity, the
deal's next step and last activity, the audit; a refusal writes nothing.

The fixtures hold one activity (a visit on #1 华信 ERP rollout, 18 days before NOW); the clock
stands at NOW, 2026-11-20 10:00 UTC, and the zone is UTC.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from rich.console import Console
from sqlmodel import Session, func, select

from salestui.db.engine import make_engine
from salestui.db.tables import ActionItem, Activity, AuditLog, Opportunity
from salestui.screens.actions.screen import ActionPlansScreen
from salestui.screens.board.column import StageColumn, next_step_mark
from salestui.screens.board.deal_detail import DealDetailScreen
from salestui.screens.board.screen import BoardScreen
from salestui.screens.common.activity_form import ActivityFormScreen
from salestui.screens.customers.detail import CustomerDetailScreen
from salestui.screens.customers.screen import CustomersScreen
from tests import fixtures
from tests.fixtures import NOW, TODAY
from tests.screens.pilot import SIZE, make_app, press, read, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


@pytest.fixture(autouse=True)
def no_poll(monkeypatch):
    """The board reloads every 5 seconds once the data changed, and then shows the selected
    card's line instead of the one the log said; a slow run would cross it. Off here: the lines
    read are the ones the keys made."""
    monkeypatch.setattr(BoardScreen, "_check_version", lambda self: None)


NOW_NAIVE = NOW.replace(tzinfo=None)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def fill(pilot, *fields: str) -> None:
    """From the kind (already taken): each field typed, then ``enter`` to the next; the last
    ``enter`` saves. An empty string leaves the field as offered."""
    for value in fields:
        if value:
            await type_text(pilot, value)
        await press(pilot, "enter")


def activities(db: str) -> list[Activity]:
    return read(db, select(Activity).order_by(Activity.id))


def deal(db: str, deal_id: int) -> Opportunity:
    return read(db, select(Opportunity).where(Opportunity.id == deal_id))[0]


def naive(moment):
    return moment.replace(tzinfo=None) if moment is not None and moment.tzinfo else moment


def status(screen) -> str:
    return str(screen.query_one("#status").content)


def shown(renderable, width: int = 110) -> str:
    console = Console(width=width, record=True, file=open(os.devnull, "w"), color_system=None)
    console.print(renderable)
    return console.export_text()


def card_lines(app, stage: str, title: str) -> list[str]:
    board = next(s for s in app.screen_stack if isinstance(s, BoardScreen))
    col = next(c for c in board.query(StageColumn) if c.stage == stage)
    lines = [line.plain for line in col.render().renderables]
    at = next(i for i, line in enumerate(lines) if title in line)
    return lines[at - 1 : at + 3]


# ---- the board's card -----------------------------------------------------------------------
async def test_a_visit_logged_from_the_board_card_sets_the_next_step(seeded_db):
    app = make_app(seeded_db)  # boss: #1 is rep_li's, below boss
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert card_lines(app, "Prospect", "ERP rollout")[3].rstrip() == " ⚠20d>14d no next step"
        await press(pilot, "L")
        form = app.screen
        assert isinstance(form, ActivityFormScreen)
        assert form.query_one("#when").value == "2026-11-20 10:00"  # now, on the person's clock
        # the kinds are visit, call, email…; call is taken: ← highlights visit, enter takes it
        await press(pilot, "left", "enter")
        await fill(pilot, "", "45", "agreed the pilot scope", "met the CIO", "send quote")
        await fill(pilot, "2026-11-27")  # the last field: enter saves
        assert isinstance(app.screen, BoardScreen)
        said = "Logged a visit on “华信 ERP rollout”; next step 2026-11-27: send quote"
        assert status(app.screen) == said
        # the card reloaded: its last line ends with the next step (month-day, this year)
        assert card_lines(app, "Prospect", "ERP rollout")[3].rstrip().endswith("→11-27 send quote")
    new = activities(seeded_db)[-1]
    assert len(activities(seeded_db)) == 2
    assert (new.kind, new.opportunity_id, new.customer_id, new.person_id) == ("visit", 1, 1, 1)
    assert (new.duration_minutes, new.outcome, new.note) == (
        45,
        "agreed the pilot scope",
        "met the CIO",
    )
    assert (new.next_step, new.next_step_date) == ("send quote", date(2026, 11, 27))
    assert naive(new.occurred_at) == NOW_NAIVE  # the "when" left as offered: now
    row = deal(seeded_db, 1)
    assert (row.next_step, row.next_step_date, row.version) == ("send quote", date(2026, 11, 27), 2)
    assert naive(row.last_activity_at) == NOW_NAIVE  # was 18 days ago
    audit = read(seeded_db, select(AuditLog).where(AuditLog.by_login == "boss"))
    assert {a.table_name for a in audit} == {"activity", "opportunity"}
    changed = {a.field for a in audit if a.table_name == "opportunity"}
    assert changed == {"last_activity_at", "next_step", "next_step_date", "version"}


async def test_a_future_time_is_refused_on_the_form_and_nothing_is_written(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "L", "enter")  # call, as offered; to "when", its text selected
        await type_text(pilot, "2026-11-21 09:00")  # tomorrow
        await press(pilot, "ctrl+s")
        form = app.screen
        assert isinstance(form, ActivityFormScreen)  # still open, to be corrected
        error = str(form.query_one("#error").content)
        assert error == ("an activity is logged once it happened; what is to come is a next step")
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)
    assert len(activities(seeded_db)) == 1
    row = deal(seeded_db, 1)
    assert (row.version, row.next_step) == (1, "")
    assert read(seeded_db, select(func.count()).select_from(AuditLog))[0] == 0


async def test_a_deal_not_yours_is_refused_on_the_form(seeded_db):
    # a rep's board shows their own deals only: the form is opened on #1 as the board would
    app = make_app(seeded_db, "rep_wang")  # #1 is rep_li's, beside rep_wang, not below
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ActivityFormScreen(deal_id=1, label="华信 ERP rollout"))
        await settle(pilot)
        await press(pilot, "ctrl+s")
        error = str(app.screen.query_one("#error").content)
        assert error.startswith("“华信 ERP rollout” is not yours")
    assert len(activities(seeded_db)) == 1


# ---- the deal's detail ----------------------------------------------------------------------
async def test_logged_from_the_deal_detail_the_list_shows_it(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")  # #1's detail
        assert isinstance(app.screen, DealDetailScreen)
        await press(pilot, "L", "enter")  # a call
        await fill(pilot, "2026-11-20 08:30", "", "left a message", "", "", "")
        detail = app.screen
        assert isinstance(detail, DealDetailScreen)
        text = shown(detail.query_one("#detail").content)
        assert text.splitlines()[0] == "Logged a call on “华信 ERP rollout”"
        activities_part = text.split("Activities", 1)[1]
        # newest first: the call this morning, then the visit of 18 days ago
        assert activities_part.index("2026-11-20 08:30  call") < activities_part.index("visit")
        assert "left a message" in activities_part
    new = activities(seeded_db)[-1]
    assert (new.kind, new.opportunity_id, naive(new.occurred_at)) == (
        "call",
        1,
        NOW_NAIVE - timedelta(hours=1, minutes=30),
    )
    row = deal(seeded_db, 1)
    assert row.next_step == "" and naive(row.last_activity_at) == NOW_NAIVE - timedelta(minutes=90)


# ---- the customer list and the customer's detail --------------------------------------------
async def test_logged_on_a_customer_from_the_list_and_the_detail(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        customers = app.screen
        assert isinstance(customers, CustomersScreen)
        assert customers.selected_id() == 2  # 深圳腾达电子: the only 12-month revenue, first
        await press(pilot, "L")
        form = app.screen
        assert isinstance(form, ActivityFormScreen)
        assert not form.query("#next_step")  # a next step belongs to a deal
        await press(pilot, "enter")  # a call
        await fill(pilot, "", "10", "", "asked about the invoice")  # the note is last: saves
        assert isinstance(app.screen, CustomersScreen)
        assert status(app.screen) == "Logged a call on 深圳腾达电子"
        await press(pilot, "enter")
        detail = app.screen
        assert isinstance(detail, CustomerDetailScreen)
        await press(pilot, "L", "left", "enter")  # a visit
        await fill(pilot, "2026-11-19", "60", "renewal likely", "met purchasing")
        assert app.screen is detail
        assert status(detail) == "Logged a visit on 深圳腾达电子"
        sections = shown(detail.query_one("#sections").content)
        assert "2026-11-20 10:00 call · Bo Boss · asked about the invoice" in sections
        assert "2026-11-19 00:00 visit · Bo Boss · renewal likely — met purchasing" in sections
        assert sections.index("call · Bo Boss") < sections.index("visit · Bo Boss")  # newest first
    call, visit = activities(seeded_db)[-2:]
    assert (call.kind, call.customer_id, call.opportunity_id, call.duration_minutes) == (
        "call",
        2,
        None,
        10,
    )
    assert (visit.kind, visit.customer_id, visit.opportunity_id, naive(visit.occurred_at)) == (
        "visit",
        2,
        None,
        NOW_NAIVE.replace(hour=0) - timedelta(days=1),
    )
    assert deal(seeded_db, 3).version == 1  # 腾达's deal: an activity on the customer leaves it


# ---- an action item -------------------------------------------------------------------------
def add_items(db: str) -> dict[str, int]:
    """Three items of boss's: on #2 Acme renewal, on the customer Acme Corp, on a person."""
    engine = make_engine(db)
    made = {}
    with Session(engine) as s:
        for name, link_type, link_id in (
            ("deal", "opportunity", 2),
            ("customer", "customer", 3),
            ("person", "person", 4),
        ):
            item = ActionItem(
                title=f"Follow up {name}",
                owner_id=1,
                due=TODAY + timedelta(days=3),
                link_type=link_type,
                link_id=link_id,
                created_by="boss",
                created_at=fixtures.days_ago(1),
            )
            s.add(item)
            s.flush()
            made[name] = item.id
        s.commit()
    engine.dispose()
    return made


async def to_item(pilot, item_id: int) -> None:
    table = pilot.app.screen.query_one("#items")
    steps = table.get_row_index(f"i:{item_id}") - table.cursor_coordinate.row
    await press(pilot, *(["down"] * steps if steps > 0 else ["up"] * -steps))


async def test_logged_from_action_items_on_their_deal_else_their_customer(seeded_db):
    made = add_items(seeded_db)
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "i")
        plans = app.screen
        assert isinstance(plans, ActionPlansScreen)
        await to_item(pilot, made["deal"])
        await press(pilot, "L", "right", "enter")  # email
        await fill(pilot, "", "", "sent the terms", "", "call back", "2026-11-24")
        assert app.screen is plans
        assert status(plans) == "Logged an email on “Acme renewal”; next step 2026-11-24: call back"
        await to_item(pilot, made["customer"])
        await press(pilot, "L", "enter")
        await fill(pilot, "", "", "", "quarterly check-in")
        assert status(plans) == "Logged a call on Acme Corp"
        await to_item(pilot, made["person"])
        await press(pilot, "L")
        assert app.screen is plans  # no form: nothing to log on
        assert status(plans) == "“Follow up person” is on no deal or customer: nothing to log on"
    email, call = activities(seeded_db)[-2:]
    assert (email.kind, email.opportunity_id, email.customer_id, email.outcome) == (
        "email",
        2,
        3,
        "sent the terms",
    )
    assert (call.kind, call.opportunity_id, call.customer_id, call.note) == (
        "call",
        None,
        3,
        "quarterly check-in",
    )
    assert len(activities(seeded_db)) == 3
    row = deal(seeded_db, 2)
    assert (row.next_step, row.next_step_date) == ("call back", date(2026, 11, 24))


# ---- the card's mark ------------------------------------------------------------------------
def test_the_cards_next_step_mark_reads_without_colour():
    from dataclasses import replace

    from salestui.db.queries.board import DealCard

    card = DealCard(
        1, 1, "t", 1, "c", 1, "o", "O", "Prospect", 1, 10, NOW, TODAY, None, 0, None, None, None
    )
    assert next_step_mark(card, TODAY).plain == "no next step"
    due = replace(card, next_step="send quote", next_step_date=date(2026, 11, 20))
    assert next_step_mark(due, TODAY).plain == "→11-20 send quote"  # today: not yet overdue
    late = replace(due, next_step_date=date(2026, 11, 19))
    assert next_step_mark(late, TODAY).plain == "!11-19 send quote"
    next_year = replace(due, next_step_date=date(2027, 1, 8))
    assert next_step_mark(next_year, TODAY).plain == "→2027-01-08 send quote"
