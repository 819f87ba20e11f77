"""`salestui report customers` on tests/customers/fixtures.py, the clock pinned at its NOW."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.customers import fixtures as fx
from tests.fixtures import bind_the_top


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    # boss, bound to the account running the tests, an administrator acting for others
    return bind_the_top(fx.build(str(tmp_path_factory.mktemp("report") / "r.db")), admin=True)


def test_markdown_tells_the_story(cli, db):
    r = cli("report", "customers", "--db", db)
    assert r.code == 0, r.err
    # A: 华信 560k + Delta 150k = 710k of 820k = 86.6 %
    assert "- 2 A customers of 6 make 86.6 % of revenue" in r.out
    assert "| class A | 2 | 710,000.00 | 86.6 |" in r.out
    assert "overdue 50,000.00 of 50,000.00 receivable" in r.out
    lines = [x for x in r.out.splitlines() if x.startswith("| 1 |")]
    assert "上海华信科技有限公司" in lines[0] and "| 560,000.00 | 36.6 |" in lines[0]


def test_csv_rows_and_json_summary(cli, db):
    r = cli("report", "customers", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [x["id"] for x in rows] == ["1", "5", "4", "2", "3", "6"]  # most revenue first
    assert rows[0]["revenue_12m"] == "560000.00" and rows[0]["health"] == "82"
    assert rows[-1]["lifecycle"] == "churned" and rows[-1]["last_order"] == "2024-06-03"
    body = json.loads(cli("report", "customers", "--db", db, "--format", "json").out)
    assert body["summary"]["a_customers"] == 2
    assert body["summary"]["overdue"] == "50000.00"
    assert len(body["rows"]) == 6
    summary = cli("report", "customers", "--db", db, "--format", "csv", "--summary").out
    assert summary.splitlines()[1] == "class A,2,710000.00,86.6"


def test_owner_narrows_rows_not_ranking(cli, db, tmp_path):
    out = tmp_path / "li.csv"
    r = cli(
        "report", "customers", "--db", db, "--format", "csv", "--owner", "rep_li", "--out", str(out)
    )
    assert r.code == 0 and "wrote the customers report" in r.out
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [x["id"] for x in rows] == ["1", "4", "6"]
    assert [x["abc"] for x in rows] == ["A", "B", "C"]  # ranked among all six


def test_bad_input_one_line(cli, db):
    for args in (("--owner", "nobody"), ("--format", "xml")):
        r = cli("report", "customers", "--db", db, *args)
        assert r.code != 0 and "Traceback" not in r.err
        assert len(r.err.strip().splitlines()) == 1 and r.err.startswith("salestui: ")
