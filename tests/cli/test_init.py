"""``salestui init``: a new database whose first person is whoever made it."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

from salestui.identity import os_account
from tests.cli.test_cli import one_line_error


def people(db: str) -> list[tuple]:
    with sqlite3.connect(db) as con:
        found = con.execute(
            "SELECT login, display_name, role, admin, os_user, manager_id, active FROM person"
        ).fetchall()
    con.close()
    return found


def test_init_makes_the_first_person_top_manager_and_administrator(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("salestui.identity.os_account", lambda: "ann_os")
    db = str(tmp_path / "team.db")
    r = cli("init", "--db", db, "--user", "ann", "--name", "Ann  Lee")
    assert r.code == 0, r.err
    assert "ann is its top manager and an administrator" in r.out and "ann_os" in r.out
    assert people(db) == [("ann", "Ann Lee", "manager", 1, "ann_os", None, 1)]
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o660
    # the account made it: it opens as ann without --user, and the log says who made ann
    log = cli("log", "--db", db, "--format", "csv")
    assert log.code == 0, log.err
    assert ",ann,person,1,*created*,,ann" in log.out


def test_init_global_options_before_the_command(cli, tmp_path):
    db = str(tmp_path / "team.db")
    assert cli("--db", db, "--user", "ann", "init").code == 0
    assert people(db) == [("ann", "ann", "manager", 1, os_account(), None, 1)]


def test_init_refuses_a_database_that_has_people(cli, seeded_db):
    before = hashlib.sha256(Path(seeded_db).read_bytes()).hexdigest()
    line = one_line_error(cli("init", "--db", seeded_db, "--user", "ann"))
    assert "already has people (6)" in line
    assert hashlib.sha256(Path(seeded_db).read_bytes()).hexdigest() == before


def test_init_needs_a_login(cli, tmp_path):
    db = tmp_path / "team.db"
    assert "--user LOGIN" in one_line_error(cli("init", "--db", str(db)))
    assert "spaces" in one_line_error(cli("init", "--db", str(db), "--user", "ann lee"))
    assert not db.exists()


def test_the_demo_top_manager_is_an_administrator_bound_to_the_account(cli, tmp_path):
    db = str(tmp_path / "demo.db")
    r = cli("demo", "--db", db, "--deals", "60", "--no-open", "--user", "Ann")
    assert r.code == 0, r.err
    with sqlite3.connect(db) as con:
        bound = con.execute("SELECT login, admin FROM person WHERE os_user IS NOT NULL").fetchall()
        admins = con.execute("SELECT count(*) FROM person WHERE admin").fetchone()[0]
    con.close()
    assert bound == [("ann", 1)] and admins == 1
    report = cli("report", "pipeline", "--db", db)  # no --user: the account's person
    assert report.code == 0, report.err
