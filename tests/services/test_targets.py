"""Targets set and changed through the service (every rule, nothing written on a broken one), the
team queries on the team fixture, and `salestui report team`."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select

from salestui.db.queries.executor import LiteConnection
from salestui.db.tables import AuditLog, Person, Target
from salestui.kernel.errors import DomainError
from salestui.kernel.periods import Period
from salestui.services.targets import set_target
from salestui.team.load import load_team, period_parts
from tests.team import fixtures as fixtures_team

NOW = fixtures_team.NOW


def ids(session) -> dict[str, int]:
    return {p.login: p.id for p in session.exec(select(Person)).all()}


def targets(session):
    return session.exec(select(Target).order_by(Target.id)).all()


# ---- queries ----------------------------------------------------------------------------------
def test_period_parts_match_the_fixture_by_hand(team_db, session_for):
    who = ids(session_for(team_db))
    with LiteConnection(team_db) as conn:
        parts = period_parts(conn, date(2026, 11, 1), date(2026, 12, 1), NOW.date())
    li, wang, south = parts[who["rep_li"]], parts[who["rep_wang"]], parts[who["rep_south"]]
    assert (li.revenue, li.won, li.lost, li.cycle_days, li.visits) == (200_000_00, 1, 1, 40.0, 4)
    assert (wang.revenue, wang.won, wang.lost, wang.cycle_days) == (100_000_00, 1, 1, 10.0)
    assert (south.revenue, south.won, south.due, south.paid, south.visits) == (
        50_000_00,
        1,
        50_000_00,
        0,
        2,
    )
    assert who["newbie"] not in parts


def test_leaderboard_for_november_by_hand(team_db):
    with LiteConnection(team_db) as conn:
        data = load_team(conn, "boss", Period("month", date(2026, 11, 1)), NOW.date())
    lines = {ln.label: ln.figures for ln in data.board.lines(set())}
    assert lines["Company"].attainment == pytest.approx(350 / 600)
    mei = lines["Mei East"]
    assert (mei.revenue, mei.target, mei.win_rate, mei.cycle_days) == (
        300_000_00,
        500_000_00,
        0.5,
        25.0,
    )
    assert mei.attainment == pytest.approx(0.6)  # not (80 + 50 + 0) / 3
    # Q4: Mei East's own team target (1,000,000) wins over the members' sum
    with LiteConnection(team_db) as conn:
        q4 = load_team(conn, "boss", Period("quarter", date(2026, 10, 1)), NOW.date())
    assert {ln.label: ln.figures for ln in q4.board.lines(set())}["Mei East"].target == 1_000_000_00


# ---- the service ------------------------------------------------------------------------------
def test_manager_sets_and_changes_a_target_with_audit(team_db, session_for):
    s = session_for(team_db)
    who = ids(s)
    before = len(targets(s))
    msg = set_target(
        s,
        "mgr_east",
        scope_type="person",
        scope_id=who["newbie"],
        period="2026-12",
        metric="visits",
        value="15",
        now=NOW,
    )
    assert msg == "set the visits target of Nia New for 2026-12 to 15"
    row = targets(s)[-1]
    assert (row.period_type, row.period_start, row.value, row.version) == (
        "month",
        date(2026, 12, 1),
        15,
        1,
    )
    msg = set_target(
        s,
        "mgr_east",
        scope_type="person",
        scope_id=who["newbie"],
        period="2026-12",
        metric="visits",
        value="18",
        version=1,
        now=NOW,
    )
    assert "from 15 to 18" in msg
    assert len(targets(s)) == before + 1
    log = s.exec(select(AuditLog).where(AuditLog.table_name == "target")).all()
    assert [(a.field, a.old, a.new) for a in log][-1] == ("value", "15", "18")


def test_a_quarter_spread_over_its_months(team_db, session_for):
    s = session_for(team_db)
    who = ids(s)
    set_target(
        s,
        "boss",
        scope_type="person",
        scope_id=who["rep_south"],
        period="2027-Q1",
        metric="revenue",
        value="100,000.01",
        spread=True,
        now=NOW,
    )
    rows = [(r.period_type, r.period_start.isoformat(), r.value) for r in targets(s)[-4:]]
    # 10,000,001 minor units ÷ 3 = 3,333,333 rest 2: the first two months carry one more
    assert rows == [
        ("quarter", "2027-01-01", 10_000_001),
        ("month", "2027-01-01", 3_333_334),
        ("month", "2027-02-01", 3_333_334),
        ("month", "2027-03-01", 3_333_333),
    ]


@pytest.mark.parametrize(
    ("actor", "kw", "words"),
    [
        ("mgr_east", {"scope_id": "rep_south"}, "does not report to you"),
        ("mgr_east", {"scope_id": "mgr_east"}, "does not report to you"),
        ("rep_li", {"scope_id": "rep_wang"}, "only a manager"),
        ("boss", {"value": "0"}, "positive"),
        ("boss", {"value": "-5"}, "negative"),
        ("boss", {"value": "lots"}, "must be a number"),
        ("boss", {"metric": "visits", "value": "2.5"}, "whole number"),
        ("boss", {"period": "2026-13"}, "no month 13"),
        ("boss", {"period": "someday"}, "a period is"),
        ("boss", {"metric": "profit"}, "not 'profit'"),
        ("boss", {"period": "2026-11"}, "already has a revenue target for 2026-11 (250,000)"),
        ("boss", {"scope_type": "team"}, "has no team"),
        ("boss", {"spread": True}, "only a quarterly target"),
        ("mgr_east", {"scope_type": "region", "scope_id": "region:华南"}, "does not report"),
        ("mgr_east", {"scope_type": "company", "scope_id": None}, "top of the organisation"),
        ("boss", {"version": 7, "period": "2026-11"}, "changed by someone else"),
    ],
)
def test_broken_rules_write_nothing(team_db, session_for, actor, kw, words):
    s = session_for(team_db)
    who = ids(s)
    args = {
        "scope_type": "person",
        "scope_id": "rep_li",
        "period": "2026-12",
        "metric": "revenue",
        "value": "1000",
    }
    args.update(kw)
    sid = args["scope_id"]
    if isinstance(sid, str) and sid.startswith("region:"):
        from salestui.db.tables import Region

        args["scope_id"] = s.exec(select(Region).where(Region.name == sid[7:])).one().id
    elif isinstance(sid, str):
        args["scope_id"] = who[sid]
    before = [(t.id, t.value, t.version) for t in targets(s)]
    with pytest.raises(DomainError, match=words.replace("(", r"\(").replace(")", r"\)")):
        set_target(s, actor, now=NOW, **args)
    s.rollback()
    assert [(t.id, t.value, t.version) for t in targets(s)] == before
    assert s.exec(select(AuditLog).where(AuditLog.table_name == "target")).all() == []


def test_the_top_sets_a_region_and_the_company_target(team_db, session_for):
    s = session_for(team_db)
    from salestui.db.tables import Region

    south = s.exec(select(Region).where(Region.name == "华南")).one()
    set_target(
        s,
        "boss",
        scope_type="region",
        scope_id=south.id,
        period="2027",
        metric="revenue",
        value="5000000",
        now=NOW,
    )
    set_target(
        s,
        "boss",
        scope_type="company",
        scope_id=None,
        period="2027",
        metric="revenue",
        value="9000000",
        now=NOW,
    )
    rows = [(r.scope_type, r.scope_id, r.period_type, r.value) for r in targets(s)[-2:]]
    assert rows == [
        ("region", south.id, "year", 500_000_000),
        ("company", None, "year", 900_000_000),
    ]


# ---- the report -------------------------------------------------------------------------------
def test_report_team_formats(team_db, cli):
    md = cli("report", "team", "--db", team_db, "--user", "boss", "--period", "2026-11")
    assert md.code == 0, md.err
    assert "| team |       Mei East | 4 | 300,000.00 | 500,000.00 | 60.0 | 2 | 50.0 |" in md.out
    js = cli(
        "report",
        "team",
        "--db",
        team_db,
        "--user",
        "boss",
        "--period",
        "2026-Q4",
        "--format",
        "json",
    )
    body = json.loads(js.out)
    assert body["period"] == "2026-Q4" and body["bonus_pool"] == "0.00"
    company = body["rows"][0]
    assert (company["name"], company["revenue"], company["win_rate_pct"]) == (
        "Company",
        "350000.00",
        60.0,
    )
    # Q4 visits 4 + 1 + 2 = 7 against rep_li's visits target of 12, the only one set
    assert (company["visits"], company["visits_target"]) == (7, 12)
    assert company["new_customers_target"] is None
    li = next(r for r in body["rows"] if r["name"] == "李伟")
    assert (li["visits"], li["visits_target"]) == (4, 12)
    csv = cli(
        "report",
        "team",
        "--db",
        team_db,
        "--user",
        "mgr_east",
        "--format",
        "csv",
        "--period",
        "last-month",
    )
    assert csv.out.splitlines()[1].startswith("root,Team of Mei East,4,0.00,")
    bad = cli("report", "team", "--db", team_db, "--period", "2026-Q7")
    assert bad.code != 0 and "2026-Q7" in bad.err and "Traceback" not in bad.err
