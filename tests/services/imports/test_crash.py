"""``kill -9`` in the middle of an import or an undo (issue 12): the file stays whole, and the
next start of salestui rolls the import back, or completes the undo — the batch is whole or
absent, never half there. The processes are real and so is the kill."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.services.imports.test_run import domain_rows

ROWS = 3000
CHUNK = "25"  # small chunks, so that the kill lands between two of many


def deals_file(tmp_path) -> str:
    lines = ["Deal ID,Deal Name,Account Name,Deal Owner,Amount,Close Date,Stage"]
    lines += [
        f"K{i},Crash deal {i},Acme Corp,rep_li,{1000 + i},20/12/2026,Prospect" for i in range(ROWS)
    ]
    path = tmp_path / "deals.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def salestui(*args: str, chunk: str = CHUNK) -> subprocess.Popen:
    env = {**os.environ, "SALESTUI_IMPORT_CHUNK": chunk}
    return subprocess.Popen(
        [sys.executable, "-m", "salestui", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


def count(db: str, sql: str) -> int:
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def kill_when(proc: subprocess.Popen, ready, timeout: float = 60) -> None:
    """SIGKILL ``proc`` as soon as ``ready()`` holds (polled every few milliseconds)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            pytest.fail(f"finished before the kill: {proc.stdout.read()} {proc.stderr.read()}")
        if ready():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return
        time.sleep(0.005)
    proc.kill()
    pytest.fail("never got part way")


def whole(db: str) -> None:
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()


def next_start(db: str) -> str:
    """A report, as anyone would run next: it finishes what the killed process left."""
    proc = subprocess.run(
        [sys.executable, "-m", "salestui", "report", "pipeline", "--db", db],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def test_an_import_killed_part_way_is_rolled_back_on_the_next_start(seeded_db, tmp_path):
    before = domain_rows(seeded_db)
    deals = count(seeded_db, "SELECT count(*) FROM opportunity")
    proc = salestui("import", "opportunities", deals_file(tmp_path), "--db", seeded_db)
    kill_when(proc, lambda: count(seeded_db, "SELECT count(*) FROM opportunity") >= deals + 100)
    part = count(seeded_db, "SELECT count(*) FROM opportunity") - deals
    assert 100 <= part < ROWS, "the kill landed part way"
    whole(seeded_db)
    said = next_start(seeded_db)
    assert "its import was cut short; rolled back batch" in said
    assert f"{part} opportunity deleted" in said
    assert domain_rows(seeded_db) == before
    assert count(seeded_db, "SELECT count(*) FROM import_batch WHERE state = 'rolled back'") == 1
    whole(seeded_db)
    assert "rolled back" not in next_start(seeded_db)  # once


def test_an_undo_killed_part_way_is_completed_on_the_next_start(seeded_db, tmp_path):
    before = domain_rows(seeded_db)
    deals = count(seeded_db, "SELECT count(*) FROM opportunity")
    done = subprocess.run(
        [sys.executable, "-m", "salestui", "import", "opportunities", deals_file(tmp_path),
         "--db", seeded_db], capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    batch = done.stdout.split("salestui import --undo ")[1].split()[0]
    proc = salestui("import", "--undo", batch, "--db", seeded_db)
    kill_when(
        proc,
        lambda: count(seeded_db, "SELECT count(*) FROM opportunity") <= deals + ROWS - 100,
    )
    left = count(seeded_db, "SELECT count(*) FROM opportunity") - deals
    assert 0 < left <= ROWS - 100, "the kill landed part way"
    whole(seeded_db)
    said = next_start(seeded_db)
    assert f"import batch {batch}" in said and "its undo was cut short; undone batch" in said
    assert domain_rows(seeded_db) == before
    state = count(seeded_db, f"SELECT count(*) FROM import_batch WHERE batch = '{batch}' "
                             "AND state = 'undone'")  # fmt: skip
    assert state == 1
    # every deleted deal is kept whole in the audit log, none with an empty ``old``
    kept = count(seeded_db, f"SELECT count(*) FROM audit_log WHERE batch = 'undo:{batch}' "
                            "AND table_name = 'opportunity' AND field = '*deleted*' "
                            "AND old LIKE '%Crash deal%'")  # fmt: skip
    assert kept == ROWS


def test_a_cut_short_import_whose_rows_are_used_since_is_said_at_each_start(
    cli, seeded_db, tmp_path
):
    """A teammate made a deal on a customer the cut-short import created: rolling it back would
    break their deal, so it is not rolled back, the command still runs, and the line says what to
    do — until the deal is gone, when the next start rolls the batch back."""
    import socket

    path = tmp_path / "c.csv"
    path.write_text("name,industry\nNew Harbour Ltd,Retail\n", encoding="utf-8")
    done = cli("import", "customers", str(path), "--db", seeded_db)
    assert done.code == 0, done.err
    batch = done.out.split("salestui import --undo ")[1].split()[0]
    con = sqlite3.connect(seeded_db)
    # as a killed process leaves it: still writing, its owner gone
    con.execute("UPDATE import_batch SET state = 'writing', owner = ? WHERE batch = ?",
                (f"{socket.gethostname()} 999999999", batch))  # fmt: skip
    customer = con.execute("SELECT id FROM customer WHERE name = 'New Harbour Ltd'").fetchone()[0]
    con.execute(
        "INSERT INTO opportunity (customer_id, owner_id, title, amount_minor, expected_close, "
        "stage, probability, created_at, stage_entered_at, close_date_pushes, version) "
        "SELECT ?, id, 'Their deal', 100, '2027-01-31', 'Prospect', 10, '2026-11-20 10:00:00', "
        "'2026-11-20 10:00:00', 0, 1 FROM person WHERE login = 'rep_li'",
        (customer,),
    )
    con.commit()
    con.close()
    first = cli("report", "pipeline", "--db", seeded_db)
    assert first.code == 0 and "Their deal" not in first.err
    assert f"import batch {batch}" in first.err and "could not be finished now" in first.err
    assert f"salestui import --undo {batch}" in first.err
    assert count(seeded_db, "SELECT count(*) FROM customer WHERE name = 'New Harbour Ltd'") == 1
    con = sqlite3.connect(seeded_db)
    con.execute("DELETE FROM stage_change WHERE opportunity_id IN "
                "(SELECT id FROM opportunity WHERE title = 'Their deal')")  # fmt: skip
    con.execute("DELETE FROM opportunity WHERE title = 'Their deal'")
    con.commit()
    con.close()
    again = cli("report", "pipeline", "--db", seeded_db)
    assert again.code == 0 and "its import was cut short; rolled back" in again.err
    assert count(seeded_db, "SELECT count(*) FROM customer WHERE name = 'New Harbour Ltd'") == 0
