"""The pipeline board driven by its real keys on a seeded file database, checked in the rows after.

The screen is only half of each check: a key that shows the right message but writes the wrong
row (or writes when it should not) is the failure these tests are here to catch.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

import pytest
from rich.console import Console
from sqlmodel import Session, func, select

from salestui.db.engine import make_engine
from salestui.db.tables import ActionItem, Approval, AuditLog, Opportunity, Person, StageChange
from salestui.screens.board.column import StageColumn
from salestui.screens.board.deal_detail import DealDetailScreen
from salestui.screens.board.deal_forms import DealFormScreen, LostReasonScreen
from salestui.screens.board.screen import FIRST_PAGE, BoardScreen
from salestui.screens.common.keys import KeysScreen
from tests import fixtures
from tests.screens.pilot import SIZE, add_prospects, make_app, press, read, settle

pytestmark = pytest.mark.usefixtures("utc_zone")

NOW_NAIVE = fixtures.NOW.replace(tzinfo=None)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def board(app) -> BoardScreen:
    return next(s for s in app.screen_stack if isinstance(s, BoardScreen))


def columns(app) -> dict[str, StageColumn]:
    return {c.stage: c for c in board(app).query(StageColumn)}


def status(app) -> str:
    return str(board(app).query_one("#status").content)


def shown(renderable, width: int = 118) -> str:
    """What a Rich renderable looks like as plain text."""
    console = Console(width=width, record=True, file=open(os.devnull, "w"), color_system=None)
    console.print(renderable)
    return console.export_text()


def column_text(col: StageColumn) -> str:
    return "\n".join(line.plain for line in col.render().renderables)


def card_lines(col: StageColumn, title: str) -> list[str]:
    """The four drawn lines of the card whose title line holds ``title``."""
    lines = [line.plain for line in col.render().renderables]
    at = next(i for i, line in enumerate(lines) if title in line)
    return lines[at - 1 : at + 3]


def deal(db: str, deal_id: int) -> Opportunity:
    return read(db, select(Opportunity).where(Opportunity.id == deal_id))[0]


def history(db: str, deal_id: int) -> list[StageChange]:
    return read(
        db,
        select(StageChange).where(StageChange.opportunity_id == deal_id).order_by(StageChange.id),
    )


def audit(db: str, **where) -> list[AuditLog]:
    stmt = select(AuditLog).order_by(AuditLog.id)
    for name, value in where.items():
        stmt = stmt.where(getattr(AuditLog, name) == value)
    return read(db, stmt)


def count(db: str, table) -> int:
    return read(db, select(func.count()).select_from(table))[0]


def naive(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def assert_untouched(db: str, deal_id: int, stage: str, *, history_len: int) -> None:
    row = deal(db, deal_id)
    assert (row.stage, row.version) == (stage, 1)
    assert len(history(db, deal_id)) == history_len
    assert audit(db) == []


# ---- cursor ---------------------------------------------------------------------------------
async def test_cursor_starts_on_first_prospect_card(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = board(app)
        assert screen.column_index == 0
        prospect = columns(app)["Prospect"]
        assert prospect.active
        assert [c.id for c in prospect.cards] == [1, 8]
        assert prospect.selected.id == 1
        assert card_lines(prospect, "华信 ERP rollout")[0].startswith("▌上海华信")
        assert "20d in Prospect (limit 14d)" in status(app)


async def test_hl_and_arrows_skip_empty_columns(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await filter_text(pilot, "华信")
        cols = columns(app)
        assert [len(cols[s].cards) for s in cols] == [1, 0, 0, 1]
        assert board(app).column_index == 0
        await press(pilot, "l")
        assert board(app).column_index == 3, "l must jump over empty Qualified and Proposal"
        assert board(app).column.selected.id == 4
        await press(pilot, "l")
        assert board(app).column_index == 3, "nothing to the right of Negotiation"
        await press(pilot, "h")
        assert board(app).column_index == 0
        await press(pilot, "right")
        assert board(app).column_index == 3
        await press(pilot, "left")
        assert board(app).column_index == 0


async def test_rep_with_empty_first_column_starts_on_own_deal(seeded_db):
    app = make_app(seeded_db, "rep_south")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        cols = columns(app)
        assert [len(cols[s].cards) for s in cols] == [0, 0, 1, 0]
        assert board(app).column_index == 2
        assert board(app).column.selected.id == 3


async def test_j_scrolls_a_long_column_fetching_more_pages(seeded_db):
    add_prospects(seeded_db, 60)
    every = read(
        seeded_db,
        select(Opportunity.id)
        .where(Opportunity.stage == "Prospect")
        .order_by(Opportunity.stage_entered_at, Opportunity.id),
    )
    assert len(every) == 62

    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        col = columns(app)["Prospect"]
        assert len(col.cards) == FIRST_PAGE, "the first frame holds the first page only"
        for _ in range(55):
            await pilot.press("j")
        await settle(pilot)
        assert col.base + col.cursor == 55
        assert col.selected.id == every[55]
        assert col.base + len(col.cards) == 62, "the rest was fetched as the cursor neared it"
        assert "56/62" in column_text(col)
        assert col.top <= col.cursor < col.top + col.visible_cards, "the cursor stays in view"
        await press(pilot, "k", "k")
        assert col.selected.id == every[53]


# ---- stage moves ----------------------------------------------------------------------------
async def test_right_bracket_moves_to_qualified(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "right_square_bracket")

        row = deal(seeded_db, 1)
        assert (row.stage, row.version, row.probability) == ("Qualified", 2, 25)
        assert naive(row.stage_entered_at) == NOW_NAIVE
        assert row.updated_by == "boss"
        last = history(seeded_db, 1)[-1]
        assert (last.from_stage, last.to_stage, last.changed_by) == (
            "Prospect",
            "Qualified",
            "boss",
        )
        assert naive(last.changed_at) == NOW_NAIVE
        rows = audit(seeded_db, row_id=1, table_name="opportunity")
        assert {r.by_login for r in rows} == {"boss"}
        assert {(r.field, r.old, r.new) for r in rows} >= {
            ("stage", "Prospect", "Qualified"),
            ("probability", "10", "25"),
            ("version", "1", "2"),
        }

        cols = columns(app)
        assert [c.id for c in cols["Prospect"].cards] == [8]
        assert 1 in [c.id for c in cols["Qualified"].cards]
        assert (cols["Prospect"].totals.count, cols["Qualified"].totals.count) == (1, 2)
        assert cols["Qualified"].totals.amount_minor == 20_000_000
        assert "moved to Qualified" in status(app)


async def test_left_bracket_moves_back(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "right_square_bracket")  # the cursor goes with the deal
        assert board(app).column.stage == "Qualified"
        assert board(app).column.selected.id == 1
        await press(pilot, "left_square_bracket")

        row = deal(seeded_db, 1)
        assert (row.stage, row.version, row.probability) == ("Prospect", 3, 10)
        steps = [(h.from_stage, h.to_stage, h.changed_by) for h in history(seeded_db, 1)]
        assert steps[-2:] == [("Prospect", "Qualified", "boss"), ("Qualified", "Prospect", "boss")]
        assert 1 in [c.id for c in columns(app)["Prospect"].cards]
        assert 1 not in [c.id for c in columns(app)["Qualified"].cards]


async def test_w_wins_the_deal_once_signed_off(seeded_db):
    from salestui.services.approvals import decide

    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "w")  # #1, a Prospect of 120,000: nobody was asked to sign it off
        assert status(app).startswith("“华信 ERP rollout” needs its sign-off before it is won")
        assert "(director: Bo Boss, Mei East): move it to Negotiation" in status(app)
        assert deal(seeded_db, 1).stage == "Prospect" and audit(seeded_db) == []

        await press(pilot, "l", "l", "l")  # Negotiation: #4 first (longest in stage)
        assert board(app).column.selected.id == 4
        await press(pilot, "w")
        assert "waits for approval before it is won (director: Bo Boss, Mei East)" in status(app)
        with Session(make_engine(seeded_db)) as s:
            decide(s, "mgr_east", 1, approve=True, now=fixtures.NOW)
        await press(pilot, "r", "w")  # reloaded: the director has signed

        row = deal(seeded_db, 4)
        assert (row.stage, row.probability, row.version) == ("Won", 100, 3)
        assert naive(row.closed_at) == NOW_NAIVE
        assert row.lost_reason is None
        assert history(seeded_db, 4)[-1].to_stage == "Won"
        assert {r.by_login for r in audit(seeded_db, by_login="boss")} == {"boss"}
        assert 4 not in [c.id for c in columns(app)["Negotiation"].cards]
        assert "won" in status(app)
        assert "Won 2" in str(board(app).query_one("#closed").content)


async def test_x_loses_with_the_reason_chosen(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "x")
        assert isinstance(app.screen, LostReasonScreen)
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, BoardScreen)

        row = deal(seeded_db, 1)
        assert (row.stage, row.lost_reason, row.probability, row.version) == (
            "Lost",
            "competitor",
            0,
            2,
        )
        assert naive(row.closed_at) == NOW_NAIVE
        last = history(seeded_db, 1)[-1]
        assert (last.to_stage, last.changed_by) == ("Lost", "boss")
        assert ("lost_reason", None, "competitor") in {
            (r.field, r.old, r.new) for r in audit(seeded_db, by_login="boss")
        }
        assert "lost (competitor)" in status(app)


async def test_x_then_escape_changes_nothing(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "x")
        assert isinstance(app.screen, LostReasonScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)
        assert_untouched(seeded_db, 1, "Prospect", history_len=1)
        assert [c.id for c in columns(app)["Prospect"].cards] == [1, 8]


async def test_right_bracket_on_negotiation_says_so(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l", "l", "l")
        assert board(app).column.stage == "Negotiation"
        assert board(app).column.selected.id == 4
        await press(pilot, "right_square_bracket")
        assert "last open stage" in status(app)
        assert board(app).query_one("#status").has_class("-error")
        assert_untouched(seeded_db, 4, "Negotiation", history_len=4)


async def test_entering_negotiation_asks_the_director(seeded_db):
    from salestui.services.deal_create import create_deal

    engine = make_engine(seeded_db)
    with Session(engine) as s:
        new_id = create_deal(
            s,
            "boss",
            customer_id=1,
            title="华信 mid deal",
            amount="450,000",
            expected_close="2026-12-15",
            owner_login="rep_li",
            stage="Proposal",
            now=fixtures.days_ago(2),
        ).deal_id
    engine.dispose()
    before = len(audit(seeded_db))

    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l", "l", "j")
        assert board(app).column.selected.id == new_id
        await press(pilot, "right_square_bracket")

        row = deal(seeded_db, new_id)
        assert (row.stage, row.approval) == ("Negotiation", "pending")
        approvals = read(seeded_db, select(Approval).where(Approval.opportunity_id == new_id))
        assert [(a.approver_role, a.status) for a in approvals] == [("director", "pending")]
        assert naive(approvals[0].requested_at) == NOW_NAIVE
        new_audit = audit(seeded_db)[before:]
        assert {r.by_login for r in new_audit} == {"boss"}
        assert any(r.table_name == "approval" and r.row_id == approvals[0].id for r in new_audit)

        neg = columns(app)["Negotiation"]
        assert new_id in [c.id for c in neg.cards]
        assert "◷appr" in card_lines(neg, "华信 mid deal")[3]
        assert "approval pending: director" in status(app)


async def test_a_rep_is_offered_and_shown_only_their_own_deals(seeded_db):
    # rep_south owns #3 (Proposal) and #6 (Won); everyone else's deals stay out of sight.
    app = make_app(seeded_db, "rep_south")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        assert [b.id for b in app.screen.query("RadioButton")] == ["scope-me"]
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, BoardScreen)
        shown = {c.id for col in columns(app).values() for c in col.cards}
        assert shown == {3}
        board(app).filter_state = board(app).filter_state.__class__(scope="everyone")
        assert board(app).board_filter().owner_ids == (5,)  # "everyone" is still her own


async def test_u_undoes_the_last_own_move(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "right_square_bracket")
        assert deal(seeded_db, 1).stage == "Qualified"
        await press(pilot, "u")

        row = deal(seeded_db, 1)
        assert (row.stage, row.probability, row.version) == ("Prospect", 10, 3)
        assert naive(row.stage_entered_at) == fixtures.days_ago(20).replace(tzinfo=None)
        last = history(seeded_db, 1)[-1]
        assert (last.from_stage, last.to_stage, last.changed_by) == (
            "Qualified",
            "Prospect",
            "boss",
        )
        assert any(r.batch.startswith("undo:") for r in audit(seeded_db, by_login="boss"))
        assert "undone" in status(app)
        assert [c.id for c in columns(app)["Prospect"].cards] == [1, 8]


async def test_stale_version_is_refused_with_who_changed_it(seeded_db):
    from salestui.services.deals import move_stage

    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert board(app).column.selected.version == 1
        engine = make_engine(seeded_db)
        with Session(engine) as s:  # another person, behind the app's back
            move_stage(s, "mgr_east", 1, "Qualified", 1, now=fixtures.NOW)
        engine.dispose()

        await press(pilot, "right_square_bracket")
        assert "changed by mgr_east" in status(app)
        assert board(app).query_one("#status").has_class("-error")

        row = deal(seeded_db, 1)
        assert (row.stage, row.version, row.updated_by) == ("Qualified", 2, "mgr_east")
        assert [h.changed_by for h in history(seeded_db, 1)] == ["rep_li", "mgr_east"]
        assert audit(seeded_db, by_login="boss") == []


# ---- dialogs --------------------------------------------------------------------------------
async def test_enter_opens_detail_with_history(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "right_square_bracket")  # the cursor goes along with the deal
        assert board(app).column.selected.id == 1
        await press(pilot, "enter")
        assert isinstance(app.screen, DealDetailScreen)
        text = shown(app.screen.query_one("#detail").content)
        assert "华信 ERP rollout" in text
        assert "李伟 (rep_li)" in text
        assert "Qualified · 25%" in text
        lines = text.splitlines()
        created = next(line for line in lines if "· → Prospect" in line)
        assert "2026-10-31 10:00" in created and "rep_li" in created
        moved = next(line for line in lines if "Prospect → Qualified" in line)
        assert "2026-11-20 10:00" in moved and "boss" in moved
        assert "首次拜访" in text

        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)
        assert deal(seeded_db, 1).version == 2, "opening a deal writes nothing"


async def test_the_detail_shows_the_next_step_and_what_came_of_an_activity(seeded_db):
    """Logged from a script (salestui activity add's service), seen in the app."""
    from salestui.services.activities import log_activity

    with Session(make_engine(seeded_db)) as s:
        log_activity(s, "rep_li", kind="call", deal_id=1, outcome="budget confirmed",
                     note="call back Monday", next_step="send the quote",
                     next_date="2026-11-25", now=fixtures.NOW)  # fmt: skip
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, DealDetailScreen)
        text = shown(app.screen.query_one("#detail").content)
        assert "Next step       2026-11-25: send the quote" in text
        line = next(ln for ln in text.splitlines() if "budget confirmed" in ln)
        assert "2026-11-20 10:00" in line and "call" in line and "call back Monday" in line


async def test_question_mark_lists_the_keys(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, KeysScreen)
        text = "\n".join(shown(s.content) for s in app.screen.query("Static"))
        lines = {line.split(None, 1)[0]: line for line in text.splitlines() if line.strip()}
        assert "Move the deal to the next stage" in lines["]"]
        assert "previous stage" in lines["["]
        assert "/" in lines and "u" in lines and "?" in lines
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)


async def fill_new_deal(pilot, *, amount: str, close: str) -> None:
    await press(pilot, "n")
    assert isinstance(pilot.app.screen, DealFormScreen)
    await type_text(pilot, "Acme Corp")
    await pilot.press("enter")
    await type_text(pilot, "Acme cloud")
    await pilot.press("enter")
    await type_text(pilot, amount)
    await pilot.press("enter")
    await type_text(pilot, close)
    await press(pilot, "ctrl+s")


async def test_n_creates_a_deal(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fill_new_deal(pilot, amount="12,500.00", close="2026-12-31")
        assert isinstance(app.screen, BoardScreen), "saving closes the form"

        rows = read(seeded_db, select(Opportunity).where(Opportunity.title == "Acme cloud"))
        assert len(rows) == 1
        row = rows[0]
        boss = read(seeded_db, select(Person).where(Person.login == "boss"))[0]
        assert (row.amount_minor, row.owner_id, row.customer_id) == (1_250_000, boss.id, 3)
        assert (row.stage, row.version, row.expected_close) == ("Prospect", 1, date(2026, 12, 31))
        steps = history(seeded_db, row.id)
        assert [(h.from_stage, h.to_stage, h.changed_by) for h in steps] == [
            (None, "Prospect", "boss")
        ]
        rows_audit = audit(seeded_db, row_id=row.id, table_name="opportunity")
        assert {r.by_login for r in rows_audit} == {"boss"}
        assert ("amount_minor", "1250000") in {(r.field, r.new) for r in rows_audit}
        assert "created" in status(app)
        assert row.id in [c.id for c in columns(app)["Prospect"].cards]


@pytest.mark.parametrize(
    ("amount", "close", "message"),
    [
        ("abc", "2026-12-31", "amount must be a number"),
        ("12,500.00", "2026-02-30", "must be a real date"),
    ],
)
async def test_n_with_bad_input_shows_error_and_writes_nothing(seeded_db, amount, close, message):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fill_new_deal(pilot, amount=amount, close=close)
        assert isinstance(app.screen, DealFormScreen), "the form stays open to be corrected"
        assert message in str(app.screen.query_one("#error").content)
        assert count(seeded_db, Opportunity) == 8
        assert count(seeded_db, StageChange) == 23
        assert audit(seeded_db) == []


async def test_e_edits_amount_and_counts_a_pushed_close_date(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, DealFormScreen)
        assert form.query_one("#amount").value == "120,000.00"
        form.query_one("#amount").focus()
        await pilot.press("home", "ctrl+k")
        await type_text(pilot, "130,000.50")
        await pilot.press("enter")  # on to the close date
        await pilot.press("home", "ctrl+k")
        await type_text(pilot, "2027-01-15")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, BoardScreen)

        row = deal(seeded_db, 1)
        assert (row.amount_minor, row.expected_close) == (13_000_050, date(2027, 1, 15))
        assert (row.close_date_pushes, row.version, row.stage) == (1, 2, "Prospect")
        changed = {(r.field, r.old, r.new) for r in audit(seeded_db, by_login="boss")}
        assert changed >= {
            ("amount_minor", "12000000", "13000050"),
            ("expected_close", "2026-12-20", "2027-01-15"),
            ("close_date_pushes", "0", "1"),
        }
        assert "saved" in status(app)
        card = card_lines(columns(app)["Prospect"], "华信 ERP rollout")
        assert "130,001" in card[2]
        assert "↻1" in card[3]


async def filter_text(pilot, needle: str) -> None:
    await press(pilot, "slash")
    pilot.app.screen.query_one("#text").focus()  # the dialog opens on its first field
    await type_text(pilot, needle)
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, BoardScreen)


async def test_slash_filters_by_text(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await filter_text(pilot, "华信")
        cols = columns(app)
        assert {s: [c.id for c in col.cards] for s, col in cols.items()} == {
            "Prospect": [1],
            "Qualified": [],
            "Proposal": [],
            "Negotiation": [4],
        }
        assert [(c.totals.count, c.totals.amount_minor) for c in cols.values()] == [
            (1, 12_000_000),
            (0, 0),
            (0, 0),
            (1, 45_000_000),
        ]
        assert "no deals" in column_text(cols["Qualified"])
        summary = str(board(app).query_one("#summary").content)
        assert "2 deals · 570,000" in summary and "“华信”" in summary
        assert audit(seeded_db) == []


async def test_a_makes_an_action_item_for_the_deal(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        form = app.screen
        assert form.query_one("#title").value == "Follow up: 华信 ERP rollout"
        assert form.query_one("#owner").value == "rep_li"
        assert form.query_one("#due").value == "2026-11-27"
        assert str(form.query_one("#save").label) == "Create"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, BoardScreen), "saving closes the form"
        assert "action item “Follow up: 华信 ERP rollout” created for rep_li" in status(app)
    item = read(seeded_db, select(ActionItem))[0]
    assert (item.title, item.link_type, item.link_id, item.priority) == (
        "Follow up: 华信 ERP rollout",
        "opportunity",
        1,
        "normal",
    )


async def test_a_with_a_past_due_date_shows_error_and_writes_nothing(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        form = app.screen
        form.query_one("#due").value = "2026-11-01"
        await press(pilot, "ctrl+s")
        assert app.screen is form, "the form stays open to be corrected"
        assert "is in the past" in str(form.query_one("#error").content)
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)
    assert count(seeded_db, ActionItem) == 0


# --- hostile text typed and pasted into the real forms -------------------------------------------


async def paste(pilot, text: str) -> None:
    """What a terminal sends when a person pastes: the focused field takes the text's first line."""
    from textual import events

    pilot.app.focused.post_message(events.Paste(text))
    await settle(pilot)


async def paste_new_deal(pilot, title: str, amount: str, close: str) -> None:
    """`n`, Acme Corp typed, the other fields pasted, then ctrl+s."""
    await press(pilot, "n")
    await type_text(pilot, "Acme Corp")
    for value in (title, amount, close):
        await pilot.press("enter")
        await paste(pilot, value)
    await press(pilot, "ctrl+s")


def error_line(app) -> str:
    return str(app.screen.query_one("#error").content)


async def test_a_pasted_escape_in_the_title_is_refused_naming_the_field(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await paste_new_deal(pilot, "Pilot \x1b]52;c;ZXZpbA==\x07 [bold]x", "5", "2026-12-31")
        assert isinstance(app.screen, DealFormScreen), "the form stays open to be corrected"
        assert error_line(app) == "the title contains a control character (U+001B): remove it"
    assert count(seeded_db, Opportunity) == 8
    assert audit(seeded_db) == []


@pytest.mark.parametrize(
    "amount", ["99999999999999999999", "12,000,000,000,000.55", "NaN", "1e309", "-5"]
)
async def test_a_huge_or_odd_amount_is_refused_then_a_corrected_one_saves_as_typed(
    seeded_db, amount
):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await paste_new_deal(pilot, "Renewal [Q3] [/] 华信 ‮evil‬ e\u0301 😀", amount, "9999-12-31")
        assert isinstance(app.screen, DealFormScreen)
        assert "amount" in error_line(app)
        assert count(seeded_db, Opportunity) == 8
        app.screen.query_one("#amount").value = "12,000.55"
        await press(pilot, "ctrl+s")
        assert "expected close date 9999-12-31 is outside 1900–2200" in error_line(app)
        app.screen.query_one("#close").value = "2200-12-31"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, BoardScreen), "saving closes the form"
    deal = read(seeded_db, select(Opportunity).where(Opportunity.id == 9))[0]
    assert deal.title == "Renewal [Q3] [/] 华信 ‮evil‬ e\u0301 😀"
    assert (deal.amount_minor, deal.expected_close) == (1_200_055, date(2200, 12, 31))


async def test_a_control_character_in_the_filter_text_is_refused(seeded_db):
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        form = app.screen
        form.query_one("#text").focus()  # the dialog opens on its first field
        await paste(pilot, "华信\x9b2J")
        await press(pilot, "enter")
        assert app.screen is form, "the filter stays open to be corrected"
        assert error_line(app) == "the text contains a control character (U+009B): remove it"
        await press(pilot, "escape")
        assert [c.id for c in columns(app)["Qualified"].cards] == [2], "the board is unfiltered"
