"""Around the deals: leads, targets, complaints, NPS answers, action items, customers' start."""

from __future__ import annotations

import numpy as np
from faker import Faker

from salestui.db.demo.base import DAY, INDUSTRIES, Ctx, obj, pick
from salestui.db.demo.people import Customers, People, _company_names
from salestui.db.demo.sales import Deals, W
from salestui.kernel.domain import LEAD_SOURCES, lead_grade

GRADE_OF = obj([lead_grade(s) for s in range(101)])
COMPLAINTS = obj(
    [
        "Delivery late again", "发票错误", "Installation left unfinished", "设备故障，要求上门",
        "Wrong spare part shipped", "Support did not call back", "价格调整未通知",
        "Training was too short", "Sensor readings drift", "License key not working",
    ]
)  # fmt: skip
ACTIONS = (
    "Call back about the stalled quote", "Prepare QBR deck", "Visit the plant with an engineer",
    "Chase overdue invoice", "Recover the unhappy account", "Update forecast for the region",
    "Coach new hire on discovery calls", "Plan Q4 push with distributors", "拜访重点客户",
    "Review pricing with finance",
)  # fmt: skip


def customer_created(ctx: Ctx, cu: Customers, deals: Deals, orders: dict, acts: dict) -> None:
    """A customer exists from a while before the first thing that happened with it."""
    rng, n = ctx.rng, cu.n
    first = np.full(n, ctx.now_s, dtype=np.int64)
    np.minimum.at(first, deals.customer, deals.created)
    np.minimum.at(first, orders["customer_id"] - 1, (orders["order_date"]) * DAY)
    np.minimum.at(first, acts["customer_id"] - 1, acts["occurred_at"])
    fresh = first >= ctx.now_s
    first = np.where(fresh, ctx.day_to_s(ctx.seasonal_days(0, ctx.n_days, n)), first)
    old = first < ctx.day_to_s(60)
    back = np.where(old, rng.integers(0, 5 * 365, n), rng.integers(1, 90, n)) * DAY
    cu.rows["created_at"] = first - back - rng.integers(0, 30_000, n)


def build_leads(ctx: Ctx, n: int, ppl: People, cu: Customers, deals: Deals) -> dict:
    rng, nd = ctx.rng, ctx.n_days
    n_l = max(50, n // 4)
    n_cv = min(round(n_l * 0.22), n)
    dl = rng.choice(n, n_cv, replace=False)
    n_o = n_l - n_cv
    day = ctx.seasonal_days(0, nd, n_o)
    reps = np.flatnonzero(ppl.is_rep)
    owner = reps[rng.integers(0, len(reps), n_o)]
    for _ in range(8):  # whoever was on the team that day
        bad = np.flatnonzero((ppl.start[owner] > day) | (ppl.end[owner] <= day))
        owner[bad] = reps[rng.integers(0, len(reps), len(bad))]
    seniors = np.flatnonzero(ppl.senior)
    bad = (ppl.start[owner] > day) | (ppl.end[owner] <= day)
    owner[bad] = seniors[rng.integers(0, len(seniors), int(bad.sum()))]
    industry = rng.integers(0, len(INDUSTRIES), n_o)
    q = np.concatenate([rng.beta(2.2, 1.8, n_o), rng.uniform(0.55, 1.0, n_cv)])
    parts = np.clip(np.round(q[:, None] * 25 + rng.normal(0, 4, (n_l, 4))), 0, 25).astype(int)
    grade = GRADE_OF[parts.sum(axis=1)]
    # a converted lead came in up to 20 days before its deal, never before its owner was hired
    came_in = deals.created[dl] - rng.integers(DAY, 20 * DAY, n_cv)
    hired = ctx.day_to_s(np.maximum(ppl.start[deals.owner[dl]], 0))
    came_in = np.minimum(np.maximum(came_in, hired), deals.created[dl] - 60)  # deals: work hours
    created = np.concatenate([ctx.day_to_s(day) + ctx.work_seconds(n_o), came_in])
    sla = np.select([grade == "A", grade == "B"], [2, 24], 120) * 3_600
    breach = rng.random(n_l) < 0.18
    delay = np.where(breach, sla * rng.uniform(1.1, 4, n_l), sla * rng.uniform(0.03, 0.95, n_l))
    contact = created + delay.astype(np.int64)
    never = (np.arange(n_l) < n_o) & (
        (rng.random(n_l) < 0.06) | ((created > ctx.now_s - 2 * DAY) & (rng.random(n_l) < 0.5))
    )
    contact = np.where(never | (contact >= ctx.now_s), -1, contact)
    status = np.where(
        contact < 0,
        "new",
        obj(["contacted", "qualified", "disqualified"])[pick(rng, [0.35, 0.25, 0.4], n_l)],
    ).astype(object)
    # a lead nobody called within a month was written off, not left waiting for years
    status[(contact < 0) & (created < ctx.now_s - 30 * DAY)] = "disqualified"
    status[n_o:] = "converted"
    zh = Faker("zh_CN")
    zh.seed_instance(ctx.seed + 2)
    en = Faker("en_US")
    en.seed_instance(ctx.seed + 3)
    contacts = obj([zh.name() for _ in range(400)] + [en.name() for _ in range(200)])
    dc = deals.customer[dl]
    lead_owner = np.concatenate([owner, deals.owner[dl]])
    cols = {
        "name": contacts[rng.integers(0, len(contacts), n_l)],
        "company": np.concatenate([_company_names(ctx, industry, n_o, 0.3), cu.name[dc]]),
        "source": obj(LEAD_SOURCES)[pick(rng, [0.4, 0.2, 0.25, 0.15], n_l)],
        "industry": np.concatenate([obj(INDUSTRIES)[industry], cu.rows["industry"][dc]]),
        "region_id": np.concatenate([ppl.region[owner], cu.region[dc]]) + 1,
        "need_fit": parts[:, 0],
        "decision_authority": parts[:, 1],
        "budget_timeline": parts[:, 2],
        "engagement_history": parts[:, 3],
        "grade": grade,
        "created_at": created,
        "first_contact_at": contact,
        "owner_id": lead_owner + 1,
        "status": status,
        "opportunity_id": np.concatenate([np.full(n_o, -1), dl + 1]),
        "version": np.ones(n_l, dtype=np.int64),
    }
    order = np.argsort(created, kind="stable")
    return {"id": np.arange(1, n_l + 1)} | {k: v[order] for k, v in cols.items()}


def build_targets(ctx: Ctx, ppl: People, deals: Deals, acts: dict, cu: Customers) -> dict:
    rng = ctx.rng
    s0 = np.datetime64(ctx.start_day, "D").astype("datetime64[M]").astype(np.int64)
    s1 = np.datetime64(ctx.today_day, "D").astype("datetime64[M]").astype(np.int64)
    n_m = int(s1 - s0 + 1)
    m_start = np.arange(s0, s1 + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    n_p = len(ppl.region)
    won = deals.stage == W
    month = (deals.entered[won] // DAY).astype("datetime64[D]").astype("datetime64[M]").astype(
        np.int64
    ) - s0
    rev = np.bincount(
        deals.owner[won] * n_m + np.clip(month, 0, n_m - 1), deals.amount[won], n_p * n_m
    ).reshape(n_p, n_m)
    rel = m_start - ctx.start_day  # window day each month starts
    employed = (ppl.start[:, None] <= rel[None, :] + 27) & (ppl.end[:, None] > rel[None, :])
    ramped = employed & (ppl.start[:, None] <= rel[None, :] - 90)
    reps = ppl.is_rep
    base = rev.sum(axis=1) / np.maximum(ramped.sum(axis=1), 1)
    earned = base[reps & (base > 0)]
    base = np.where(reps & (base > 0), base, np.median(earned) if len(earned) else 5e7)
    c = np.concatenate(([0.0], ctx.cdf))
    season = (
        c[np.clip(np.append(rel[1:], ctx.n_days), 0, ctx.n_days)] - c[np.clip(rel, 0, ctx.n_days)]
    )
    season = season / season[1:-1].mean()
    season[[0, -1]] = season[1:-1].mean() if n_m > 2 else 1.0
    tgt = base[:, None] * season[None, :] * rng.uniform(0.95, 1.25, (n_p, n_m))
    tgt = np.where(ramped, 1.0, 0.5) * tgt * employed * reps[:, None]
    tgt = (np.round(tgt / 100_000) * 100_000).astype(np.int64)
    rows: list[tuple] = []
    quarter = (np.arange(s0, s1 + 1) % 12) // 3
    q_first = np.flatnonzero((np.arange(n_m) == 0) | (np.diff(quarter, prepend=-1) != 0))
    q_idx = np.cumsum(np.isin(np.arange(n_m), q_first)) - 1
    visits = acts["kind"] == "visit"
    v_month = (acts["occurred_at"][visits] // DAY).astype("datetime64[D]").astype(
        "datetime64[M]"
    ).astype(np.int64) - s0
    v_q = q_idx[np.clip(v_month, 0, n_m - 1)]
    n_q = len(q_first)
    v_cnt = np.bincount((acts["person_id"][visits] - 1) * n_q + v_q, minlength=n_p * n_q).reshape(
        n_p, n_q
    )
    # new customers: a little more than each owner's quarterly number over the last year
    c_month = (cu.rows["created_at"] // DAY).astype("datetime64[D]").astype("datetime64[M]").astype(
        np.int64
    ) - s0
    inside = (c_month >= 0) & (c_month < n_m)
    c_q = q_idx[np.clip(c_month, 0, n_m - 1)]
    c_cnt = np.bincount(cu.owner[inside] * n_q + c_q[inside], minlength=n_p * n_q).reshape(n_p, n_q)
    last_year = c_cnt[:, max(0, n_q - 5) : max(1, n_q - 1)]  # the 4 quarters before this one
    new_tgt = np.ceil(last_year.mean(axis=1) * 1.2).astype(np.int64).tolist()
    q_tgt = np.add.reduceat(tgt, q_first, axis=1)
    for p in np.flatnonzero(reps).tolist():
        for m in np.flatnonzero(employed[p]).tolist():
            rows.append(("person", p + 1, "month", m_start[m], "revenue", tgt[p, m]))
        for q in np.unique(q_idx[employed[p]]).tolist():
            d = m_start[q_first[q]]
            rows.append(("person", p + 1, "quarter", d, "revenue", q_tgt[p, q]))
            rows.append(("person", p + 1, "quarter", d, "visits", max(10, int(v_cnt[p, q] * 1.15))))
            if new_tgt[p]:  # none for a rep who never brought one in
                rows.append(("person", p + 1, "quarter", d, "new_customers", new_tgt[p]))
    team = np.zeros((n_p, n_q), dtype=np.int64)
    for p in np.flatnonzero(reps).tolist():
        a = ppl.manager[p]
        while a >= 0:
            team[a] += q_tgt[p]
            a = ppl.manager[a]
    for p in np.flatnonzero(~reps).tolist():
        rows += [
            ("team", p + 1, "quarter", m_start[q_first[q]], "revenue", team[p, q])
            for q in range(n_q)
        ]
    years = (np.arange(s0, s1 + 1) // 12).astype(np.int64)
    for y in np.unique(years).tolist():
        sel = years == y
        start = int(np.datetime64(str(1970 + y) + "-01-01", "D").astype(np.int64))
        rows.append(("company", -1, "year", start, "revenue", int(tgt[:, sel].sum() * 1.05)))
        for r in range(int(ppl.region.max()) + 1):
            rows.append(
                ("region", r + 1, "year", start, "revenue", int(tgt[ppl.region == r][:, sel].sum()))
            )
    cols = list(zip(*rows, strict=True))
    names = ("scope_type", "scope_id", "period_type", "period_start", "metric", "value")
    out = {
        k: np.array(v, dtype=object if k in ("scope_type", "period_type", "metric") else np.int64)
        for k, v in zip(names, cols, strict=True)
    }
    return {"id": np.arange(1, len(rows) + 1), **out, "version": np.ones(len(rows), dtype=np.int64)}


def build_service(ctx: Ctx, n: int, cu: Customers) -> tuple[dict, dict]:
    rng, nd = ctx.rng, ctx.n_days
    unhappy = np.flatnonzero(cu.unhappy)
    if len(unhappy) == 0:
        unhappy = np.array([int(np.argmax(cu.weight))])

    def customers(k: int, share: float) -> np.ndarray:
        c = pick(rng, cu.weight, k)
        u = rng.random(k) < share
        c[u] = unhappy[rng.integers(0, len(unhappy), int(u.sum()))]
        return c

    k = max(20, n // 25)
    c = customers(k, 0.3)
    day = ctx.seasonal_days(nd - 730, nd, k)
    day = np.where(day >= cu.churn[c], cu.churn[c] - 1 - rng.integers(0, 60, k), day)
    fate = pick(rng, [0.82, 0.1, 0.08], k)
    fate[:2], day[:2] = (1, 2), np.minimum(day[:2], nd - 5)  # always some past the 48 hours
    opened = ctx.day_to_s(day) + ctx.work_seconds(k)
    resp = opened + np.where(
        fate == 0, rng.integers(3_600, 40 * 3_600, k), rng.integers(49 * 3_600, 240 * 3_600, k)
    )
    resp = np.where((fate == 2) | (resp >= ctx.now_s), -1, resp)
    done = (resp > 0) & (rng.random(k) < np.where(opened < ctx.now_s - 14 * DAY, 0.9, 0.4))
    res = np.where(done, resp + rng.integers(7_200, 20 * DAY, k), -1)
    res = np.where(res >= ctx.now_s, -1, res)
    sev = np.where(cu.unhappy[c], pick(rng, [0.5, 0.3, 0.2], k), pick(rng, [0.78, 0.16, 0.06], k))
    complaints = {
        "id": np.arange(1, k + 1),
        "customer_id": c + 1,
        "category": obj(["product", "service", "process"])[pick(rng, [0.35, 0.4, 0.25], k)],
        "severity": obj(["normal", "urgent", "major"])[sev],
        "opened_at": opened,
        "first_response_at": resp,
        "resolved_at": res,
        "summary": COMPLAINTS[rng.integers(0, len(COMPLAINTS), k)],
    }
    k = max(40, n // 10)
    c = customers(k, 0.08)
    day = ctx.seasonal_days(nd - 730, nd, k)
    day = np.where(day >= cu.churn[c], cu.churn[c] - 1 - rng.integers(0, 60, k), day)
    happy = pick(rng, [1, 1, 1, 2, 2, 3, 8, 17, 20, 22, 23], k)  # promoters > detractors
    nps = {
        "id": np.arange(1, k + 1),
        "customer_id": c + 1,
        "score": np.where(cu.unhappy[c], rng.integers(0, 7, k), happy),
        "answered_on": day + ctx.start_day,
    }
    return complaints, nps


def build_actions(ctx: Ctx, ppl: People, deals: Deals, top_login: str) -> dict:
    rng = ctx.rng
    k = min(60, 12 + len(ppl.region) // 8)
    active = np.flatnonzero(ppl.end > ctx.n_days)
    stalled = np.flatnonzero(deals.stalled)
    cols: dict[str, list] = {c: [] for c in ("title", "owner_id", "due", "status", "priority")}
    for c in ("link_type", "link_id", "origin", "warning_key", "created_at", "done_at"):
        cols[c] = []
    for i in range(k):
        status = ("open", "doing", "done", "dropped")[
            int(pick(rng, [0.45, 0.25, 0.25, 0.05], 1)[0])
        ]
        made = ctx.now_s - int(rng.integers(DAY, 40 * DAY))
        if i % 3 == 0 and len(stalled):
            d = int(stalled[rng.integers(0, len(stalled))])
            title, owner = "Unblock stalled deal", int(deals.owner[d])
            link, origin, key = ("opportunity", d + 1), "stalled", f"stalled:opportunity:{d + 1}"
        else:
            title, owner = ACTIONS[i % len(ACTIONS)], int(active[rng.integers(0, len(active))])
            link, origin, key = (None, -1), "manual", None
        cols["title"].append(title)
        cols["owner_id"].append(owner + 1)
        cols["due"].append(ctx.today_day + int(rng.integers(-20, 30)))
        cols["status"].append(status)
        cols["priority"].append(("low", "normal", "high")[int(rng.integers(0, 3))])
        cols["link_type"].append(link[0])
        cols["link_id"].append(link[1])
        cols["origin"].append(origin)
        cols["warning_key"].append(key)
        cols["created_at"].append(made)
        done = status == "done"
        cols["done_at"].append(
            made + int((ctx.now_s - made) * rng.uniform(0.2, 0.9)) if done else -1
        )
    return {
        "id": np.arange(1, k + 1),
        **cols,
        "created_by": [top_login] * k,
        "version": np.ones(k, dtype=np.int64),
    }
