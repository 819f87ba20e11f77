"""The permission matrix: what a rep, a first-line manager, the top manager and an administrator
see through every door, and which writes each may make — the refused ones leaving every table
as it was.

The org is tests/fixtures.py's (boss → mgr_east → rep_li, rep_wang, newbie; boss → rep_south)
plus Ada, an administrator outside the tree. Deals: #1 and #4 rep_li's, #2 #5 #7 rep_wang's,
#3 and #6 rep_south's, #8 newbie's; #6 Won and #7 Lost, the rest open. Customers: 上海华信
(rep_li), 深圳腾达 (rep_south), Acme (rep_wang).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date

import pytest
from sqlmodel import Session, select

from salestui.db.engine import open_database
from salestui.db.tables import Person
from salestui.screens.board.column import StageColumn
from tests.screens.pilot import SIZE, make_app, settle

REP, FIRST_LINE, TOP, ADMIN = "rep_li", "mgr_east", "boss", "ada"
PEOPLE = (REP, FIRST_LINE, TOP, ADMIN)

# whose deals, customers and people each sees, worked out from the org above
DEALS = {
    REP: {1, 4},
    FIRST_LINE: {1, 2, 4, 5, 7, 8},
    TOP: set(range(1, 9)),
    ADMIN: set(range(1, 9)),
}
OPEN = {who: ids - {6, 7} for who, ids in DEALS.items()}
CUSTOMERS = {REP: 1, FIRST_LINE: 2, TOP: 3, ADMIN: 3}
PEOPLE_SEEN = {REP: 1, FIRST_LINE: 4, TOP: 6, ADMIN: 7}


@pytest.fixture
def org_db(seeded_db) -> str:
    """The seeded org and Ada, an administrator outside the tree, bound to the account running
    the tests (so ``--user`` acts for anyone); boss is a plain top manager here."""
    from salestui.identity import os_account

    engine = open_database(seeded_db)
    with Session(engine) as s:
        boss = s.exec(select(Person).where(Person.login == "boss")).one()
        boss.os_user, boss.admin = None, False
        s.add(boss)
        s.flush()
        s.add(Person(login="ada", display_name="Ada Admin", role="manager", admin=True,
                     hire_date=date(2020, 1, 6), os_user=os_account()))  # fmt: skip
        s.commit()
    engine.dispose()
    return seeded_db


def dump(path: str) -> list[str]:
    """Every table's every row: what 'nothing was written' is checked against."""
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def write_csv(tmp_path, name: str, text: str) -> str:
    target = tmp_path / name
    target.write_text(text, encoding="utf-8")
    return str(target)


# ---------------------------------------------------------------- reads


@pytest.mark.parametrize("who", PEOPLE)
def test_pipeline_counts_only_the_deals_in_view_and_says_whose_view(cli, org_db, who):
    r = cli("report", "pipeline", "--db", org_db, "--user", who, "--format", "json")
    assert r.code == 0, r.err
    body = json.loads(r.out)
    total = next(row for row in body["rows"] if row["stage"] == "Total")
    assert total["deals"] == len(OPEN[who])
    assert who in body["view"]
    md = cli("report", "pipeline", "--db", org_db, "--user", who).out
    assert f"({who})" in md.splitlines()[2]  # the line under the title


@pytest.mark.parametrize("who", PEOPLE)
def test_customers_report_shows_only_the_customers_in_view(cli, org_db, who):
    r = cli("report", "customers", "--db", org_db, "--user", who, "--format", "json")
    assert r.code == 0, r.err
    body = json.loads(r.out)
    assert len(body["rows"]) == CUSTOMERS[who]
    assert who in body["view"]


def test_team_report_a_rep_sees_their_line_a_manager_their_team_an_admin_everyone(cli, org_db):
    def names(who):
        r = cli("report", "team", "--db", org_db, "--user", who, "--format", "json")
        assert r.code == 0, r.err
        return json.loads(r.out)

    rep = names(REP)
    assert rep["scope"] == "李伟" and REP in rep["view"]
    assert {row["name"] for row in rep["rows"] if row["level"] != "region"} == {"李伟"}
    assert names(FIRST_LINE)["scope"] == "Team of Mei East"
    assert names(TOP)["scope"] == "Team of Bo Boss"  # Ada is not below the boss
    assert names(ADMIN)["scope"] == "Company"
    refused = cli("report", "team", "--db", org_db, "--user", "nosuch")
    assert refused.code != 0 and refused.out == ""


@pytest.mark.parametrize("who", PEOPLE)
def test_weekly_review_names_whose_view(cli, org_db, who):
    r = cli("report", "weekly", "--db", org_db, "--user", who, "--format", "json")
    assert r.code == 0, r.err
    assert who in json.loads(r.out)["view"]


@pytest.mark.parametrize("who", PEOPLE)
def test_export_gives_only_the_rows_in_view_and_every_product(cli, org_db, who):
    def rows(kind):
        r = cli("export", kind, "--db", org_db, "--user", who)
        assert r.code == 0, r.err
        return list(csv.DictReader(io.StringIO(r.out)))

    deals = rows("opportunities")
    assert len(deals) == len(DEALS[who])
    assert len(rows("customers")) == CUSTOMERS[who]
    assert len(rows("people")) == PEOPLE_SEEN[who]
    assert len(rows("products")) == len(
        list(
            csv.DictReader(
                io.StringIO(cli("export", "products", "--db", org_db, "--user", ADMIN).out)
            )
        )
    )


def test_the_log_shows_entries_by_or_about_people_in_view(cli, org_db, tmp_path):
    mine = write_csv(tmp_path, "li.csv", "title,customer,amount,expected_close,owner,stage\n"
                     "华信 ERP rollout,上海华信科技有限公司,130000,2026-12-20,rep_li,Prospect\n")  # fmt: skip
    assert cli("import", "opportunities", mine, "--db", org_db, "--user", REP).code == 0

    def logged(who):
        r = cli("log", "--db", org_db, "--user", who, "--format", "json")
        assert r.code == 0, r.err
        return {(e["by"], e["field"]) for e in json.loads(r.out)["rows"]}

    assert ("rep_li", "amount_minor") in logged(REP)
    assert ("rep_li", "amount_minor") in logged(FIRST_LINE)  # rep_li is below her
    assert ("rep_li", "amount_minor") in logged(ADMIN)
    assert logged("rep_south") == set()  # neither by nor about anyone she sees


@pytest.mark.parametrize("who", PEOPLE)
async def test_the_board_opens_on_what_each_may_see(org_db, who):
    app = make_app(org_db, who)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = {c.id for col in app.screen.query(StageColumn) for c in col.cards}
        assert shown == OPEN[who]


# ---------------------------------------------------------------- writes


def test_a_reps_reimport_of_another_branchs_deal_is_refused_and_writes_nothing(
    cli, org_db, tmp_path
):
    theirs = write_csv(tmp_path, "theirs.csv", "title,customer,amount,expected_close,owner,stage\n"
                       "腾达 smart factory,深圳腾达电子,700000,2026-12-20,rep_li,Proposal\n")  # fmt: skip
    before = dump(org_db)
    for who in (REP, FIRST_LINE):
        r = cli("import", "opportunities", theirs, "--db", org_db, "--user", who)
        assert r.code == 1
        assert "changes a record of Sam South, outside your part of the org" in r.err
        assert dump(org_db) == before
    assert cli("import", "opportunities", theirs, "--db", org_db, "--user", TOP).code == 0


def test_giving_a_deal_away_outside_ones_part_is_refused(cli, org_db, tmp_path):
    away = write_csv(tmp_path, "away.csv", "title,customer,amount,expected_close,owner,stage\n"
                     "华信 ERP rollout,上海华信科技有限公司,120000,2026-12-20,rep_south,Prospect\n")  # fmt: skip
    before = dump(org_db)
    r = cli("import", "opportunities", away, "--db", org_db, "--user", FIRST_LINE)
    assert r.code == 1 and "gives the record to Sam South" in r.err
    assert dump(org_db) == before
    assert cli("import", "opportunities", away, "--db", org_db, "--user", ADMIN).code == 0


def test_undo_is_for_the_author_their_managers_and_admins(cli, org_db, tmp_path):
    mine = write_csv(tmp_path, "li.csv", "title,customer,amount,expected_close,owner,stage\n"
                     "华信 ERP rollout,上海华信科技有限公司,130000,2026-12-20,rep_li,Prospect\n")  # fmt: skip
    done = cli("import", "opportunities", mine, "--db", org_db, "--user", REP)
    batch = done.out.split("--undo ")[1].split()[0]
    before = dump(org_db)
    for who in ("rep_wang", "rep_south"):
        r = cli("import", "--undo", batch, "--db", org_db, "--user", who)
        assert r.code == 1 and f"batch {batch} was imported by rep_li" in r.err
        assert dump(org_db) == before
    assert cli("import", "--undo", batch, "--db", org_db, "--user", FIRST_LINE).code == 0


@pytest.mark.parametrize("who", PEOPLE)
def test_the_coup_is_refused_for_everyone_naming_the_circle(cli, org_db, tmp_path, who):
    coup = write_csv(tmp_path, "coup.csv", "login,manager\nboss,rep_li\n")
    before = dump(org_db)
    r = cli("import", "people", coup, "--db", org_db, "--user", who)
    assert r.code == 1
    assert "boss cannot report to rep_li: rep_li already reports to boss" in r.err
    assert "(rep_li → mgr_east → boss)" in r.err
    assert dump(org_db) == before


def test_people_changes_only_by_a_manager_above_or_an_admin(cli, org_db, tmp_path):
    promote = write_csv(tmp_path, "promote.csv", "login,role\nrep_li,manager\n")
    before = dump(org_db)
    own = cli("import", "people", promote, "--db", org_db, "--user", REP)
    assert own.code == 1 and "nobody changes their own role" in own.err
    peer = cli("import", "people", promote, "--db", org_db, "--user", "rep_south")
    assert peer.code == 1 and "only a manager above 李伟 or an administrator" in peer.err
    assert dump(org_db) == before
    assert cli("import", "people", promote, "--db", org_db, "--user", FIRST_LINE).code == 0
    self_admin = write_csv(tmp_path, "me.csv", "login,admin\nboss,yes\n")
    top = cli("import", "people", self_admin, "--db", org_db, "--user", TOP)
    assert top.code == 1 and "nobody changes their own admin" in top.err


def test_a_file_naming_two_people_each_others_manager_is_refused(cli, org_db, tmp_path):
    pair = write_csv(tmp_path, "pair.csv", "login,manager\nrep_li,rep_wang\nrep_wang,rep_li\n")
    before = dump(org_db)
    r = cli("import", "people", pair, "--db", org_db, "--user", ADMIN)
    assert r.code == 1 and "rep_li cannot report to rep_wang" in r.err
    assert dump(org_db) == before


def test_report_team_survives_a_circle_already_in_the_data(cli, org_db):
    with sqlite3.connect(org_db) as conn:
        conn.execute(
            "UPDATE person SET manager_id = (SELECT id FROM person WHERE login = 'rep_li') "
            "WHERE login = 'boss'"
        )
    r = cli("report", "team", "--db", org_db, "--user", ADMIN)
    assert r.code == 0, r.err
    assert "Broken reporting line: boss → rep_li → mgr_east → boss is a circle" in r.out


def test_targets_by_import_follow_the_target_forms_rule(cli, org_db, tmp_path):
    target = write_csv(tmp_path, "t.csv", "scope_type,scope,period_type,period_start,metric,value\n"
                       "person,rep_wang,quarter,2026-10-01,revenue,100000\n")  # fmt: skip
    before = dump(org_db)
    r = cli("import", "targets", target, "--db", org_db, "--user", REP)
    assert r.code == 1 and "only a manager sets targets" in r.err
    assert dump(org_db) == before
    assert cli("import", "targets", target, "--db", org_db, "--user", FIRST_LINE).code == 0
