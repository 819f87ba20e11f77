"""The likely duplicate pairs on the customer tiers (key `d`) and a pair merged from there by its
real keys, on tests/customers/fixtures.py with "ACME Inc." (#7) typed again beside Acme Corp (#3);
the database compared table by table before the merge, after it and after `U`."""

from __future__ import annotations

import sqlite3

import pytest
from sqlmodel import select
from textual.widgets import OptionList

from salestui.db.tables import Customer
from salestui.screens.customers.duplicates import DuplicatesScreen
from salestui.screens.customers.merge import MergeScreen
from salestui.screens.customers.screen import CustomersScreen
from tests.fixtures import BOOKKEEPING
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
    """Every row of every table but the audit log's and the change journals' (migrations 0010,
    0018: a merge and its undo stamp the customers and people they change), versions left out (a
    move counts one up)."""
    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'audit_%' AND name != 'alembic_version'"
        ) if r[0] not in BOOKKEEPING]  # fmt: skip
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


async def test_d_lists_the_pairs_and_merges_one_and_u_undoes_it(customers_db):
    add_acme_again(customers_db)
    before = every_table(customers_db)
    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await press(pilot, "d")
        assert isinstance(app.screen, DuplicatesScreen)
        assert [(p.first, p.second, p.why) for p in app.screen.pairs] == [
            (3, 7, "same name but the legal form")
        ]
        await press(pilot, "enter")  # ACME Inc. (#7, right) into Acme Corp (#3, left)
        merge = app.screen
        assert isinstance(merge, MergeScreen)
        assert (merge.customer_id, merge.others) == (7, [(3, "Acme Corp")])
        await press(pilot, "enter", "down")  # down to the one choice, take it
        assert merge.target == 3
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CustomersScreen)
        status = str(app.screen.query_one("#status").render())
        assert "merged “ACME Inc.” into “Acme Corp”" in status
        assert app.screen.last_merge in status
        assert read(customers_db, select(Customer).where(Customer.id == 7)) == []
        assert owners_of_7(customers_db) == dict.fromkeys(owners_of_7(customers_db), 0)
        after = every_table(customers_db)
        for table in (*MOVING, "contact", "lead"):
            assert len([r for r in before[table] if r not in after[table]]) == 1, table
        await press(pilot, "U")
        assert "undid merge" in str(app.screen.query_one("#status").render())
    assert every_table(customers_db) == before


async def test_x_merges_the_left_one_into_the_right(customers_db):
    add_acme_again(customers_db)
    app = make_app(customers_db, "mgr_east")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await press(pilot, "d", "x")
        assert (app.screen.customer_id, app.screen.others) == (3, [(7, "ACME Inc.")])
        await press(pilot, "enter", "down", "ctrl+s")
        assert isinstance(app.screen, CustomersScreen), str(app.screen.query_one("#error").render())
    assert read(customers_db, select(Customer).where(Customer.id == 3)) == []
    # its own deal and Acme Corp's four (#2, #5, #7, #8)
    assert owners_of_7(customers_db)["opportunity"] == 1 + 4


async def test_only_the_customers_a_rep_may_see_are_paired_or_offered(customers_db):
    # rep_wang sees Acme Corp, Delta Tools and ACME Inc. (theirs), not 上海华信科技 (rep_li's)
    add_acme_again(customers_db)
    before = every_table(customers_db)
    app = make_app(customers_db, "rep_wang")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await press(pilot, "d")
        assert sorted(app.screen.names) == [3, 5, 7]
        await press(pilot, "escape", "M")
        await pilot.press(*"华信")
        await settle(pilot)
        assert app.screen.query_one("#choices", OptionList).option_count == 0
        await press(pilot, "escape")
    assert every_table(customers_db) == before
