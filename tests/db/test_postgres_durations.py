"""Stage durations and effort counts on PostgreSQL: the same as on SQLite for the same demo (runs
when SALESTUI_TEST_PG_URL is set, as tests/db/test_postgres.py)."""

from __future__ import annotations

from datetime import date

import pytest

from salestui.db.demo.build import build_demo
from salestui.db.engine import open_database
from salestui.db.queries.durations import effort_counts, stage_day_sums, stage_stints
from salestui.db.queries.moments import midnight
from tests.db.test_postgres import PG_URL, pg_engine  # noqa: F401 (the fixture)

pytestmark = pytest.mark.skipif(not PG_URL, reason="SALESTUI_TEST_PG_URL is not set")
TODAY = date(2026, 11, 20)


def test_the_reads_agree(pg_engine, tmp_path):  # noqa: F811
    build_demo(pg_engine, deals=300, seed=11, top_login="demo", today=TODAY)
    lite = open_database(str(tmp_path / "same.db"))
    build_demo(lite, deals=300, seed=11, top_login="demo", today=TODAY)
    s, e = midnight(date(2026, 8, 23)), midnight(date(2026, 11, 21))

    def read(engine):
        with engine.connect() as c:
            stints = sorted((r.owner_id, r.stage, round(float(r.days), 6)) for r in
                            stage_stints(c, tuple(range(1, 40)), s, e))  # fmt: skip
            sums = sorted((r.stage, int(r.stints), round(float(r.days), 4)) for r in
                          stage_day_sums(c, None, s, e))  # fmt: skip
            effort = sorted(tuple(int(v) for v in r) for r in effort_counts(c, None, s, e))
        return stints, sums, effort

    (pg_stints, pg_sums, pg_effort), (stints, sums, effort) = read(pg_engine), read(lite)
    assert stints and sums and effort and pg_effort == effort
    # julianday keeps milliseconds: the days agree to a second
    for mine, theirs in ((pg_stints, stints), (pg_sums, sums)):
        assert [r[:-1] for r in mine] == [r[:-1] for r in theirs]
        assert [r[-1] for r in mine] == pytest.approx([r[-1] for r in theirs], abs=1e-4)
