"""``salestui demo`` killed part way: no door opens what it left as if it were an organisation.

The build writes a file beside the path and moves it into place when whole, so a ``kill -9``
leaves nothing at the path and the unfinished file beside it. Every door then says in one line
that the demo was not finished and how to remake it, exits non-zero and writes nothing;
``salestui demo`` makes it again.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

WAL_WHILE_WRITING_ROWS = 2_000_000  # the migrations alone leave well under 1 MB of WAL


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _killed_build(db: Path) -> None:
    """Start a demo build in a process of its own and ``kill -9`` it while it writes rows."""
    part_wal = db.with_name(db.name + ".unfinished-wal")
    env = {k: v for k, v in os.environ.items() if k != "SALESTUI_DB"}
    build = subprocess.Popen(
        [sys.executable, "-m", "salestui", "demo", "--db", str(db), "--no-open", "--deals", "20000"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and build.poll() is None:
            if part_wal.exists() and part_wal.stat().st_size > WAL_WHILE_WRITING_ROWS:
                break
            time.sleep(0.02)
        assert build.poll() is None, "the build ended before it could be killed"
        os.kill(build.pid, signal.SIGKILL)
    finally:
        build.wait(timeout=30)
    assert build.returncode == -signal.SIGKILL


@pytest.fixture(scope="module")
def killed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("killed")
    db = folder / "demo.db"
    _killed_build(db)
    return db


DOORS = [
    ["report", "pipeline"],
    ["report", "customers"],
    ["report", "team"],
    ["report", "weekly"],
    ["log"],
    ["export", "people"],
    ["people", "list"],
    ["check"],
    ["init", "--user", "ann"],
    [],  # the app itself
]


def test_a_killed_build_leaves_nothing_at_the_path(killed):
    assert not killed.exists()
    assert killed.with_name("demo.db.unfinished").exists()


@pytest.mark.parametrize("door", DOORS, ids=lambda d: " ".join(d) or "app")
def test_every_door_says_the_demo_was_not_finished(door, killed, cli, fake_app):
    before = _digest(killed.parent)
    r = cli("--db", str(killed), *door)
    assert r.code == 1, r.out
    assert r.out == ""
    lines = r.err.strip().splitlines()
    assert lines == [
        f"salestui: the demo database {killed} was not finished (its build was interrupted); "
        f"`salestui demo --db {killed}` makes it again"
    ]
    assert fake_app == []
    assert _digest(killed.parent) == before, "a refusing door wrote to the folder"


def test_demo_makes_it_again(tmp_path, cli, fake_app):
    db = tmp_path / "demo.db"
    _killed_build(db)
    r = cli("demo", "--db", str(db), "--no-open", "--deals", "30")
    assert r.code == 0, r.err
    assert [p.name for p in tmp_path.iterdir() if "unfinished" in p.name] == []
    r = cli("report", "pipeline", "--db", str(db), "--format", "csv")
    assert r.code == 0, r.err
    deals = sum(int(row.split(",")[1]) for row in r.out.splitlines()[1:] if row.count(",") > 1)
    assert deals > 0, r.out


def test_a_whole_build_moves_into_place_alone(tmp_path, cli, fake_app):
    """A finished build leaves its file at the path (the -wal and -shm are the open engine's),
    nothing unfinished beside it, and the file a team can share."""
    db = tmp_path / "demo.db"
    r = cli("demo", "--db", str(db), "--no-open", "--deals", "30")
    assert r.code == 0, r.err
    assert {p.name for p in tmp_path.iterdir()} <= {"demo.db", "demo.db-wal", "demo.db-shm"}
    assert oct(db.stat().st_mode & 0o777) == oct(0o660)


def test_the_demo_summary_in_chinese(tmp_path, cli, fake_app):
    from tests.screens.untranslated import english_words

    db = tmp_path / "demo.db"
    r = cli("--lang", "zh", "demo", "--db", str(db), "--no-open", "--deals", "30")
    assert r.code == 0, r.err
    said = r.out.strip().splitlines()[-1]
    assert "个区域" in said and "个商机" in said and "regions" not in said
    # the path is the person's own; every other word is Chinese (the login is data)
    assert english_words(said.replace(str(db), " "), str(db)) == [], said
