"""Action plans (4) and the weekly review (5) driven by their real keys; each checked in the rows."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from salestui.db.tables import ActionItem, AuditLog, Setting
from salestui.screens.actions.screen import ActionPlansScreen
from salestui.screens.board.deal_detail import DealDetailScreen
from salestui.screens.review.screen import ReviewScreen
from tests.fixtures import TODAY
from tests.screens.pilot import SIZE, make_app, press, read, settle

pytestmark = pytest.mark.usefixtures("utc_zone")


def status(app) -> str:
    return str(app.screen.query_one("#status").content)


async def to_row(pilot, table_id: str, key: str) -> None:
    table = pilot.app.screen.query_one(f"#{table_id}")
    target = table.get_row_index(key)
    steps = target - table.cursor_coordinate.row
    await press(pilot, *(["down"] * steps if steps > 0 else ["up"] * -steps))


async def test_a_warning_becomes_one_item_for_its_owner(review_db):
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "w")
        assert isinstance(app.screen, ActionPlansScreen)
        await to_row(pilot, "warnings", "g:stalled:李伟")  # rep_li's two stalled deals, folded
        await press(pilot, "space")
        await to_row(pilot, "warnings", "stalled:opportunity:4")
        await press(pilot, "a")
        assert "is now an item for 李伟" in status(app)
        await to_row(pilot, "warnings", "stalled:opportunity:4")
        await press(pilot, "a")  # the same warning again: refused
        assert "already has an open item" in status(app)
    made = read(
        review_db, select(ActionItem).where(ActionItem.warning_key == "stalled:opportunity:4")
    )
    assert len(made) == 1
    item = made[0]
    assert (item.owner_id, item.due.isoformat(), item.link_type, item.link_id, item.origin) == (
        3,
        "2026-11-23",
        "opportunity",
        4,
        "stalled",
    )
    audit = read(review_db, select(AuditLog.field).where(AuditLog.row_id == item.id))
    assert "*created*" in audit


async def test_finish_the_first_overdue_item(review_db):
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        await press(pilot, "f")  # the cursor starts on the first item: the overdue one
        assert "“Unblock stalled deal”: marked done" in status(app)
        table = app.screen.query_one("#items")
        assert "i:1" not in [r.value for r in table.rows]
    item = read(review_db, select(ActionItem).where(ActionItem.id == 1))[0]
    assert item.status == "done" and item.done_at is not None and item.version == 2
    assert read(
        review_db, select(AuditLog.new).where(AuditLog.row_id == 1, AuditLog.field == "status")
    )


async def test_reschedule_refuses_a_bad_date_then_saves_a_good_one(review_db):
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        await to_row(pilot, "items", "i:3")
        await press(pilot, "D")
        await press(pilot, "ctrl+a", "ctrl+k", *"2026-13-01", "enter")
        assert "real date" in str(app.screen.query_one("#error").content)
        assert read(review_db, select(ActionItem.due).where(ActionItem.id == 3))[
            0
        ] == TODAY.replace(day=21)
        await press(pilot, "ctrl+a", "ctrl+k", *"2026-12-01", "enter")
        assert "due 2026-12-01" in status(app)
    assert str(read(review_db, select(ActionItem.due).where(ActionItem.id == 3))[0]) == "2026-12-01"


async def test_a_rep_cannot_reassign_to_someone_outside_their_team(review_db):
    app = make_app(review_db, "rep_li")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        await press(pilot, "o", "ctrl+a", "ctrl+k", *"rep_wang", "enter")
        assert "only to yourself or people who report to you" in str(
            app.screen.query_one("#error").content
        )
        await press(pilot, "escape")
    assert read(review_db, select(ActionItem.owner_id).where(ActionItem.id == 1))[0] == 3


async def test_new_item_with_n(review_db):
    app = make_app(review_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "n")
        await pilot.press(*"Call", "space", *"华信")
        await press(pilot, "ctrl+s")
        assert "created for mgr_east" in status(app)
    made = read(review_db, select(ActionItem).where(ActionItem.title == "Call 华信"))
    assert len(made) == 1 and made[0].owner_id == 2 and str(made[0].due) == "2026-11-27"


async def test_enter_opens_the_linked_deal(review_db):
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "enter")
        assert isinstance(app.screen, DealDetailScreen)


async def test_mark_the_review_done(review_db):
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        assert isinstance(app.screen, ReviewScreen)
        assert "No review marked done yet" in str(app.screen.query_one("#changes").content)
        await press(pilot, "d")
        assert "review marked done" in status(app)
        assert "Since the review of 2026-11-20 10:00" in str(
            app.screen.query_one("#changes").content
        )
    snap = read(review_db, select(Setting).where(Setting.key == "review.snapshot.boss"))
    assert len(snap) == 1 and '"forecast_minor": 0' in snap[0].value
    # money in a snapshot is whole minor units, as everywhere (an int, not a float)
    assert '"open": 216500000,' in snap[0].value
    n = read(
        review_db,
        select(func.count()).select_from(AuditLog).where(AuditLog.table_name == "setting"),
    )
    assert n == [1]


async def test_p_lists_the_sign_offs_waiting_and_y_approves_one(seeded_db):
    """tests/fixtures.py: deal #4 (450,000, rep_li's) waits for the director — boss, a manager
    above rep_li, is one; #5's finance, legal and VP wait for administrators (none here)."""
    from salestui.db.tables import Approval, Opportunity
    from salestui.screens.actions.approvals import ApprovalPromptScreen

    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "p")
        table = app.screen.query_one("#approvals")
        assert [k.value for k in table.rows] == ["a:1"]
        assert "1 to sign off (p)" in str(app.screen.query_one("#head").content)
        await press(pilot, "d")
        assert isinstance(app.screen, ApprovalPromptScreen)
        await press(pilot, "enter")  # a refusal without a comment
        assert "needs a comment" in str(app.screen.query_one("#error").content)
        await press(pilot, "escape", "y")
        await press(pilot, *"fine", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionPlansScreen)
        assert status(app) == (
            "approved the director sign-off of “华信 data platform”; the deal is approved"
        )
        assert [k.value for k in app.screen.query_one("#approvals").rows] == ["none"]
    (a,) = read(seeded_db, select(Approval).where(Approval.id == 1))
    assert (a.status, a.decided_by, a.comment) == ("approved", "boss", "fine")
    (d,) = read(seeded_db, select(Opportunity).where(Opportunity.id == 4))
    assert (d.approval, d.version) == ("approved", 2)


async def test_a_long_list_of_sign_offs_is_drawn_a_page_at_a_time(seeded_db):
    """150 more of rep_li's deals, copies of #4, each waiting for the director, asked after
    #4's (a:1): the list is a:1 then the copies in the order asked, drawn 100 at a time; y on
    row 130 approves that one and no other."""
    import sqlite3

    from salestui.db.tables import Approval
    from salestui.screens.common.pages import PAGE

    con = sqlite3.connect(seeded_db)
    with con:
        cols = [r[1] for r in con.execute("PRAGMA table_info(opportunity)") if r[1] != "id"]
        asked = con.execute("SELECT requested_at FROM approval WHERE id = 1").fetchone()[0]
        picked = ", ".join("? AS title" if c == "title" else c for c in cols)
        (last,) = con.execute("SELECT MAX(id) FROM approval").fetchone()  # #5's three too
        for i in range(1, 151):
            deal = con.execute(
                f"INSERT INTO opportunity ({', '.join(cols)}) SELECT {picked} "
                "FROM opportunity WHERE id = 4",
                (f"copy {i}",),
            ).lastrowid
            con.execute(
                "INSERT INTO approval (opportunity_id, approver_role, status, requested_at) "
                "VALUES (?, 'director', 'pending', datetime(?, ?))",
                (deal, asked, f"+{i} minutes"),
            )
    con.close()
    assert last == 4
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "p")
        table = app.screen.query_one("#approvals")
        assert table.row_count == PAGE  # of 151
        assert "151 to sign off (p)" in str(app.screen.query_one("#head").content)
        await press(pilot, *["down"] * 130)
        assert table.cursor_row == 130 and table.row_count > 130
        assert "copy 130" in status(app)
        await press(pilot, "y", *"ok", "enter")
        await settle(pilot)
        assert "copy 130" in status(app)
    decided = read(seeded_db, select(Approval).where(Approval.status == "approved"))
    assert [(a.id, a.decided_by, a.comment) for a in decided] == [(last + 130, "boss", "ok")]


async def test_items_of_customer_warnings_say_whether_the_warning_still_holds(review_db):
    """Health and churn are judged after the customer table is read: an item whose key is a
    live customer warning of this month says so, any other (another customer, last month's
    key, a churn the customer has not) says cleared — as the warnings list beside it tells."""
    import sqlite3

    keys = ("health:1:2026-11", "health:2:2026-11", "health:1:2026-10", "churn:1")
    with sqlite3.connect(review_db) as con:
        for key in keys:
            con.execute(
                "INSERT INTO action_item (title, owner_id, due, status, priority, link_type, "
                "link_id, origin, warning_key, created_by, created_at, version) VALUES "
                "(?, 1, '2026-11-27', 'open', 'normal', 'customer', 1, ?, ?, 'boss', "
                "'2026-11-01 09:00:00.000000', 1)",
                (f"look at {key}", key.split(":")[0], key),
            )
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        screen = app.screen
        assert isinstance(screen, ActionPlansScreen)
        warned = {(w.kind, w.link_id) for w in screen.inbox if w.kind in ("health", "churn")}
        state = {x.item.warning_key: x.warning for x in screen.lines if x.item.warning_key}
    assert ("health", 1) in warned and ("health", 2) not in warned
    assert ("churn", 1) not in warned
    assert [state[k] for k in keys] == ["live", "cleared", "cleared", "cleared"]


async def test_t_draws_the_other_items_at_once_a_reload_waits_for_the_customers(
    review_db, monkeypatch
):
    """With the customers' part held back: `t` (my team's ↔ mine) draws the other items as soon
    as they are read; a reload of the same ones (an item made elsewhere) leaves them to that
    part."""
    from sqlmodel import Session

    from salestui.db.engine import make_engine
    from salestui.services.actions import create_action_item
    from tests.fixtures import NOW

    app = make_app(review_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "4")
        screen = app.screen
        team_rows = screen.query_one("#items").row_count
        held = lambda s, e: None  # noqa: E731
        monkeypatch.setattr(ActionPlansScreen, "on_action_plans_screen_customers_loaded", held)
        await press(pilot, "t")
        await settle(pilot)
        assert "my items" in str(screen.query_one("#head").render())
        mine = screen.query_one("#items").row_count
        assert mine != team_rows
        engine = make_engine(review_db)
        with Session(engine) as s:
            create_action_item(
                s, "mgr_east", title="Call the CFO", owner_login="mgr_east", due=TODAY, now=NOW
            )
        engine.dispose()
        await press(pilot, "r")
        await settle(pilot)
        assert screen.query_one("#items").row_count == mine  # not drawn without that part
        monkeypatch.undo()
        await press(pilot, "r")
        await settle(pilot)
        assert screen.query_one("#items").row_count > mine  # the new item, with that part
