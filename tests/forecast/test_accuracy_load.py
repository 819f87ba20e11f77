"""Forecast accuracy on the demo: the calls converge on what closed, "closed" is the review's won
reader, each person sees their own subtree only, and the report's doors (CLI) refuse bad input in
one line. The demo's calls are new rows only: every other table is as it was without them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, date, datetime

import pytest

import salestui.db.demo.build as demo_mod
from salestui.db.demo.build import build_demo
from salestui.db.engine import open_database
from salestui.db.queries.moments import midnight
from salestui.db.queries.review import won_by_month
from salestui.forecast.accuracy_load import load_accuracy, past_quarter, recent_quarters
from salestui.identity import os_account
from salestui.kernel.periods import Period
from tests.cli.runner import run_main

TODAY = date(2026, 11, 23)
Q3 = Period("quarter", date(2026, 7, 1))


def _build(path, **kw) -> str:
    engine = open_database(str(path))
    try:
        build_demo(engine, deals=400, today=TODAY, top_login="boss", os_user=os_account(), **kw)
    finally:
        engine.dispose()
    return str(path)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    return _build(tmp_path_factory.mktemp("acc") / "d.db")


def _load(path: str, login: str, quarter: Period = Q3):
    engine = open_database(path)
    try:
        with engine.connect() as conn:
            return load_accuracy(conn, login, quarter, TODAY), conn
    finally:
        engine.dispose()


def test_calls_start_far_and_converge_on_what_closed(demo):
    far = near = judged = 0
    for quarter in recent_quarters(TODAY):
        acc, _ = _load(demo, "boss", quarter)
        for line in acc.lines:
            if line.actual <= 0 or 1 not in line.calls or 13 not in line.calls:
                continue
            judged += 1
            far += abs(line.calls[1] - line.actual) / line.actual > 0.1
            near += abs(line.calls[13] - line.actual) / line.actual < 0.02
    assert judged >= 20
    assert far >= judged * 0.6 and near >= judged * 0.9


def test_closed_is_the_reviews_won_revenue_and_the_top_line_holds_everyone(demo):
    acc, _ = _load(demo, "boss")
    engine = open_database(demo)
    with engine.connect() as conn:
        months = won_by_month(conn, None, Q3.start, midnight(Q3.end))
    engine.dispose()
    top = acc.lines[0]
    assert top.login == "boss" and top.depth == 0
    assert top.actual == sum(v for m, v in months.items() if Q3.contains(m)) > 0
    assert len(acc.lines) == 25
    # a manager's figure is the sum of their reports' and their own
    for line in acc.lines:
        below = [x for x in acc.lines if x.depth == line.depth + 1 and _under(acc, x, line)]
        if below:
            assert line.actual >= sum(x.actual for x in below)


def _under(acc, child, parent) -> bool:
    i = acc.lines.index(child)
    return next(x for x in reversed(acc.lines[:i]) if x.depth == child.depth - 1) is parent


def test_a_rep_sees_their_own_line_only(demo):
    with sqlite3.connect(demo) as c:
        rep = c.execute(
            "SELECT login FROM person WHERE role = 'rep' ORDER BY id LIMIT 1"
        ).fetchone()
    acc, _ = _load(demo, rep[0])
    assert [x.login for x in acc.lines] == [rep[0]]


def test_only_a_quarter_that_has_ended():
    assert past_quarter(None, TODAY).label == "2026-Q3"
    assert past_quarter("2026-q1", TODAY).label == "2026-Q1"
    for bad in ("2026-Q4", "2026-11", "junk"):
        with pytest.raises(Exception) as exc:
            past_quarter(bad, TODAY)
        assert type(exc.value).__name__ == "DomainError"


def test_report_doors(demo, capsys, monkeypatch):
    import salestui.cli.options as options

    monkeypatch.setattr(options, "now", lambda: datetime(2026, 11, 23, 4, tzinfo=UTC))
    r = run_main(capsys, "report", "forecast-accuracy", "--db", demo, "--user", "boss",
                 "--format", "json")  # fmt: skip
    assert r.code == 0, r.err
    body = json.loads(r.out)
    assert body["quarter"] == "2026-Q3" and len(body["weeks"]) == 13
    row = body["rows"][0]
    assert {"login", "person", "depth", "actual_minor", "calls_mape_pct", "calls_bias_pct",
            "pipeline_mape_pct", "trend_mape_pct", "closest", "weeks", "trend_minor"} <= set(row)  # fmt: skip
    assert len(row["weeks"]) == 13
    r = run_main(capsys, "report", "forecast-accuracy", "--db", demo, "--user", "boss",
                 "--format", "csv", "--period", "2026-Q2")  # fmt: skip
    assert r.code == 0 and r.out.startswith("login,person,depth,actual_minor,")
    for args in (["--period", "2026-Q4"], ["--period", "soon"], ["--format", "xml"]):
        r = run_main(capsys, "report", "forecast-accuracy", "--db", demo, "--user", "boss", *args)
        assert r.code == 2 and r.out == "" and len(r.err.strip().splitlines()) == 1, r.err


def _digest(path: str, table: str) -> str:
    with sqlite3.connect(path) as c:
        rows = c.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_the_calls_are_new_rows_only(demo, tmp_path, monkeypatch):
    def no_calls(*_a):
        return {"id": []}

    monkeypatch.setattr(demo_mod, "build_calls", no_calls)
    without = _build(tmp_path / "without.db")
    with sqlite3.connect(demo) as c:
        tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert c.execute("SELECT count(*) FROM forecast_call").fetchone()[0] > 0
    for table in tables:
        if table != "forecast_call":
            assert _digest(without, table) == _digest(demo, table), table
