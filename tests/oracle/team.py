"""`report team` from README "The team screen": the unfolded leaderboard of the whole org."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

import pandas as pd

from tests.oracle.frames import Clock, between, half_up, major, quarter_of, setting_int


@dataclass(frozen=True)
class Period:
    kind: str  # month / quarter / year
    first: date
    last: date
    label: str


def period_of(text: str | None, today: date) -> Period:
    """``2026-Q3``, ``2026-10``, ``2026``; none: this quarter."""
    if not text:
        q0, q1 = quarter_of(today)
        return Period("quarter", q0, q1, f"{q0.year}-Q{(q0.month - 1) // 3 + 1}")
    if "-Q" in text:
        y, q = text.split("-Q")
        q0, q1 = quarter_of(date(int(y), 3 * int(q) - 2, 1))
        return Period("quarter", q0, q1, text)
    if "-" in text:
        y, m = map(int, text.split("-"))
        nxt = date(y + m // 12, m % 12 + 1, 1)
        return Period("month", date(y, m, 1), nxt - timedelta(days=1), text)
    y = int(text)
    return Period("year", date(y, 1, 1), date(y, 12, 31), text)


def round1(x: float | None) -> float | None:
    return None if x is None else half_up(round(x * 1e9), 10**8) / 10


@dataclass
class Parts:
    """One person's summable figures for the period."""

    revenue: int = 0
    won: int = 0
    lost: int = 0
    cycle_days: float = 0.0
    new_customers: int = 0
    visits: int = 0
    paid: int = 0
    due: int = 0
    targets: dict = field(default_factory=dict)  # metric -> value or absent


def person_parts(frames, clock: Clock, period: Period) -> dict[int, Parts]:
    people = frames["person"]
    opp = frames["opportunity"]
    closed = opp[between(opp["closed_at"], period.first, period.last)]
    cust = frames["customer"]
    new = cust[between(cust["created_at"], period.first, period.last)]
    acts = frames["activity"]
    acts = acts[between(acts["occurred_at"], period.first, period.last)]
    visits = acts[acts["kind"] == "visit"]
    orders = frames["sales_order"]
    until = min(period.last, clock.today)
    due = orders[(orders["amount_minor"] > 0) & between(orders["due_date"], period.first, until)]
    due = due.merge(cust[["id", "owner_id"]], left_on="customer_id", right_on="id")
    out = {}
    for pid in people["id"]:
        mine = closed[closed["owner_id"] == pid]
        won = mine[mine["stage"] == "Won"]
        d = due[due["owner_id"] == pid]
        metrics = ("revenue", "new_customers", "visits")
        targets = {m: target_for(frames, "person", pid, period, m) for m in metrics}
        out[int(pid)] = Parts(
            revenue=int(won["amount_minor"].sum()),
            won=len(won),
            lost=int((mine["stage"] == "Lost").sum()),
            cycle_days=float(
                ((won["closed_at"] - won["created_at"]).dt.total_seconds() / 86400).sum()
            ),
            new_customers=int((new["owner_id"] == pid).sum()),
            visits=int((visits["person_id"] == pid).sum()),
            paid=int(d["paid_minor"].sum()),
            due=int(d["amount_minor"].sum()),
            targets={m: v for m, v in targets.items() if v is not None},
        )
    return out


def listed(frames, clock: Clock, period: Period, parts: dict, people: pd.DataFrame) -> list[int]:
    """README: everyone active; an inactive person with a figure or any activity in the period;
    and every manager above someone listed, in the period's org (a manager who left still heads
    the team they had)."""
    acts = frames["activity"]
    acts = acts[between(acts["occurred_at"], period.first, period.last)]
    busy = {int(p) for p in acts["person_id"]}
    out = {
        pid
        for pid, p in parts.items()
        if people.at[pid, "active"]
        or pid in busy
        or p.revenue
        or p.won
        or p.lost
        or p.new_customers
        or p.visits
        or p.due
    }
    for pid in list(out):
        mgr = people.at[pid, "manager_id"]
        while not pd.isna(mgr) and int(mgr) in people.index and int(mgr) not in out:
            out.add(int(mgr))
            mgr = people.at[int(mgr), "manager_id"]
    return [pid for pid in parts if pid in out]


def _rows(frames, scope: str, scope_id, metric: str, kind: str, first: date):
    tg = frames["target"]
    hit = tg[
        (tg["scope_type"] == scope)
        & (tg["period_type"] == kind)
        & (tg["period_start"] == first)
        & (tg["metric"] == metric)
    ]
    if scope != "company":
        hit = hit[hit["scope_id"] == scope_id]
    return int(hit["value"].iloc[0]) if len(hit) else None


def target_for(frames, scope: str, scope_id, period: Period, metric: str = "revenue") -> int | None:
    """Its own target of the period, else the sum of those of the periods inside it (a year's
    quarters, a quarter's months)."""
    own = _rows(frames, scope, scope_id, metric, period.kind, period.first)
    if own is not None or period.kind == "month":
        return own
    inner_kind = "quarter" if period.kind == "year" else "month"
    step = 3 if inner_kind == "quarter" else 1
    values = []
    for m in range(period.first.month, period.last.month + 1, step):
        first = date(period.first.year, m, 1)
        last = quarter_of(first)[1] if inner_kind == "quarter" else first
        v = target_for(frames, scope, scope_id, Period(inner_kind, first, last, ""), metric)
        if v is not None:
            values.append(v)
    return sum(values) if values else None


def own_target(frames, scope: str, scope_id, period: Period) -> int | None:
    return target_for(frames, scope, scope_id, period)


def org_then(frames, clock: Clock, period: Period) -> pd.DataFrame:
    """README, "The org a period belongs to": a closed period is attributed with the org at the
    end of its last day — every manager / region change the audit log holds from then on undone,
    newest first (a person's values at their creation stand for every earlier moment); a running
    period, or setting org.history = now, with today's."""
    people = frames["person"].set_index("id").copy()
    end = period.last + timedelta(days=1)
    settings = dict(zip(frames["setting"]["key"], frames["setting"]["value"], strict=True))
    if settings.get("org.history", "").strip().lower() == "now" or clock.today < end:
        return people
    log = frames["audit_log"]
    created = {
        (r.row_id, r.batch)
        for r in log[(log.table_name == "person") & (log.field == "*created*")].itertuples()
    }
    moves = log[
        (log.table_name == "person")
        & log.field.isin(["manager_id", "region_id"])
        & (log["at"] >= pd.Timestamp(end))
    ].sort_values(["at", "id"], ascending=False)
    for r in moves.itertuples():
        if (r.row_id, r.batch) in created or r.row_id not in people.index:
            continue
        people.at[r.row_id, r.field] = None if r.old in (None, "") else int(r.old)
    return people


def team(frames, clock: Clock, period_text: str | None = None) -> dict:
    period = period_of(period_text, clock.today)
    parts = person_parts(frames, clock, period)
    people = org_then(frames, clock, period)
    parts = {pid: parts[pid] for pid in listed(frames, clock, period, parts, people)}
    people = people[people.index.isin(list(parts))]
    reports: dict[int, list[int]] = {}
    for pid, mgr in people["manager_id"].items():
        if not pd.isna(mgr) and int(mgr) in people.index:
            reports.setdefault(int(mgr), []).append(int(pid))

    def subtree(pid: int) -> list[int]:
        out = [pid]
        for r in reports.get(pid, []):
            out += subtree(r)
        return out

    def team_target(pid: int) -> int | None:
        """Own team target, else the manager's own target and each report's roll-up."""
        own = own_target(frames, "team", pid, period)
        if own is not None:
            return own
        values = [parts[pid].targets.get("revenue")]
        values += [
            team_target(r) if r in reports else parts[r].targets.get("revenue")
            for r in reports.get(pid, [])
        ]
        values = [v for v in values if v is not None]
        return sum(values) if values else None

    with_target = [p for p in parts if parts[p].targets.get("revenue")]
    med = float(median([parts[p].visits for p in with_target])) if with_target else 0.0
    w = setting_int(frames, "score.process_weight_pct", 30)

    def row(level: str, name: str, members: list[int], target: int | None) -> dict:
        ps = [parts[m] for m in members]
        rev, won, lost = sum(p.revenue for p in ps), sum(p.won for p in ps), sum(p.lost for p in ps)
        visits = sum(p.visits for p in ps)
        expected = sum(p.targets.get("visits", med) for p in ps if p.targets.get("revenue"))
        nc_targets = [p.targets["new_customers"] for p in ps if "new_customers" in p.targets]
        vis_targets = [p.targets["visits"] for p in ps if "visits" in p.targets]
        paid, due = sum(p.paid for p in ps), sum(p.due for p in ps)
        att = rev * 100 / target if target else None
        visit_pct = visits * 100 / expected if expected else 0.0
        score = (100 - w) / 100 * min(att or 0.0, 200) + w / 100 * min(visit_pct, 200)
        return {
            "level": level,
            "name": name,
            "people": len(members),
            "revenue": major(rev),
            "target": None if target is None else major(target),
            "attainment_pct": round1(att),
            "won": won,
            "win_rate_pct": round1(won * 100 / (won + lost)) if won + lost else None,
            "average_deal": major(half_up(rev, won)) if won else None,
            "cycle_days": round1(sum(p.cycle_days for p in ps) / won) if won else None,
            "new_customers": sum(p.new_customers for p in ps),
            "new_customers_target": sum(nc_targets) if nc_targets else None,
            "visits": visits,
            "visits_target": sum(vis_targets) if vis_targets else None,
            "collection_pct": round1(paid * 100 / due) if due else None,
            "score": round1(score) if target else None,
        }

    everyone = list(parts)
    tops = [p for p in everyone if p not in {r for rs in reports.values() for r in rs}]
    company = own_target(frames, "company", None, period)
    if company is None and len(tops) == 1:
        top = tops[0]
        company = team_target(top) if top in reports else parts[top].targets.get("revenue")
    rows = [row("root", "Company", everyone, company)]
    regions = frames["region"].set_index("id")["name"]
    for rid, rname in regions.items():
        members = [p for p in everyone if people.at[p, "region_id"] == rid]
        if not members:
            continue
        own = own_target(frames, "region", rid, period)
        summed = [parts[m].targets["revenue"] for m in members if "revenue" in parts[m].targets]
        target = own if own is not None else (sum(summed) if summed else None)
        rows.append({**row("region", rname, members, target), "region": rname})
        for m in members:
            part = [p for p in subtree(m) if p in members]
            if len(part) > 1:
                summed = [
                    parts[p].targets["revenue"] for p in part if "revenue" in parts[p].targets
                ]
                name = people.at[m, "display_name"]
                whole = len(part) == len(subtree(m))
                target = team_target(m) if whole else (sum(summed) if summed else None)
                r = row("team", name, part, target)
                rows.append({**r, "region": rname})
            else:
                r = row(
                    "person", people.at[m, "display_name"], [m], parts[m].targets.get("revenue")
                )
                rows.append({**r, "region": rname})
    rows[0]["region"] = ""
    pool = bonus(frames, rows[0], period, company)
    return {
        "period": period.label,
        "bonus_pool": None if pool is None else major(pool),
        "rows": {f"{r.pop('level')} / {r.pop('region')} / {r['name']}": r for r in rows},
    }


def bonus(frames, root: dict, period: Period, target: int | None) -> int | None:
    """In a quarter, above 120 % attainment: 15 % of the revenue above target (half up)."""
    if period.kind != "quarter":
        return None
    if not target:
        return 0
    threshold = setting_int(frames, "bonus.threshold_pct", 120)
    share = setting_int(frames, "bonus.share_pct", 15)
    revenue = int(round(float(root["revenue"]) * 100))
    if revenue * 100 <= threshold * target:
        return 0
    return half_up((revenue - target) * share, 100)


def comparable(app: dict) -> dict:
    rows, region = {}, ""
    for r in app["rows"]:
        if r["level"] == "region":
            region = r["name"]
        where = "" if r["level"] == "root" else region
        rows[f"{r['level']} / {where} / {r['name']}"] = r
    return {**app, "rows": rows}
