"""``--db`` and ``--user`` mean the same wherever they stand: before the command, after a group's
name (``report``, ``people``) or after the command itself.

The command tree is walked from Typer's own Click command, so a command added later is run here
too; ARGUMENTS must name its minimal arguments, or ``test_every_command_has_its_arguments``
fails. Each placement runs on its own copy of the same seeded database, with SALESTUI_DB unset and
HOME / XDG_DATA_HOME pointed at an empty folder: the default database must never be made.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
import typer

from tests import fixtures

USER = "mgr_east"  # not the bound boss: a --user that is ignored shows in what is seen
PEOPLE_CSV = "login,name,role,manager\nzed,Zed Rep,rep,mgr_east\n"

# Command path → (minimal arguments, on a fresh file instead of the seeded one). ``{dir}`` is the
# folder of that run. Skipped: the bare app launch (no command) and ``demo`` without --no-open.
ARGUMENTS: dict[tuple[str, ...], tuple[list[str], bool]] = {
    ("init",): ([], True),
    ("demo",): (["--no-open", "--deals", "20"], True),
    ("report", "pipeline"): ([], False),
    ("report", "customers"): ([], False),
    ("customer", "add"): (["Brand New Co"], False),
    ("customer", "duplicates"): ([], False),
    ("customer", "edit"): (["5", "--size", "large"], False),
    ("customer", "reassign"): (["5", "boss"], False),
    ("customer", "merge"): (["5", "3"], False),
    ("contact", "add"): (["Zhang", "--customer", "3"], False),
    ("contact", "list"): (["--customer", "3"], False),
    ("contact", "edit"): (["1", "--title", "CTO"], False),
    ("contact", "remove"): (["1"], False),
    ("contact", "link"): (["1", "--deal", "2"], False),
    ("contact", "unlink"): (["1", "--deal", "2"], False),
    ("report", "team"): ([], False),
    ("report", "weekly"): ([], False),
    ("report", "forecast-accuracy"): ([], False),
    ("log",): ([], False),
    ("check",): ([], False),
    ("backup",): (["{dir}/copy.db"], False),
    ("import",): (["people", "{dir}/people.csv"], False),
    ("export",): (["people"], False),
    ("people", "list"): ([], False),
    ("people", "bind"): (["rep_li", "someone"], False),
    ("people", "unbind"): (["rep_li"], False),
    ("people", "set"): (["rep_li", "--title", "Key accounts"], False),
    ("people", "add"): (["zoe", "--name", "Zoe Rep"], False),
    # deal #2 is rep_wang's, who reports to mgr_east
    ("deal", "move"): (["2", "--to", "Proposal"], False),
    ("deal", "win"): (["2"], False),
    ("deal", "lose"): (["2", "--reason", "price"], False),
    ("deal", "edit"): (["2", "--title", "Acme renewal 2027"], False),
    ("deal", "category"): (["2", "commit"], False),
    # the seeded org has no products: a line is refused alike wherever the options stand
    ("deal", "lines"): (["2"], False),
    ("deal", "line", "add"): (["2", "--product", "NOPE"], False),
    ("deal", "line", "change"): (["2", "1", "--quantity", "2"], False),
    ("deal", "line", "remove"): (["2", "1"], False),
    ("product", "list"): ([], False),
    ("activity", "add"): (["--deal", "2", "--type", "call"], False),
    # approval #1 (deal #4, rep_li's) waits for a manager above rep_li: mgr_east is one
    ("approval", "list"): (["--mine"], False),
    ("approval", "approve"): (["1"], False),
    ("approval", "reject"): (["1", "--comment", "too deep a discount"], False),
    # the seeded database has no leads: each door refuses lead #1 alike, wherever --db stands
    ("lead", "list"): (["--all"], False),
    ("lead", "contact"): (["1", "--note", "rang"], False),
    ("lead", "qualify"): (["1"], False),
    ("lead", "disqualify"): (["1", "--reason", "no budget"], False),
    ("lead", "convert"): (["1", "--amount", "1000"], False),
    ("report", "forecast"): (["--period", "next-quarter"], False),
    ("forecast", "call"): (["1000", "--note", "steady"], False),
    # the person is resolved before the port is looked at: a bad port ends it, never serving
    ("serve",): (["--port", "70000"], False),
}


def _command_tree():
    import salestui.cli.root

    salestui.cli.root._register_commands()
    return typer.main.get_command(salestui.cli.root.app)


def _chains() -> dict[tuple[str, ...], list]:
    """Path → the Click commands from the root to the leaf."""
    root = _command_tree()
    found: dict[tuple[str, ...], list] = {}

    def walk(command, path, chain):
        subcommands = getattr(command, "commands", None)
        if not subcommands:
            found[path] = chain
            return
        for name, sub in subcommands.items():
            walk(sub, (*path, name), [*chain, sub])

    walk(root, (), [root])
    return found


def _takes_global_options(command) -> bool:
    opts = {o for p in command.params for o in getattr(p, "opts", ())}
    return {"--db", "--user"} <= opts


def test_every_command_has_its_arguments():
    """A new command fails here until ARGUMENTS says how to run it."""
    paths = set(_chains())
    assert paths - set(ARGUMENTS) == set(), "add the new command(s) to ARGUMENTS"
    assert set(ARGUMENTS) - paths == set(), "ARGUMENTS names a command that is gone"


def test_every_command_takes_db_and_user_after_its_name():
    for path, chain in _chains().items():
        assert _takes_global_options(chain[-1]), f"salestui {' '.join(path)} lacks --db/--user"


def _placements(path: tuple[str, ...], args: list[str], options: list[str]) -> list[list[str]]:
    """The argv with the options after each command in the path (root: before everything)."""
    chain = _chains()[path]
    out = []
    for depth, command in enumerate(chain):
        if not _takes_global_options(command):
            continue
        head, tail = list(path[:depth]), list(path[depth:])
        if depth == len(path):
            out.append([*path, *args, *options])
        else:
            out.append([*head, *options, *tail, *args])
    return out


def _normalised(text: str, folder: Path) -> str:
    text = text.replace(str(folder), "<DIR>")
    text = re.sub(r"\b[0-9a-f]{8,}(?:-[0-9a-f]{4,}){0,4}\b", "<ID>", text)
    text = re.sub(r"\d+\.\d+s\b", "<S>", text)
    return re.sub(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:?\d\d|Z)?", "<T>", text)


def _counts(db: Path) -> dict[str, int]:
    if not db.exists():
        return {}
    with sqlite3.connect(db) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    con.close()
    return counts


@pytest.fixture(scope="module")
def seeded_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seed")
    return Path(fixtures.bind_the_top(fixtures.build(str(folder / "sales.db")), admin=True))


@pytest.mark.parametrize("path", sorted(_chains()), ids="-".join)
def test_options_mean_the_same_before_and_after_the_command(
    path, seeded_copy, cli, tmp_path, monkeypatch
):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("SALESTUI_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    if path not in ARGUMENTS:
        pytest.fail(f"no ARGUMENTS for salestui {' '.join(path)}")
    args, fresh = ARGUMENTS[path]

    seen = []
    placements = _placements(path, args, ["--db", "{db}", "--user", USER])
    assert len(placements) >= 2, "--db/--user should stand at least before and after"
    for i, argv in enumerate(placements):
        folder = tmp_path / f"run{i}"
        folder.mkdir()
        db = folder / "sales.db"
        if not fresh:
            shutil.copy(seeded_copy, db)
        (folder / "people.csv").write_text(PEOPLE_CSV, encoding="utf-8")
        argv = [a.replace("{db}", str(db)).replace("{dir}", str(folder)) for a in argv]
        r = cli(*argv)
        seen.append(
            (
                argv,
                r.code,
                _normalised(r.out, folder),
                _normalised(r.err, folder) if r.code else "",
                _counts(db),
            )
        )
    first = seen[0]
    for other in seen[1:]:
        assert other[1:] == first[1:], f"{first[0]} and {other[0]} differ"
    assert list(home.rglob("*")) == [], "the default database (or its folder) was touched"
    assert list(tmp_path.glob("*.csv")) == [], "something was written to the current folder"


def test_a_real_process_imports_and_exports_where_db_says(tmp_path):
    """The issue's case, as a person types it: options before the command, in a process of its
    own, the default database's folder empty afterwards."""
    import os
    import subprocess
    import sys

    home = tmp_path / "home"
    home.mkdir()
    db = Path(fixtures.bind_the_top(fixtures.build(str(tmp_path / "g.db")), admin=True))
    (tmp_path / "zz.csv").write_text(PEOPLE_CSV, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SALESTUI_DB"}
    env |= {"HOME": str(home), "XDG_DATA_HOME": str(home / "data")}

    def salestui(*args):
        return subprocess.run(
            [sys.executable, "-m", "salestui", "--db", str(db), "--user", USER, *args],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
        )  # fmt: skip

    imported = salestui("import", "people", "zz.csv")
    assert imported.returncode == 0, imported.stderr
    exported = salestui("export", "people")
    assert exported.returncode == 0, exported.stderr
    assert ",zed,Zed Rep,rep," in exported.stdout
    assert list(home.rglob("*")) == []
