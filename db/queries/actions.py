"""Read-only queries behind action plans: the open items, and every live warning in the data.

Warnings are found in SQL (indexed where the tables allow) and come back as plain rows; the
core words them and suggests owners and due dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from salestui.db.queries.executor import Session, first, owned_by, rows
from salestui.db.queries.moments import aware, day, midnight
from salestui.kernel.domain import OPEN_STAGES
from salestui.kernel.invoices import invoice_sql
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
        "SELECT a.id AS id, a.version AS version, a.title AS title, a.owner_id AS owner_id, "
        "p.login AS owner_login, p.display_name AS owner_name, a.due AS due, "
        "a.status AS status, a.priority AS priority, a.link_type AS link_type, "
        f"a.link_id AS link_id, {_LINK_LABEL} AS link_label, a.origin AS origin, "
        "a.warning_key AS warning_key, a.created_by AS created_by "
        "FROM action_item a JOIN person p ON p.id = a.owner_id "
        "WHERE a.status IN ('open', 'doing')"
        + due
        + owned_by("a.owner_id", owners, p)
        + " ORDER BY a.due, CASE a.priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, "
        "a.id LIMIT :lim"
    )
    return [
        ItemRow(
            id=r.id,
            version=r.version,
            title=r.title,
            owner_id=r.owner_id,
            owner_login=r.owner_login,
            owner_name=r.owner_name,
            due=day(r.due),
            status=r.status,
            priority=r.priority,
            link_type=r.link_type,
            link_id=r.link_id,
            link_label=r.link_label or "",
            origin=r.origin,
            warning_key=r.warning_key,
            created_by=r.created_by,
        )
        for r in rows(conn, sql, p)
    ]


def open_warning_keys(conn: Session, keys: list[str]) -> set[str]:
    """Which of ``keys`` already carry an open item (one open item per warning)."""
    if not keys:
        return set()
    sql = (
        "SELECT DISTINCT a.warning_key AS warning_key FROM action_item a "
        "WHERE a.status IN ('open', 'doing') AND a.warning_key IN :keys"
    )
    return {r.warning_key for r in rows(conn, sql, {"keys": tuple(keys)})}


# --- live warnings ------------------------------------------------------------------------------


def _count(conn: Session, source: str, params: dict) -> int:
    return int(first(conn, f"SELECT COUNT(*) AS found {source}", params).found)


class WarningRow(NamedTuple):  # a named tuple: 44,000 warned customers at 1,000,000 deals
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
        p[f"s{i}"], p[f"c{i}"] = s, now - timedelta(days=stall_days[s] + 1)
        cond.append(f"(o.stage = :s{i} AND o.stage_entered_at <= :c{i})")
    where = f"({' OR '.join(cond)})" + owned_by("o.owner_id", owners, p)
    total = _count(conn, f"FROM opportunity o WHERE {where}", p)
    sql = (
        "SELECT o.id AS id, o.title AS title, o.owner_id AS owner_id, pe.login AS login, "
        "o.stage_entered_at AS stage_entered_at, o.amount_minor AS amount_minor, "
        "o.stage AS stage, o.customer_id AS customer_id "
        "FROM opportunity o JOIN person pe ON pe.id = o.owner_id "
        f"WHERE {where} ORDER BY o.stage_entered_at, o.id LIMIT :lim"
    )
    found = [
        WarningRow(
            "stalled",
            r.id,
            r.title,
            r.owner_id,
            r.login,
            aware(r.stage_entered_at),
            int(r.amount_minor),
            r.stage,
            r.customer_id,
        )
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
        p[f"g{g}"], p[f"c{g}"] = g, cutoff
        cond.append(f"(l.grade = :g{g} AND l.created_at < :c{g})")
    where = (
        "l.first_contact_at IS NULL AND l.status = 'new' AND ("
        + " OR ".join(cond)
        + ")"
        + owned_by("l.owner_id", owners, p)
    )
    total = _count(conn, f"FROM lead l WHERE {where}", p)
    sql = (
        "SELECT l.id AS id, l.name AS name, l.company AS company, l.owner_id AS owner_id, "
        "pe.login AS login, l.created_at AS created_at, l.grade AS grade "
        f"FROM lead l LEFT JOIN person pe ON pe.id = l.owner_id WHERE {where} "
        "ORDER BY l.created_at, l.id LIMIT :lim"
    )
    found = [
        WarningRow(
            "sla",
            r.id,
            f"{r.name} ({r.company})" if r.company else r.name,
            r.owner_id,
            r.login,
            aware(r.created_at),
            0,
            r.grade,
        )
        for r in rows(conn, sql, p)
    ]
    return found, total


# an invoice (never a credit note, salestui.kernel.invoices) with something still to pay
OWED = f"{invoice_sql('s')} AND s.paid_minor < s.amount_minor"


def overdue_invoices(conn: Session, owners, today: date, limit=200):
    """Unpaid invoices past their due date, largest amount outstanding first, and their number."""
    p: dict = {"d": today, "lim": limit}
    where = f"s.due_date < :d AND {OWED}" + owned_by("c.owner_id", owners, p)
    base = f"FROM sales_order s JOIN customer c ON c.id = s.customer_id WHERE {where}"
    total = _count(conn, base, p)
    sql = (
        "SELECT s.id AS id, c.name AS customer, c.owner_id AS owner_id, pe.login AS login, "
        "s.due_date AS due_date, s.amount_minor - s.paid_minor AS open_minor, "
        f"c.id AS customer_id "
        f"{base.replace('WHERE', 'LEFT JOIN person pe ON pe.id = c.owner_id WHERE', 1)} "
        "ORDER BY s.amount_minor - s.paid_minor DESC, s.id LIMIT :lim"
    )
    found = [
        WarningRow(
            "overdue",
            r.id,
            r.customer,
            r.owner_id,
            r.login,
            aware(midnight(day(r.due_date))),  # the day it fell due
            int(r.open_minor),
            f"invoice #{r.id}",
            r.customer_id,
        )
        for r in rows(conn, sql, p)
    ]
    return found, total


def unanswered_complaints(conn: Session, owners, now: datetime, hours: int = 48, limit=200):
    """Open complaints with no first response after ``hours``, oldest first."""
    p: dict = {"c": now - timedelta(hours=hours), "lim": limit}
    where = "k.first_response_at IS NULL AND k.resolved_at IS NULL AND k.opened_at < :c" + owned_by(
        "c.owner_id", owners, p
    )
    base = f"FROM complaint k JOIN customer c ON c.id = k.customer_id WHERE {where}"
    total = _count(conn, base, p)
    sql = (
        "SELECT k.id AS id, c.name AS customer, c.owner_id AS owner_id, pe.login AS login, "
        "k.opened_at AS opened_at, k.severity AS severity, k.category AS category, "
        "c.id AS customer_id "
        f"{base.replace('WHERE', 'LEFT JOIN person pe ON pe.id = c.owner_id WHERE', 1)} "
        "ORDER BY k.opened_at, k.id LIMIT :lim"
    )
    found = [
        WarningRow(
            "complaint",
            r.id,
            r.customer,
            r.owner_id,
            r.login,
            aware(r.opened_at),
            0,
            f"{r.severity} {r.category}",
            r.customer_id,
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
        if len(parts) >= 2 and raw.isascii() and raw.isdigit():
            by_kind.setdefault(parts[0], []).append(int(raw))
    live: set[str] = set()
    if ids := by_kind.get("stalled"):
        p: dict = {"ids": tuple(ids)}
        cond = []
        for i, s in enumerate(OPEN_STAGES):
            p[f"s{i}"], p[f"c{i}"] = s, now - timedelta(days=stall_days[s] + 1)
            cond.append(f"(o.stage = :s{i} AND o.stage_entered_at <= :c{i})")
        sql = f"SELECT o.id AS id FROM opportunity o WHERE ({' OR '.join(cond)}) AND o.id IN :ids"
        live |= {f"stalled:opportunity:{r.id}" for r in rows(conn, sql, p)}
    if ids := by_kind.get("sla"):
        p = {"ids": tuple(ids)}
        cond = []
        for g, cutoff in breach_cutoffs(now, sla).items():
            p[f"g{g}"], p[f"c{g}"] = g, cutoff
            cond.append(f"(l.grade = :g{g} AND l.created_at < :c{g})")
        sql = (
            "SELECT l.id AS id FROM lead l WHERE l.first_contact_at IS NULL "
            f"AND l.status = 'new' AND ({' OR '.join(cond)}) AND l.id IN :ids"
        )
        live |= {f"sla:lead:{r.id}" for r in rows(conn, sql, p)}
    if ids := by_kind.get("overdue"):
        p = {"d": now.date(), "ids": tuple(ids)}
        sql = (
            f"SELECT s.id AS id FROM sales_order s WHERE s.due_date < :d AND {OWED} "
            "AND s.id IN :ids"
        )
        live |= {f"overdue:{r.id}" for r in rows(conn, sql, p)}
    if ids := by_kind.get("complaint"):
        p = {"c": now - timedelta(hours=complaint_hours), "ids": tuple(ids)}
        sql = (
            "SELECT k.id AS id FROM complaint k WHERE k.first_response_at IS NULL "
            "AND k.resolved_at IS NULL AND k.opened_at < :c AND k.id IN :ids"
        )
        live |= {f"complaint:{r.id}" for r in rows(conn, sql, p)}
    return live  # health and churn keys are judged by the customer figures, in the core
