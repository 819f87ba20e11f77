"""The command line on the hand-written organisation of tests/fixtures.py.

Expected figures, worked out by hand from the fixture's docstring at NOW (2026-11-20 10:00 UTC):
  Prospect     #1 120,000 ×10% = 12,000 (20d > 14: stalled) + #8 15,000 ×10% = 1,500
               → 2 deals, 135,000.00, weighted 13,500.00, stalled 1
  Qualified    #2 80,000 ×25%  → 1, 80,000.00, 20,000.00, 0
  Proposal     #3 600,000 ×50% → 1, 600,000.00, 300,000.00, 0
  Negotiation  #4 450,000 ×75% = 337,500 (40d > 30: stalled) + #5 900,000 ×75% = 675,000
               → 2, 1,350,000.00, 1,012,500.00, 1
  Total        6, 2,165,000.00, 1,346,000.00, 2
  Won (30 days) #6 → 1, 50,000.00;  Lost (30 days) #7 → 1, 30,000.00
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
import types
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest

from salestui.identity import os_account
from tests import fixtures
from tests.cli.runner import Result


def one_line_error(r: Result) -> str:
    assert r.code != 0
    assert "Traceback" not in r.err + r.out
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("salestui: ")
    return lines[0]


def md_row(text: str, stage: str) -> list[str]:
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == stage:
            return cells
    raise AssertionError(f"no row {stage!r} in\n{text}")


# --- report pipeline -----------------------------------------------------------------------------


def test_pipeline_markdown_shows_the_board_figures(cli, seeded_db):
    r = cli("report", "pipeline", "--db", seeded_db)
    assert r.code == 0, r.err
    assert md_row(r.out, "Stage")[:5] == ["Stage", "Deals", "Amount", "Weighted", "Stalled"]
    assert md_row(r.out, "Prospect")[:5] == ["Prospect", "2", "135,000.00", "13,500.00", "1"]
    assert md_row(r.out, "Qualified")[:5] == ["Qualified", "1", "80,000.00", "20,000.00", "0"]
    assert md_row(r.out, "Proposal")[:5] == ["Proposal", "1", "600,000.00", "300,000.00", "0"]
    assert md_row(r.out, "Negotiation")[:5] == [
        "Negotiation",
        "2",
        "1,350,000.00",
        "1,012,500.00",
        "1",
    ]
    assert md_row(r.out, "Total")[:5] == ["Total", "6", "2,165,000.00", "1,346,000.00", "2"]
    assert md_row(r.out, "Won")[:3] == ["Won", "1", "50,000.00"]
    assert md_row(r.out, "Lost")[:3] == ["Lost", "1", "30,000.00"]
    assert "|---|---:|" in r.out  # a GitHub table


def test_pipeline_csv_parses_back_with_exact_money(cli, seeded_db):
    r = cli("report", "pipeline", "--db", seeded_db, "--format", "csv")
    assert r.code == 0, r.err
    rows = {row["stage"]: row for row in csv.DictReader(io.StringIO(r.out))}
    assert list(rows) == [
        "Prospect",
        "Qualified",
        "Proposal",
        "Negotiation",
        "Total",
        "Won",
        "Lost",
    ]
    assert rows["Prospect"]["amount"] == "135000.00"
    assert rows["Total"] == {
        "stage": "Total",
        "deals": "6",
        "amount": "2165000.00",
        "weighted": "1346000.00",
        "stalled": "2",
        "closed_within_days": "",
    }
    assert sum(Decimal(rows[s]["weighted"]) for s in list(rows)[:4]) == Decimal("1346000.00")
    assert rows["Lost"]["closed_within_days"] == "30"


def test_pipeline_json_parses_back(cli, seeded_db):
    r = cli("report", "pipeline", "--db", seeded_db, "--format", "json")
    assert r.code == 0, r.err
    body = json.loads(r.out)
    rows = {row["stage"]: row for row in body["rows"]}
    assert rows["Negotiation"] == {
        "stage": "Negotiation",
        "deals": 2,
        "amount": "1350000.00",
        "weighted": "1012500.00",
        "stalled": 1,
        "closed_within_days": None,
    }
    assert rows["Won"]["amount"] == "50000.00" and rows["Won"]["deals"] == 1
    assert body["stall_days"] == {
        "Prospect": 14,
        "Qualified": 21,
        "Proposal": 30,
        "Negotiation": 30,
    }
    assert body["scope"] == "everyone"


def test_pipeline_for_one_owner(cli, seeded_db):
    # rep_li owns #1 (Prospect 120,000, stalled) and #4 (Negotiation 450,000 ×75%, stalled).
    r = cli("report", "pipeline", "--db", seeded_db, "--owner", "rep_li", "--format", "csv")
    rows = {row["stage"]: row for row in csv.DictReader(io.StringIO(r.out))}
    assert (rows["Prospect"]["deals"], rows["Prospect"]["weighted"]) == ("1", "12000.00")
    assert rows["Qualified"]["deals"] == "0"
    assert rows["Total"]["amount"] == "570000.00"
    assert rows["Total"]["weighted"] == "349500.00"
    assert rows["Total"]["stalled"] == "2"
    assert rows["Won"]["deals"] == "0"


def test_pipeline_for_a_manager_covers_their_team(cli, seeded_db):
    # mgr_east's team: rep_li, rep_wang, newbie — everything but rep_south's #3 and #6.
    r = cli("report", "pipeline", "--db", seeded_db, "--owner", "mgr_east", "--format", "json")
    rows = {row["stage"]: row for row in json.loads(r.out)["rows"]}
    assert rows["Total"]["deals"] == 5 and rows["Total"]["amount"] == "1565000.00"
    assert rows["Proposal"]["deals"] == 0 and rows["Won"]["deals"] == 0


def test_pipeline_unknown_owner(cli, seeded_db):
    line = one_line_error(cli("report", "pipeline", "--db", seeded_db, "--owner", "ghost"))
    assert "ghost" in line


def test_pipeline_out_writes_the_file(cli, seeded_db, tmp_path):
    target = tmp_path / "pipeline.csv"
    r = cli("report", "pipeline", "--db", seeded_db, "--format", "csv", "--out", str(target))
    assert r.code == 0, r.err
    assert str(target) in r.out
    assert "Total,6,2165000.00,1346000.00,2," in target.read_text(encoding="utf-8")


def test_db_and_user_before_or_after_the_sub_command(cli, seeded_db, monkeypatch):
    before = cli("--db", seeded_db, "--user", "boss", "report", "pipeline", "--format", "csv")
    middle = cli("report", "--db", seeded_db, "pipeline", "--format", "csv")
    after = cli("report", "pipeline", "--format", "csv", "--db", seeded_db, "--user", "boss")
    monkeypatch.setenv("SALESTUI_DB", seeded_db)
    from_env = cli("report", "pipeline", "--format", "csv")
    assert before.code == middle.code == after.code == from_env.code == 0
    assert before.out == middle.out == after.out == from_env.out
    assert "Total,6," in before.out


def test_bad_format_is_one_line(cli, seeded_db):
    line = one_line_error(cli("report", "pipeline", "--db", seeded_db, "--format", "xml"))
    assert "--format" in line and "xml" in line


def test_report_on_a_missing_database_does_not_create_it(cli, tmp_path):
    target = tmp_path / "typo.db"
    line = one_line_error(cli("report", "pipeline", "--db", str(target)))
    assert "no database" in line
    assert not target.exists()


# --- log -----------------------------------------------------------------------------------------


@pytest.fixture
def moved_db(seeded_db, session_for):
    """rep_li moves #1 Prospect → Qualified 3 days before NOW; mgr_east moves #2 at NOW."""
    from salestui.services.deals import move_stage

    s = session_for(seeded_db)
    move_stage(s, "rep_li", 1, "Qualified", 1, now=fixtures.NOW - timedelta(days=3))
    move_stage(s, "mgr_east", 2, "Proposal", 1, now=fixtures.NOW)
    s.close()
    return seeded_db


def test_log_shows_the_changes_newest_first(cli, moved_db, utc_zone):
    r = cli("log", "--db", moved_db, "--format", "csv")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    # the machine columns as they were, the names added after them
    assert list(rows[0]) == [
        *("at", "by", "table", "row", "field", "old", "new"),
        *("by_name", "row_name"),
    ]
    assert [row["by"] for row in rows] == ["mgr_east"] * 4 + ["rep_li"] * 4
    stage = {(row["row"], row["field"]): row for row in rows}
    assert (stage[("1", "stage")]["old"], stage[("1", "stage")]["new"]) == ("Prospect", "Qualified")
    assert (stage[("2", "stage")]["old"], stage[("2", "stage")]["new"]) == ("Qualified", "Proposal")
    assert stage[("2", "probability")]["new"] == "50"
    assert stage[("2", "stage")]["at"] == "2026-11-20 10:00:00"
    assert stage[("1", "stage")]["table"] == "opportunity"
    assert (stage[("1", "stage")]["by_name"], stage[("1", "stage")]["row_name"]) == (
        "李伟",
        "华信 ERP rollout",
    )
    assert stage[("1", "version")]["new"] == "2"  # CSV keeps the version steps


def test_log_markdown(cli, moved_db, utc_zone):
    r = cli("log", "--db", moved_db)
    assert r.code == 0, r.err
    row = md_row(r.out, "2026-11-17 10:00:00")
    assert row[1:3] == ["李伟", "deal 华信 ERP rollout"]  # by name, the deal by its title
    # 8 entries, of which the two version steps are left out
    assert "6 changes, newest first. 2 version steps left out." in r.out
    assert "| version |" not in r.out


def test_log_by_and_since_filter(cli, moved_db, utc_zone):
    by = json.loads(cli("log", "--db", moved_db, "--by", "rep_li", "--format", "json").out)
    assert {row["by"] for row in by["rows"]} == {"rep_li"} and len(by["rows"]) == 4
    since = json.loads(
        cli("log", "--db", moved_db, "--since", "2026-11-18", "--format", "json").out
    )
    assert {row["by"] for row in since["rows"]} == {"mgr_east"}
    assert since["since"] == "2026-11-18"
    both = cli(
        "log", "--db", moved_db, "--since", "2026-11-18", "--by", "rep_li", "--format", "csv"
    )
    assert both.out.strip() == "at,by,table,row,field,old,new,by_name,row_name"
    limited = json.loads(cli("log", "--db", moved_db, "--limit", "1", "--format", "json").out)
    assert len(limited["rows"]) == 1 and limited["rows"][0]["by"] == "mgr_east"


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "20/11/2026"])
def test_log_bad_since_is_one_line(cli, seeded_db, bad):
    line = one_line_error(cli("log", "--db", seeded_db, "--since", bad))
    assert "--since" in line and "YYYY-MM-DD" in line


def test_log_bad_limit_is_one_line(cli, seeded_db):
    assert "--limit" in one_line_error(cli("log", "--db", seeded_db, "--limit", "0"))


# --- databases that cannot be opened -----------------------------------------------------------


def _another_programs_db(path):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()


def _newer_salestui_db(path, seeded):
    import shutil

    shutil.copy(seeded, path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("missing folder", "does not exist"),
        ("a directory", "folder"),
        ("a text file", "not a SQLite database"),
        ("another program's", "another program's database"),
        ("newer salestui", "newer salestui"),
    ],
)
def test_bad_database_is_one_line_without_traceback(tmp_path, seeded_db, case, expected):
    target = {
        "missing folder": tmp_path / "nowhere" / "x.db",
        "a directory": tmp_path,
        "a text file": tmp_path / "notes.db",
        "another program's": tmp_path / "photos.db",
        "newer salestui": tmp_path / "future.db",
    }[case]
    if case == "a text file":
        target.write_text("these are my notes\n", encoding="utf-8")
    elif case == "another program's":
        _another_programs_db(target)
    elif case == "newer salestui":
        _newer_salestui_db(target, seeded_db)
    for args in (["report", "pipeline"], ["--user", "boss"]):
        proc = subprocess.run(
            [sys.executable, "-m", "salestui", *args, "--db", str(target)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        r = Result(proc.returncode, proc.stdout, proc.stderr)
        assert expected in one_line_error(r)


@pytest.mark.skipif(sys.platform == "win32" or __import__("os").geteuid() == 0, reason="root")
def test_unwritable_database_is_one_line(cli, seeded_db):
    import os

    os.chmod(seeded_db, 0o444)
    try:
        assert "permission" in one_line_error(cli("report", "pipeline", "--db", seeded_db))
    finally:
        os.chmod(seeded_db, 0o644)


def test_unknown_command_is_one_line(cli):
    assert "bogus" in one_line_error(cli("bogus"))


# --- opening the app -----------------------------------------------------------------------------


def test_no_command_opens_the_app_for_the_user(cli, seeded_db, fake_app):
    r = cli("--db", seeded_db, "--user", "rep_li")
    assert r.code == 0, r.err
    assert [ctx.user for ctx in fake_app] == ["rep_li"]


def test_unknown_user_is_refused_before_the_app_opens(cli, seeded_db, fake_app):
    line = one_line_error(cli("--db", seeded_db, "--user", "ghost"))
    assert line == "salestui: no person with login 'ghost' in this database"
    assert fake_app == []


def test_user_defaults_to_the_person_bound_to_the_os_account(cli, seeded_db, fake_app, monkeypatch):
    with sqlite3.connect(seeded_db) as con:
        con.execute("UPDATE person SET os_user = 'mei' WHERE login = 'mgr_east'")
    con.close()
    monkeypatch.setattr("salestui.identity.os_account", lambda: "mei")
    assert cli("--db", seeded_db).code == 0
    assert fake_app[0].user == "mgr_east"


def test_opening_the_app_leaves_the_command_line_unloaded(seeded_db):
    """`salestui --db X --user Y` opens the app without Typer, Pydantic or the command groups
    (0.15 s of every start before the first frame); run in a fresh interpreter."""
    code = (
        "import sys\n"
        "import salestui.cli.database as d\n"
        "d.run_app = lambda db, user: print(user, sorted(m for m in sys.modules if "
        "m.split('.')[0] in ('typer', 'click', 'pydantic') or m == 'salestui.cli.root'))\n"
        "from salestui.cli import main\n"
        f"main(['--db', {seeded_db!r}, '--lang', 'en'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split(" ", 1) == ["boss", "[]\n"]  # the OS account's person


@pytest.mark.parametrize(
    "args, options",
    [
        ((), {}),
        (("--db", "a.db"), {"db": "a.db"}),
        (("--db=a.db", "--user", "li", "--lang=zh"), {"db": "a.db", "user": "li", "lang": "zh"}),
        (("--user", "li", "--user", "wang"), {"user": "wang"}),  # the later wins
        (("--db",), None),  # no value: the command line says so
        (("--db", "--user"), None),
        (("--help",), None),
        (("report", "pipeline"), None),
        (("--db", "a.db", "board"), None),
        (("-h",), None),
    ],
)
def test_only_the_root_options_open_the_app_at_once(args, options):
    from salestui.cli.quick import root_options

    assert root_options(list(args)) == options


def test_a_bad_language_on_opening_is_the_command_line_s_one_line(cli, seeded_db, fake_app):
    r = cli("--db", seeded_db, "--user", "rep_li", "--lang", "fr")
    assert r.code == 2 and fake_app == []
    assert one_line_error(r).startswith("salestui: --lang: ")


def test_trouble_while_the_app_opens_is_one_line(cli, seeded_db, monkeypatch):
    from salestui.db.engine import DatabaseProblem

    def broken(database, user):
        raise DatabaseProblem("the file went away")

    monkeypatch.setattr("salestui.cli.database.run_app", broken)
    r = cli("--db", seeded_db, "--user", "rep_li")
    assert (r.code, one_line_error(r)) == (1, "salestui: the file went away")


def test_ctrl_c_while_the_app_opens_is_one_line(cli, seeded_db, monkeypatch):
    def stopped(*_args, **_kw):
        raise KeyboardInterrupt

    monkeypatch.setattr("salestui.cli.database.open_db", stopped)
    r = cli("--db", seeded_db, "--user", "rep_li")
    assert (r.code, one_line_error(r)) == (130, "salestui: interrupted")


# --- demo ---------------------------------------------------------------------------------------


@pytest.fixture
def fake_demo(monkeypatch):
    """Stand in for salestui.db.demo.build: makes one person (the top manager) and reports progress."""
    calls = []

    @dataclass(frozen=True)
    class DemoSummary:
        top_login: str
        people: int
        deals: int

    def build_demo(
        engine, *, deals=2000, seed=7, top_login="demo", os_user=None, today=None, progress=None
    ):
        from sqlmodel import Session

        from salestui.db.tables import Person

        calls.append({"deals": deals, "seed": seed, "top_login": top_login, "os_user": os_user})
        login = top_login.strip().lower()  # as the real one does
        if not login.isascii():
            raise ValueError(f"top login {top_login!r} must be plain ascii")
        for done in range(3):
            if progress:
                progress("people", done, 2)
        with Session(engine) as s:
            s.add(
                Person(login=login, display_name="Top", role="manager", admin=True, os_user=os_user)
            )
            s.commit()
        return DemoSummary(top_login=login, people=1, deals=deals)

    monkeypatch.setitem(
        sys.modules, "salestui.db.demo.build", types.SimpleNamespace(build_demo=build_demo)
    )
    return calls


def test_demo_builds_a_fresh_database_once(cli, tmp_path, fake_demo, fake_app):
    target = tmp_path / "demo.db"
    args = ("demo", "--db", str(target), "--deals", "300", "--seed", "3", "--user", "ann")
    first = cli(*args, "--no-open")
    assert first.code == 0, first.err
    assert fake_demo == [{"deals": 300, "seed": 3, "top_login": "ann", "os_user": os_account()}]
    assert "300 deals" in first.out and str(target) in first.out
    assert fake_app == []
    second = cli(*args)
    assert second.code == 0, second.err
    assert len(fake_demo) == 1  # not built again
    assert "already holds a salestui database" in second.out
    assert [ctx.user for ctx in fake_app] == ["ann"]


def test_demo_defaults_to_its_own_file(cli, tmp_path, fake_demo, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    r = cli("demo", "--no-open", "--user", "ann")
    assert r.code == 0, r.err
    assert (tmp_path / "data" / "salestui" / "demo.db").exists()
    assert not (tmp_path / "data" / "salestui" / "salestui.db").exists()
    assert fake_demo[0]["deals"] == 2000 and fake_demo[0]["seed"] == 7


def test_demo_opens_an_existing_database_for_someone_else(cli, seeded_db, fake_demo, fake_app):
    assert cli("demo", "--db", seeded_db, "--user", "rep_south").code == 0
    assert fake_demo == [] and fake_app[0].user == "rep_south"
    line = one_line_error(cli("demo", "--db", seeded_db, "--user", "ghost"))
    assert "'ghost'" in line and "top manager here is boss" in line


@pytest.mark.parametrize("deals", ["0", "-5", "5000001"])
def test_demo_deals_out_of_range(cli, tmp_path, fake_demo, deals):
    line = one_line_error(cli("demo", "--db", str(tmp_path / "d.db"), "--deals", deals))
    assert "--deals must be between 1 and 5,000,000" in line
    assert fake_demo == []


def test_importing_the_cli_stays_light():
    code = (
        "import sys, salestui.cli; "
        "heavy = {'pandas', 'sqlmodel', 'alembic', 'textual', 'numpy'} & "
        "{m.split('.')[0] for m in sys.modules}; print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def test_demo_opens_as_the_login_it_made(cli, tmp_path, fake_demo, fake_app):
    target = str(tmp_path / "demo.db")
    first = cli("demo", "--db", target, "--user", "Ann")
    assert first.code == 0, first.err
    assert "top manager (ann)" in first.out
    assert cli("demo", "--db", target, "--user", "Ann").code == 0
    assert [ctx.user for ctx in fake_app] == ["ann", "ann"]


def test_demo_refusal_is_one_line(cli, tmp_path, fake_demo, fake_app):
    line = one_line_error(cli("demo", "--db", str(tmp_path / "d.db"), "--user", "李伟"))
    assert "cannot make the demo" in line and "ascii" in line
    assert fake_app == []


def test_demo_with_the_real_generator(cli, tmp_path, fake_app):
    target = str(tmp_path / "real-demo.db")
    made = cli("demo", "--db", target, "--deals", "60", "--no-open", "--user", "demo")
    assert made.code == 0, made.err
    assert "made the demo database" in made.out and "top manager (demo)" in made.out
    body = json.loads(
        cli("report", "pipeline", "--db", target, "--format", "json", "--user", "demo").out
    )
    rows = {row["stage"]: row for row in body["rows"]}
    stages = ["Prospect", "Qualified", "Proposal", "Negotiation"]
    assert rows["Total"]["deals"] == sum(rows[s]["deals"] for s in stages)
    assert Decimal(rows["Total"]["amount"]) == sum(Decimal(rows[s]["amount"]) for s in stages)
    again = cli("demo", "--db", target, "--user", "demo")
    assert "already holds" in again.out and fake_app[0].user == "demo"


# --- the pure report functions -------------------------------------------------------------------


def test_markdown_cells_cannot_break_the_table():
    from salestui.kernel.report_table import Column, render_table

    text = render_table(
        [Column("a", "A"), Column("n", "N", right=True)], [{"a": "x|y\nz", "n": 1234}], "md"
    )
    assert text.splitlines()[2] == "| x\\|y z | 1,234 |"


def test_running_main_again_registers_no_command_twice(cli, seeded_db):
    import salestui.cli.root

    cli("report", "pipeline", "--db", seeded_db)
    first = (
        len(salestui.cli.root.app.registered_commands),
        len(salestui.cli.root.app.registered_groups),
    )
    cli("report", "pipeline", "--db", seeded_db)
    again = (
        len(salestui.cli.root.app.registered_commands),
        len(salestui.cli.root.app.registered_groups),
    )
    assert again == first
