"""`salestui customer duplicates` on the hand-written org of tests/fixtures.py, with two customers
typed again: "华信" (rep_south's) beside 上海华信科技有限公司 (rep_li's), "ACME Inc." beside
Acme Corp (both rep_wang's). Each person is offered the pairs of customers they may see."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests import fixtures
from tests.cli.test_cli import one_line_error


@pytest.fixture
def db(tmp_path) -> str:
    path = fixtures.bind_the_top(fixtures.build(str(tmp_path / "dup.db")), admin=True)
    con = sqlite3.connect(path)
    for name, login in (("华信", "rep_south"), ("ACME Inc.", "rep_wang")):
        con.execute(
            "INSERT INTO customer (name, owner_id, region_id, created_at, version, industry, "
            "channel, size) SELECT ?, p.id, p.region_id, '2026-01-05 00:00:00', 1, c.industry, "
            "c.channel, c.size FROM person p, customer c WHERE p.login = ? AND c.id = 1",
            (name, login),
        )
    con.commit()
    con.close()
    return path


def pairs(cli, db: str, *args: str) -> list[tuple]:
    r = cli("customer", "duplicates", "--format", "json", "--db", db, *args)
    assert r.code == 0, r.err
    return [(p["first_name"], p["second_name"], p["why"]) for p in json.loads(r.out)["rows"]]


HUAXIN = ("上海华信科技有限公司", "华信", "same company name")
ACME = ("Acme Corp", "ACME Inc.", "same name but the legal form")


def test_each_person_is_offered_the_pairs_they_may_see(cli, db):
    assert pairs(cli, db) == [HUAXIN, ACME]  # boss: everyone's
    assert pairs(cli, db, "--user", "mgr_east") == [ACME]  # rep_south is not in their team
    assert pairs(cli, db, "--user", "rep_wang") == [ACME]
    assert pairs(cli, db, "--user", "rep_li") == []
    assert pairs(cli, db, "--owner", "rep_wang") == [ACME]


def test_markdown_names_the_scope_and_counts(cli, db):
    r = cli("customer", "duplicates", "--db", db, "--user", "mgr_east")
    assert r.code == 0, r.err
    assert r.out.startswith("# Likely duplicate customers — ")
    # the team's customers: 上海华信科技有限公司 (rep_li), Acme Corp and ACME Inc. (rep_wang)
    assert "1 pair among 3 customers." in r.out
    assert "| Acme Corp |" in r.out


def test_an_unknown_owner_is_one_line(cli, db):
    r = cli("customer", "duplicates", "--owner", "ghost", "--db", db)
    assert "ghost" in one_line_error(r)


def test_merge_by_external_id_then_undo(cli, db):
    con = sqlite3.connect(db)
    con.execute("UPDATE customer SET external_id = 'ACME-2' WHERE name = 'ACME Inc.'")
    con.commit()
    con.close()
    r = cli("customer", "merge", "ACME-2", "3", "--format", "json", "--db", db)
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert (done["kept"], done["moved"]) == (3, {})
    assert query(db, "SELECT count(*) FROM customer WHERE name = 'ACME Inc.'") == [(0,)]
    r = cli("customer", "merge", "--undo", done["batch"], "--db", db)
    assert r.code == 0, r.err
    assert r.out.startswith(f"undid merge {done['batch']}: “ACME Inc.” is back")
    assert query(db, "SELECT external_id FROM customer WHERE name = 'ACME Inc.'") == [("ACME-2",)]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["3", "3"], "into itself"),
        (["3"], "ID INTO_ID"),
        (["3", "1", "--undo", "x"], "takes no customers"),
        (["--undo", "nope"], "no customer merge 'nope'"),
        (["2", "1", "--user", "rep_wang"], "no customer '2' among the customers you may see"),
    ],
)
def test_a_refused_merge_is_one_line_and_writes_nothing(cli, db, args, said):
    before = query(db, "SELECT count(*) FROM audit_log"), query(db, "SELECT * FROM customer")
    r = cli("customer", "merge", *args, "--db", db)
    assert said in one_line_error(r)
    assert (query(db, "SELECT count(*) FROM audit_log"), query(db, "SELECT * FROM customer")) == (
        before
    )


def query(path: str, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_add_a_customer_and_a_likely_duplicate_only_when_said(cli, db):
    r = cli("customer", "add", "Hoffman Logistics", "--industry", "logistics", "--db", db)
    assert (r.code, r.out) == (0, "created customer “Hoffman Logistics” for Bo Boss\n")
    r = cli("customer", "add", "Hofman Logistics Inc.", "--db", db)
    assert "likely the same as “Hoffman Logistics” (#6, names 97 % alike)" in one_line_error(r)
    r = cli("customer", "add", "Hofman Logistics Inc.", "--even-if-alike", "--format", "json",
            "--db", db)  # fmt: skip
    assert r.code == 0, r.err
    assert json.loads(r.out)["customer"] == 7
    assert query(db, "SELECT name, industry FROM customer WHERE id > 5 ORDER BY id") == [
        ("Hoffman Logistics", "logistics"),
        ("Hofman Logistics Inc.", ""),
    ]


def test_edit_and_reassign_a_customer_from_a_script(cli, db):
    # Acme Corp #3 is rep_wang's (#4); its open deals #2, #5 are rep_wang's, #8 newbie's
    r = cli("customer", "edit", "3", "--industry", "machinery", "--size", "large", "--db", db)
    assert (r.code, r.out) == (0, "changed “Acme Corp”: industry, size\n")
    r = cli("customer", "edit", "3", "--name", "ACME Inc", "--db", db)
    assert "likely the same as “ACME Inc.”" in one_line_error(r)
    r = cli("customer", "edit", "3", "--db", db)
    assert "say what changes" in one_line_error(r)
    r = cli("customer", "reassign", "3", "rep_li", "--format", "json", "--db", db)
    assert r.code == 0, r.err
    assert (json.loads(r.out)["deals"], json.loads(r.out)["items"]) == (2, 0)
    assert query(db, "SELECT name, industry, size, owner_id FROM customer WHERE id = 3") == [
        ("Acme Corp", "machinery", "large", 3)
    ]
    assert query(db, "SELECT id, owner_id FROM opportunity WHERE customer_id = 3 AND stage NOT IN "
                     "('Won', 'Lost') ORDER BY id") == [(2, 3), (5, 3), (8, 6)]  # fmt: skip
    r = cli("customer", "reassign", "3", "rep_li", "--db", db)
    assert "already belongs to" in one_line_error(r)
