"""Who salestui acts as: the rule (pure), and every door of the command line through the one seam
(``salestui.identity.os_account``) — the person bound to the account, ``--user`` only for that
person or an administrator, and each refusal one line with the database left byte for byte.

Real OS accounts (useradd, runuser) are in tests/cli/test_accounts.py.
"""

from __future__ import annotations

import hashlib
import sqlite3
import types
from pathlib import Path

import pytest

from salestui.db.queries.people import PersonRow
from salestui.identity import acting_login
from salestui.kernel.errors import DomainError
from tests.cli.test_cli import one_line_error


def person(pid, login, *, os_user=None, admin=False, role="rep", manager=None, active=True):
    return PersonRow(
        pid, login, login.title(), role, "", manager, None, None, active, admin, os_user
    )


# boss (admin, account "bo") → mgr (account "mei") → li (account "li"), wang (unbound)
PEOPLE = (
    person(1, "boss", os_user="bo", admin=True, role="manager"),
    person(2, "mgr", os_user="mei", role="manager", manager=1),
    person(3, "li", os_user="li", manager=2),
    person(4, "wang", manager=2),
)


def refusal(account: str, requested: str | None, people=PEOPLE) -> str:
    with pytest.raises(DomainError) as caught:
        acting_login(people, account, requested)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- the rule ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("account", "requested", "acting"),
    [
        ("li", None, "li"),  # the person bound to the account
        ("li", "li", "li"),  # --user naming oneself
        ("mei", None, "mgr"),
        ("bo", "wang", "wang"),  # an administrator acts for anyone, bound or not
        ("bo", "li", "li"),
        ("bo", " mgr ", "mgr"),
    ],
)
def test_who_acts(account, requested, acting):
    assert acting_login(PEOPLE, account, requested) == acting


def test_a_manager_may_not_act_for_someone_below_them():
    assert refusal("mei", "li") == (
        "the OS account mei is mgr's and may not act as li (bound to the OS account li): "
        "only an administrator may use --user for someone else"
    )


def test_a_rep_may_not_act_for_an_unbound_colleague():
    assert refusal("li", "wang") == (
        "the OS account li is li's and may not act as wang (bound to no one): "
        "only an administrator may use --user for someone else"
    )


def test_an_unknown_login_is_named():
    assert refusal("bo", "ghost") == "no person with login 'ghost' in this database"
    assert refusal("stranger", "ghost") == "no person with login 'ghost' in this database"


@pytest.mark.parametrize("requested", [None, "li", "boss"])
def test_an_unbound_account_is_told_who_can_bind_it(requested):
    assert refusal("carol", requested) == (
        "the OS account carol is bound to no person in this database; an administrator (boss) "
        "can bind it: `salestui people bind LOGIN carol` or the people form on the team screen"
    )


def test_without_administrators_the_managers_can_bind():
    no_admin = tuple(p if p.id != 1 else person(1, "boss", role="manager") for p in PEOPLE)
    assert "a manager (for people below them) (boss, mgr) can bind it" in refusal(
        "x", None, no_admin
    )


def test_someone_who_left_is_refused_even_on_their_own_account():
    left = (*PEOPLE[:3], person(4, "wang", os_user="wf", active=False))
    assert refusal("wf", None, left) == (
        "wang, bound to the OS account wf, is no longer active; an administrator (boss) can "
        "bind the account to someone else"
    )
    assert acting_login(left, "bo", "wang") == "wang"  # an administrator still may


def test_blank_user_is_refused():
    assert refusal("li", "  ") == "--user needs a login name"


# --- every door, through the seam ---------------------------------------------------------------


@pytest.fixture
def team(seeded_db, monkeypatch, fake_app, tmp_path):
    """The hand-written org with rep_li bound to the account "li" and mgr_east to "mei" (boss,
    the administrator, to the account running the tests); ``as_account`` picks the account."""
    with sqlite3.connect(seeded_db) as con:
        con.execute("UPDATE person SET os_user = 'li' WHERE login = 'rep_li'")
        con.execute("UPDATE person SET os_user = 'mei' WHERE login = 'mgr_east'")
    con.close()
    csv = tmp_path / "customers.csv"
    csv.write_text("name,owner\nNew Co,rep_li\n", encoding="utf-8")

    def as_account(account: str) -> None:
        monkeypatch.setattr("salestui.identity.os_account", lambda: account)

    return types.SimpleNamespace(db=seeded_db, csv=str(csv), as_account=as_account, app=fake_app)


def doors(db: str, csv: str) -> dict[str, list[str]]:
    """Every command that reads or writes a database someone already made."""
    return {
        "app": ["--db", db],
        "demo": ["demo", "--db", db],
        "report pipeline": ["report", "pipeline", "--db", db],
        "report customers": ["report", "customers", "--db", db],
        "report team": ["report", "team", "--db", db],
        "report weekly": ["report", "weekly", "--db", db],
        "log": ["log", "--db", db],
        "import": ["import", "customers", csv, "--db", db],
        "import --undo": ["import", "--undo", "abc123", "--db", db],
        "export": ["export", "customers", "--db", db],
    }


DOORS = list(doors("", ""))


def fingerprint(db: str) -> str:
    """The database file's bytes (its -wal emptied into it first), to show nothing was written."""
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return hashlib.sha256(Path(db).read_bytes()).hexdigest()


def refused(cli, team, door: str, *extra: str) -> str:
    before = fingerprint(team.db)
    line = one_line_error(cli(*doors(team.db, team.csv)[door], *extra))
    assert fingerprint(team.db) == before, f"{door} wrote to the database"
    assert team.app == []
    return line


@pytest.mark.parametrize("door", DOORS)
def test_an_unbound_account_is_refused_at_every_door(cli, team, door):
    team.as_account("stranger")
    line = refused(cli, team, door)
    assert "the OS account stranger is bound to no person" in line
    assert "salestui people bind LOGIN stranger" in line and "(boss)" in line


@pytest.mark.parametrize("door", DOORS)
def test_user_for_someone_else_is_refused_at_every_door(cli, team, door):
    team.as_account("li")
    line = refused(cli, team, door, "--user", "rep_wang")
    assert "the OS account li is rep_li's and may not act as rep_wang" in line


@pytest.mark.parametrize("door", DOORS)
def test_an_unknown_login_is_refused_at_every_door(cli, team, door):
    line = refused(cli, team, door, "--user", "ghost")
    assert "no person with login 'ghost' in this database" in line


@pytest.mark.parametrize("door", DOORS)
def test_the_user_given_before_the_command_is_checked_the_same(cli, team, door):
    team.as_account("li")
    args = doors(team.db, team.csv)[door]
    before = fingerprint(team.db)
    line = one_line_error(cli("--user", "rep_wang", *args))
    assert "may not act as rep_wang" in line
    assert fingerprint(team.db) == before


def test_the_bound_person_acts_without_user(cli, team):
    team.as_account("li")
    assert cli("--db", team.db).code == 0
    assert cli("--db", team.db, "--user", "rep_li").code == 0
    assert [ctx.user for ctx in team.app] == ["rep_li", "rep_li"]
    imported = cli("import", "customers", team.csv, "--db", team.db)
    assert imported.code == 0, imported.err
    with sqlite3.connect(team.db) as con:
        by = {r[0] for r in con.execute("SELECT by_login FROM audit_log")}
    con.close()
    assert by == {"rep_li"}  # the audit log names who really imported


def test_an_administrator_acts_for_someone_else(cli, team):
    # the account running the tests is boss's, an administrator (tests/conftest.py)
    assert cli("--db", team.db, "--user", "rep_li").code == 0
    assert cli("--user", "mgr_east", "--db", team.db).code == 0
    assert [ctx.user for ctx in team.app] == ["rep_li", "mgr_east"]
    exported = cli("export", "people", "--db", team.db, "--user", "rep_li")
    assert exported.code == 0 and "rep_li" in exported.out


def test_a_database_without_people_says_to_run_init(cli, tmp_path, fake_app):
    from salestui.db.engine import open_database

    db = str(tmp_path / "empty.db")
    open_database(db).dispose()
    csv = tmp_path / "c.csv"
    csv.write_text("name\nX\n", encoding="utf-8")
    for door, args in doors(db, str(csv)).items():
        if door == "demo":
            continue  # the demo fills an empty database
        before = fingerprint(db)
        line = one_line_error(cli(*args))
        assert "no people yet" in line and "salestui init --user LOGIN" in line, door
        assert fingerprint(db) == before, door
    assert fake_app == []


# --- the database role on PostgreSQL --------------------------------------------------------------


def test_on_postgresql_the_account_is_the_database_role():
    import os

    url = os.environ.get("SALESTUI_TEST_PG_URL", "")
    if not url:
        pytest.skip("SALESTUI_TEST_PG_URL is not set")
    from sqlalchemy import make_url

    from salestui.db.engine import make_engine
    from salestui.identity import database_account

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            assert database_account(conn) == make_url(url).username
    finally:
        engine.dispose()
