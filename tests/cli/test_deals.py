"""`salestui deal move|win|lose|edit` on the hand-written org of tests/fixtures.py: each change
as the board makes it (stage history, audit, version), named by id or external id, answered in
text or JSON; every refusal one line, a non-zero exit and not a row written."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests import fixtures
from tests.cli.test_cli import one_line_error


@pytest.fixture
def deals_db(tmp_path) -> str:
    """boss (an administrator, bound to this OS account) may act for anyone with --user; deal #2
    carries the external id "SF-2", deal #3 the external id "1" (the id of deal #1)."""
    path = fixtures.bind_the_top(fixtures.build(str(tmp_path / "deals.db")), admin=True)
    with sqlite3.connect(path) as con:
        con.execute("UPDATE opportunity SET external_id = 'SF-2' WHERE id = 2")
        con.execute("UPDATE opportunity SET external_id = '1' WHERE id = 3")
    con.close()
    return path


def deal(path: str, deal_id: int) -> dict:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        row = dict(con.execute("SELECT * FROM opportunity WHERE id = ?", (deal_id,)).fetchone())
        row["history"] = [
            tuple(r)
            for r in con.execute(
                "SELECT from_stage, to_stage, changed_by FROM stage_change "
                "WHERE opportunity_id = ? ORDER BY id",
                (deal_id,),
            )
        ]
        row["audited"] = {
            r[0]: (r[1], r[2])
            for r in con.execute(
                "SELECT field, old, new FROM audit_log WHERE table_name = 'opportunity' "
                "AND row_id = ? ORDER BY id",
                (deal_id,),
            )
        }
    finally:
        con.close()
    return row


def test_move_by_external_id_answers_with_what_changed(cli, deals_db):
    r = cli("deal", "move", "SF-2", "--to", "proposal", "--format", "json", "--db", deals_db)
    assert r.code == 0, r.err
    answer = json.loads(r.out)
    assert (answer["deal"], answer["external_id"], answer["version"]) == (2, "SF-2", 2)
    # Qualified 25 % → Proposal 50 % (the default probabilities)
    assert answer["changed"] == {
        "stage": {"from": "Qualified", "to": "Proposal"},
        "probability": {"from": 25, "to": 50},
        "version": {"from": 1, "to": 2},
    }
    row = deal(deals_db, 2)
    assert (row["stage"], row["probability"], row["version"]) == ("Proposal", 50, 2)
    assert row["history"][-1] == ("Qualified", "Proposal", "boss")
    assert row["audited"]["stage"] == ("Qualified", "Proposal")


def test_win_lose_and_edit_say_one_line_each(cli, deals_db):
    r = cli("deal", "win", "6", "--db", deals_db)  # already won
    assert "is already Won" in one_line_error(r)
    r = cli("deal", "lose", "id:1", "--reason", "Price", "--db", deals_db)
    assert (r.code, r.out) == (0, "“华信 ERP rollout” lost (price)\n")
    row = deal(deals_db, 1)
    assert (row["stage"], row["lost_reason"], row["closed_at"] is not None) == (
        "Lost",
        "price",
        True,
    )
    r = cli("deal", "edit", "8", "--amount", "15,000.50", "--expected-close", "2027-01-31",
            "--db", deals_db)  # fmt: skip
    assert (r.code, r.out) == (0, "saved “Acme training”\n")
    row = deal(deals_db, 8)
    assert (row["amount_minor"], row["expected_close"]) == (1_500_050, "2027-01-31")
    assert row["close_date_pushes"] == 1  # a later close date is a push


def test_an_ambiguous_number_is_refused_until_it_is_said_which(cli, deals_db):
    before = fixtures.rows_digest(deals_db)
    line = one_line_error(cli("deal", "move", "1", "--to", "Qualified", "--db", deals_db))
    assert "1 is the id of “华信 ERP rollout” and the external id of “腾达 smart factory”" in line
    assert "say id:1 or ext:1" in line
    assert fixtures.rows_digest(deals_db) == before
    r = cli("deal", "move", "ext:1", "--to", "Negotiation", "--db", deals_db)
    assert r.code == 0, r.err
    # 600,000 > 500,000: finance, legal and VP are asked
    assert (
        r.out
        == "“腾达 smart factory” moved to Negotiation — approval pending: finance, legal, vp\n"
    )
    assert deal(deals_db, 3)["approval"] == "pending"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("move", "2", "--to", "Won"), "to close a deal use `salestui deal win`"),
        (("move", "2", "--to", "Closing"), "--to must be one of Prospect, Qualified"),
        (("move", "2", "--to", "Qualified"), "is already in Qualified"),
        (("lose", "2", "--reason", "cheap"), "'cheap' is not a lost reason"),
        (("edit", "2"), "say what to change"),
        (("edit", "2", "--amount", "-5"), "amount cannot be negative"),
        (("edit", "2", "--expected-close", "31/01/2027"), "must be a date as YYYY-MM-DD"),
        (("edit", "2", "--owner", "nobody"), "nobody"),
        (("win", "999"), "no deal '999' among the deals you may see"),
        (("win", ""), "say which deal"),
    ],
)
def test_a_refusal_is_one_line_and_writes_nothing(cli, deals_db, args, said):
    before = fixtures.rows_digest(deals_db)
    assert said in one_line_error(cli("deal", *args, "--db", deals_db))
    assert fixtures.rows_digest(deals_db) == before


def test_a_rep_cannot_see_let_alone_move_a_colleague_s_deal(cli, deals_db):
    """rep_li sees only their own deals: rep_wang's #2 is not found, not named."""
    before = fixtures.rows_digest(deals_db)
    line = one_line_error(cli("deal", "win", "2", "--user", "rep_li", "--db", deals_db))
    assert line == "salestui: no deal '2' among the deals you may see"
    line = one_line_error(cli("deal", "win", "SF-2", "--user", "rep_li", "--db", deals_db))
    assert "rep_wang" not in line and "Wang" not in line
    assert fixtures.rows_digest(deals_db) == before
    r = cli("deal", "move", "1", "--to", "Qualified", "--user", "rep_li", "--db", deals_db)
    # for rep_li "1" is only their own #1: deal #3 (external id "1") is rep_south's, unseen
    assert r.code == 0, r.err
    assert deal(deals_db, 1)["history"][-1] == ("Prospect", "Qualified", "rep_li")
