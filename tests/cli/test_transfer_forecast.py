"""The ``forecast_category`` column (预测类别) of `salestui import|export opportunities`: read by
``kernel.forecast.read_category``, a bad word or a category on a closed deal refuses the row (one
line in the report; the file is all or nothing, so nothing is written); exported as the category each deal counts under. Fixture deals close 30
days after NOW: #1 Prospect → pipeline, #3 Proposal → best case, #4/#5 Negotiation → commit."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from tests import fixtures

HEAD = "Opportunity Name,Customer,Owner,Amount,Close Date,Stage,预测类别\n"


def stored(db: str, title: str) -> str | None:
    with sqlite3.connect(db) as con:
        found = con.execute(
            "SELECT forecast_category FROM opportunity WHERE title = ?", (title,)
        ).fetchone()
    con.close()
    return found[0]


def test_the_chinese_header_and_a_typed_word_are_read(cli, seeded_db, tmp_path):
    f = tmp_path / "deals.csv"
    f.write_text(
        HEAD
        + "Acme phase 2,Acme Corp,rep_wang,10000,2026-12-31,Proposal,COMMIT\n"
        + "Acme phase 3,Acme Corp,rep_wang,20000,2026-12-31,Proposal,\n"
        # what Proposal closing in time gives anyway: kept as the stage's, not the owner's
        + "Acme phase 4,Acme Corp,rep_wang,30000,2026-12-31,Proposal,Best-case\n"
        + "Acme phase 5,Acme Corp,rep_wang,40000,2026-12-31,Proposal,default\n",
        encoding="utf-8",
    )
    r = cli("import", "opportunities", str(f), "--db", seeded_db, "--user", "boss")
    assert r.code == 0, r.err
    assert stored(seeded_db, "Acme phase 2") == "commit"
    assert stored(seeded_db, "Acme phase 3") is None  # a blank cell: as the stage says
    assert stored(seeded_db, "Acme phase 4") is None
    assert stored(seeded_db, "Acme phase 5") is None


@pytest.mark.parametrize(
    ("row", "said"),
    [
        ("Proposal,maybe", "is not a forecast category; use one of commit, best case"),
        ("Won,commit", "the deal is Won: a won deal counts as closed"),
        ("Proposal,closed", "is not a forecast category"),
    ],
)
def test_a_bad_word_refuses_the_row_in_one_line(cli, seeded_db, tmp_path, row, said):
    f = tmp_path / "deals.csv"
    f.write_text(HEAD + f"Acme phase 2,Acme Corp,rep_wang,10000,2026-12-31,{row}\n", "utf-8")
    before = fixtures.rows_digest(seeded_db)
    r = cli("import", "opportunities", str(f), "--db", seeded_db, "--user", "boss")
    assert r.code == 1 and "Traceback" not in r.err + r.out
    problems = [line for line in r.err.splitlines() if line.strip().startswith("line ")]
    assert problems == [
        f"  line 2, 预测类别 {row.split(',')[1]!r}: " + problems[0].split(": ", 1)[1]
    ]
    assert said in problems[0]
    assert fixtures.rows_digest(seeded_db) == before


def test_export_writes_the_effective_category_and_reads_back(cli, seeded_db, tmp_path):
    assert cli("deal", "category", "1", "omitted", "--db", seeded_db, "--user", "boss").code == 0
    r = cli("export", "opportunities", "--db", seeded_db, "--user", "boss")
    assert r.code == 0, r.err
    exported = {
        row["title"]: row["forecast_category"] for row in csv.DictReader(io.StringIO(r.out))
    }
    assert exported == {
        "华信 ERP rollout": "omitted",  # the owner's word
        "Acme renewal": "pipeline",  # Qualified
        "腾达 smart factory": "best case",  # Proposal
        "华信 data platform": "commit",  # Negotiation
        "Acme expansion": "commit",
        "腾达 pilot": "closed",  # Won
        "Acme support": "",  # Lost: none
        "Acme training": "pipeline",  # Prospect
    }
    f = tmp_path / "again.csv"
    f.write_text(r.out, encoding="utf-8")
    again = cli("import", "opportunities", str(f), "--db", seeded_db, "--user", "boss")
    assert again.code == 0, again.err
    assert stored(seeded_db, "腾达 pilot") is None and stored(seeded_db, "Acme support") is None
