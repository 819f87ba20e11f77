"""`salestui deal lines|line add|change|remove` and `salestui product list` on the org of
tests/fixtures.py with two products added: the amount follows the lines, every refusal one line
and nothing written."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests import fixtures
from tests.cli.test_cli import one_line_error


@pytest.fixture
def db(tmp_path) -> str:
    path = fixtures.bind_the_top(fixtures.build(str(tmp_path / "lines.db")), admin=True)
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO product (sku, name, product_line, list_price_minor, "
                    "unit_cost_minor) VALUES ('ERP-1', 'ERP seat', 'software', 1000000, 0), "
                    "('SVC-9', 'Onsite day', 'services', 99, 0)")  # fmt: skip
    con.close()
    return path


def rows(path: str, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as con:
        found = con.execute(sql).fetchall()
    con.close()
    return found


def test_add_list_change_remove(cli, db):
    # deal #2 is rep_wang's (Qualified); mgr_east is above rep_wang
    r = cli("deal", "line", "add", "2", "--product", "ERP seat", "--quantity", "2",
            "--discount", "12.5", "--db", db, "--user", "mgr_east")  # fmt: skip
    assert r.code == 0, r.err
    # 2 × 10,000.00 × 0.875 = 17,500.00
    assert r.out.strip() == "“Acme renewal” is now 17,500.00"
    r = cli("deal", "line", "add", "2", "--product", "SVC-9", "--quantity", "3", "--discount",
            "12.5", "--format", "json", "--db", db, "--user", "mgr_east")  # fmt: skip
    said = json.loads(r.out)
    # + 3 × 0.99 × 0.875 = 2.59875 → 2.60
    assert said["changed"]["amount"] == {"from": "17500.00", "to": "17502.60"}
    assert said["changed"]["version"] == {"from": 2, "to": 3}
    r = cli("deal", "lines", "2", "--format", "json", "--db", db, "--user", "mgr_east")
    listed = json.loads(r.out)
    assert listed["total"] == "17502.60"
    assert [(x["sku"], x["quantity"], x["unit_price"], x["discount"], x["total"])
            for x in listed["rows"]] == [("ERP-1", 2, "10000.00", "12.5%", "17500.00"),
                                         ("SVC-9", 3, "0.99", "12.5%", "2.60")]  # fmt: skip
    first = listed["rows"][0]["line"]
    r = cli("deal", "line", "change", "2", str(first), "--discount", "100", "--db", db,
            "--user", "mgr_east")  # fmt: skip
    assert r.code == 0, r.err
    assert rows(db, "SELECT amount_minor, version FROM opportunity WHERE id = 2") == [(260, 4)]
    r = cli("deal", "line", "remove", "2", str(first), "--db", db, "--user", "mgr_east")
    assert r.code == 0, r.err
    assert rows(db, "SELECT count(*) FROM opportunity_line") == [(1,)]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["deal", "line", "add", "2", "--product", "NOPE"],
         "salestui: no product with SKU or name 'NOPE' (salestui product list)"),
        (["deal", "line", "add", "2", "--product", "ERP-1", "--quantity", "1.5"],
         "salestui: the quantity must be a whole number of units such as 3, not '1.5'"),
        (["deal", "line", "add", "2", "--product", "ERP-1", "--discount", "12.345"],
         "salestui: the discount has more than two decimals: '12.345'"),
        (["deal", "line", "remove", "2", "7"],
         "salestui: “Acme renewal” has no line #7 (salestui deal lines)"),
    ],
)  # fmt: skip
def test_refusals_are_one_line_and_write_nothing(cli, db, args, said):
    before = rows(db, "SELECT * FROM opportunity ORDER BY id")
    r = cli(*args, "--db", db, "--user", "mgr_east")
    assert one_line_error(r) == said
    assert rows(db, "SELECT * FROM opportunity ORDER BY id") == before
    assert rows(db, "SELECT count(*) FROM opportunity_line") == [(0,)]


def test_a_typed_amount_is_refused_once_the_deal_has_lines(cli, db):
    cli("deal", "line", "add", "2", "--product", "ERP-1", "--db", db, "--user", "mgr_east")
    r = cli("deal", "edit", "2", "--amount", "5", "--db", db, "--user", "mgr_east")
    assert one_line_error(r) == "salestui: the amount follows its 1 product line; change the lines"
    assert rows(db, "SELECT amount_minor FROM opportunity WHERE id = 2") == [(1_000_000,)]


def test_product_list(cli, db):
    r = cli("product", "list", "--format", "csv", "--db", db, "--user", "mgr_east")
    assert r.out.splitlines() == [
        "sku,name,product_line,list_price",
        "ERP-1,ERP seat,software,10000.00",
        "SVC-9,Onsite day,services,0.99",
    ]
