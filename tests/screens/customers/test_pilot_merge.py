"""M merges the customer under the cursor into another, U takes it back: real keys, then every
table of the database compared (tests/customers/fixtures.py: Acme Corp #3 has deals, a complaint,
NPS answers and an activity; 北方机械 #4 is another customer)."""

from __future__ import annotations

import sqlite3

import pytest
from textual.widgets import OptionList

from salestui.screens.customers.merge import MergeScreen, candidates
from salestui.screens.customers.screen import CustomersScreen
from tests.screens.customers.test_pilot import listed
from tests.screens.pilot import SIZE, make_app, press, settle

pytestmark = pytest.mark.usefixtures("utc_zone")
TABLES = ("customer", "opportunity", "sales_order", "activity", "complaint", "nps_answer",
          "action_item", "contact", "lead", "stage_change", "approval")  # fmt: skip


def dump(path: str) -> dict[str, list[tuple]]:
    """Every row of the tables a merge touches, without the versions a move raises."""
    con = sqlite3.connect(path)
    try:
        out = {}
        for table in TABLES:
            cur = con.execute(f"SELECT * FROM {table} ORDER BY 1")
            keep = [i for i, d in enumerate(cur.description) if d[0] != "version"]
            out[table] = [tuple(r[i] for i in keep) for r in cur.fetchall()]
        return out
    finally:
        con.close()


def test_typing_narrows_the_choices_and_the_likely_duplicates_come_first():
    others = [(1, "上海华信科技有限公司"), (2, "深圳腾达电子"), (7, "华信"), (8, "Huaxin Trading")]
    # the first differs only by its legal form; 华信 lacks the place and the trade
    assert candidates("上海华信科技", others, "") == [
        (1, "上海华信科技有限公司", "same name but the legal form"),
        (7, "华信", "same company name"),
    ]
    assert [c[0] for c in candidates("Acme Corp", others, "华")] == [1, 7]
    assert candidates("Acme Corp", others, "zzz") == []


async def test_M_merges_into_the_customer_chosen_and_U_puts_everything_back(customers_db):
    before = dump(customers_db)
    acme_deals = [r[0] for r in before["opportunity"] if r[2] == 3]
    assert acme_deals  # Acme Corp has deals to move
    app = make_app(customers_db, "boss")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await settle(pilot)
        for _ in range(listed(app).index(3)):
            await pilot.press("down")
        await press(pilot, "M")
        assert isinstance(app.screen, MergeScreen)
        await pilot.press(*"北方")
        await press(pilot, "enter", "down", "enter")
        assert app.screen.query_one("#choices", OptionList).option_count == 1
        plan = str(app.screen.query_one("#plan").render())
        assert plan.startswith("Into 北方机械 (#4) moves ") and "deal" in plan
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomersScreen)
        said = str(app.screen.query_one("#status").render())
        assert said.startswith("merged “Acme Corp” into “北方机械”: moved ")
        merged = dump(customers_db)
        assert 3 not in [r[0] for r in merged["customer"]]
        assert {r[0]: r[2] for r in merged["opportunity"] if r[0] in acme_deals} == {
            d: 4 for d in acme_deals
        }
        await press(pilot, "U")
        await settle(pilot)
        said = str(app.screen.query_one("#status").render())
        assert said.startswith("undid merge ") and "“Acme Corp” is back with" in said
        await press(pilot, "U")
        assert "no merge made here to undo" in str(app.screen.query_one("#status").render())
    assert dump(customers_db) == before


async def test_merging_into_itself_is_not_offered_and_nothing_chosen_is_refused(customers_db):
    before = dump(customers_db)
    app = make_app(customers_db, "boss")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await settle(pilot)
        first = listed(app)[0]
        await press(pilot, "M")
        name = app.screen.customer_name
        await pilot.press(*name)
        await settle(pilot)
        ids = [o.id for o in app.screen.query_one("#choices", OptionList).options]
        assert str(first) not in ids
        await press(pilot, "ctrl+s")
        assert "choose the customer to merge into" in str(app.screen.query_one("#error").render())
    assert dump(customers_db) == before
