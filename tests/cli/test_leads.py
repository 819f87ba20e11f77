"""`salestui lead …` on the leads of tests/leads/fixtures.py (NOW 2026-11-20 10:00 UTC)."""

from __future__ import annotations

import json

import pytest

from tests import fixtures
from tests.leads.fixtures import add_leads


@pytest.fixture
def db(tmp_path) -> str:
    return add_leads(fixtures.bind_the_top(fixtures.build(str(tmp_path / "l.db")), admin=True))


def listed(cli, db, *args) -> list[tuple]:
    r = cli("lead", "list", "--format", "json", "--db", db, *args)
    assert r.code == 0, r.err
    return [(x["id"], x["clock"], x["status"]) for x in json.loads(r.out)["rows"]]


def test_the_list_most_urgent_first_with_the_clock_by_hand(cli, db):
    # waiting: #1 deadline 1 h ago, #4 in 1h 20m (40 min in of 2 h), #2 in 20 h (4 h of 24),
    # #3 in 4 d (24 h of 120); then the contacted #5 (deadline 6 h before its contact 2 h ago)
    assert listed(cli, db) == [
        (1, "⚠ overdue 1h", "new"),
        (4, "1h 20m left", "new"),
        (2, "20h left", "new"),
        (3, "4d left", "new"),
        (5, "late 4h", "contacted"),
    ]
    assert listed(cli, db, "--all")[-1] == (6, "", "disqualified")


def test_each_sees_the_leads_they_may(cli, db):
    # mgr_east: the team's and the unowned lead of 华东; rep_li: their own; rep_south: theirs
    assert [i for i, *_ in listed(cli, db, "--user", "mgr_east")] == [1, 2, 3, 5]
    assert [i for i, *_ in listed(cli, db, "--user", "rep_li")] == [1, 5]
    assert [i for i, *_ in listed(cli, db, "--user", "rep_south")] == [4]


def test_contact_then_convert(cli, db):
    r = cli("lead", "contact", "1", "--kind", "visit", "--note", "met", "--db", db,
            "--user", "rep_li")  # fmt: skip
    assert (r.code, r.out.strip()) == (
        0,
        "logged a visit with 张三 — first contact, the SLA clock stopped",
    )
    # contacted late: 3 h after it came in, 1 h past the A deadline
    assert listed(cli, db, "--user", "rep_li") == [
        (1, "late 1h", "contacted"),
        (5, "late 4h", "contacted"),
    ]
    r = cli("lead", "convert", "1", "--title", "星河 ERP", "--amount", "50000", "--close",
            "2027-02-01", "--format", "json", "--db", db, "--user", "rep_li")  # fmt: skip
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["status"] == "converted" and done["deal"] and done["customer"] and done["contact"]
    r = cli("lead", "convert", "1", "--db", db, "--user", "rep_li")
    assert r.code == 1
    assert r.err.strip() == f"salestui: lead “张三” is converted already (deal #{done['deal']})"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["disqualify", "2", "--reason", " "], "a disqualified lead needs a reason"),
        (["convert", "3"], "“华信” is likely the same as “上海华信科技有限公司”"),
        (["contact", "3", "--user", "rep_li"], "has no owner yet"),
        (["contact", "4", "--user", "rep_li"], "belongs to Sam South"),
        (["qualify", "1"], "has not been contacted yet"),
        (["contact", "1", "--kind", "fax"], "not 'fax'"),
    ],
)
def test_refusals_are_one_line_and_write_nothing(cli, db, args, said):
    before = fixtures.rows_digest(db)
    r = cli("lead", *args, "--db", db)
    assert r.code != 0 and r.out == ""
    assert said in r.err and len(r.err.strip().splitlines()) == 1
    assert fixtures.rows_digest(db) == before
