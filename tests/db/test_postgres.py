"""The same code on PostgreSQL: the demo, the board's reads, a move and its undo, the report.

Runs when SALESTUI_TEST_PG_URL names a PostgreSQL database it may fill (``.ci/run`` starts a
local server when it can); skipped otherwise. The SQLite build of the same seed is the
reference: a deterministic demo must give the same pipeline on both.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

import pytest

from salestui.board.load import load_board, load_viewer
from salestui.context import AppContext
from salestui.db.demo.build import build_demo
from salestui.db.engine import open_database
from salestui.db.queries.board import BoardFilter
from salestui.db.queries.deals import deal_detail
from salestui.services.deal_undo import undo_last
from salestui.services.deals import move_stage

PG_URL = os.environ.get("SALESTUI_TEST_PG_URL", "")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)

pytestmark = pytest.mark.skipif(not PG_URL, reason="SALESTUI_TEST_PG_URL is not set")


@pytest.fixture
def pg_engine():
    from sqlalchemy import text

    engine = open_database(PG_URL)
    with engine.begin() as conn:  # a clean schema for this test
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    engine = open_database(PG_URL)  # migrates the empty schema
    yield engine
    engine.dispose()


def _pipeline(database) -> tuple:
    ctx = AppContext(database, "demo", clock=lambda: NOW)
    viewer = load_viewer(ctx)
    data = load_board(ctx, viewer, BoardFilter(), 5)
    return ctx, data


def test_the_demo_pipeline_is_the_same_on_postgresql_and_sqlite(pg_engine, tmp_path):
    build_demo(pg_engine, deals=300, seed=11, top_login="demo", today=date(2026, 11, 20))
    lite = open_database(str(tmp_path / "same.db"))
    build_demo(lite, deals=300, seed=11, top_login="demo", today=date(2026, 11, 20))

    _, on_pg = _pipeline(pg_engine)
    _, on_sqlite = _pipeline(str(tmp_path / "same.db"))
    assert on_pg.totals == on_sqlite.totals
    assert on_pg.total == on_sqlite.total
    assert on_pg.closed == on_sqlite.closed
    assert [c.id for c in on_pg.pages["Prospect"]] == [c.id for c in on_sqlite.pages["Prospect"]]
    assert on_pg.total.count > 0
    # the build wrote with the change journal's triggers off; they are on again after it
    from sqlalchemy import text

    with pg_engine.begin() as conn:
        enabled = conn.execute(
            text(
                "SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = "
                "current_schema() AND t.tgname LIKE 'stamp%' AND t.tgenabled = 'O'"
            )
        ).scalar()
        # 5 tables × insert, update, delete (0010); the customer's insert, update, delete and the
        # person and region renames (0011); the stage history's owners, the activities' people
        # and the deals' owners on insert, update, delete, and a deal's customer (0018)
        assert enabled == 15 + 5 + 3 + 3 + 3 + 1
        assert conn.execute(text("SELECT COUNT(*) FROM customer_touch")).scalar() == 0
        conn.execute(
            text(
                "INSERT INTO nps_answer (customer_id, score, answered_on) "
                "SELECT MIN(id), 9, DATE '2026-01-05' FROM customer"
            )
        )
        assert conn.execute(text("SELECT COUNT(*) FROM customer_touch")).scalar() == 1


def test_a_move_and_its_undo_on_postgresql(pg_engine):
    build_demo(pg_engine, deals=120, seed=5, top_login="demo", today=date(2026, 11, 20))
    ctx, data = _pipeline(pg_engine)
    card = data.pages["Prospect"][0]
    ctx.write(move_stage, "demo", card.id, "Qualified", card.version, now=NOW)
    ctx.write(undo_last, "demo", now=NOW)
    history = ctx.read(deal_detail, card.id).history
    assert [(h.from_stage, h.to_stage, h.changed_by) for h in history[-2:]] == [
        ("Prospect", "Qualified", "demo"),
        ("Qualified", "Prospect", "demo"),
    ]
    _, after = _pipeline(pg_engine)
    assert after.totals == data.totals


DEALS_CSV = (
    "Deal ID,Deal Name,Account Name,Deal Owner,Amount,Close Date,Stage,Probability\n"
    'P1,Pumps,Pump Works,demo,"1,234.50",20/12/2026,Closed Won,100%\n'
    'P2,Valves,Valve House,demo,"USD 485,000.00",03/01/2027,Engaging,65.0%\n'
)


def test_import_reimport_undo_and_export_on_postgresql(pg_engine, tmp_path):
    from sqlalchemy import text
    from sqlmodel import Session

    from salestui.db.queries.export import export_rows
    from salestui.services.imports.run import ImportOptions, import_file, undo_import

    build_demo(pg_engine, deals=60, seed=2, top_login="demo", today=date(2026, 11, 20))
    path = tmp_path / "deals.csv"
    path.write_text(DEALS_CSV, encoding="utf-8")
    options = ImportOptions(kind="opportunities", create_missing=True)
    with Session(pg_engine) as s:
        first = import_file(s, path, options, actor="demo", now=NOW, report_dir=tmp_path)
        again = import_file(s, path, options, actor="demo", now=NOW, report_dir=tmp_path)
        assert (first.created, again.created, again.updated) == (2, 0, 0)
        rows = s.execute(
            text(
                "SELECT external_id, amount_minor, stage FROM opportunity "
                "WHERE external_id IN ('P1', 'P2') ORDER BY external_id"
            )
        ).all()
        # 1,234.50 → 123,450 minor units; USD 485,000.00 → 48,500,000; Closed Won → Won,
        # Engaging → Qualified (the importer's default stage words)
        assert [tuple(r) for r in rows] == [("P1", 123450, "Won"), ("P2", 48500000, "Qualified")]
        columns, exported = export_rows(s.connection(), "opportunities")
        assert len(exported) == 62
        undo_import(s, first.batch, actor="demo", now=NOW)
        left = s.execute(
            text("SELECT count(*) FROM opportunity WHERE external_id IN ('P1', 'P2')")
        ).scalar()
        assert left == 0


def test_deal_lines_export_import_and_undo_on_postgresql(pg_engine, tmp_path):
    from sqlalchemy import text
    from sqlmodel import Session

    from salestui.db.queries.export import export_rows
    from salestui.services.imports.run import ImportOptions, import_file, undo_import

    build_demo(pg_engine, deals=60, seed=2, top_login="demo", today=date(2026, 11, 20))
    with Session(pg_engine) as s:
        _, before = export_rows(s.connection(), "deal-lines")
        assert before  # the demo's lines
        deal, sku = before[0][0], before[0][1]
        path = tmp_path / "lines.csv"
        path.write_text(f"deal,product,quantity,unit_price,discount\n{deal},{sku},2,10.00,12.5\n",
                        encoding="utf-8")  # fmt: skip
        done = import_file(s, path, ImportOptions(kind="deal-lines"), actor="demo", now=NOW)
        amount = s.execute(
            text("SELECT amount_minor FROM opportunity WHERE external_id = :d OR '#' || id = :d"),
            {"d": deal},
        ).scalar_one()
        assert amount == 1750  # 2 × 10.00 less 12.5 % = 17.50
        undo_import(s, done.batch, actor="demo", now=NOW)
        assert export_rows(s.connection(), "deal-lines")[1] == before


def _reports(cli, database: str) -> dict[str, str]:
    out = {}
    for name, args in (
        ("customers", ["report", "customers", "--format", "csv"]),
        ("team", ["report", "team", "--period", "last-quarter", "--format", "csv"]),
        ("weekly", ["report", "weekly", "--format", "md"]),
        ("accuracy", ["report", "forecast-accuracy", "--format", "json"]),
    ):
        r = cli(*args, "--db", database, "--user", "demo")
        assert r.code == 0, r.err
        out[name] = r.out
    return out


def test_the_customer_team_and_weekly_figures_are_the_same_on_postgresql(pg_engine, tmp_path, cli):
    """Every aggregate of the three reports (windows, FILTER clauses, timestamps as parameters,
    competitor words in any case) gives the same figures on both databases."""
    from sqlalchemy import make_url

    from salestui.identity import os_account

    day = date(2026, 11, 20)  # the demo's top manager bound to the account of each database
    build_demo(pg_engine, deals=400, seed=3, top_login="demo", os_user=make_url(PG_URL).username,
               today=day)  # fmt: skip
    lite = tmp_path / "same.db"
    build_demo(open_database(str(lite)), deals=400, seed=3, top_login="demo", os_user=os_account(),
               today=day)  # fmt: skip

    on_pg = _reports(cli, PG_URL)
    on_sqlite = _reports(cli, str(lite))
    for name in ("customers", "team", "weekly", "accuracy"):
        assert on_pg[name] == on_sqlite[name], name
    assert on_sqlite["customers"].count("\n") > 50
    assert "Revenue trend" in on_sqlite["weekly"] or "revenue" in on_sqlite["weekly"].lower()


@pytest.fixture
def pg_conn():
    from salestui.db.engine import make_engine

    engine = make_engine(PG_URL)
    with engine.connect() as conn:
        yield conn
    engine.dispose()


NUMBERS = "SELECT v.n AS n FROM (VALUES (1), (2), (3), (4)) AS v(n) WHERE v.n IN :ns ORDER BY v.n"


def test_in_lists_on_postgresql_empty_one_and_many(pg_conn):
    from salestui.db.queries.executor import rows

    def found(values) -> list[int]:
        return [r.n for r in rows(pg_conn, NUMBERS, {"ns": values})]

    assert found(()) == []
    assert found([3]) == [3]
    assert found((4, 1, 9)) == [1, 4]
    not_in = NUMBERS.replace("IN :ns", "NOT IN :ns")
    assert [r.n for r in rows(pg_conn, not_in, {"ns": ()})] == [1, 2, 3, 4]


def test_moments_on_postgresql_come_back_aware_and_bind_as_the_same_instant(pg_conn):
    from datetime import timedelta, timezone

    from salestui.db.queries.executor import first
    from salestui.db.queries.moments import aware

    # whatever the session's zone, the value is the instant 10:00 UTC
    pg_conn.exec_driver_sql("SET TIME ZONE 'Asia/Shanghai'")
    stored = first(pg_conn, "SELECT CAST('2026-11-20 10:00:00+00' AS timestamptz) AS at").at
    assert stored.tzinfo is not None
    assert aware(stored) == datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert aware(stored).utcoffset() == timedelta(0)
    eight = timezone(timedelta(hours=8))
    for moment in (
        datetime(2026, 11, 20, 18, 0, tzinfo=eight),
        datetime(2026, 11, 20, 10, 0),  # naive: UTC, not the session's zone
    ):
        same = first(
            pg_conn,
            "SELECT CAST('2026-11-20 10:00:00+00' AS timestamptz) = :t AS same",
            {"t": moment},
        ).same
        assert same is True
    assert aware(first(pg_conn, "SELECT CAST(NULL AS timestamptz) AS at").at) is None


def test_a_move_waits_out_a_held_row_lock_and_lands(pg_engine):
    """PostgreSQL waits on row locks without end by default: the write's own attempts time out
    (``lock_timeout``) and the loop waits and says so, then lands (db/busy.py)."""
    import threading
    import time

    from sqlalchemy import text

    build_demo(pg_engine, deals=60, seed=3, top_login="demo", today=date(2026, 11, 20))
    with pg_engine.connect() as conn:
        deal_id, version = conn.execute(
            text("SELECT id, version FROM opportunity WHERE stage = 'Prospect' ORDER BY id")
        ).first()
    ready, heard = threading.Event(), []

    def hold():
        with pg_engine.connect() as conn:
            conn.execute(text("SELECT 1 FROM audit_head FOR UPDATE"))
            conn.execute(text("SELECT 1 FROM opportunity WHERE id = :i FOR UPDATE"), {"i": deal_id})
            ready.set()
            time.sleep(1.5)
            conn.rollback()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait(10)
    ctx = AppContext(pg_engine, "demo", on_wait=heard.append)
    ctx.write(move_stage, "demo", deal_id, "Qualified", version, now=NOW)
    thread.join()
    assert heard and "waiting for the database" in heard[0]
    with pg_engine.connect() as conn:
        stage = conn.execute(text("SELECT stage FROM opportunity WHERE id = :i"), {"i": deal_id})
        assert stage.scalar() == "Qualified"


def test_a_closed_quarter_keeps_its_org_on_postgresql(pg_engine, session_for):
    """The re-org of tests/team/test_load.py on PostgreSQL: the audit log's moments compare with
    the quarter's end the same way (timestamptz against an aware parameter)."""
    from tests.team.test_load import Q3, build_q3, move_rex, root, team

    build_q3(PG_URL)
    move_rex(PG_URL, session_for, manager="sol")
    leo, sol = team(PG_URL, "leo", Q3), team(PG_URL, "sol", Q3)
    assert root(leo) == (150_000, 100_000, 750_000) and root(sol) == (40_000, 80_000, 0)
    assert leo.org_basis == "org as of 2026-09-30"


def test_a_moment_s_month_on_the_person_s_clock_on_postgresql(pg_conn):
    """The same summer-time edges as tests/db/queries/test_moments.py, on timestamptz."""
    from salestui.kernel.clock import zone_of
    from tests.db.queries.test_moments import LA_MONTHS, SHANGHAI_MONTHS, UTC_MONTHS, months_found

    pg_conn.exec_driver_sql("SET TIME ZONE 'Asia/Tokyo'")  # the session's zone plays no part
    pg_conn.exec_driver_sql("CREATE TEMPORARY TABLE t (at timestamptz)")
    for moment, _ in LA_MONTHS:
        pg_conn.exec_driver_sql("INSERT INTO t VALUES (%(at)s)", {"at": moment.replace(tzinfo=UTC)})
    with zone_of("America/Los_Angeles"):
        assert months_found(pg_conn, "postgresql") == [m for _, m in LA_MONTHS]
    with zone_of("Asia/Shanghai"):
        assert months_found(pg_conn, "postgresql") == SHANGHAI_MONTHS
    assert months_found(pg_conn, "postgresql") == UTC_MONTHS


def test_a_server_engine_shares_few_connections_and_a_read_waits_its_turn():
    """Twenty people fit the server's default 100 connections (five each at most), and a read
    that finds all five of its process's busy waits for one — under a whole team's load longer
    than SQLAlchemy's 30 s — instead of failing the screen."""
    from salestui.db.engine import POOL_WAIT_S, SERVER_CONNECTIONS, make_engine

    engine = make_engine(PG_URL)
    try:
        assert engine.pool.size() + engine.pool._max_overflow == SERVER_CONNECTIONS == 5
        assert engine.pool.timeout() == POOL_WAIT_S >= 300
    finally:
        engine.dispose()
