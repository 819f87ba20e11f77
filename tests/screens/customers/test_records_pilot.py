"""Customers corrected and merged on the customer tiers, by their real keys (`e`, `m`, `d`, `u`)
on tests/customers/fixtures.py, checked in the database after — every table, before the merge,
after it and after its undo."""

from __future__ import annotations

import sqlite3

import pytest
from sqlmodel import select
from textual.widgets import Input, OptionList

from salestui.db.tables import AuditLog, Customer
from salestui.screens.customers.customer_form import CustomerFormScreen
from salestui.screens.customers.duplicates import DuplicatesScreen
from salestui.screens.customers.merge import MergeConfirmScreen, MergePickScreen
from salestui.screens.customers.screen import CustomersScreen
from tests.screens.pilot import SIZE, make_app, press, read, settle

pytestmark = pytest.mark.usefixtures("utc_zone")

MOVING = ("opportunity", "sales_order", "activity", "complaint", "nps_answer")


def add_acme_again(db: str) -> None:
    """ "ACME Inc." (#7, rep_wang's like Acme Corp #3): one deal, order, activity, complaint and
    NPS answer copied from customer #1's first, a contact, an open action item and a lead."""
    con = sqlite3.connect(db)
    con.execute(
        "INSERT INTO customer (id, name, owner_id, region_id, created_at, version, industry, "
        "channel, size) SELECT 7, 'ACME Inc.', owner_id, region_id, created_at, 1, industry, "
        "channel, size FROM customer WHERE id = 3"
    )
    for table in MOVING:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] != "id"]
        picked = ", ".join("7" if c == "customer_id" else c for c in cols)
        con.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) SELECT {picked} FROM {table} "
            "WHERE customer_id = 1 ORDER BY id LIMIT 1"
        )
    con.execute(
        "INSERT INTO contact (customer_id, name, title, phone, email, role, created_at, version) "
        "VALUES (7, 'Ann Buyer', 'CFO', '', 'ann@acme.example', 'decision maker', "
        "'2026-11-01', 1)"
    )
    con.execute(
        "INSERT INTO action_item (title, owner_id, due, status, priority, link_type, link_id, "
        "origin, created_by, created_at, version) VALUES ('Call ACME', 4, '2026-12-01', 'open', "
        "'normal', 'customer', 7, 'manual', 'rep_wang', '2026-11-19', 1)"
    )
    con.execute(
        "INSERT INTO lead (name, company, source, industry, need_fit, decision_authority, "
        "budget_timeline, engagement_history, grade, created_at, owner_id, status, version, "
        "customer_id) VALUES ('Bo Lead', 'ACME Inc.', 'website', 'retail', 3, 3, 3, 3, 'B', "
        "'2026-11-02', 4, 'converted', 1, 7)"
    )
    con.commit()
    con.close()


def every_table(db: str) -> dict[str, list[tuple]]:
    """Every row of every table but the audit log's, versions left out (a move counts one up)."""
    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'audit_%' AND name != 'alembic_version'"
        )]  # fmt: skip
        out = {}
        for name in names:
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({name})") if r[1] != "version"]
            out[name] = sorted(
                con.execute(f"SELECT {', '.join(cols)} FROM {name}").fetchall(), key=repr
            )
        return out
    finally:
        con.close()


def owners_of_7(db: str) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        out = {t: con.execute(f"SELECT count(*) FROM {t} WHERE customer_id = 7").fetchone()[0]
               for t in (*MOVING, "contact", "lead")}  # fmt: skip
        out["action_item"] = con.execute(
            "SELECT count(*) FROM action_item WHERE link_type = 'customer' AND link_id = 7"
        ).fetchone()[0]
        return out
    finally:
        con.close()


async def filter_to(pilot, text: str) -> None:
    await press(pilot, "slash")
    await pilot.press(*text)
    await press(pilot, "enter")


async def test_e_corrects_a_customer_and_a_stale_form_saves_nothing(customers_db, session_for):
    app = make_app(customers_db, "rep_wang")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await filter_to(pilot, "Acme")
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, CustomerFormScreen)
        assert form.query_one("#name", Input).value == "Acme Corp"
        assert form.version == 1
        form.query_one("#industry", Input).value = ""
        form.query_one("#industry", Input).focus()
        await pilot.press(*"software")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CustomersScreen)
        assert "saved “Acme Corp”: industry changed" in str(
            app.screen.query_one("#status").render()
        )
        acme = read(customers_db, select(Customer).where(Customer.id == 3))[0]
        assert (acme.industry, acme.version) == ("software", 2)
        # opened, then changed by someone else: the save is refused naming who, nothing written
        await press(pilot, "e")
        s = session_for(customers_db)
        from salestui.services.customer_records import edit_customer

        edit_customer(s, "mgr_east", 3, 2, size="large")
        app.screen.query_one("#name", Input).value = "Acme Corporation"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CustomerFormScreen)
        assert "changed by mgr_east" in str(app.screen.query_one("#error").render())
    acme = read(customers_db, select(Customer).where(Customer.id == 3))[0]
    assert (acme.name, acme.size, acme.version) == ("Acme Corp", "large", 3)


async def test_m_merges_into_a_likely_duplicate_and_u_undoes_it(customers_db):
    add_acme_again(customers_db)
    before = every_table(customers_db)
    assert owners_of_7(customers_db) == {"opportunity": 1, "sales_order": 1, "activity": 1,
                                         "complaint": 1, "nps_answer": 1, "contact": 1,
                                         "lead": 1, "action_item": 1}  # fmt: skip
    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await filter_to(pilot, "ACME Inc")
        await press(pilot, "m")
        pick = app.screen
        assert isinstance(pick, MergePickScreen)
        options = pick.query_one("#targets", OptionList)
        # the likely duplicates first: Acme Corp, the same name but the legal form
        assert [
            str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
        ] == ["Acme Corp (#3) same name but the legal form"]
        await press(pilot, "down", "enter")
        confirm = app.screen
        assert isinstance(confirm, MergeConfirmScreen)
        moves = str(confirm.query_one("#moves").render())
        assert moves == (
            "Moves: 1 deals, 1 orders, 1 activities, 1 complaints, 1 NPS answers, "
            "1 action items, 1 contacts, 1 leads."
        )
        await press(pilot, "enter")
        assert isinstance(app.screen, CustomersScreen)
        status = str(app.screen.query_one("#status").render())
        batch = app.screen.last_merge
        assert "merged “ACME Inc.” into “Acme Corp”" in status and batch in status
        after = every_table(customers_db)
        assert owners_of_7(customers_db) == dict.fromkeys(owners_of_7(customers_db), 0)
        assert [r for r in after["customer"] if r[0] == 7] == []
        for table in (*MOVING, "contact", "lead"):
            moved = [r for r in before[table] if r not in after[table]]
            assert len(moved) == 1, table  # the one row of #7, now #3's
        await press(pilot, "u")
        assert "undid merge" in str(app.screen.query_one("#status").render())
    assert every_table(customers_db) == before
    batches = {a.batch for a in read(customers_db, select(AuditLog))}
    assert {batch, "undo:" + batch} <= batches


async def test_d_lists_the_pairs_and_merges_one(customers_db):
    add_acme_again(customers_db)
    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2", "d")
        assert isinstance(app.screen, DuplicatesScreen)
        assert [(p.first, p.second) for p in app.screen.pairs] == [(3, 7)]
        await press(pilot, "enter")  # ACME Inc. (#7, right) into Acme Corp (#3, left)
        assert isinstance(app.screen, MergeConfirmScreen)
        assert (app.screen.merged_id, app.screen.kept_id) == (7, 3)
        await press(pilot, "enter")
        assert isinstance(app.screen, CustomersScreen)
    assert owners_of_7(customers_db)["opportunity"] == 0
    assert read(customers_db, select(Customer).where(Customer.id == 7)) == []


@pytest.mark.parametrize("user", ["rep_li"])
async def test_merging_another_reps_customer_is_refused_and_writes_nothing(customers_db, user):
    # rep_li sees only 上海华信科技 (#1): nothing to merge into, then a search finds nothing else
    add_acme_again(customers_db)
    before = every_table(customers_db)
    app = make_app(customers_db, user)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2", "m")
        assert isinstance(app.screen, MergePickScreen)
        assert "no likely duplicates" in str(app.screen.query_one("#what").render())
        await pilot.press(*"Acme")
        await settle(pilot)
        assert app.screen.shown == []
        await press(pilot, "escape")
    assert every_table(customers_db) == before


async def test_e_on_the_detail_leaves_a_region_not_touched_as_it_was(customers_db):
    from salestui.screens.customers.detail import CustomerDetailScreen

    con = sqlite3.connect(customers_db)
    con.execute("UPDATE customer SET region_id = NULL WHERE id = 6")  # Epsilon: no region
    con.commit()
    con.close()
    app = make_app(customers_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await filter_to(pilot, "Epsilon")
        await press(pilot, "enter", "e")
        form = app.screen
        assert isinstance(form, CustomerFormScreen)
        assert form.query_one("#region", Input).value == ""
        form.query_one("#size", Input).focus()
        await pilot.press(*"small")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CustomerDetailScreen)
        assert "saved “Epsilon”: size changed" in str(app.screen.query_one("#status").render())
    epsilon = read(customers_db, select(Customer).where(Customer.id == 6))[0]
    assert (epsilon.size, epsilon.region_id, epsilon.version) == ("small", None, 2)


async def test_m_on_the_detail_merges_and_goes_back_to_the_list(customers_db):
    add_acme_again(customers_db)
    app = make_app(customers_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await filter_to(pilot, "ACME Inc")
        await press(pilot, "enter", "m", "down", "enter", "enter")
        assert isinstance(app.screen, CustomersScreen)
        assert "merged “ACME Inc.” into “Acme Corp”" in str(
            app.screen.query_one("#status").render()
        )
    assert read(customers_db, select(Customer).where(Customer.id == 7)) == []
    assert owners_of_7(customers_db) == dict.fromkeys(owners_of_7(customers_db), 0)
