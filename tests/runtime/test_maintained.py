"""Figures kept between processes are never stale: after a change made in another process —
through the command line, an import, a merge, or plain SQL — the customer figures read through
the kept result (salestui.runtime.maintained) equal the figures computed from scratch, and only
the customers the change touched were read again."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from salestui.context import AppContext
from salestui.customers.load import customer_rules, forget_tables, load_table
from salestui.customers.table import customer_table
from salestui.db.engine import make_engine
from salestui.db.queries.customers import INPUT_PARTS, customer_inputs, customer_rows
from salestui.db.queries.executor import Table
from salestui.runtime import maintained
from salestui.runtime.maintained import MaintainedRead, decode, encode
from tests.customers.fixtures import NOW

PARTS = [p for p in INPUT_PARTS if p is not customer_rows]


@pytest.fixture(autouse=True)
def _fresh_process():
    maintained.forget()
    forget_tables()
    yield
    maintained.forget()
    forget_tables()


def from_scratch(db: str, now=NOW):
    """The customer figures as the plain reads compute them, nothing kept (``db``: a file or a
    server URL)."""
    engine = make_engine(db)
    with engine.connect() as conn:
        from salestui.customers.health import customer_rules_from
        from salestui.db.queries.settings import settings_map

        rules = customer_rules_from(settings_map(conn))
        table = customer_table(customer_inputs(conn, now.date()), now, rules)
    engine.dispose()
    return table


def kept(db: str):
    """The customer figures as a fresh process reads them (through the kept result)."""
    maintained.forget()
    forget_tables()
    ctx = AppContext(db, "boss")
    table = load_table(ctx, customer_rules(ctx), NOW)
    maintained.written()
    return table


def reread(db: str) -> int | None:
    """How many customers a fresh reader reads again (None: all of them)."""
    maintained.forget()
    return MaintainedRead(AppContext(db, "boss"), "customer_inputs", PARTS, NOW.date()).touched


def in_another_process(*argv: str) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, env=os.environ | {"NO_COLOR": "1"})
    assert done.returncode == 0, done.stdout + done.stderr


def salestui(db: str, *args: str) -> None:
    in_another_process(sys.executable, "-m", "salestui", *args, "--db", db)


def plain_sql(db: str, *statements: str) -> None:
    script = "; ".join(statements)
    in_another_process(
        sys.executable,
        "-c",
        f"import sqlite3; c = sqlite3.connect({db!r}); c.executescript({script!r}); c.commit()",
    )


def customer_ids(db: str) -> dict[str, int]:
    with sqlite3.connect(db) as c:
        return {name: cid for cid, name in c.execute("SELECT id, name FROM customer")}


def test_a_first_reader_computes_and_keeps_then_the_next_reads_nothing_again(customers_db):
    assert reread(customers_db) is None  # nothing kept yet: every customer
    assert_frame_equal(kept(customers_db), from_scratch(customers_db))
    assert reread(customers_db) == 0  # kept at the last change: nobody read again
    with sqlite3.connect(customers_db) as c:
        stored = [n for (n,) in c.execute("SELECT name FROM figure_store ORDER BY name")]
    assert stored == ["customer_inputs|UTC", "customer_table|en|UTC"]  # the inputs, the table


def test_an_order_inserted_by_plain_sql_elsewhere_shows_and_only_its_customer_is_read(
    customers_db,
):
    before = kept(customers_db)
    acme = customer_ids(customers_db)["Acme Corp"]
    plain_sql(
        customers_db,
        "INSERT INTO sales_order (customer_id, order_date, due_date, amount_minor, "
        f"paid_minor, version) VALUES ({acme}, '2026-11-01', '2026-12-01', 12345600, 0, 1)",
    )
    assert reread(customers_db) == 1
    after = kept(customers_db)
    assert_frame_equal(after, from_scratch(customers_db))
    # by hand: Acme had no orders; now one of 123,456.00 in the 12 months, unpaid, not yet due
    assert before.loc[acme, "revenue_12m"] == 0
    assert after.loc[acme, "revenue_12m"] == 12_345_600
    assert after.loc[acme, "orders_12m"] == 1


def test_an_order_moved_to_another_customer_and_one_deleted(customers_db):
    kept(customers_db)
    ids = customer_ids(customers_db)
    huaxin, tengda = ids["上海华信科技有限公司"], ids["深圳腾达电子"]
    plain_sql(
        customers_db,
        f"UPDATE sales_order SET customer_id = {tengda} WHERE id = "
        f"(SELECT MAX(id) FROM sales_order WHERE customer_id = {huaxin})",
        f"DELETE FROM sales_order WHERE id = (SELECT MIN(id) FROM sales_order "
        f"WHERE customer_id = {tengda})",
    )
    assert reread(customers_db) == 2  # the old customer and the new one
    assert_frame_equal(kept(customers_db), from_scratch(customers_db))


def test_deals_moved_won_and_an_activity_through_the_command_line(customers_db, cli):
    kept(customers_db)
    with sqlite3.connect(customers_db) as c:
        deal, customer = c.execute(
            "SELECT id, customer_id FROM opportunity WHERE stage = 'Prospect' "
            "ORDER BY amount_minor LIMIT 1"
        ).fetchone()
    salestui(customers_db, "deal", "move", str(deal), "--to", "Qualified")
    salestui(customers_db, "deal", "lose", str(deal), "--reason", "competitor")
    assert reread(customers_db) == 1
    assert_frame_equal(kept(customers_db), from_scratch(customers_db))


def test_an_import_and_its_undo(customers_db, cli, tmp_path):
    kept(customers_db)
    rows = ["order_id,customer,order_date,due_date,product_sku,quantity,unit_price"]
    rows += [
        f"T-{d},Acme Corp,2026-10-{d:02d},2026-11-{d:02d},S-1,1,{d * 1000}" for d in range(1, 6)
    ]
    rows += ["T-9,北方机械,2026-09-01,2026-10-01,G-1,2,38500"]
    path = tmp_path / "orders.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    salestui(customers_db, "import", "orders", str(path))
    assert reread(customers_db) == 2
    assert_frame_equal(kept(customers_db), from_scratch(customers_db))
    with sqlite3.connect(customers_db) as c:
        (batch,) = c.execute("SELECT batch FROM import_batch").fetchone()
    salestui(customers_db, "import", "--undo", batch)
    assert_frame_equal(kept(customers_db), from_scratch(customers_db))


def test_a_merge_moves_every_figure(customers_db, cli):
    kept(customers_db)
    ids = customer_ids(customers_db)
    salestui(customers_db, "customer", "merge", str(ids["Delta Tools"]), str(ids["北方机械"]))
    after = kept(customers_db)
    assert_frame_equal(after, from_scratch(customers_db))
    assert ids["Delta Tools"] not in after.index


def test_a_complaint_an_nps_answer_and_an_activity_by_plain_sql(customers_db):
    kept(customers_db)
    epsilon = customer_ids(customers_db)["Epsilon"]
    plain_sql(
        customers_db,
        "INSERT INTO complaint (customer_id, category, severity, opened_at, summary) "
        f"VALUES ({epsilon}, 'service', 'urgent', '2026-11-10 09:00:00.000000', 'late')",
        f"INSERT INTO nps_answer (customer_id, answered_on, score) VALUES ({epsilon}, "
        "'2026-11-02', 2)",
    )
    assert reread(customers_db) == 1
    assert_frame_equal(kept(customers_db), from_scratch(customers_db))


def test_a_new_day_reads_everyone_again(customers_db):
    kept(customers_db)
    maintained.forget()
    ctx = AppContext(customers_db, "boss")
    tomorrow = MaintainedRead(ctx, "customer_inputs", PARTS, date(2026, 11, 21))
    assert tomorrow.tables is None


def test_damaged_kept_content_is_read_again_not_trusted(customers_db):
    kept(customers_db)
    with sqlite3.connect(customers_db) as c:
        c.execute("UPDATE figure_store SET payload = X'00FF00'")
    assert reread(customers_db) is None
    assert_frame_equal(kept(customers_db), from_scratch(customers_db))


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=60)
@given(
    st.lists(st.sampled_from(["int", "day", "moment", "decimal", "text"]), min_size=1, max_size=4),
    st.integers(0, 6),
    st.data(),
)
def test_kept_content_comes_back_as_read(kinds, n, data):
    """What PostgreSQL gives (days, aware moments, decimals) and SQLite (text, numbers) comes
    back the same values of the same types."""
    make = {
        "int": st.integers(-(2**62), 2**62),
        "day": st.dates(),
        "moment": st.datetimes(timezones=st.just(UTC)),
        "decimal": st.decimals(allow_nan=False, allow_infinity=False, places=2),
        "text": st.text(max_size=8),
    }
    rows = [tuple(data.draw(st.one_of(st.none(), make[k])) for k in kinds) for _ in range(n)]
    table = Table(tuple(f"c{i}" for i in range(len(kinds))), rows)
    (back,) = decode(encode([table]))
    assert back.columns == table.columns
    assert back.rows == rows
    for got, want in zip(back.rows, rows, strict=True):
        assert [type(v) for v in got] == [type(v) for v in want]


PG_URL = os.environ.get("SALESTUI_TEST_PG_URL", "")


@pytest.mark.skipif(not PG_URL, reason="no PostgreSQL (set SALESTUI_TEST_PG_URL)")
def test_on_postgresql_a_change_shows_and_only_its_customer_is_read():
    from sqlalchemy import text

    from salestui.db.engine import open_database
    from tests.customers import fixtures as fixtures_customers

    engine = make_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    engine = open_database(PG_URL)
    fixtures_customers.build(PG_URL)
    ctx = AppContext(engine, "boss")
    first = load_table(ctx, customer_rules(ctx), NOW)
    with engine.begin() as conn:
        acme = conn.execute(text("SELECT id FROM customer WHERE name = 'Acme Corp'")).scalar()
        conn.execute(
            text(
                "INSERT INTO sales_order (customer_id, order_date, due_date, amount_minor, "
                "paid_minor, version) VALUES (:c, DATE '2026-11-01', DATE '2026-12-01', "
                "12345600, 0, 1)"
            ),
            {"c": acme},
        )
    maintained.forget()
    assert MaintainedRead(ctx, "customer_inputs", PARTS, NOW.date()).touched == 1
    maintained.forget()
    after = load_table(ctx, customer_rules(ctx), NOW)
    assert_frame_equal(after, from_scratch(PG_URL))
    assert first.loc[acme, "revenue_12m"] == 0
    assert after.loc[acme, "revenue_12m"] == 12_345_600
    # one statement moving the order to another customer, one deleting another's order: the
    # statement triggers stamp the old and the new customer of every row
    with engine.begin() as conn:
        delta = conn.execute(text("SELECT id FROM customer WHERE name = 'Delta Tools'")).scalar()
        epsilon = conn.execute(text("SELECT id FROM customer WHERE name = 'Epsilon'")).scalar()
        conn.execute(
            text("UPDATE sales_order SET customer_id = :d WHERE customer_id = :a"),
            {"d": delta, "a": acme},
        )
        conn.execute(
            text(
                "DELETE FROM order_line WHERE order_id IN "
                "(SELECT id FROM sales_order WHERE customer_id = :e)"
            ),
            {"e": epsilon},
        )
        conn.execute(text("DELETE FROM sales_order WHERE customer_id = :e"), {"e": epsilon})
    maintained.forget()
    assert MaintainedRead(ctx, "customer_inputs", PARTS, NOW.date()).touched == 3
    maintained.forget()
    moved = load_table(ctx, customer_rules(ctx), NOW)
    assert_frame_equal(moved, from_scratch(PG_URL))
    assert moved.loc[acme, "revenue_12m"] == 0
    # renames (migration 0011): a customer, a person who owns customers, a region
    with engine.begin() as conn:
        conn.execute(text("UPDATE customer SET name = 'Acme Holdings' WHERE id = :a"), {"a": acme})
        owner = conn.execute(text("SELECT owner_id FROM customer WHERE id = :d"), {"d": delta})
        owner = owner.scalar()
        owned = {
            r[0]
            for r in conn.execute(text("SELECT id FROM customer WHERE owner_id = :o"), {"o": owner})
        }
        conn.execute(text("UPDATE person SET display_name = 'Renamed' WHERE id = :o"), {"o": owner})
        region = conn.execute(
            text("SELECT region_id FROM customer WHERE id = :e"), {"e": epsilon}
        ).scalar()
        in_region = {
            r[0]
            for r in conn.execute(
                text("SELECT id FROM customer WHERE region_id = :r"), {"r": region}
            )
        }
        conn.execute(text("UPDATE region SET name = 'Far North' WHERE id = :r"), {"r": region})
    maintained.forget()
    # the renamed customer, every customer of the renamed person and region, nobody else
    touched = MaintainedRead(ctx, "customer_inputs", PARTS, NOW.date()).touched
    assert touched == len({acme} | owned | in_region)
    maintained.forget()
    renamed = load_table(ctx, customer_rules(ctx), NOW)
    engine.dispose()
    assert_frame_equal(renamed, from_scratch(PG_URL))
    assert renamed.loc[acme, "name"] == "Acme Holdings"
    assert renamed.loc[delta, "owner"] == "Renamed"
    assert renamed.loc[epsilon, "region"] == "Far North"
