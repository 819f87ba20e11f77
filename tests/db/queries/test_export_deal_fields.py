"""A deal's competitor, lost note and next step go out with `salestui export opportunities` and
come back with the import (round trip), and the import reads them under other tools' headers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from typer.testing import CliRunner

from salestui.db.engine import open_database
from salestui.services.imports.run import ImportOptions, import_file
from tests.cli.runner import transfer_cli
from tests.fixtures import NOW


def _fill(db: str) -> None:
    engine = open_database(db)
    with engine.begin() as c:
        c.execute(text("UPDATE opportunity SET external_id = 'D' || id"))
        c.execute(text("UPDATE opportunity SET competitor = 'SAP', next_step = 'demo, then quote', "
                       "next_step_date = '2026-11-27' WHERE id = 1"))  # fmt: skip
        c.execute(text("UPDATE opportunity SET lost_note = 'bundled support' WHERE id = 7"))
    engine.dispose()


def test_opportunities_round_trip_with_the_new_fields(seeded_db, tmp_path):
    import salestui.cli
    from tests.fixtures import bind_the_top

    _fill(seeded_db)
    bind_the_top(seeded_db, admin=True)
    empty = str(tmp_path / "empty.db")
    salestui.cli.main(["init", "--db", empty, "--user", "boss", "--name", "Bo Boss"])
    runner = CliRunner()
    for kind in ("people", "customers", "opportunities"):
        out = tmp_path / f"{kind}.csv"
        r = runner.invoke(transfer_cli(), ["export", kind, "--out", str(out), "--db", seeded_db])
        assert r.exit_code == 0, r.output
        r = runner.invoke(transfer_cli(), ["import", kind, str(out), "--db", empty, "--user",
                                           "boss", "--create-missing"])  # fmt: skip
        assert r.exit_code == 0, (kind, r.output)
    first = (tmp_path / "opportunities.csv").read_text(encoding="utf-8")
    assert "lost_note,competitor,next_step,next_step_date" in first.splitlines()[0]
    assert ',SAP,"demo, then quote",2026-11-27,' in first
    again = tmp_path / "again.csv"
    runner.invoke(transfer_cli(), ["export", "opportunities", "--out", str(again), "--db", empty])
    assert again.read_text(encoding="utf-8") == first


def test_import_reads_chinese_headers_for_the_new_fields(seeded_db, session_for, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text(
        "external_id,商机,客户,阶段,预计成交日期,竞争对手,下一步,下一步日期\n"
        "N1,华信 new line,上海华信科技有限公司,Prospect,2026-12-31,用友,拜访,2026-11-30\n",
        encoding="utf-8",
    )
    s = session_for(seeded_db)
    summary = import_file(s, path, ImportOptions(kind="opportunities"), actor="boss", now=NOW)
    assert summary.created == 1, summary.lines()
    row = s.exec(text("SELECT competitor, next_step, next_step_date FROM opportunity "
                      "WHERE external_id = 'N1'")).one()  # fmt: skip
    assert (row[0], row[1], str(row[2])) == ("用友", "拜访", str(date(2026, 11, 30)))
