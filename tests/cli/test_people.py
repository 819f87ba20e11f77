"""`salestui people` on the hand-written org of tests/services/people_org.py: what each command
says and writes, and every refusal as one line, a non-zero exit and a database byte-identical
afterwards."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli.test_cli import one_line_error
from tests.services import people_org as org


@pytest.fixture
def org_db(tmp_path, monkeypatch) -> str:
    """The org with the tests running as ada_os, the account bound to Ada (an administrator,
    so ``--user`` acts for anyone)."""
    monkeypatch.setattr("salestui.identity.os_account", lambda: "ada_os")
    return org.build(str(tmp_path / "org.db"))


def files(path: str) -> dict[str, bytes]:
    """The database and whatever WAL or SHM file beside it, byte for byte."""
    db = Path(path)
    found = {p.name: p.read_bytes() for p in db.parent.glob(db.name + "*")}
    # A read opens the file in WAL mode: an empty -wal and the -shm index appear, nothing written.
    found.pop(db.name + "-shm", None)
    if not found.get(db.name + "-wal", b"x"):
        del found[db.name + "-wal"]
    return found


def test_list_shows_whom_the_acting_person_sees(cli, org_db):
    r = cli("people", "list", "--db", org_db, "--user", "mia")
    assert r.code == 0, r.err
    assert r.out.startswith("# People — as Mia Mid (mia) sees them\n\n4 people.")
    assert (
        "| rex | Rex Rep |  | rep |  | leo | North |  |  | yes |" in r.out
    )  # no zone: the system's
    r = cli("people", "list", "--db", org_db, "--user", "rex", "--format", "csv")
    assert [row["login"] for row in csv.DictReader(io.StringIO(r.out))] == ["rex"]
    r = cli("people", "list", "--db", org_db, "--user", "ada", "--format", "json")
    body = json.loads(r.out)
    assert body["viewer"] == "ada" and len(body["rows"]) == 8
    sam = next(row for row in body["rows"] if row["login"] == "sam")
    assert (sam["os_user"], sam["manager"], sam["admin"], sam["active"]) == (
        "sam_os",
        "sol",
        False,
        True,
    )
    old = next(row for row in body["rows"] if row["login"] == "old")
    assert old["active"] is False


def test_set_answers_with_what_changed(cli, org_db, monkeypatch):
    monkeypatch.setattr("salestui.identity.os_account", lambda: "stranger")
    r = cli("people", "set", "rex", "--manager", "mia", "--title", "Lead", "--db", org_db)
    assert r.code == 1 and "bound to no person" in r.err  # an account nobody is bound to
    monkeypatch.setattr("salestui.identity.os_account", lambda: "ada_os")
    r = cli(
        *("people", "set", "rex", "--manager", "mia", "--title", "Lead"),
        *("--db", org_db, "--user", "mia", "--format", "json"),
    )
    assert r.code == 0, r.err
    assert json.loads(r.out) == {
        "login": "rex",
        "version": 2,
        "created": False,
        "changed": {"manager": {"from": "leo", "to": "mia"}, "title": {"from": "", "to": "Lead"}},
    }
    rex = org.person(org_db, "rex")
    assert org.login_of(org_db, rex["manager_id"]) == "mia" and rex["title"] == "Lead"
    r = cli("people", "set", "sam", "--inactive", "--no-admin", "--db", org_db, "--user", "sol")
    assert r.code == 0, r.err
    assert r.out == "changed sam: active yes → no\n"


def test_bind_unbind_and_add(cli, org_db):
    r = cli("people", "bind", "rex", "rex_os", "--db", org_db, "--user", "leo")
    assert (r.code, r.out) == (0, "changed rex: os_user (none) → rex_os\n")
    r = cli("people", "unbind", "sam", "--db", org_db, "--user", "ada")
    assert r.out == "changed sam: os_user sam_os → (none)\n"
    r = cli("people", "bind", "sam", "--os-user", "sam2", "--db", org_db, "--user", "ada")
    assert r.code == 0 and org.person(org_db, "sam")["os_user"] == "sam2"
    r = cli(
        *("people", "add", "neo", "--name", "Neo New", "--role", "manager"),
        *("--db", org_db, "--user", "leo", "--format", "json"),
    )
    assert r.code == 0, r.err
    answer = json.loads(r.out)
    assert answer["created"] is True and answer["changed"]["manager"] == {"from": None, "to": "leo"}
    assert answer["changed"]["region"]["to"] == "North"
    assert org.person(org_db, "neo")["role"] == "manager"


REFUSALS = [
    # (acting login, arguments, what the line says)
    ("ada", ("set", "mia", "--manager", "mia"), "mia cannot be their own manager"),
    ("ada", ("set", "mia", "--manager", "rex"), "(rex → leo → mia)"),
    ("rae", ("set", "rex", "--title", "x"), "rex does not report to you"),
    ("rae", ("set", "rex", "--manager", "rae"), "rex does not report to you"),
    ("mia", ("set", "mia", "--manager", "sol"), "you cannot change your own manager"),
    ("ada", ("bind", "rex", "sam_os"), "'sam_os' is already bound to sam"),
    ("ada", ("set", "ada", "--inactive"), "ada is the last active administrator"),
    ("mia", ("set", "rex", "--admin"), "only an administrator makes rex an administrator"),
    ("mia", ("set", "rex", "--role", "boss"), "a role is rep or manager, not 'boss'"),
    ("sam", ("unbind", "sam"), "you cannot change your own OS account"),
    ("rae", ("add", "neo", "--name", "Neo"), "only a manager or an administrator adds people"),
    ("leo", ("add", "neo", "--name", "Neo", "--manager", "sol"), "not below sol"),
    ("ada", ("add", "rex", "--name", "Rex"), "there is already a person with login 'rex'"),
    ("ghost", ("set", "rex", "--title", "x"), "no person with login 'ghost'"),
    ("ada", ("set", "rex"), "say what to change"),
    ("ada", ("bind", "rex"), "give the OS account once"),
    ("ada", ("set", "rex", "--title", "x", "--format", "xml"), "--format must be text or json"),
    ("ada", ("set", "rex", "--title", "Rep\x1b[2J"), "the title contains a control character"),
    ("ada", ("add", "neo", "--name", "N\x9beo"), "the name contains a control character (U+009B)"),
]


@pytest.mark.parametrize("actor, args, message", REFUSALS)
def test_refusals_are_one_line_and_leave_the_file_as_it_was(cli, org_db, actor, args, message):
    before = files(org_db)
    r = cli("people", *args, "--db", org_db, "--user", actor)
    line = one_line_error(r)
    assert message in line
    assert r.out == ""
    assert files(org_db) == before
