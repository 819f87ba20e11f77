"""The review and action plans on the seeded database (tests/review/fixtures.py): the SQL
aggregates, the warnings inbox, the item groups, the Markdown report, and the item services."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlmodel import select

from salestui.actions.inbox import load_inbox
from salestui.actions.load import load_items, load_milestones, mine
from salestui.context import AppContext
from salestui.db.tables import ActionItem, AuditLog
from salestui.kernel.errors import DomainError
from salestui.review.load import load_kpis, load_problems
from salestui.review.report import load_weekly, render_json, render_md
from salestui.scope import load_scope
from salestui.services.action_changes import change_action_item
from salestui.services.actions import create_action_item
from tests.fixtures import NOW, TODAY


def ctx_for(review_db: str, user: str = "boss") -> AppContext:
    return AppContext(review_db, user, clock=lambda: NOW)


def test_kpis_of_the_boss(review_db):
    ctx = ctx_for(review_db)
    scope = ctx.read(load_scope, "boss")
    k = {x.key: x for x in ctx.read(load_kpis, scope, NOW)}
    # 50,000 won this quarter of a 300,000 target → 16.67 %; plan 51/92 of the quarter
    assert k["attainment"].value == pytest.approx(100 * 50_000 / 300_000)
    assert k["attainment"].plan == pytest.approx(100 * 51 / 92)
    assert k["open"].value == 2_165_000 * 100
    assert k["weighted"].value == 1_346_000 * 100
    # a week ago (13 Nov 10:00), each deal as it stood then (from its stage history):
    # #1 Prospect 120,000 ×10 %; #2 still Prospect 80,000 ×10 %; #3 Proposal 600,000 ×50 %;
    # #4 Negotiation 450,000 ×75 %; #5 Proposal 900,000 ×50 %; #6 (won 15 Nov) Negotiation
    # 50,000 ×75 %; #7 closed exactly then and #8 not yet created: not counted.
    # open 2,200,000; weighted 12,000 + 8,000 + 300,000 + 337,500 + 450,000 + 37,500 = 1,145,000
    assert k["open"].last_week == 2_200_000 * 100
    assert k["weighted"].last_week == 1_145_000 * 100
    assert k["win_rate"].value == pytest.approx(50.0)  # 1 won, 1 lost this quarter
    # a week ago (13 Nov) neither had closed yet (5 and 7 days ago): no win rate
    assert k["win_rate"].last_week is None
    # the 腾达 invoice: 50,000 due 10 Nov, unpaid → overdue now and on 13 Nov already
    assert k["overdue"].value == 50_000 * 100 and k["overdue"].last_week == 50_000 * 100
    assert k["overdue"].vs_week == 0
    assert k["collection"].value == 0.0  # 0 paid of 50,000 due this quarter


def test_warnings_inbox(review_db):
    ctx = ctx_for(review_db)
    scope = ctx.read(load_scope, "boss")
    inbox, totals = ctx.read(load_inbox, scope, NOW)
    assert totals["sla"] == 1 and totals["complaint"] == 1
    assert totals["overdue"] == 1 and totals["stalled"] == 2
    by_key = {w.key: w for w in inbox}
    sla = next(w for w in inbox if w.kind == "sla")
    assert sla.owner_login == "rep_li" and sla.due == TODAY
    assert "grade A lead waiting 3h, limit 2h" in sla.why
    complaint = next(w for w in inbox if w.kind == "complaint")
    assert complaint.owner_login == "rep_wang" and complaint.link_type == "customer"
    assert "urgent service complaint open 3d" in complaint.why
    # deal #1 carries an open item already; deal #4 does not
    assert by_key["stalled:opportunity:1"].has_item
    assert not by_key["stalled:opportunity:4"].has_item
    assert by_key["stalled:opportunity:4"].due == TODAY + timedelta(days=3)
    overdue = next(w for w in inbox if w.kind == "overdue")
    assert overdue.why == "50,000 unpaid on invoice #1, 10d past due"


def test_item_groups_and_cleared_warnings(review_db):
    ctx = ctx_for(review_db)
    scope = ctx.read(load_scope, "boss")
    lines = ctx.read(load_items, scope, NOW)
    got = [(x.item.title, x.group, x.warning) for x in lines]
    assert got == [
        ("Unblock stalled deal", "Overdue", "live"),
        ("Push Acme renewal", "Today", "cleared"),
        ("Plan QBR", "This week", ""),
        ("Year plan", "Later", ""),
    ]
    assert lines[3].item.link_label == "Acme Corp"
    # rep_li's own items only
    li = ctx_for(review_db, "rep_li")
    assert [
        x.item.title for x in li.read(load_items, mine(li.read(load_scope, "rep_li")), NOW)
    ] == ["Unblock stalled deal"]


def test_milestones_of_rep_south(review_db):
    ctx = ctx_for(review_db, "rep_south")
    scope = ctx.read(load_scope, "rep_south")
    stones = ctx.read(load_milestones, scope, NOW)
    q, oct_, nov = stones[:3]
    # quarter 200,000; won #6 50,000 (15 Nov); Nov: 50,000 of 100,000 with 20/30 days gone → behind
    assert (q.target_minor, q.actual_minor) == (200_000 * 100, 50_000 * 100)
    assert oct_.state == "missed" and oct_.actual_minor == 0
    assert (nov.target_minor, nov.actual_minor, nov.state) == (
        100_000 * 100,
        50_000 * 100,
        "behind",
    )


def test_problems_scoped_to_a_rep(review_db):
    ctx = ctx_for(review_db, "rep_wang")
    p = ctx.read(load_problems, ctx.read(load_scope, "rep_wang"), NOW)
    assert (p.stalled_total, p.sla_total, p.complaints_total, p.overdue_total) == (0, 0, 1, 0)


def test_the_report_names_the_health_threshold_in_force(review_db, session_for):
    from salestui.db.tables import Setting

    md = render_md(ctx_for(review_db).read(load_weekly, "boss", NOW))
    assert "| Customers with health below 80 |" in md  # the default
    assert "| Complaints without a response after 48 h | 1 |" in md
    s = session_for(review_db)
    s.add(Setting(key="customers.health_warning_below", value="70"))
    s.commit()
    md = render_md(ctx_for(review_db).read(load_weekly, "boss", NOW))
    assert "| Customers with health below 70 |" in md and "below 80" not in md


def test_markdown_and_json_report(review_db):
    review = ctx_for(review_db).read(load_weekly, "boss", NOW)
    md = render_md(review)
    assert "# Weekly review — Bo Boss and team" in md
    assert "Week 2026-11-16 – 2026-11-23" in md
    assert "| Attainment to date | 16.7 % |" in md
    assert "| Open pipeline | 2,165,000 |" in md
    assert "| Weighted pipeline | 1,346,000 |" in md
    assert "| Prospect → Qualified | 8 | 75% | 2 |" in md
    assert "Revenue by month · forecast: 3-month mean" in md
    assert "| Stalled deals | 2 |" in md and "| Lead first-contact SLA breaches | 1 |" in md
    assert "No review has been marked done yet" in md
    assert "| 2026-11-18 | Unblock stalled deal | 李伟 |" in md
    assert "Year plan" not in md  # due in December: not this week's
    body = json.loads(render_json(review))
    assert body["kpis"][1] == {
        "key": "open",
        "unit": "money",
        "value": "2165000.00",
        "last_week": "2200000.00",
        # plan: 3 × (300,000 − 50,000) = 750,000; 2,165,000 − 750,000 = 1,415,000
        "plan": "750000.00",
        "vs_week": "-35000.00",
        "vs_plan": "1415000.00",
    }
    assert body["problems"]["stalled_deals"] == 2


def test_cli_report_weekly_to_a_file(review_db, tmp_path, cli):
    out = tmp_path / "weekly.md"
    r = cli("report", "weekly", "--db", review_db, "--user", "boss", "--out", str(out))
    assert r.code == 0, r.err
    assert "| Open pipeline | 2,165,000 |" in out.read_text(encoding="utf-8")
    bad = cli("report", "weekly", "--db", review_db, "--user", "boss", "--format", "csv")
    assert bad.code == 2
    assert "--format must be md or json" in bad.err


def test_cli_report_weekly_read_in_worker_processes_says_the_same(
    review_db, tmp_path, cli, monkeypatch
):
    """On a large file `report weekly` reads its big sections in worker processes (each on its
    own connection, the person's clock passed along); the report is the one read here."""
    from salestui.runtime import reads

    def weekly(fmt: str) -> str:
        r = cli("report", "weekly", "--db", review_db, "--user", "boss", "--format", fmt)
        assert r.code == 0, r.err
        return r.out

    here = {fmt: weekly(fmt) for fmt in ("md", "json")}
    monkeypatch.setattr(reads, "BIG_READ_ORDERS", 1)
    monkeypatch.setattr(reads, "_cpus", lambda: 2)  # a one-core runner would read here anyway
    reads._drop_process_pool()
    for fmt in ("md", "json"):
        assert weekly(fmt) == here[fmt]
    assert reads._pool is not None  # the worker processes did read
    assert "| Open pipeline | 2,165,000 |" in here["md"]


# --- the item services ------------------------------------------------------------------------
def _item(session, title):
    return session.exec(select(ActionItem).where(ActionItem.title == title)).one()


def test_item_steps_are_validated_and_audited(review_db, session_for):
    s = session_for(review_db)
    item = _item(s, "Plan QBR")
    said = change_action_item(s, "boss", item.id, 1, step="start", now=NOW)
    assert said == "“Plan QBR”: started"
    said = change_action_item(s, "boss", item.id, 2, step="finish", now=NOW)
    s.expire_all()
    item = _item(s, "Plan QBR")
    assert (item.status, item.version) == ("done", 3)
    assert item.done_at is not None
    fields = s.exec(select(AuditLog.field, AuditLog.new).where(AuditLog.row_id == item.id)).all()
    assert ("status", "doing") in fields and ("status", "done") in fields
    with pytest.raises(DomainError, match="already done"):
        change_action_item(s, "boss", item.id, 3, step="drop", now=NOW)


@pytest.mark.parametrize(
    ("actor", "kwargs", "message"),
    [
        ("rep_wang", {"step": "finish"}, "belongs to Sam South"),
        ("boss", {"due": "2026-02-30"}, "real date"),
        ("boss", {"due": "2026-11-01"}, "in the past"),
        ("boss", {"title": "  "}, "needs a title"),
        ("boss", {"owner_login": "ghost"}, "no person with login 'ghost'"),
        ("mgr_east", {"owner_login": "rep_south"}, None),  # not mgr_east's item at all
    ],
)
def test_item_changes_refused(review_db, session_for, actor, kwargs, message):
    s = session_for(review_db)
    item = _item(s, "Plan QBR")  # rep_south's, below boss only
    with pytest.raises(DomainError, match=message or "you may change only"):
        change_action_item(s, actor, item.id, 1, now=NOW, **kwargs)
    s.expire_all()
    assert _item(s, "Plan QBR").version == 1  # nothing written


def test_reassign_only_within_the_team_and_stale_versions(review_db, session_for):
    s = session_for(review_db)
    item = _item(s, "Unblock stalled deal")  # rep_li's
    with pytest.raises(DomainError, match="only to yourself or people who report to you"):
        change_action_item(s, "mgr_east", item.id, 1, owner_login="rep_south", now=NOW)
    said = change_action_item(s, "mgr_east", item.id, 1, owner_login="rep_wang", now=NOW)
    assert said == "“Unblock stalled deal”: reassigned to Wang Fang"
    with pytest.raises(DomainError, match="was changed by mgr_east"):
        change_action_item(s, "boss", item.id, 1, due="2026-12-01", now=NOW)


def test_one_open_item_per_warning(review_db, session_for):
    s = session_for(review_db)
    with pytest.raises(DomainError, match="already has an open item"):
        create_action_item(
            s,
            "boss",
            title="again",
            owner_login="rep_li",
            due=date(2026, 11, 25),
            warning_key="stalled:opportunity:1",
            now=NOW,
        )


def test_a_managers_trend_gives_each_closed_month_the_team_it_ended_with(tmp_path, session_for):
    """The weekly's 36 months on the re-org of tests/team/test_load.py: rex won 150,000 in
    August as leo's and moved to sol on 2026-10-15; in November (still running) he won 10,000
    as sol's. sam won 40,000 in September for sol."""
    from datetime import UTC, datetime

    from salestui.db.engine import open_database
    from salestui.review.load import load_trend
    from salestui.scope import load_scope
    from tests.team.test_load import build_q3, move_rex

    path = build_q3(str(tmp_path / "org.db"))
    move_rex(path, session_for, manager="sol")
    now = datetime(2026, 11, 20, 10, tzinfo=UTC)
    engine = open_database(path)
    with engine.connect() as conn:
        won = {
            login: {
                f"{m.month:%Y-%m}": m.revenue_minor // 100
                for m in load_trend(conn, load_scope(conn, login), now)[0]
            }
            for login in ("leo", "sol")
        }
    engine.dispose()
    assert [won["leo"][m] for m in ("2026-08", "2026-09", "2026-11")] == [150_000, 0, 0]
    assert [won["sol"][m] for m in ("2026-08", "2026-09", "2026-11")] == [0, 40_000, 10_000]
