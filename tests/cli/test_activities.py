"""`salestui activity add` on the hand-written org of tests/fixtures.py (NOW 2026-11-20 10:00
UTC): what is written (the activity, the deal's next step and last activity, the audit), that a
visit counts on the leaderboard, the person's clock for --when, and every refusal as one line
with not a row written."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests import fixtures
from tests.cli.test_cli import one_line_error


@pytest.fixture
def db(tmp_path) -> str:
    return fixtures.bind_the_top(fixtures.build(str(tmp_path / "act.db")), admin=True)


def query(path: str, sql: str, *args) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def visits(cli, path: str, name: str) -> int:
    r = cli("report", "team", "--period", "2026-Q4", "--format", "json", "--db", path)
    assert r.code == 0, r.err
    return next(row["visits"] for row in json.loads(r.out)["rows"] if row["name"] == name)


def test_a_visit_with_its_next_step_on_a_deal(cli, db):
    # rep_li's one visit of the quarter: the fixture's, 18 days ago
    assert visits(cli, db, "李伟") == 1
    r = cli("activity", "add", "--deal", "1", "--type", "Visit", "--duration", "45",
            "--outcome", "met the CFO", "--note", "二次拜访", "--next-step", "send the quote",
            "--next-date", "2026-11-25", "--user", "rep_li", "--db", db)  # fmt: skip
    assert r.code == 0, r.err
    assert r.out == "logged a visit on “华信 ERP rollout”; next step 2026-11-25: send the quote\n"
    assert query(
        db,
        "SELECT kind, person_id = (SELECT id FROM person WHERE login = 'rep_li'), "
        "occurred_at, duration_minutes, outcome, note, next_step, next_step_date "
        "FROM activity ORDER BY id DESC LIMIT 1",
    ) == [  # fmt: skip
        (
            "visit",
            1,
            "2026-11-20 10:00:00.000000",
            45,
            "met the CFO",
            "二次拜访",
            "send the quote",
            "2026-11-25",
        )  # fmt: skip
    ]
    assert query(
        db,
        "SELECT next_step, next_step_date, last_activity_at, version FROM opportunity WHERE id = 1",
    ) == [  # fmt: skip
        ("send the quote", "2026-11-25", "2026-11-20 10:00:00.000000", 2)
    ]
    audited = query(db, "SELECT table_name, field, new FROM audit_log WHERE by_login = 'rep_li'")
    assert ("activity", "*created*", "visit") in audited
    assert ("opportunity", "next_step", "send the quote") in audited
    assert visits(cli, db, "李伟") == 2  # the leaderboard counts it


def test_a_call_on_a_customer_at_a_time_on_the_person_s_clock(cli, db):
    r = cli("people", "set", "boss", "--timezone", "Asia/Shanghai", "--db", db)
    assert r.code == 0, r.err
    r = cli("activity", "add", "--customer", "华信", "--type", "call", "--db", db)
    assert "no customer '华信'" in one_line_error(r)  # by id or external id, not by name
    (huaxin,) = query(db, "SELECT id FROM customer WHERE name = '上海华信科技有限公司'")[0]
    r = cli("activity", "add", "--customer", str(huaxin), "--type", "call",
            "--when", "2026-11-19 09:00", "--format", "json", "--db", db)  # fmt: skip
    assert r.code == 0, r.err
    answer = json.loads(r.out)
    assert (answer["deal"], answer["customer"]) == (None, huaxin)
    # 09:00 in Shanghai is 01:00 UTC
    assert query(db, "SELECT occurred_at, opportunity_id FROM activity WHERE id = ?",
                 answer["activity"]) == [("2026-11-19 01:00:00.000000", None)]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--deal", "2", "--type", "call", "--user", "rep_li"), "no deal '2' among the deals"),
        (("--deal", "6", "--type", "call", "--next-step", "x", "--next-date", "2026-12-01"),
         "is Won: a closed deal has no next step"),
        (("--deal", "1", "--type", "call", "--next-step", "x", "--next-date", "2026-11-19"),
         "the next step's date 2026-11-19 is in the past"),
        (("--deal", "1", "--type", "call", "--next-step", "x"), "a next step needs its date"),
        (("--deal", "1", "--type", "call", "--next-date", "2026-12-01"), "say what the next step"),
        (("--deal", "1", "--type", "party"), "not 'party'"),
        (("--deal", "1", "--type", "call", "--duration", "0"), "duration is whole minutes"),
        (("--deal", "1", "--type", "call", "--duration", "1.5"), "duration is whole minutes"),
        (("--deal", "1", "--type", "call", "--when", "2026-11-21"), "once it happened"),
        (("--deal", "1", "--type", "call", "--when", "yesterday"), "when must be YYYY-MM-DD"),
        (("--deal", "1", "--type", "call", "--note", "a\x1b[2Jb"), "control character"),
        (("--deal", "1", "--customer", "1", "--type", "call"), "one of them"),
        (("--type", "call",), "one of them"),
        (("--customer", "1", "--type", "call", "--next-step", "x", "--next-date", "2026-12-01"),
         "a next step belongs to a deal"),
    ],
)  # fmt: skip
def test_a_refusal_is_one_line_and_writes_nothing(cli, db, args, said):
    before = fixtures.rows_digest(db)
    assert said in one_line_error(cli("activity", "add", *args, "--db", db))
    assert fixtures.rows_digest(db) == before
