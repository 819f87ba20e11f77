"""A generated, deterministic, realistic demo organisation: ``build_demo(engine, deals=...)``.

Columns are generated in bulk with one seeded numpy Generator (see ``demo_people``,
``demo_sales`` and ``demo_extras``) and written in one transaction. On SQLite rows go through the
DBAPI cursor's ``executemany`` with values already in the form SQLAlchemy stores them
(``'YYYY-MM-DD HH:MM:SS.ffffff'`` UTC, ``'YYYY-MM-DD'``, 0/1); on any other database through
SQLAlchemy Core inserts of Python values. Both paths write identical rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
from sqlalchemy import Boolean, Date, DateTime, Integer, Table, func, select, text
from sqlalchemy.engine import Connection, Engine

from salestui.db import tables as T
from salestui.db.demo.base import DAY, EPOCH, Ctx
from salestui.db.demo.calls import build_calls
from salestui.db.demo.contacts import build_contacts
from salestui.db.demo.deal_lines import build_deal_lines
from salestui.db.demo.extras import (
    build_actions,
    build_leads,
    build_service,
    build_targets,
    customer_created,
)
from salestui.db.demo.people import build_customers, build_people, products_table, regions_table
from salestui.db.demo.sales import build_activities, build_approvals, build_deals, build_orders
from salestui.kernel.clock import local_now

CHUNK = 50_000
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    top_login: str
    regions: int
    people: int
    customers: int
    products: int
    opportunities: int
    stage_changes: int
    approvals: int
    orders: int
    order_lines: int
    activities: int
    leads: int
    targets: int
    complaints: int
    nps_answers: int
    action_items: int
    contacts: int
    deal_contacts: int
    deal_lines: int
    forecast_calls: int = 0


def build_demo(
    engine: Engine,
    *,
    deals: int = 2000,
    seed: int = 7,
    top_login: str = "demo",
    os_user: str | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty, migrated database with a demo organisation of about ``deals`` deals.

    The same seed, size and ``today`` give the same rows. The top manager is an administrator,
    bound to the account ``os_user`` when given. Raises ValueError on a database that already
    holds people or deals.
    """
    if deals < 1:
        raise ValueError("deals must be at least 1")
    login = top_login.strip().lower()
    if not login or not login.isascii():
        raise ValueError(f"top login {top_login!r} must be plain ascii")
    ctx = Ctx(rng=np.random.default_rng(seed), today=today or local_now().date(), seed=seed)
    with engine.connect() as conn:
        for table in (T.Person, T.Opportunity, T.Customer):
            if conn.execute(select(func.count()).select_from(table)).scalar():
                raise ValueError("the demo goes into an empty database; this one has data")
    report = progress or (lambda _step, _done, _total: None)
    report("plan", 0, 1)
    ppl = build_people(ctx, deals, login)
    n_people = len(ppl.rows["id"])
    ppl.rows["admin"] = np.arange(n_people) == 0
    ppl.rows["os_user"] = [os_user] + [None] * (n_people - 1)
    cu = build_customers(ctx, deals, ppl)
    products = products_table(ctx)
    dl, opp, history = build_deals(ctx, deals, ppl, cu)
    approvals = build_approvals(ctx, dl, opp, ppl)
    orders, lines = build_orders(ctx, deals, dl, cu, products)
    acts = build_activities(ctx, deals, dl, opp, ppl, cu)
    customer_created(ctx, cu, dl, orders, acts)
    leads = build_leads(ctx, deals, ppl, cu, dl)
    targets = build_targets(ctx, ppl, dl, acts, cu)
    complaints, nps = build_service(ctx, deals, cu)
    actions = build_actions(ctx, ppl, dl, login)
    contacts, deal_contacts = build_contacts(ctx, cu, dl)
    deal_lines = build_deal_lines(ctx, dl, products)
    calls = build_calls(ctx, ppl, dl)
    report("plan", 1, 1)
    plan: list[tuple[str, type, dict]] = [
        ("regions", T.Region, regions_table()),
        ("people", T.Person, ppl.rows),
        ("customers", T.Customer, cu.rows),
        ("products", T.Product, products),
        ("opportunities", T.Opportunity, opp),
        ("stage_changes", T.StageChange, history),
        ("approvals", T.Approval, approvals),
        ("orders", T.SalesOrder, orders),
        ("order_lines", T.OrderLine, lines),
        ("activities", T.Activity, acts),
        ("leads", T.Lead, leads),
        ("targets", T.Target, targets),
        ("complaints", T.Complaint, complaints),
        ("nps_answers", T.NpsAnswer, nps),
        ("action_items", T.ActionItem, actions),
        ("contacts", T.Contact, contacts),
        ("deal_contacts", T.OpportunityContact, deal_contacts),
        ("deal_lines", T.OpportunityLine, deal_lines),
        ("forecast_calls", T.ForecastCall, calls),
    ]
    counts = {}
    with engine.connect() as conn:
        raw = conn.dialect.name == "sqlite" and _RAW_SQLITE
        dbapi = conn.connection.driver_connection if raw else None
        if dbapi is not None:
            dbapi.execute("PRAGMA foreign_keys=OFF")  # checked by the tests instead
            dbapi.execute("PRAGMA cache_size=-262144")
        try:
            with conn.begin():
                if dbapi is not None and not dbapi.in_transaction:
                    dbapi.execute("BEGIN")  # the DDL below (index drops) must be inside it too
                paused = _pause_stamping(conn, dbapi)
                for step, model, cols in plan:
                    table = model.__table__
                    counts[step] = _write(conn, dbapi, table, cols, step, report)
                _resume_stamping(conn, dbapi, paused)
                if conn.dialect.name == "postgresql":
                    for _step, model, _cols in plan:
                        if "id" not in model.__table__.c:  # a link table: no sequence
                            continue
                        name = model.__table__.name
                        conn.execute(
                            text(
                                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                f"(SELECT coalesce(max(id), 1) FROM {name}))"
                            )
                        )
        finally:
            if dbapi is not None:
                dbapi.execute("PRAGMA foreign_keys=ON")
                dbapi.execute("PRAGMA cache_size=-2000")
                dbapi.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no WAL as big as the file
    return DemoSummary(top_login=login, **counts)


def _run(conn: Connection, dbapi, sql: str) -> list:
    if dbapi is not None:
        return dbapi.execute(sql).fetchall()
    result = conn.execute(text(sql))
    return result.all() if result.returns_rows else []


def _pause_stamping(conn: Connection, dbapi) -> list[tuple[str, str]]:
    """The change journal's triggers (migration 0010), the stage totals' (0012), the entering
    moments' (0014), the stages reached (0016), the history's owners (0017) and the owners'
    journal (0018) off while the demo is written, in the same transaction: a new database has no
    kept figures, so there is nothing to bring up to date, and stamping each row cost the build
    a third more on SQLite and three times on PostgreSQL; the stage totals are summed and the
    entering moments, stages reached and owners set once at the end instead.
    Gives what :func:`_resume_stamping` puts back (each trigger's table and name, or SQL)."""
    if conn.dialect.name == "postgresql":
        found = _run(
            conn, dbapi,
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() "
            "AND (t.tgname LIKE 'stamp\\_%' OR t.tgname LIKE 'tally\\_%' "
            "OR t.tgname LIKE 'enter\\_%' OR t.tgname LIKE 'reach\\_%' "
            "OR t.tgname LIKE 'own\\_%')",
        )  # fmt: skip
        for table, name in found:
            _run(conn, dbapi, f"ALTER TABLE {table} DISABLE TRIGGER {name}")
        return [(str(t), str(n)) for t, n in found]
    found = _run(
        conn, dbapi,
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND (name LIKE 'stamp\\_%' ESCAPE '\\' OR name LIKE 'tally\\_%' ESCAPE '\\' "
        "OR name LIKE 'enter\\_%' ESCAPE '\\' OR name LIKE 'reach\\_%' ESCAPE '\\' "
        "OR name LIKE 'own\\_%' ESCAPE '\\')",
    )  # fmt: skip
    for name, _sql in found:
        _run(conn, dbapi, f"DROP TRIGGER {name}")
    return [(str(n), str(q)) for n, q in found]


def _resume_stamping(conn: Connection, dbapi, paused: list[tuple[str, str]]) -> None:
    """The triggers back on, the stage totals they keep (migration 0012) summed once from the
    deals written meanwhile, each stage change's entering moment (0014) and owner (0017) and each
    deal's stages reached (0016) set once."""
    from salestui.db.queries.board import STAGE_TOTALS_FILL
    from salestui.db.queries.durations import ENTERED_FILL, OWNER_FILL
    from salestui.db.queries.review import REACHED_FILL

    # before the triggers are back: the change journals' would stamp every deal's customer and
    # every owner of a stage change
    _run(conn, dbapi, REACHED_FILL)
    _run(conn, dbapi, OWNER_FILL)
    _run(conn, dbapi, ENTERED_FILL)
    for first, second in paused:
        if conn.dialect.name == "postgresql":
            _run(conn, dbapi, f"ALTER TABLE {first} ENABLE TRIGGER {second}")
        else:
            _run(conn, dbapi, second)  # the trigger's own CREATE statement, as it was
    _run(conn, dbapi, "DELETE FROM stage_total")
    _run(conn, dbapi, STAGE_TOTALS_FILL)


_RAW_SQLITE = True  # the tests switch this off to check that the Core path writes the same rows


def _kind(column) -> str:
    t = column.type
    impl = getattr(t, "impl", t)
    if isinstance(impl, DateTime) or isinstance(t, DateTime):
        return "dt"
    if isinstance(impl, Date) or isinstance(t, Date):
        return "date"
    if isinstance(impl, Boolean):
        return "bool"
    if isinstance(impl, Integer) and column.nullable:
        return "intnull"
    return ""


def _write(conn: Connection, dbapi, table: Table, cols: dict, step: str, report: Progress) -> int:
    unknown = set(cols) - set(table.c.keys())
    if unknown:  # a generator and the schema disagree: fail loudly, never drop data silently
        raise KeyError(f"{table.name} has no column(s) {sorted(unknown)}")
    names = list(cols)
    n = len(next(iter(cols.values())))
    kinds = [_kind(table.c[c]) for c in names]
    report(step, 0, n)
    if dbapi is not None:
        q = conn.dialect.identifier_preparer.quote
        sql = (
            f"INSERT INTO {q(table.name)} ({', '.join(q(c) for c in names)}) "
            f"VALUES ({', '.join('?' * len(names))})"
        )
        cur = dbapi.cursor()
        # indexes are built once at the end: much faster than keeping them up to date row by row
        found = dbapi.cursor()
        found.row_factory = sqlite3.Row
        indexes = found.execute(
            "SELECT name AS name, sql AS sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = ? AND sql IS NOT NULL",
            (table.name,),
        ).fetchall()
        for index in indexes:
            cur.execute(f"DROP INDEX {q(index['name'])}")
    for lo in range(0, n, CHUNK):
        hi = min(n, lo + CHUNK)
        if dbapi is not None:
            data = [_sqlite_values(cols[c][lo:hi], k) for c, k in zip(names, kinds, strict=True)]
            cur.executemany(sql, zip(*data, strict=True))
        else:
            data = [_python_values(cols[c][lo:hi], k) for c, k in zip(names, kinds, strict=True)]
            conn.execute(
                table.insert(),
                [dict(zip(names, row, strict=True)) for row in zip(*data, strict=True)],
            )
        report(step, hi, n)
    if dbapi is not None:
        for index in indexes:
            cur.execute(index["sql"])
    return n


# day and time-of-day strings, joined per value with numpy object addition (fast, no strftime)
_DAY0 = (date(1990, 1, 1) - EPOCH).days
_DAYS = np.array(
    [(EPOCH + timedelta(days=_DAY0 + i)).isoformat() for i in range(60 * 366)], dtype=object
)
_DAYS_SP = _DAYS + " "
_TOD = np.array(
    [f"{h:02d}:{m:02d}:{s:02d}.000000" for h in range(24) for m in range(60) for s in range(60)],
    dtype=object,
)


def _sqlite_values(values, kind: str) -> list:
    if isinstance(values, list) and not kind:
        return values
    a = np.asarray(values)
    if kind in ("dt", "date") and a.dtype != object:
        null = a < 0
        a = np.where(null, 0, a)
        if kind == "dt":
            out = _DAYS_SP[a // DAY - _DAY0] + _TOD[a % DAY]
        else:
            out = _DAYS[a - _DAY0]
        if null.any():
            out[null] = None
        return out.tolist()
    if kind == "intnull" and a.dtype != object:
        out = a.astype(object)
        out[a < 0] = None
        return out.tolist()
    if kind == "bool":
        return a.astype(np.int64).tolist()
    return a.tolist()


def _python_values(values, kind: str) -> list:
    plain = _sqlite_values(values, "" if kind in ("dt", "date") else kind)
    if kind == "dt":
        return [None if v < 0 else datetime.fromtimestamp(v, UTC) for v in plain]
    if kind == "date":
        return [None if v < 0 else EPOCH + timedelta(days=v) for v in plain]
    if kind == "bool":
        return [bool(v) for v in plain]
    return plain
