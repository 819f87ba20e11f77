"""`salestui contact …` on the hand-written org of tests/fixtures.py (the top, boss, bound to
this OS account): 上海华信科技有限公司 #1 rep_li's, 深圳腾达电子 #2 rep_south's, Acme Corp #3
rep_wang's; deal #1 华信 ERP rollout is rep_li's on customer 1, #2 Acme renewal rep_wang's."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests import fixtures
from tests.cli.test_cli import one_line_error


@pytest.fixture
def db(tmp_path) -> str:
    return fixtures.bind_the_top(fixtures.build(str(tmp_path / "c.db")), admin=True)


def query(db: str, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_add_list_edit_link_unlink_remove(cli, db):
    r = cli("contact", "add", "张伟", "--customer", "1", "--title", "CIO", "--email",
            "zw@huaxin.cn", "--role", "decision maker", "--format", "json", "--db", db,
            "--user", "rep_li")  # fmt: skip
    assert r.code == 0, r.err
    assert json.loads(r.out) == {"contact": 1, "message": "added 张伟 to “上海华信科技有限公司”"}
    r = cli("contact", "list", "--customer", "1", "--format", "json", "--db", db)
    assert [(c["id"], c["name"], c["title"], c["role"]) for c in json.loads(r.out)["rows"]] == [
        (1, "张伟", "CIO", "decision maker")
    ]
    r = cli("contact", "edit", "1", "--phone", "+86 138 0013 8000", "--title", "", "--db", db)
    assert (r.code, r.out.strip()) == (0, "changed 张伟: title, phone")
    assert query(db, "SELECT title, phone, email, version FROM contact") == [
        ("", "+86 138 0013 8000", "zw@huaxin.cn", 2)
    ]
    r = cli("contact", "link", "1", "--deal", "1", "--db", db, "--user", "rep_li")
    assert (r.code, r.out.strip()) == (0, "linked 张伟 to “华信 ERP rollout”")
    assert query(db, "SELECT opportunity_id, contact_id FROM opportunity_contact") == [(1, 1)]
    r = cli("contact", "unlink", "1", "--deal", "1", "--db", db)
    assert (r.code, r.out.strip()) == (0, "unlinked 张伟 from “华信 ERP rollout”")
    cli("contact", "link", "1", "--deal", "1", "--db", db)
    r = cli("contact", "remove", "1", "--db", db)
    assert (r.code, r.out.strip()) == (0, "removed 张伟 and its 1 deal link")
    assert query(db, "SELECT count(*) FROM contact") == [(0,)]
    assert query(db, "SELECT count(*) FROM opportunity_contact") == [(0,)]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["add", "X", "--customer", "1", "--email", "x@y", "--user", "rep_li"],
         "'x@y' is not an email address"),
        (["add", "X", "--customer", "1", "--phone", "12", "--user", "rep_li"],
         "'12' is not a phone number"),
        (["add", "X", "--customer", "1", "--role", "chief", "--user", "rep_li"], "not 'chief'"),
        # rep_wang sees only their own: 上海华信 is "not found", never named
        (["add", "X", "--customer", "1", "--user", "rep_wang"],
         "no customer '1' among the customers you may see"),
        (["add", "X", "--customer", "1", "--user", "mgr_east"], None),
        (["add", "X", "--customer", "2", "--user", "mgr_east"],
         "no customer '2' among the customers you may see"),
        (["edit", "7", "--title", "x"], "no contact '7' among the customers you may see"),
        (["link", "1", "--deal", "2"], "not a contact of the customer of “Acme renewal”"),
    ],
)  # fmt: skip
def test_refusals_are_one_line_and_write_nothing(cli, db, args, said):
    cli("contact", "add", "Zhang", "--customer", "1", "--db", db)
    before = query(db, "SELECT * FROM contact")
    r = cli("contact", *args, "--db", db)
    if said is None:  # a manager adds to a report's customer
        assert r.code == 0, r.err
        return
    assert said in one_line_error(r)
    assert query(db, "SELECT * FROM contact") == before
    assert query(db, "SELECT count(*) FROM opportunity_contact") == [(0,)]


def test_another_teams_contact_is_not_found(cli, db):
    cli("contact", "add", "Sun", "--customer", "2", "--db", db)
    r = cli("contact", "edit", "1", "--title", "x", "--db", db, "--user", "mgr_east")
    assert "no contact '1' among the customers you may see" in one_line_error(r)
    r = cli("contact", "list", "--customer", "2", "--db", db, "--user", "mgr_east")
    assert "no customer '2'" in one_line_error(r)


def test_list_in_markdown_names_the_customer_and_counts(cli, db):
    cli("contact", "add", "Bob", "--customer", "3", "--title", "Buyer", "--db", db)
    cli("contact", "add", "Ann", "--customer", "3", "--role", "gatekeeper", "--db", db)
    r = cli("contact", "list", "--customer", "3", "--db", db)
    assert r.code == 0, r.err
    assert r.out.startswith("# Contacts of Acme Corp (#3)\n\n2 contacts.\n")
    names = [line.split("|")[2].strip() for line in r.out.splitlines() if line.startswith("| ")]
    assert names[1:] == ["Ann", "Bob"]  # after the header row: by name
