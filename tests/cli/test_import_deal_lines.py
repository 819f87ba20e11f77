"""`salestui import deal-lines FILE [--dry-run]` and `salestui export deal-lines` on the org of
tests/fixtures.py (#2 Acme renewal 80,000.00 is rep_wang's, #1 华信 ERP rollout rep_li's) with two
products: ERP-1 at 10,000.00 and LIC-CN “企业版许可” at 5,000.00."""

from __future__ import annotations

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
                    "('LIC-CN', '企业版许可', 'licences', 500000, 0)")  # fmt: skip
        con.execute("UPDATE opportunity SET external_id = 'D' || id")
    con.close()
    return path


def rows(path: str, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as con:
        found = con.execute(sql).fetchall()
    con.close()
    return found


def test_dry_run_then_import_then_export(cli, db, tmp_path):
    file = tmp_path / "lines.csv"
    file.write_text(
        "商机,产品,数量,单价,折扣\nD2,ERP-1,2,,12.5\nD2,企业版许可,3,,\n", encoding="utf-8"
    )
    r = cli("import", "deal-lines", str(file), "--dry-run", "--db", db, "--user", "mgr_east")
    assert r.code == 0, r.err
    assert "dry run — created 2, updated 1, unchanged 0" in r.out
    assert rows(db, "SELECT count(*) FROM opportunity_line") == [(0,)]
    r = cli("import", "deal-lines", str(file), "--db", db, "--user", "mgr_east")
    assert r.code == 0, r.err
    # 2 × 10,000.00 less 12.5 % = 17,500.00; + 3 × 5,000.00 = 32,500.00
    assert rows(db, "SELECT amount_minor FROM opportunity WHERE id = 2") == [(3_250_000,)]
    out = tmp_path / "out.csv"
    r = cli("export", "deal-lines", "--out", str(out), "--db", db, "--user", "mgr_east")
    assert r.code == 0, r.err
    assert out.read_text(encoding="utf-8").splitlines() == [
        "deal,product,quantity,unit_price,discount",
        "D2,ERP-1,2,10000.00,12.5%",
        "D2,LIC-CN,3,5000.00,",
    ]
    # rep_li sees only their own deals: none of these lines
    r = cli("export", "deal-lines", "--out", str(out), "--db", db, "--user", "rep_li")
    assert out.read_text(encoding="utf-8").splitlines() == [
        "deal,product,quantity,unit_price,discount"
    ]
    # a deals export names the product of a deal with exactly one line only
    r = cli("export", "opportunities", "--out", str(out), "--db", db, "--user", "boss")
    import csv

    table = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    at = table[0].index("product")
    assert {row[at] for row in table[1:]} == {""}


def test_a_missing_product_is_one_line_per_row_and_nothing_written(cli, db, tmp_path):
    file = tmp_path / "lines.csv"
    file.write_text("deal,product\nD2,NOPE\n", encoding="utf-8")
    r = cli("import", "deal-lines", str(file), "--dry-run", "--db", db, "--user", "mgr_east")
    assert r.code == 1
    assert "line 2, product 'NOPE': no product with SKU or name 'NOPE'" in r.err
    assert "Traceback" not in r.err
    assert rows(db, "SELECT count(*) FROM opportunity_line") == [(0,)]


def test_an_unknown_kind_still_says_the_kinds(cli, db, tmp_path):
    file = tmp_path / "x.csv"
    file.write_text("a\n1\n", encoding="utf-8")
    r = cli("import", "robots", str(file), "--db", db, "--user", "boss")
    assert "deal-lines" in one_line_error(r)
