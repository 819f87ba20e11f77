"""Merging two customers and undoing it, on the hand-written org of tests/fixtures.py:
深圳腾达电子 (#2, rep_south's: deal #3 腾达 smart factory, deal #6 Won, an order) merged into
上海华信科技有限公司 (#1, rep_li's). Compared table by table: the undo gives back every row."""

from __future__ import annotations

import sqlite3

import pytest
from sqlmodel import Session

from salestui.db.engine import make_engine
from salestui.kernel.errors import DomainError
from salestui.services.customer_merge import merge_customers, undo_merge
from tests.fixtures import NOW

HUAXIN, TENGDA, ACME = 1, 2, 3
TABLES = ("customer", "opportunity", "sales_order", "activity", "complaint", "nps_answer",
          "action_item", "stage_change", "approval", "order_line", "lead")  # fmt: skip


def tables(db: str) -> dict[str, set[tuple]]:
    """Every row of the domain tables, without the version (an undo gives a row a new one)."""
    con = sqlite3.connect(db)
    try:
        out = {}
        for name in TABLES:
            cur = con.execute(f"SELECT * FROM {name}")
            cols = [d[0] for d in cur.description]
            out[name] = {
                tuple(v for c, v in zip(cols, row, strict=True) if c != "version")
                for row in cur.fetchall()
            }
        return out
    finally:
        con.close()


def one(db: str, sql: str, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


@pytest.fixture
def s(seeded_db):
    engine = make_engine(seeded_db)
    con = sqlite3.connect(seeded_db)
    con.execute(
        "INSERT INTO action_item (title, owner_id, due, status, priority, link_type, link_id, "
        "origin, created_by, created_at, version) VALUES ('Call 腾达 about payment', 5, "
        "'2026-12-01', 'open', 'normal', 'customer', 2, 'manual', 'boss', '2026-11-19', 1)"
    )
    con.commit()
    con.close()
    with Session(engine) as session:
        yield session
    engine.dispose()


def test_merge_moves_everything_and_its_undo_gives_back_every_row(s, seeded_db):
    before = tables(seeded_db)
    tengda_deals = one(seeded_db, "SELECT id FROM opportunity WHERE customer_id = 2 ORDER BY id")
    tengda_orders = one(seeded_db, "SELECT id FROM sales_order WHERE customer_id = 2")
    assert tengda_deals == [(3,), (6,)] and len(tengda_orders) == 1

    done = merge_customers(s, "boss", TENGDA, HUAXIN, now=NOW)
    assert done.moved == {"opportunity": 2, "sales_order": 1, "action_item": 1}
    assert one(seeded_db, "SELECT id FROM customer WHERE id = 2") == []
    assert one(
        seeded_db, "SELECT id, customer_id, version FROM opportunity WHERE id IN (3, 6)"
    ) == [
        (3, 1, 2),
        (6, 1, 2),
    ]
    assert one(seeded_db, "SELECT link_id FROM action_item WHERE title LIKE 'Call 腾达%'") == [(1,)]
    audited = one(
        seeded_db, "SELECT table_name, row_id, field, old, new FROM audit_log WHERE batch = ?",
        done.batch,
    )  # fmt: skip
    assert ("opportunity", 3, "customer_id", "2", "1") in audited
    assert ("customer", 1, "*merged*", "2", "深圳腾达电子") in audited
    assert [r[:3] for r in audited if r[2] == "*deleted*"] == [("customer", 2, "*deleted*")]

    undone = undo_merge(s, "boss", done.batch, now=NOW)
    assert undone.moved == {"opportunity": 2, "sales_order": 1, "action_item": 1}
    assert tables(seeded_db) == before
    assert one(seeded_db, "SELECT version FROM opportunity WHERE id = 3") == [(3,)]
    with pytest.raises(DomainError, match="already undone"):
        undo_merge(s, "boss", done.batch, now=NOW)


def test_a_row_moved_elsewhere_since_stays_where_it_is(s, seeded_db):
    done = merge_customers(s, "boss", TENGDA, HUAXIN, now=NOW)
    con = sqlite3.connect(seeded_db)
    con.execute("UPDATE opportunity SET customer_id = 3 WHERE id = 6")
    con.commit()
    con.close()
    undone = undo_merge(s, "boss", done.batch, now=NOW)
    assert "1 moved elsewhere since stay where they are" in undone.message
    assert one(seeded_db, "SELECT id, customer_id FROM opportunity WHERE id IN (3, 6)") == [
        (3, 2),
        (6, 3),
    ]


@pytest.mark.parametrize(
    ("who", "merged", "kept", "said"),
    [
        ("boss", HUAXIN, HUAXIN, "into itself"),
        ("boss", 99, HUAXIN, "#99 does not exist"),
        ("rep_li", ACME, HUAXIN, "“Acme Corp” belongs to Wang Fang"),  # not theirs
        ("mgr_east", TENGDA, HUAXIN, "belongs to Sam South"),  # not in their team
        ("ghost", TENGDA, HUAXIN, "ghost"),
    ],
)
def test_refused_merges_write_nothing(s, seeded_db, who, merged, kept, said):
    before = tables(seeded_db), one(seeded_db, "SELECT count(*) FROM audit_log")
    with pytest.raises(DomainError, match=said):
        merge_customers(s, who, merged, kept, now=NOW)
    s.rollback()
    assert (tables(seeded_db), one(seeded_db, "SELECT count(*) FROM audit_log")) == before


def test_an_unknown_merge_is_refused(s):
    with pytest.raises(DomainError, match="no customer merge 'nope'"):
        undo_merge(s, "boss", "nope", now=NOW)


def test_every_reference_to_a_customer_moves_with_a_merge():
    """A table pointing at customer.id that the merge does not move would keep pointing at a
    removed customer: every such column is in MOVED (the action item's link by its type)."""
    from sqlmodel import SQLModel

    from salestui.services.customer_merge import MOVED

    pointing = {
        (table.name, fk.parent.name)
        for table in SQLModel.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column.table.name == "customer"
    }
    moved = {(name, column) for name, _, column, _ in MOVED}
    assert pointing <= moved
    assert ("action_item", "link_id") in moved
