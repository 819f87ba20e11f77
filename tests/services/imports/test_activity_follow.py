"""Imported activities move their deal's last activity as a logged one does — to the latest,
never back — in the batch's audit, so an undo takes it back (the hand-written org of
tests/fixtures.py: #1's last activity is 2026-11-02 10:00 UTC, #4's 2026-10-26 10:00)."""

from __future__ import annotations

from datetime import UTC, datetime

from salestui.db.queries.moments import aware
from salestui.services.imports.run import ImportOptions, import_file, undo_import
from tests.fixtures import NOW


def last_activity(s, deal_id: int) -> datetime:
    from salestui.db.tables import Opportunity

    s.expire_all()
    return aware(s.get(Opportunity, deal_id).last_activity_at)


def test_imported_activities_move_the_last_activity_forward_only(seeded_db, session_for, tmp_path):
    path = tmp_path / "acts.csv"
    path.write_text(
        "kind,person,customer,opportunity,occurred_at,note\n"
        "call,rep_li,上海华信科技有限公司,华信 ERP rollout,2026-11-10T08:00:00+00:00,earlier\n"
        "visit,rep_li,上海华信科技有限公司,华信 ERP rollout,2026-11-19T09:00:00+00:00,latest\n"
        "call,rep_li,上海华信科技有限公司,华信 data platform,2026-10-01T08:00:00+00:00,older\n",
        encoding="utf-8",
    )
    s = session_for(seeded_db)
    before_4 = last_activity(s, 4)
    assert before_4 == datetime(2026, 10, 26, 10, tzinfo=UTC)
    summary = import_file(s, path, ImportOptions(kind="activities"), actor="boss", now=NOW)
    assert summary.created == 3, summary.lines()
    assert last_activity(s, 1) == datetime(2026, 11, 19, 9, tzinfo=UTC)  # the later of the two
    assert last_activity(s, 4) == before_4  # 2026-10-01 is older: never back
    undo_import(s, summary.batch, actor="boss", now=NOW)
    assert last_activity(s, 1) == datetime(2026, 11, 2, 10, tzinfo=UTC)
