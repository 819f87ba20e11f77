"""A team's data survives every upgrade: a database made at the first schema (built here, at
revision 0001, with rows in every table a person would have filled) is brought up to the head by
opening it, on SQLite and on PostgreSQL, and keeps every row."""

from __future__ import annotations

import os
import pwd
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from salestui.db.engine import make_engine, open_database
from salestui.db.schema_version import SCHEMA_HEAD

PG_URL = os.environ.get("SALESTUI_TEST_PG_URL", "")
AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def at_first_schema(url: str) -> None:
    """The empty schema of revision 0001, as the first salestui made it, then its rows."""
    engine = make_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", "salestui.db:migrations")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO region (id, name, region_class) VALUES (1, '华东', 'strategic')")
        )
        people = [
            # id, login, name, role, manager
            (1, "boss", "Top Boss", "manager", None),
            (2, "ops", "Ops Admin", "admin", 1),
            (3, "mgr", "Mid Manager", "manager", 1),
            (4, "rep", "A Rep", "rep", 3),
            (5, "gone", "Old Top", "manager", None),  # a second root, left
        ]
        for pid, login, name, role, manager in people:
            conn.execute(
                text(
                    "INSERT INTO person (id, login, display_name, role, title, manager_id, "
                    "region_id, active, version) VALUES (:i, :l, :n, :r, '', :m, 1, :a, 1)"
                ),
                {"i": pid, "l": login, "n": name, "r": role, "m": manager, "a": pid != 5},
            )
        conn.execute(
            text(
                "INSERT INTO customer (id, name, industry, region_id, channel, size, owner_id, "
                "created_at, version) VALUES (1, '深圳市腾讯计算机系统有限公司', 'tech', 1, 'direct', "
                "'large', 4, :at, 1)"
            ),
            {"at": AT},
        )
        conn.execute(
            text(
                "INSERT INTO opportunity (id, customer_id, owner_id, title, amount_minor, "
                "expected_close, stage, probability, created_at, stage_entered_at, "
                "close_date_pushes, version) VALUES (1, 1, 4, 'Renewal [Q3]', 125000050, "
                "'2026-06-30', 'Proposal', 50, :at, :at, 0, 3)"
            ),
            {"at": AT},
        )
        conn.execute(
            text(
                "INSERT INTO lead (id, name, company, source, industry, region_id, need_fit, "
                "decision_authority, budget_timeline, engagement_history, grade, created_at, "
                "owner_id, status, version) VALUES (1, '王伟', '华为', 'online', 'tech', 1, 20, 20, "
                "20, 20, 'A', :at, 4, 'new', 1)"
            ),
            {"at": AT},
        )
        conn.execute(
            text(
                "INSERT INTO activity (id, kind, person_id, customer_id, opportunity_id, "
                "occurred_at, note) VALUES (1, 'visit', 4, 1, 1, :at, 'first visit')"
            ),
            {"at": AT},
        )
        conn.execute(
            text(
                "INSERT INTO audit_log (at, by_login, table_name, row_id, field, old, new) "
                "VALUES (:at, 'rep', 'opportunity', 1, 'stage', 'Qualified', 'Proposal')"
            ),
            {"at": AT},
        )
        # two imports as the first salestui recorded them: one kept, one undone since
        audit = (
            ("mgr", "import", 0, "*batch*", "customers", "c.csv", "b1"),
            ("mgr", "customer", 1, "*created*", None, "x", "b1"),
            ("rep", "import", 0, "*batch*", "opportunities", "d.csv", "b2"),
            ("boss", "import", 0, "*undo*", None, "b2", "undo:b2"),
        )
        for who, table_name, row_id, field, old, new, batch in audit:
            conn.execute(
                text(
                    "INSERT INTO audit_log (at, by_login, table_name, row_id, field, old, new, "
                    "batch) VALUES (:at, :w, :t, :r, :f, :o, :n, :b)"
                ),
                {"at": AT, "w": who, "t": table_name, "r": row_id, "f": field, "o": old,
                 "n": new, "b": batch},
            )  # fmt: skip
    engine.dispose()


def batches(url: str) -> list[tuple]:
    engine = make_engine(url)
    with engine.connect() as conn:
        found = conn.execute(
            text("SELECT batch, kind, source, by_login, state, undone_by FROM import_batch "
                 "ORDER BY batch")
        ).all()  # fmt: skip
    engine.dispose()
    return [tuple(r) for r in found]


# the batches already in the log are listed as done, or undone where the log holds their undo
BATCHES = [
    ("b1", "customers", "c.csv", "mgr", "done", None),
    ("b2", "opportunities", "d.csv", "rep", "undone", "boss"),
]


def upgraded(url: str) -> tuple[list, list, list]:
    notices: list[str] = []
    engine = open_database(url, notice=notices.append)
    try:
        with engine.connect() as conn:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert revision == SCHEMA_HEAD
            people = conn.execute(
                text("SELECT id, login, role, admin, os_user FROM person ORDER BY id")
            ).all()
            deals = conn.execute(
                text("SELECT id, title, amount_minor, stage, version FROM opportunity")
            ).all()
            # 0005, 0006: no time zone of their own (the system's), no next step yet
            zones = conn.execute(text("SELECT DISTINCT timezone FROM person")).scalars().all()
            steps = conn.execute(text("SELECT next_step, next_step_date FROM opportunity")).all()
            assert zones == [""] and [tuple(s) for s in steps] == [("", None)]
            # 0007: no competitor, no lost note
            extra = conn.execute(text("SELECT competitor, lost_note FROM opportunity")).all()
            assert [tuple(e) for e in extra] == [("", "")]
            # 0008: no contacts, no product lines; the lead and the activity as they were
            for table in ("contact", "opportunity_contact", "opportunity_line"):
                assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
            lead = conn.execute(
                text("SELECT name, grade, status, email, phone, status_reason, customer_id, "
                     "contact_id FROM lead")
            ).all()  # fmt: skip
            assert [tuple(x) for x in lead] == [("王伟", "A", "new", "", "", "", None, None)]
            act = conn.execute(text("SELECT kind, note, lead_id FROM activity")).all()
            assert [tuple(x) for x in act] == [("visit", "first visit", None)]
            # 0009: no category set (the settings default it), no calls yet
            cats = conn.execute(text("SELECT forecast_category FROM opportunity")).all()
            assert [tuple(c) for c in cats] == [(None,)]
            assert conn.execute(text("SELECT count(*) FROM forecast_call")).scalar() == 0
    finally:
        engine.dispose()
    return people, deals, notices


def check(people, deals, notices, account: str) -> None:
    assert [(p.login, p.role, bool(p.admin)) for p in people] == [
        ("boss", "manager", False),
        ("ops", "manager", True),  # the old role admin: a manager who is an administrator
        ("mgr", "manager", False),
        ("rep", "rep", False),
        ("gone", "manager", False),
    ]
    # the account that ran salestui until now is bound to the top manager (the active root)
    assert {p.login: p.os_user for p in people} == {
        "boss": account,
        "ops": None,
        "mgr": None,
        "rep": None,
        "gone": None,
    }
    assert [tuple(d) for d in deals] == [(1, "Renewal [Q3]", 125000050, "Proposal", 3)]
    assert len(notices) == 1 and account in notices[0] and "boss" in notices[0]


def test_a_first_schema_sqlite_file_upgrades_with_its_data(tmp_path):
    path = tmp_path / "old.db"
    at_first_schema(str(path))
    people, deals, notices = upgraded(str(path))
    check(people, deals, notices, pwd.getpwuid(os.stat(path).st_uid).pw_name)
    assert batches(str(path)) == BATCHES
    # said once: opening again tells nothing more
    assert upgraded(str(path))[2] == []


@pytest.mark.skipif(not PG_URL, reason="SALESTUI_TEST_PG_URL is not set")
def test_a_first_schema_postgresql_database_upgrades_with_its_data():
    engine = make_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
        role = conn.execute(text("SELECT current_user")).scalar()
    engine.dispose()
    at_first_schema(PG_URL)
    people, deals, notices = upgraded(PG_URL)
    check(people, deals, notices, role)
    assert batches(PG_URL) == BATCHES


def _deal_columns(url: str) -> set[str]:
    from sqlalchemy import inspect

    engine = make_engine(url)
    try:
        return {c["name"] for c in inspect(engine).get_columns("opportunity")}
    finally:
        engine.dispose()


def test_0007_downgrades_and_upgrades_again(tmp_path):
    """The competitor and lost note go with a downgrade to 0004 and come back with the head —
    with rows pointing at the deals (an activity), which a table copy would trip over."""
    url = str(tmp_path / "down.db")
    at_first_schema(url)
    upgraded(url)
    assert {"competitor", "lost_note"} <= _deal_columns(url)
    cfg = Config()
    cfg.set_main_option("script_location", "salestui.db:migrations")
    engine = make_engine(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")  # through 0009 … 0005
    engine.dispose()
    assert not {"competitor", "lost_note"} & _deal_columns(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    engine.dispose()
    assert {"competitor", "lost_note"} <= _deal_columns(url)
