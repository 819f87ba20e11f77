"""The generated demo database: deterministic, consistent, and holding something for every screen."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, date

import pytest
from sqlmodel import Session, select

from salestui.db import tables as T
from salestui.db.demo import build as demo_mod
from salestui.db.demo.build import DemoSummary, build_demo
from salestui.db.engine import open_database
from salestui.kernel.domain import DEFAULT_STALL_DAYS, LOST_REASONS, OPEN_STAGES, approvers_for

TODAY = date(2026, 11, 23)
DEALS = 400
TABLES = (
    "region", "person", "customer", "product", "opportunity", "stage_change", "approval",
    "sales_order", "order_line", "activity", "lead", "target", "complaint", "nps_answer",
    "action_item", "contact", "opportunity_contact", "opportunity_line",
    "forecast_call",
)  # fmt: skip


def _build(path, **kw) -> tuple[str, DemoSummary]:
    engine = open_database(str(path))
    try:
        summary = build_demo(engine, deals=DEALS, today=TODAY, **kw)
    finally:
        engine.dispose()
    return str(path), summary


def _digest(path: str, table: str) -> str:
    with sqlite3.connect(path) as c:
        rows = c.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[str, DemoSummary]:
    return _build(tmp_path_factory.mktemp("demo") / "d.db", top_login="boss")


@pytest.fixture(scope="module")
def db(built):
    c = sqlite3.connect(built[0])
    yield c
    c.close()


def q(db, sql: str, *args):
    return db.execute(sql, args).fetchall()


def test_same_seed_same_rows_other_seed_other_rows(built, tmp_path):
    again, _ = _build(tmp_path / "again.db", top_login="boss")
    for table in TABLES:
        assert _digest(again, table) == _digest(built[0], table), table
    other, _ = _build(tmp_path / "other.db", top_login="boss", seed=8)
    assert _digest(other, "opportunity") != _digest(built[0], "opportunity")


def test_core_path_writes_the_same_rows_as_the_fast_sqlite_path(built, tmp_path, monkeypatch):
    monkeypatch.setattr(demo_mod, "_RAW_SQLITE", False)
    core, _ = _build(tmp_path / "core.db", top_login="boss")
    for table in TABLES:
        assert _digest(core, table) == _digest(built[0], table), table


def test_summary_counts_match_the_tables_and_progress_is_reported(tmp_path, db, built):
    calls = []
    _, summary = _build(tmp_path / "p.db", progress=lambda *a: calls.append(a))
    assert summary.top_login == "demo"
    assert summary.opportunities == DEALS
    assert {c[0] for c in calls} >= {"people", "opportunities", "stage_changes", "orders"}
    assert all(0 <= done <= total for _, done, total in calls)
    s = built[1]
    for field, table in (("people", "person"), ("stage_changes", "stage_change"),
                         ("order_lines", "order_line"), ("leads", "lead"),
                         ("targets", "target"), ("nps_answers", "nps_answer")):  # fmt: skip
        assert getattr(s, field) == q(db, f"SELECT count(*) FROM {table}")[0][0]
    assert s.customers >= 60 and s.products >= 25 and s.people >= 25
    assert s.activities <= 3 * DEALS
    assert s.leads == max(50, DEALS // 4)


def test_refuses_a_database_that_has_data(built):
    engine = open_database(built[0])
    try:
        with pytest.raises(ValueError, match="empty"):
            build_demo(engine, deals=10, today=TODAY)
    finally:
        engine.dispose()


def test_rows_read_back_through_sqlmodel_with_aware_utc_times(built):
    engine = open_database(built[0])
    try:
        with Session(engine) as s:
            o = s.exec(select(T.Opportunity).where(T.Opportunity.stage == "Won")).first()
            assert o.created_at.tzinfo == UTC and o.closed_at.tzinfo == UTC
            assert o.created_at < o.stage_entered_at == o.closed_at
            assert isinstance(o.expected_close, date)
            p = s.exec(select(T.Person).where(T.Person.login == "boss")).one()
            assert p.manager_id is None and p.active is True and isinstance(p.hire_date, date)
            order = s.exec(select(T.SalesOrder).where(T.SalesOrder.paid_date.is_not(None))).first()
            assert isinstance(order.paid_date, date) and order.paid_minor > 0
    finally:
        engine.dispose()


def test_foreign_keys_hold_and_times_are_in_the_past(db):
    assert q(db, "PRAGMA foreign_key_check") == []
    for table, col in (("stage_change", "changed_at"), ("activity", "occurred_at"),
                       ("lead", "first_contact_at"), ("complaint", "resolved_at")):  # fmt: skip
        assert q(db, f"SELECT max({col}) FROM {table}")[0][0] < TODAY.isoformat()
    # datetimes are stored exactly as SQLAlchemy stores them on SQLite
    (at,) = q(db, "SELECT created_at FROM opportunity LIMIT 1")[0]
    assert len(at) == 26 and at[10] == " " and at[19] == "."


def test_history_is_consistent_with_each_opportunity(db):
    last = q(
        db,
        "SELECT o.id, o.stage, o.stage_entered_at, h.to_stage, h.changed_at FROM opportunity o "
        "JOIN stage_change h ON h.id = (SELECT max(id) FROM stage_change WHERE opportunity_id = o.id)",
    )
    assert len(last) == DEALS
    assert all(r[1] == r[3] and r[2] == r[4] for r in last)
    first = q(
        db,
        "SELECT count(*) FROM opportunity o JOIN stage_change h ON h.opportunity_id = o.id "
        "AND h.from_stage IS NULL WHERE h.to_stage = 'Prospect' AND h.changed_at = o.created_at",
    )
    assert first[0][0] == DEALS
    steps = q(
        db,
        "SELECT a.to_stage, b.from_stage, a.changed_at < b.changed_at FROM stage_change a "
        "JOIN stage_change b ON b.opportunity_id = a.opportunity_id AND b.id = a.id + 1",
    )
    assert all(to == frm and later for to, frm, later in steps)
    moves = q(db, "SELECT from_stage, to_stage FROM stage_change WHERE from_stage IS NOT NULL")
    order = {stage: i for i, stage in enumerate(OPEN_STAGES)}
    assert any(order.get(b, 9) < order.get(a, -1) for a, b in moves)  # a few moved backwards
    bad_closed = q(
        db,
        "SELECT count(*) FROM opportunity WHERE (stage IN ('Won', 'Lost')) != "
        "(closed_at IS NOT NULL) OR (closed_at IS NOT NULL AND closed_at != stage_entered_at)",
    )
    assert bad_closed[0][0] == 0


def test_nobody_sells_before_being_hired_or_to_a_customer_not_yet_known(db):
    early = "SELECT count(*) FROM opportunity o JOIN person p ON p.id = o.owner_id "
    assert q(db, early + "WHERE o.created_at < p.hire_date")[0][0] == 0
    assert q(db, early + "WHERE p.role != 'rep'")[0][0] == 0
    known = "SELECT count(*) FROM opportunity o JOIN customer c ON c.id = o.customer_id "
    assert q(db, known + "WHERE o.created_at < c.created_at")[0][0] == 0
    gone = "SELECT count(*) FROM opportunity o JOIN person p ON p.id = o.owner_id "
    assert q(db, gone + "WHERE p.active = 0 AND o.closed_at IS NULL")[0][0] == 0
    leads = "SELECT count(*) FROM lead l JOIN person p ON p.id = l.owner_id "
    assert q(db, leads + "WHERE date(l.created_at) < p.hire_date")[0][0] == 0


def test_stages_reasons_probabilities_and_orders(db):
    stages = dict(q(db, "SELECT stage, count(*) FROM opportunity GROUP BY stage"))
    assert set(stages) == {"Prospect", "Qualified", "Proposal", "Negotiation", "Won", "Lost"}
    assert 0.12 * DEALS < sum(stages[s] for s in OPEN_STAGES) < 0.3 * DEALS
    reasons = {r for (r,) in q(db, "SELECT lost_reason FROM opportunity WHERE stage = 'Lost'")}
    assert reasons <= set(LOST_REASONS) and None not in reasons
    assert (
        q(db, "SELECT count(*) FROM opportunity WHERE stage != 'Lost' AND lost_reason IS NOT NULL")[
            0
        ][0]
        == 0
    )  # noqa: E501
    assert (
        q(
            db,
            "SELECT count(*) FROM opportunity WHERE stage = 'Won' AND NOT EXISTS "
            "(SELECT 1 FROM sales_order s WHERE s.opportunity_id = opportunity.id)",
        )[0][0]
        == 0
    )  # noqa: E501
    probs = dict(q(db, "SELECT stage, max(probability) FROM opportunity GROUP BY stage"))
    assert probs == {"Prospect": 10, "Qualified": 25, "Proposal": 50, "Negotiation": 75,
                     "Won": 100, "Lost": 0}  # fmt: skip
    assert q(db, "SELECT count(*) FROM order_line WHERE quantity < 0")[0][0] >= 0
    assert q(db, "SELECT min(amount_minor) FROM sales_order")[0][0] > 0


def test_negotiation_approvals_follow_the_rule(db):
    deals = q(db, "SELECT id, amount_minor, approval FROM opportunity WHERE stage = 'Negotiation'")
    assert {a for _, _, a in deals} <= {"pending", "approved"}
    assert any(a == "pending" for _, _, a in deals)
    paths = set()
    for opp_id, amount, approval in deals:
        rows = q(db, "SELECT approver_role, status FROM approval WHERE opportunity_id = ?", opp_id)
        assert sorted(r for r, _ in rows) == sorted(approvers_for(amount))
        assert (approval == "approved") == all(s == "approved" for _, s in rows)
        paths.add(approvers_for(amount))
    assert len(paths) == 2  # the director path and the finance + legal + VP path both occur
    assert q(db, "SELECT count(*) FROM approval a JOIN opportunity o ON o.id = a.opportunity_id "
                 "WHERE o.stage != 'Negotiation'")[0][0] == 0  # fmt: skip


def test_the_problems_a_manager_looks_for_are_there(db):
    opened = q(
        db,
        "SELECT stage, julianday(?) - julianday(stage_entered_at) FROM opportunity "
        "WHERE stage IN ('Prospect', 'Qualified', 'Proposal', 'Negotiation')",
        TODAY.isoformat(),
    )
    stalled = sum(days > DEFAULT_STALL_DAYS[stage] for stage, days in opened)
    assert 0.1 < stalled / len(opened) < 0.35
    overdue = "SELECT count(*) FROM sales_order WHERE due_date < ? AND paid_minor < amount_minor"
    assert q(db, overdue, TODAY.isoformat())[0][0] > 0
    assert q(db, "SELECT count(*) FROM sales_order WHERE paid_date > due_date")[0][0] > 0
    assert q(db, "SELECT count(*) FROM person WHERE role = 'rep' AND hire_date > date(?, '-90 day')",
             TODAY.isoformat())[0][0] >= 2  # fmt: skip
    assert q(db, "SELECT count(*) FROM person WHERE active = 0")[0][0] >= 1
    assert q(db, "SELECT count(*) FROM opportunity WHERE expected_close < ? AND closed_at IS NULL",
             TODAY.isoformat())[0][0] > 0  # fmt: skip
    late_contact = q(db, "SELECT count(*) FROM lead WHERE first_contact_at IS NULL")[0][0]
    assert late_contact > 0
    no_reply = "SELECT count(*) FROM complaint WHERE first_response_at IS NULL AND opened_at < ?"
    assert q(db, no_reply, "2026-11-21")[0][0] + q(db, "SELECT count(*) FROM complaint WHERE "
             "julianday(first_response_at) - julianday(opened_at) > 2")[0][0] > 0  # fmt: skip
    assert q(db, "SELECT min(score) FROM nps_answer")[0][0] <= 6
    assert {s for (s,) in q(db, "SELECT DISTINCT status FROM action_item")} >= {"open", "done"}


def test_org_tree_regions_names_and_customers(db):
    roots = q(db, "SELECT login, role, title FROM person WHERE manager_id IS NULL")
    assert roots == [("boss", "manager", "VP sales")]
    people = q(db, "SELECT id, manager_id, login, role FROM person")
    by_id = {i: m for i, m, _, _ in people}
    for i, _, login, _role in people:  # every chain ends at the top
        seen = 0
        while by_id[i] is not None:
            i, seen = by_id[i], seen + 1
        assert i == 1 and seen <= 4
        assert login.isascii() and login == login.lower()
    assert len({p[2] for p in people}) == len(people)
    assert q(db, "SELECT count(*) FROM person p JOIN person m ON m.id = p.manager_id "
                 "WHERE m.role != 'manager'")[0][0] == 0  # fmt: skip
    regions = {n for (n,) in q(db, "SELECT name FROM region")}
    assert {"华东", "华南", "华北", "西南", "华中", "西北"} <= regions
    assert {c for (c,) in q(db, "SELECT DISTINCT region_class FROM region")} == {
        "strategic", "consolidate", "potential"}  # fmt: skip
    # seed 003 (DOMAIN.md): strategic 华东, 华南; consolidate 华北, 华中; potential 西北, 西南
    classes = dict(q(db, "SELECT name, region_class FROM region"))
    assert {n: classes[n] for n in ("华东", "华南", "华北", "华中", "西南", "西北")} == {
        "华东": "strategic", "华南": "strategic", "华北": "consolidate", "华中": "consolidate",
        "西南": "potential", "西北": "potential"}  # fmt: skip
    names = [n for (n,) in q(db, "SELECT name FROM customer")]
    assert any("有限公司" in n for n in names) and any(n.isascii() for n in names)
    from salestui.db.demo.people import LONG_NAMES

    # generated Chinese names are written without spaces; the fixed long names mix in Latin words
    assert all(" " not in n for n in names if not n.isascii() and n not in LONG_NAMES)
    assert {c for (c,) in q(db, "SELECT DISTINCT channel FROM customer")} == {
        "direct", "distributor", "e-commerce"}  # fmt: skip
    owners = q(db, "SELECT DISTINCT p.role FROM customer c JOIN person p ON p.id = c.owner_id")
    assert owners == [("rep",)]
    revenue = q(db, "SELECT max(s) FROM (SELECT sum(amount_minor) s FROM sales_order "
                    "WHERE order_date >= '2025-11-23' GROUP BY customer_id)")[0][0]  # fmt: skip
    assert revenue >= 1_000_000 * 100


def test_targets_and_leads(db):
    metrics = {(s, p, m) for s, p, m in q(db, "SELECT DISTINCT scope_type, period_type, metric "
                                             "FROM target")}  # fmt: skip
    assert {("person", "month", "revenue"), ("person", "quarter", "revenue"),
            ("person", "quarter", "visits"), ("person", "quarter", "new_customers"),
            ("company", "year", "revenue")} <= metrics  # fmt: skip
    grades = q(
        db,
        "SELECT grade, need_fit + decision_authority + budget_timeline + engagement_history "
        "FROM lead",
    )
    assert all(g == ("A" if s >= 75 else "B" if s >= 50 else "C") for g, s in grades)
    assert {g for g, _ in grades} == {"A", "B", "C"}
    converted = q(
        db,
        "SELECT count(*), sum(l.created_at < o.created_at) FROM lead l "
        "JOIN opportunity o ON o.id = l.opportunity_id WHERE l.status = 'converted'",
    )
    assert converted[0][0] > 0 and converted[0][0] == converted[0][1]


def test_contacts_one_to_three_a_customer_and_on_open_deals_of_their_own_customer(db, built):
    from salestui.kernel.contact_details import contact_problem

    s = built[1]
    assert s.contacts == q(db, "SELECT count(*) FROM contact")[0][0]
    assert s.deal_contacts == q(db, "SELECT count(*) FROM opportunity_contact")[0][0]
    per = dict(q(db, "SELECT customer_id, count(*) FROM contact GROUP BY customer_id"))
    assert len(per) == s.customers and set(per.values()) == {1, 2, 3}
    assert q(db, "SELECT count(*) FROM opportunity_contact oc JOIN opportunity o "
                 "ON o.id = oc.opportunity_id JOIN contact c ON c.id = oc.contact_id "
                 "WHERE o.customer_id != c.customer_id OR o.stage IN ('Won', 'Lost')") == [(0,)]  # fmt: skip
    open_deals = q(db, "SELECT count(*) FROM opportunity WHERE stage NOT IN ('Won', 'Lost')")[0][0]
    assert 0.4 * open_deals < s.deal_contacts < 0.8 * open_deals  # about 60 %
    rows = q(db, "SELECT name, title, phone, email, role FROM contact")
    for name, title, phone, email, role in rows:
        values = {"name": name, "title": title, "phone": phone, "email": email}
        assert contact_problem(values) is None, values  # every door would accept it
        assert role in ("decision maker", "influencer", "user", "gatekeeper", "")


def test_about_30_percent_of_deals_have_lines_summing_exactly_to_their_amount(db, built):
    from salestui.kernel.deal_lines import line_total

    s = built[1]
    assert s.deal_lines == q(db, "SELECT count(*) FROM opportunity_line")[0][0]
    deals = q(db, "SELECT count(*) FROM opportunity")[0][0]
    with_lines = q(db, "SELECT count(DISTINCT opportunity_id) FROM opportunity_line")[0][0]
    assert 0.25 * deals < with_lines < 0.35 * deals
    per = {n for (n,) in q(db, "SELECT count(*) FROM opportunity_line GROUP BY opportunity_id")}
    assert per == {1, 2, 3}
    totals: dict[int, int] = {}
    for deal, qty, unit, disc in q(db, "SELECT opportunity_id, quantity, unit_price_minor, "
                                       "discount_bp FROM opportunity_line"):  # fmt: skip
        assert qty >= 1 and unit >= 0 and disc == 0
        totals[deal] = totals.get(deal, 0) + line_total(qty, unit, disc)
    amounts = dict(q(db, "SELECT id, amount_minor FROM opportunity"))
    assert all(totals[d] == amounts[d] for d in totals)  # the amount it had, to the fen
    assert q(db, "SELECT count(*) FROM opportunity_line WHERE quantity > 1")[0][0] > 0


def test_long_cjk_emoji_names_are_in_the_demo(db):
    """Issue 17: some customers and one person carry long CJK + emoji + Latin names."""
    from salestui.db.demo.people import LONG_NAMES, LONG_PERSON

    names = {r[0] for r in q(db, "SELECT name FROM customer")}
    assert "深圳市腾讯计算机系统有限公司🚀" in names
    assert sum(name in names for name in LONG_NAMES) >= 2
    assert q(db, "SELECT count(*) FROM person WHERE display_name = ?", LONG_PERSON)[0][0] == 1


@pytest.mark.parametrize("raw", [True, False])
def test_the_stage_totals_are_summed_after_the_build_and_kept_after(tmp_path, monkeypatch, raw):
    """The build writes with the stage totals' triggers off (migration 0012) and sums them once
    at the end; a write after it moves them again."""
    from sqlalchemy import text

    from tests.board.test_stage_totals_kept import kept, summed_from_the_deals

    monkeypatch.setattr(demo_mod, "_RAW_SQLITE", raw)
    path, summary = _build(tmp_path / "t.db", top_login="boss")
    engine = open_database(path)
    try:
        with engine.begin() as conn:
            found = kept(conn)
            assert found == summed_from_the_deals(conn)
            assert sum(d for d, _a, _w in found.values()) == summary.opportunities
            conn.execute(text("UPDATE opportunity SET amount_minor = amount_minor + 1"))
            assert kept(conn) == summed_from_the_deals(conn) != found
    finally:
        engine.dispose()


@pytest.mark.parametrize("raw", [True, False])
def test_the_change_journal_is_on_again_after_the_build(tmp_path, monkeypatch, raw):
    """The build writes with the stamping triggers off (a new database keeps no figures); once
    built, a write stamps its customer again, on the fast path and on the Core path."""
    monkeypatch.setattr(demo_mod, "_RAW_SQLITE", raw)
    path, _ = _build(tmp_path / "j.db", top_login="boss")
    c = sqlite3.connect(path)
    try:
        assert q(c, "SELECT COUNT(*) FROM customer_touch") == [(0,)]
        assert q(c, "SELECT COUNT(*) FROM owner_touch") == [(0,)]
        (triggers,) = q(c, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'stamp%'")[0]
        # 5 tables × insert, update (new, old), delete (0010); the customer's insert, update and
        # delete, and the person and region renames (0011); the activities' people and the
        # deals' owners on insert, update (new, old), delete, the stage history's owners on
        # update (new, old) and delete (an insert is stamped by the update keeping it), and a
        # deal's customer (0018)
        assert triggers == 20 + 5 + 4 + 4 + 3 + 1
        (customer,) = q(c, "SELECT MIN(id) FROM customer")[0]
        c.execute(
            "INSERT INTO nps_answer (customer_id, score, answered_on) VALUES (?, 9, '2026-01-05')",
            (customer,),
        )
        c.commit()
        assert q(c, "SELECT customer_id, seq FROM customer_touch") == [(customer, 1)]
        deal, owner = q(c, "SELECT id, owner_id FROM opportunity ORDER BY id LIMIT 1")[0]
        c.execute(
            "INSERT INTO stage_change (opportunity_id, from_stage, to_stage, changed_at, "
            "changed_by) VALUES (?, 'Prospect', 'Qualified', '2026-11-20 10:00:00', 'boss')",
            (deal,),
        )
        c.commit()
        assert q(c, "SELECT owner_id FROM owner_touch") == [(owner,)]
    finally:
        c.close()
