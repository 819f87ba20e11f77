"""Read-only queries behind action plans: the open items, and every live warning in the data.

Warnings are found in SQL (indexed where the tables allow) and come back as plain rows; the
core words them and suggests owners and due dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from salestui.db.queries.board import _as_date, _as_datetime, naive_utc
from salestui.db.queries.executor import Session, first, rows
from salestui.db.queries.review import _in
from salestui.kernel.domain import OPEN_STAGES
from salestui.kernel.sla import breach_cutoffs


@dataclass(frozen=True)
class ItemRow:
    id: int
    version: int
    title: str
    owner_id: int
    owner_login: str
    owner_name: str
    due: date
    status: str
    priority: str
    link_type: str | None
    link_id: int | None
    link_label: str
    origin: str
    warning_key: str | None
    created_by: str


_LINK_LABEL = (
    "CASE a.link_type "
    "WHEN 'opportunity' THEN (SELECT o.title FROM opportunity o WHERE o.id = a.link_id) "
    "WHEN 'customer' THEN (SELECT c.name FROM customer c WHERE c.id = a.link_id) "
    "WHEN 'person' THEN (SELECT x.display_name FROM person x WHERE x.id = a.link_id) "
    "WHEN 'region' THEN (SELECT r.name FROM region r WHERE r.id = a.link_id) END"
)


def open_items(
    conn: Session, owners, *, until: date | None = None, limit: int = 500
) -> list[ItemRow]:
    """Open and doing items of ``owners`` (None: everyone), soonest due first; ``until``: due
    before that day only."""
    p: dict = {"lim": limit}
    due = ""
    if until is not None:
        p["until"] = until
        due = " AND a.due < :until"
    sql = (
        "SELECT a.id, a.version, a.title, a.owner_id, p.login, p.display_name, a.due, a.status, "
        f"a.priority, a.link_type, a.link_id, {_LINK_LABEL}, a.origin, a.warning_key, "
        "a.created_by FROM action_item a JOIN person p ON p.id = a.owner_id "
        "WHERE a.status IN ('open', 'doing')"
        + due
        + _in("a.owner_id", owners, p, "ow")
        + " ORDER BY a.due, CASE a.priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, "
        "a.id LIMIT :lim"
    )
    return [
        ItemRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            _as_date(r[6]),
            r[7],
            r[8],
            r[9],
            r[10],
            r[11] or "",
            r[12],
            r[13],
            r[14],
        )
        for r in rows(conn, sql, p)
    ]


def open_warning_keys(conn: Session, keys: list[str]) -> set[str]:
    """Which of ``keys`` already carry an open item (one open item per warning)."""
    if not keys:
        return set()
    p: dict = {}
    sql = (
        "SELECT DISTINCT a.warning_key FROM action_item a WHERE a.status IN ('open', 'doing')"
        + _in("a.warning_key", keys, p, "k")
    )
    return {r[0] for r in rows(conn, sql, p)}


# --- live warnings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WarningRow:
    kind: str
    link_id: int  # what the warning key names: deal, lead, customer or complaint id
    subject: str  # deal title, lead name, customer name
    owner_id: int | None
    owner_login: str | None
    since: datetime | None  # when the clock started (stage entered, lead created, ...)
    amount_minor: int  # deal amount, overdue amount; 0 when not money
    detail: str  # grade, stage, severity: the rest of the why
    customer_id: int | None = None


def stalled_deals(conn: Session, owners, now: datetime, stall_days: dict[str, int], limit=200):
    """Stalled deals, longest in stage first, and how many there are in all."""
    p: dict = {"lim": limit}
    cond = []
    for i, s in enumerate(OPEN_STAGES):
        p[f"s{i}"], p[f"c{i}"] = s, naive_utc(now) - timedelta(days=stall_days[s] + 1)
        cond.append(f"(o.stage = :s{i} AND o.stage_entered_at <= :c{i})")
    where = f"({' OR '.join(cond)})" + _in("o.owner_id", owners, p, "ow")
    total = int(first(conn, f"SELECT COUNT(*) FROM opportunity o WHERE {where}", p)[0])
    sql = (
        "SELECT o.id, o.title, o.owner_id, pe.login, o.stage_entered_at, o.amount_minor, o.stage, "
        "o.customer_id FROM opportunity o JOIN person pe ON pe.id = o.owner_id "
        f"WHERE {where} ORDER BY o.stage_entered_at, o.id LIMIT :lim"
    )
    found = [
        WarningRow("stalled", r[0], r[1], r[2], r[3], _as_datetime(r[4]), int(r[5]), r[6], r[7])
        for r in rows(conn, sql, p)
    ]
    return found, total


def sla_breaches(conn: Session, owners, now: datetime, hours: dict[str, int], limit=200):
    """Live SLA warnings, oldest first: leads still new, not contacted yet, and past their
    first-contact deadline (``salestui.kernel.sla``). A lead contacted late stays a breach by
    that rule, but once contacted (or no longer new) nothing is left to do, so it is not listed."""
    p: dict = {"lim": limit}
    cond = []
    for g, cutoff in breach_cutoffs(now, hours).items():
        p[f"g{g}"], p[f"c{g}"] = g, naive_utc(cutoff)
        cond.append(f"(l.grade = :g{g} AND l.created_at < :c{g})")
    where = (
        "l.first_contact_at IS NULL AND l.status = 'new' AND ("
        + " OR ".join(cond)
        + ")"
        + _in("l.owner_id", owners, p, "ow")
    )
    total = int(first(conn, f"SELECT COUNT(*) FROM lead l WHERE {where}", p)[0])
    sql = (
        "SELECT l.id, l.name, l.company, l.owner_id, pe.login, l.created_at, l.grade "
        f"FROM lead l LEFT JOIN person pe ON pe.id = l.owner_id WHERE {where} "
        "ORDER BY l.created_at, l.id LIMIT :lim"
    )
    found = [
        WarningRow(
            "sla",
            r[0],
            f"{r[1]} ({r[2]})" if r[2] else r[1],
            r[3],
            r[4],
            _as_datetime(r[5]),
            0,
            r[6],
        )
        for r in rows(conn, sql, p)
    ]
    return found, total


def overdue_invoices(conn: Session, owners, today: date, limit=200):
    """Unpaid invoices past their due date, largest amount outstanding first, and their number."""
    p: dict = {"d": today, "lim": limit}
    where = "s.due_date < :d AND s.paid_minor < s.amount_minor" + _in("c.owner_id", owners, p, "ow")
    base = f"FROM sales_order s JOIN customer c ON c.id = s.customer_id WHERE {where}"
    total = int(first(conn, f"SELECT COUNT(*) {base}", p)[0])
    sql = (
        "SELECT s.id, c.name, c.owner_id, pe.login, s.due_date, s.amount_minor - s.paid_minor, "
        f"c.id {base.replace('WHERE', 'LEFT JOIN person pe ON pe.id = c.owner_id WHERE', 1)} "
        "ORDER BY s.amount_minor - s.paid_minor DESC, s.id LIMIT :lim"
    )
    found = []
    for r in rows(conn, sql, p):
        due = _as_date(r[4])
        found.append(
            WarningRow(
                "overdue",
                r[0],
                r[1],
                r[2],
                r[3],
                datetime(due.year, due.month, due.day),
                int(r[5]),
                f"invoice #{r[0]}",
                r[6],
            )
        )
    return found, total


def unanswered_complaints(conn: Session, owners, now: datetime, hours: int = 48, limit=200):
    """Open complaints with no first response after ``hours``, oldest first."""
    p: dict = {"c": naive_utc(now) - timedelta(hours=hours), "lim": limit}
    where = "k.first_response_at IS NULL AND k.resolved_at IS NULL AND k.opened_at < :c" + _in(
        "c.owner_id", owners, p, "ow"
    )
    base = f"FROM complaint k JOIN customer c ON c.id = k.customer_id WHERE {where}"
    total = int(first(conn, f"SELECT COUNT(*) {base}", p)[0])
    sql = (
        "SELECT k.id, c.name, c.owner_id, pe.login, k.opened_at, k.severity, k.category, c.id "
        f"{base.replace('WHERE', 'LEFT JOIN person pe ON pe.id = c.owner_id WHERE', 1)} "
        "ORDER BY k.opened_at, k.id LIMIT :lim"
    )
    found = [
        WarningRow(
            "complaint", r[0], r[1], r[2], r[3], _as_datetime(r[4]), 0, f"{r[5]} {r[6]}", r[7]
        )
        for r in rows(conn, sql, p)
    ]
    return found, total


def live_keys(
    conn: Session,
    keys: list[str],
    now: datetime,
    stall_days: dict[str, int],
    sla: dict[str, int],
    complaint_hours: int = 48,
) -> set[str]:
    """Which of the warning keys (``kind:type:id``) still hold now: checked by id, not by list."""
    by_kind: dict[str, list[int]] = {}
    for key in keys:
        parts = key.split(":")
        # stalled:opportunity:<id> and sla:lead:<id>; overdue:<order> and complaint:<id>
        raw = parts[2] if parts[0] in ("stalled", "sla") and len(parts) == 3 else parts[-1]
        if len(parts) >= 2 and raw.isdigit():
            by_kind.setdefault(parts[0], []).append(int(raw))
    live: set[str] = set()
    t = naive_utc(now)
    if ids := by_kind.get("stalled"):
        p: dict = {}
        cond = []
        for i, s in enumerate(OPEN_STAGES):
            p[f"s{i}"], p[f"c{i}"] = s, t - timedelta(days=stall_days[s] + 1)
            cond.append(f"(o.stage = :s{i} AND o.stage_entered_at <= :c{i})")
        sql = f"SELECT o.id FROM opportunity o WHERE ({' OR '.join(cond)})" + _in(
            "o.id", ids, p, "i"
        )
        live |= {f"stalled:opportunity:{r[0]}" for r in rows(conn, sql, p)}
    if ids := by_kind.get("sla"):
        p = {}
        cond = []
        for g, cutoff in breach_cutoffs(now, sla).items():
            p[f"g{g}"], p[f"c{g}"] = g, naive_utc(cutoff)
            cond.append(f"(l.grade = :g{g} AND l.created_at < :c{g})")
        sql = (
            "SELECT l.id FROM lead l WHERE l.first_contact_at IS NULL AND l.status = 'new' AND ("
            + " OR ".join(cond)
            + ")"
            + _in("l.id", ids, p, "i")
        )
        live |= {f"sla:lead:{r[0]}" for r in rows(conn, sql, p)}
    if ids := by_kind.get("overdue"):
        p = {"d": now.date()}
        sql = (
            "SELECT s.id FROM sales_order s WHERE s.due_date < :d "
            "AND s.paid_minor < s.amount_minor" + _in("s.id", ids, p, "i")
        )
        live |= {f"overdue:{r[0]}" for r in rows(conn, sql, p)}
    if ids := by_kind.get("complaint"):
        p = {"c": t - timedelta(hours=complaint_hours)}
        sql = (
            "SELECT k.id FROM complaint k WHERE k.first_response_at IS NULL "
            "AND k.resolved_at IS NULL AND k.opened_at < :c" + _in("k.id", ids, p, "i")
        )
        live |= {f"complaint:{r[0]}" for r in rows(conn, sql, p)}
    return live  # health and churn keys are judged by the customer figures, in the core
