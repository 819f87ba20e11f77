"""`salestui report forecast` and `salestui forecast call` on tests/forecast/fixtures.py (NOW
2026-11-20 10:00 UTC): the screen's figures with stable keys, the call through the service,
refusals in one line with nothing written."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests import fixtures
from tests.fixtures import rows_digest
from tests.forecast.fixtures import add_forecast


@pytest.fixture
def db(tmp_path) -> str:
    built = fixtures.bind_the_top(fixtures.build(str(tmp_path / "f.db")), admin=True)
    return add_forecast(built)


def test_report_json_with_stable_keys(cli, db):
    r = cli("report", "forecast", "--format", "json", "--db", db)
    assert r.code == 0, r.err
    body = json.loads(r.out)
    assert (body["report"], body["period"], body["week_start"]) == (
        "forecast", "2026-Q4", "2026-11-16"
    )  # fmt: skip
    top = body["rows"][0]
    assert list(top) == ["level", "kind", "login", "name", "closed", "commit", "best_case",
                         "pipeline", "omitted", "weighted", "trend", "call", "call_week",
                         "call_older", "reports_called", "judgment"]  # fmt: skip
    # worked out in tests/forecast/test_rollup.py
    assert (top["login"], top["closed"], top["commit"], top["call"], top["judgment"]) == (
        "boss", "80000.00", "1550000.00", "2000000.00", "400000.00"
    )  # fmt: skip


def test_report_csv_and_md_for_a_manager(cli, db):
    r = cli("report", "forecast", "--format", "csv", "--db", db, "--user", "mgr_west")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [(x["kind"], x["login"], x["judgment"]) for x in rows] == [
        ("person", "mgr_west", "-20000.00"), ("own", "mgr_west", ""), ("person", "rep_west", "")
    ]  # fmt: skip
    r = cli("report", "forecast", "--period", "next-quarter", "--db", db, "--user", "rep_li")
    assert r.code == 0 and r.out.startswith("# Forecast — 2027-Q1")


def test_call_then_seen_in_the_report(cli, db):
    r = cli("forecast", "call", "520,000", "--note", "one more", "--format", "json",
            "--db", db, "--user", "rep_li")  # fmt: skip
    assert r.code == 0, r.err
    assert json.loads(r.out)["amount_minor"] == 52_000_000
    r = cli("report", "forecast", "--format", "json", "--db", db, "--user", "mgr_east")
    rows = {x["login"]: x for x in json.loads(r.out)["rows"]}
    # the week's call is the last: 520,000; mgr_east 1,400,000 − (520,000 + 800,000)
    assert rows["rep_li"]["call"] == "520000.00"
    assert rows["mgr_east"]["judgment"] == "80000.00"


@pytest.mark.parametrize(
    "args",
    [
        ("forecast", "call", "-5"),
        ("forecast", "call", "many"),
        ("forecast", "call", "5", "--period", "2026-Q1"),
        ("forecast", "call", "5", "--format", "xml"),
        ("report", "forecast", "--period", "tomorrow"),
        ("report", "forecast", "--format", "pdf"),
    ],
)
def test_refusals_in_one_line(cli, db, args):
    before = rows_digest(db)
    r = cli(*args, "--db", db, "--user", "rep_li")
    assert r.code != 0 and r.out == ""
    assert r.err.startswith("salestui: ") and r.err.count("\n") == 1, r.err
    assert rows_digest(db) == before
