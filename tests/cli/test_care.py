"""Broken and foreign files: one line, never a traceback, never a byte written to them; `check`
finds the damage and `backup` copies a file in use (issue 12, "Broken and foreign files")."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import stat
from pathlib import Path

import pytest


def digest(path: str) -> str:
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def deals(path: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM opportunity").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def damaged_db(seeded_db):
    """The seeded file with 200 bytes flipped in its later pages (the schema page kept)."""
    conn = sqlite3.connect(seeded_db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    raw = bytearray(Path(seeded_db).read_bytes())
    pick = random.Random(5)
    for _ in range(200):
        raw[pick.randrange(len(raw) // 3, len(raw))] ^= 0xFF
    Path(seeded_db).write_bytes(bytes(raw))
    return seeded_db


def test_check_says_a_whole_file_is_whole(cli, seeded_db):
    done = cli("check", "--db", seeded_db)
    assert done.code == 0 and "whole (" in done.out and "every reference holds" in done.out


def test_check_finds_the_damage_and_changes_nothing(cli, damaged_db):
    before = digest(damaged_db)
    done = cli("check", "--db", damaged_db)
    assert done.code == 1
    assert "restore the newest backup" in done.err
    assert digest(damaged_db) == before


@pytest.mark.parametrize(
    "command",
    [
        ("report", "pipeline"),
        ("report", "customers"),
        ("report", "team"),
        ("report", "weekly"),
        ("log",),
        ("export", "opportunities"),
    ],
)
def test_a_damaged_file_is_one_line_and_left_as_it_was(cli, damaged_db, command):
    before = digest(damaged_db)
    done = cli(*command, "--db", damaged_db)
    if done.code != 0:  # what the damage hits depends on where the flipped bytes fell
        assert "Traceback" not in done.err and len(done.err.strip().splitlines()) == 1
        assert f"{damaged_db} is damaged" in done.err, done.err
    assert digest(damaged_db) == before


def test_at_least_one_report_meets_the_damage(cli, damaged_db):
    said = [cli("report", r, "--db", damaged_db) for r in ("pipeline", "customers")]
    assert any(f"run `salestui check --db {damaged_db}`" in r.err for r in said)


def test_another_programs_file_is_refused_without_a_byte_changed(cli, tmp_path):
    foreign = tmp_path / "notes.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (a)")
    conn.execute("INSERT INTO notes VALUES ('x')")
    conn.commit()
    conn.close()
    before = digest(str(foreign))
    for command in (("report", "pipeline"), ("log",), ("export", "customers")):
        done = cli(*command, "--db", str(foreign))
        assert done.code == 1 and "another program's database" in done.err
    assert digest(str(foreign)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]  # no -wal, no -shm


def test_an_empty_file_is_not_turned_into_a_database_by_a_report(cli, tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    done = cli("report", "pipeline", "--db", str(empty))
    assert done.code == 1 and "is an empty file, not a salestui database" in done.err
    assert empty.stat().st_size == 0


def test_backup_copies_the_file_while_it_is_open(cli, seeded_db, tmp_path):
    holder = sqlite3.connect(seeded_db)  # a teammate in the middle of reading
    holder.execute("BEGIN")
    holder.execute("SELECT count(*) FROM opportunity").fetchone()
    copy = tmp_path / "copy.db"
    done = cli("backup", str(copy), "--db", seeded_db)
    holder.rollback()
    holder.close()
    assert done.code == 0, done.err
    assert deals(str(copy)) == deals(seeded_db) > 0
    assert stat.S_IMODE(copy.stat().st_mode) == 0o660
    assert cli("check", "--db", str(copy)).code == 0
    again = cli("backup", str(copy), "--db", seeded_db)
    assert again.code == 1 and "exists already" in again.err


def _drift(path: str) -> None:
    """Each kept figure put wrong in plain SQL, the way a tool writing around the triggers
    would: one owner-and-stage total, two entering moments, one history row's owner and one
    deal's stages reached (nothing fires on these columns' own updates)."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "UPDATE stage_total SET amount_minor = amount_minor + 1 "
            "WHERE rowid = (SELECT MIN(rowid) FROM stage_total WHERE deals > 0)"
        )
        conn.execute(
            "UPDATE stage_change SET entered_at = '2001-01-01 00:00:00.000000' "
            "WHERE id IN (SELECT id FROM stage_change ORDER BY id LIMIT 2)"
        )
        conn.execute(
            "UPDATE stage_change SET owner_id = NULL WHERE id = (SELECT MAX(id) FROM stage_change)"
        )
        conn.execute("UPDATE opportunity SET stages_reached = 0 WHERE id = 1")
    conn.close()


def test_check_finds_kept_figures_that_disagree_and_changes_nothing(cli, seeded_db):
    assert "the kept figures agree with the data" in cli("check", "--db", seeded_db).out
    _drift(seeded_db)
    before = digest(seeded_db)
    done = cli("check", "--db", seeded_db)
    assert done.code == 1
    lines = done.err.splitlines()
    assert "  stage totals (owner and stage rows): 2" in lines  # the kept row and the summed one
    assert "  entering moments of stage changes: 2" in lines
    assert "  owners of stage changes: 1" in lines
    assert "  stages each deal reached: 1" in lines
    assert "salestui check --repair" in done.err
    assert digest(seeded_db) == before


def test_check_repair_is_an_administrator_s_and_works_the_figures_out_again(cli, tmp_path):
    from sqlalchemy import text

    from salestui.db.engine import open_database
    from tests import fixtures
    from tests.board.test_entered_kept import (
        by_definition,
        kept,
        owners,
        owners_by_definition,
        reached,
        reached_by_definition,
    )
    from tests.board.test_stage_totals_kept import kept as totals_kept
    from tests.board.test_stage_totals_kept import summed_from_the_deals

    path = fixtures.bind_the_top(fixtures.build(str(tmp_path / "k.db")), admin=False)
    _drift(path)
    before = digest(path)
    refused = cli("check", "--db", path, "--repair")
    assert refused.code == 1 and "only an administrator may repair" in refused.err
    assert digest(path) == before

    fixtures.bind_the_top(path, admin=True)
    done = cli("check", "--db", path, "--repair")
    assert done.code == 0, done.err
    assert "worked out again: stage totals (owner and stage rows), 2 rows" in done.out
    assert "worked out again: stages each deal reached, 1 row" in done.out
    engine = open_database(path)
    with engine.connect() as conn:
        assert kept(conn) == by_definition(conn)
        assert owners(conn) == owners_by_definition(conn)
        assert reached(conn) == reached_by_definition(conn)
        assert totals_kept(conn) == summed_from_the_deals(conn)
        assert conn.execute(text("SELECT stages_reached FROM opportunity WHERE id = 1")).scalar()
    engine.dispose()
    assert cli("check", "--db", path).code == 0
