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
