"""The forecast roll-up and a call on PostgreSQL: the same demo gives the same lines as on
SQLite (the reference). Runs when SALESTUI_TEST_PG_URL names a PostgreSQL database it may fill."""

from __future__ import annotations

from datetime import date

from salestui.context import AppContext
from salestui.db.demo.build import build_demo
from salestui.db.engine import open_database
from salestui.forecast.load import load_forecast
from salestui.kernel.periods import Period
from salestui.services.forecast_calls import submit_call
from tests.db.test_postgres import NOW, pg_engine, pytestmark  # noqa: F401

TODAY = NOW.date()


def _lines(database) -> list[tuple]:
    ctx = AppContext(database, "demo", clock=lambda: NOW)
    out = []
    for start in (date(2026, 10, 1), date(2027, 1, 1)):
        view = ctx.read(load_forecast, "demo", Period("quarter", start), TODAY)
        out += [(ln.key, ln.figures, ln.trend, ln.call and ln.call.amount_minor, ln.judgment)
                for ln in view.lines]  # fmt: skip
    return out


def test_the_forecast_is_the_same_on_postgresql_and_sqlite(pg_engine, tmp_path):  # noqa: F811
    from sqlmodel import Session

    lite = open_database(str(tmp_path / "same.db"))
    for engine in (pg_engine, lite):
        build_demo(engine, deals=300, seed=11, top_login="demo", today=TODAY)
        with Session(engine) as s:
            submit_call(s, "demo", "1,234,567", note="pg and lite", now=NOW)
    on_pg, on_lite = _lines(pg_engine), _lines(str(tmp_path / "same.db"))
    assert on_pg == on_lite
    # demo's line (the top, this quarter) carries the call just made; the demo's call history
    # (db/demo/calls.py) gives others theirs
    assert on_pg[0][3] == 123_456_700
