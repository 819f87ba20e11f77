"""Every CSV salestui writes defuses spreadsheet formulas; ``--raw`` keeps them; the importer
reads its own guarded cells back as they were (issue 12: CSV injection)."""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys

import pytest

ATTACK = '=HYPERLINK("http://evil.example","click")'
PIPE = "+cmd|' /C calc'!A0"


@pytest.fixture
def poisoned_db(seeded_db):
    conn = sqlite3.connect(seeded_db)
    deal, customer = conn.execute("SELECT id, customer_id FROM opportunity ORDER BY id").fetchone()
    conn.execute("UPDATE opportunity SET title = ? WHERE id = ?", (ATTACK, deal))
    conn.execute("UPDATE customer SET name = ? WHERE id = ?", (PIPE, customer))
    conn.commit()
    conn.close()
    return seeded_db


def cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_export_guards_formulas_and_raw_keeps_them(cli, poisoned_db):
    guarded = cli("export", "opportunities", "--db", poisoned_db)
    assert guarded.code == 0, guarded.err
    assert "'" + ATTACK in cells(guarded.out) and ATTACK not in cells(guarded.out)
    assert "'" + PIPE in cells(guarded.out)
    raw = cli("export", "opportunities", "--raw", "--db", poisoned_db)
    assert ATTACK in cells(raw.out) and "'" + ATTACK not in cells(raw.out)


def test_reports_and_the_log_guard_formulas(cli, poisoned_db):
    customers = cli("report", "customers", "--format", "csv", "--db", poisoned_db, "--user", "boss")
    assert customers.code == 0, customers.err
    assert "'" + PIPE in cells(customers.out) and PIPE not in cells(customers.out)
    raw = cli("report", "customers", "--format", "csv", "--raw", "--db", poisoned_db,
              "--user", "boss")  # fmt: skip
    assert PIPE in cells(raw.out)


def test_an_exported_formula_imports_back_unchanged(cli, poisoned_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "deals.csv"
    done = cli("export", "opportunities", "--out", str(out), "--db", poisoned_db)
    assert done.code == 0, done.err
    conn = sqlite3.connect(poisoned_db)
    before = conn.execute("SELECT count(*) FROM opportunity").fetchone()[0]
    back = cli("import", "opportunities", str(out), "--db", poisoned_db, "--user", "boss")
    assert back.code == 0, back.out + back.err
    titles = [r[0] for r in conn.execute("SELECT title FROM opportunity")]
    conn.close()
    # every row was recognised as the deal it came from (by title and customer: the seeded deals
    # have no external id), so the title read back is the stored one, not "'=HYPERLINK…"
    assert "created 0," in back.out
    assert len(titles) == before and titles.count(ATTACK) == 1 and "'" + ATTACK not in titles


def test_export_into_a_pipe_that_closes_early_is_quiet(poisoned_db):
    shell = f"{sys.executable} -m salestui export opportunities --db {poisoned_db} | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True)
    assert done.stdout.startswith("external_id,")
    assert done.stderr == "" and done.returncode == 0
