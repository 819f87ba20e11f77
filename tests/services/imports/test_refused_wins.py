"""An import that would win an open deal still waiting for its sign-offs refuses that row with
the board's reason; the rest of the file imports and the report says which row and why (the
hand-written org: #5 Acme expansion, Negotiation, 900,000, finance + legal + VP pending; #4 华信
data platform, 450,000, director pending)."""

from __future__ import annotations

from sqlalchemy import text

from salestui.db.engine import open_database
from salestui.services.imports.run import ImportOptions, import_file
from tests.fixtures import NOW


def test_a_win_waiting_for_sign_offs_is_refused_the_rest_imports(seeded_db, session_for, tmp_path):
    engine = open_database(seeded_db)
    with engine.begin() as c:
        c.execute(text("UPDATE opportunity SET external_id = 'D' || id"))
        # #4's director has signed: its win may go through
        c.execute(text("UPDATE approval SET status = 'approved', decided_by = 'mgr_east' "
                       "WHERE opportunity_id = 4"))  # fmt: skip
    engine.dispose()
    path = tmp_path / "deals.csv"
    path.write_text(
        "external_id,customer,stage,expected_close\n"
        "D5,Acme Corp,Won,2026-11-30\n"
        "D2,Acme Corp,Proposal,2026-12-31\n"
        "D4,上海华信科技有限公司,Won,2026-11-30\n",
        encoding="utf-8",
    )
    s = session_for(seeded_db)
    summary = import_file(
        s, path, ImportOptions(kind="opportunities"), actor="boss", now=NOW, report_dir=tmp_path
    )
    assert (summary.updated, summary.skipped) == (2, 1), summary.lines()
    stages = dict(s.exec(text("SELECT id, stage FROM opportunity WHERE id IN (2, 4, 5)")).all())
    assert stages == {2: "Proposal", 4: "Won", 5: "Negotiation"}
    (line,) = summary.refused
    assert line.startswith("line 2, stage 'Won': “Acme expansion” waits for approval")
    assert "finance" in line and "legal" in line and "vp" in line
    assert any("refused line 2" in x for x in summary.lines())
    assert "waits for approval" in (tmp_path / f"deals.rejected-{summary.batch}.csv").read_text(
        encoding="utf-8"
    )
