"""`salestui approval list|approve|reject` on the hand-written org of tests/fixtures.py: deal #4
(450,000, rep_li) waits for the director (approval #1: mgr_east or boss, the managers above
rep_li); deal #5 (900,000, rep_wang) for finance, legal and VP (#2–#4: boss, the administrator).
What each decision writes, whom a refusal names, and that it writes nothing."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests import fixtures
from tests.cli.test_cli import one_line_error


@pytest.fixture
def db(tmp_path) -> str:
    return fixtures.bind_the_top(fixtures.build(str(tmp_path / "appr.db")), admin=True)


def query(path: str, sql: str, *args) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def listed(cli, path: str, *args: str) -> list[dict]:
    r = cli("approval", "list", *args, "--format", "json", "--db", path)
    assert r.code == 0, r.err
    return json.loads(r.out)["rows"]


def test_who_sees_which_pending_approvals(cli, db):
    mine = listed(cli, db, "--mine", "--user", "mgr_east")
    assert [(a["id"], a["role"], a["waiting_for"]) for a in mine] == [
        (1, "director", "Bo Boss, Mei East")
    ]
    assert [a["id"] for a in listed(cli, db, "--mine")] == [1, 2, 3, 4]  # boss holds them all
    assert [a["id"] for a in listed(cli, db, "--user", "rep_south")] == []  # not their deals
    assert [a["id"] for a in listed(cli, db, "--deal", "5", "--user", "rep_wang")] == [2, 3, 4]


def test_the_director_approves_and_the_deal_is_approved(cli, db):
    r = cli("approval", "approve", "1", "--comment", "good margin", "--user", "mgr_east",
            "--db", db)  # fmt: skip
    assert (r.code, r.out) == (
        0,
        "approved the director sign-off of “华信 data platform”; the deal is approved\n",
    )
    assert query(db, "SELECT status, decided_by, comment FROM approval WHERE id = 1") == [
        ("approved", "mgr_east", "good margin")
    ]
    assert query(db, "SELECT approval, version FROM opportunity WHERE id = 4") == [("approved", 2)]
    audited = query(db, "SELECT table_name, field, new FROM audit_log WHERE by_login = 'mgr_east'")
    assert ("approval", "status", "approved") in audited
    assert ("opportunity", "approval", "approved") in audited
    r = cli("approval", "approve", "1", "--db", db)
    assert "was already approved by mgr_east" in one_line_error(r)


def test_one_rejection_rejects_the_deal_and_the_rest_still_wait(cli, db):
    r = cli("approval", "approve", "2", "--format", "json", "--db", db)
    assert json.loads(r.out)["message"] == (
        "approved the finance sign-off of “Acme expansion”; still waiting for legal, vp"
    )
    assert query(db, "SELECT approval FROM opportunity WHERE id = 5") == [("pending",)]
    r = cli("approval", "reject", "4", "--comment", "discount too deep", "--db", db)
    assert r.out.endswith("the deal is rejected\n")
    assert query(db, "SELECT approval FROM opportunity WHERE id = 5") == [("rejected",)]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("approve", "1", "--user", "rep_li"),
         "you do not hold the director sign-off of “华信 data platform”; it waits for "
         "director: Bo Boss, Mei East"),
        (("approve", "2", "--user", "mgr_east"), "it waits for finance: Bo Boss"),
        (("reject", "1"), "a rejection needs --comment"),
        (("approve", "99"), "approval #99 does not exist"),
        (("approve", "1", "--comment", "ok\x1b]52;c;x\x07"), "control character"),
        (("list", "--deal", "2", "--user", "rep_li"), "no deal '2' among the deals you may see"),
    ],
)  # fmt: skip
def test_a_refusal_is_one_line_and_writes_nothing(cli, db, args, said):
    before = fixtures.rows_digest(db)
    assert said in one_line_error(cli("approval", *args, "--db", db))
    assert fixtures.rows_digest(db) == before
