"""The person's clock at the edges of a day, through every report: a deal closed, an order
dated and "now" a few hours either side of midnight UTC land in the person's day, month and
quarter, in UTC+8 (Asia/Shanghai) and UTC−7/−8 (America/Los_Angeles, with summer time).

Worked by hand:
- the deal closed 2026-09-30 20:00 UTC is 2026-10-01 04:00 in Shanghai (Q4, October) and
  2026-09-30 13:00 in Los Angeles (PDT, UTC−7: Q3, September);
- at 2026-09-30 20:30 UTC it is 2026-10-01 04:30 in Shanghai: today is 10-01, the default period
  2026-Q4, and an order dated 2026-10-01 is today's (inside the last 12 months); in UTC today is
  09-30, the period 2026-Q3 and that order is tomorrow's (outside);
- the second deal closed 2026-10-01 05:00 UTC is 09-30 22:00 in Los Angeles: Q3 there, Q4 in UTC.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from tests.db.queries.tiny import Tiny

SHANGHAI = "Asia/Shanghai"
LOS_ANGELES = "America/Los_Angeles"


@pytest.fixture
def edge_db(tmp_path, monkeypatch) -> str:
    monkeypatch.setattr("salestui.identity.os_account", lambda: "boss_os")
    t = Tiny(str(tmp_path / "clock.db"))
    t.boss.os_user, t.boss.admin = "boss_os", True
    late = datetime(2026, 9, 30, 20, 0, tzinfo=UTC)
    t.deal(datetime(2026, 9, 1, tzinfo=UTC), "Won", 10_000, closed_at=late)
    early = datetime(2026, 10, 1, 5, 0, tzinfo=UTC)
    t.deal(datetime(2026, 9, 1, tzinfo=UTC), "Won", 2_500, closed_at=early)
    t.order(date(2026, 10, 1), date(2026, 11, 1), 5_000)
    return t.done()


def at(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr("salestui.cli.options.now", lambda: moment)


def report(cli, db: str, *args: str) -> dict:
    r = cli("report", *args, "--format", "json", "--db", db)
    assert r.code == 0, r.err
    return json.loads(r.out)


def zone(cli, db: str, name: str) -> None:
    r = cli("people", "set", "boss", "--timezone", name, "--db", db)
    assert r.code == 0, r.err


def company(team: dict) -> dict:
    return next(row for row in team["rows"] if row["level"] == "root")


def month(weekly: dict, key: str) -> str:
    return next(m["revenue"] for m in weekly["trend"] if m["month"] == key)


def test_in_utc_the_evening_deal_is_september_and_q3(cli, edge_db, monkeypatch):
    at(monkeypatch, datetime(2026, 9, 30, 20, 30, tzinfo=UTC))
    team = report(cli, edge_db, "team")
    assert team["period"] == "2026-Q3" and team["as_of"] == "2026-09-30T20:30:00+00:00"
    assert company(team)["revenue"] == "100.00"  # the 25.00 deal closes tomorrow (UTC)
    customers = report(cli, edge_db, "customers")
    assert customers["summary"]["groups"][0]["revenue_12m"] == "0.00"  # dated tomorrow
    weekly = report(cli, edge_db, "weekly")
    assert month(weekly, "2026-09") == "100.00"


def test_in_shanghai_the_same_moments_are_october_and_q4(cli, edge_db, monkeypatch):
    at(monkeypatch, datetime(2026, 9, 30, 20, 30, tzinfo=UTC))
    zone(cli, edge_db, SHANGHAI)
    team = report(cli, edge_db, "team")
    assert team["period"] == "2026-Q4" and team["as_of"] == "2026-10-01T04:30:00+08:00"
    # both closed on 10-01 local (04:00 and 13:00): the quarter counts the day's later one too
    assert company(team)["revenue"] == "125.00"
    q3 = report(cli, edge_db, "team", "--period", "2026-Q3")
    assert company(q3)["revenue"] == "0.00"
    customers = report(cli, edge_db, "customers")
    assert customers["summary"]["groups"][0]["revenue_12m"] == "50.00"  # dated today
    weekly = report(cli, edge_db, "weekly")
    # the trend runs to now (04:30): October has the 04:00 deal only
    assert month(weekly, "2026-10") == "100.00" and month(weekly, "2026-09") == "0.00"


def test_in_los_angeles_the_early_deal_is_still_september(cli, edge_db, monkeypatch):
    at(monkeypatch, datetime(2026, 10, 1, 6, 0, tzinfo=UTC))  # 09-30 23:00 PDT
    zone(cli, edge_db, LOS_ANGELES)
    team = report(cli, edge_db, "team")
    assert team["period"] == "2026-Q3" and team["as_of"] == "2026-09-30T23:00:00-07:00"
    assert company(team)["revenue"] == "125.00"  # both deals: 13:00 and 22:00 on 09-30
    weekly = report(cli, edge_db, "weekly")
    assert month(weekly, "2026-09") == "125.00"
    utc_q4 = report(cli, edge_db, "team", "--period", "2026-Q4")
    assert company(utc_q4)["revenue"] == "0.00"


def test_in_utc_the_morning_deal_is_q4(cli, edge_db, monkeypatch):
    at(monkeypatch, datetime(2026, 10, 1, 6, 0, tzinfo=UTC))
    team = report(cli, edge_db, "team")
    assert team["period"] == "2026-Q4" and company(team)["revenue"] == "25.00"


def test_winter_time_in_los_angeles_is_utc_minus_8(cli, tmp_path, monkeypatch):
    """2026-12-31 23:30 PST is 2027-01-01 07:30 UTC: still December and 2026-Q4 there."""
    monkeypatch.setattr("salestui.identity.os_account", lambda: "boss_os")
    t = Tiny(str(tmp_path / "winter.db"))
    t.boss.os_user, t.boss.admin = "boss_os", True
    closed = datetime(2027, 1, 1, 7, 30, tzinfo=UTC)
    t.deal(datetime(2026, 12, 1, tzinfo=UTC), "Won", 4_000, closed_at=closed)
    db = t.done()
    at(monkeypatch, datetime(2027, 1, 1, 7, 45, tzinfo=UTC))
    zone(cli, db, LOS_ANGELES)
    team = report(cli, db, "team")
    assert team["period"] == "2026-Q4" and team["as_of"] == "2026-12-31T23:45:00-08:00"
    assert company(team)["revenue"] == "40.00"
    assert month(report(cli, db, "weekly"), "2026-12") == "40.00"


def test_a_zone_nobody_knows_is_refused_and_nothing_changes(cli, edge_db):
    r = cli("people", "set", "boss", "--timezone", "Mars/Olympus", "--db", edge_db)
    assert r.code != 0 and "no time zone named 'Mars/Olympus'" in r.err
    r = cli("people", "list", "--db", edge_db, "--format", "json")
    assert {p["login"]: p["timezone"] for p in json.loads(r.out)["rows"]} == {
        "boss": None,
        "rep": None,
    }
