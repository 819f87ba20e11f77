"""The selling of the demo: opportunities with their stage history, approvals, orders, activities."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from salestui.db.demo.base import DAY, Ctx, group_starts, obj, pick
from salestui.db.demo.people import PRODUCT_LINES, REGION_WIN, Customers, People
from salestui.kernel.domain import (
    DEFAULT_PROBABILITY,
    DEFAULT_STALL_DAYS,
    LOST_REASONS,
    OPEN_STAGES,
    STAGES,
    approvers_for,
)

P, Q, PR, N, W, L = range(6)
STAGE_NAMES = obj(STAGES)
LIMIT = np.array([DEFAULT_STALL_DAYS[s] for s in OPEN_STAGES] + [30, 30], dtype=np.float64)
PROB = np.array([DEFAULT_PROBABILITY[s] for s in STAGES])
# Paths through the pipeline: won (straight or once backwards), lost at each stage, open.
TEMPLATES = (
    (P, Q, PR, N, W), (P, Q, PR, Q, PR, N, W), (P, Q, PR, N, PR, N, W),
    (P, L), (P, Q, L), (P, Q, PR, L), (P, Q, PR, N, L), (P, Q, PR, Q, PR, L),
    (P,), (P, Q), (P, Q, PR), (P, Q, PR, N), (P, Q, PR, Q), (P, Q, PR, N, PR),
)  # fmt: skip
TPL = np.full((len(TEMPLATES), 7), -1)
for _i, _t in enumerate(TEMPLATES):
    TPL[_i, : len(_t)] = _t
TPL_LEN = np.array([len(t) for t in TEMPLATES])
TIER_AMOUNT = np.array([3.0, 1.5, 0.8])
CN_LINES = ("传感器", "控制器", "软件平台", "运维服务", "备件")
TITLES = obj(
    [f(cn, line[0]) for cn, line in zip(CN_LINES, PRODUCT_LINES, strict=True)
     for f in (lambda c, e: f"{c}采购项目", lambda c, e: f"{c}升级", lambda c, e: f"{e} rollout",
               lambda c, e: f"{e} renewal", lambda c, e: f"New {e.lower()} pilot")]
)  # fmt: skip
NOTES = obj(
    [
        "Met the plant manager, budget confirmed", "Follow-up call on the quote",
        "Sent revised proposal", "Demo went well, IT wants a trial", "拜访客户，确认需求",
        "电话跟进报价", "Price objection, competitor is cheaper", "Decision moved to next quarter",
        "客户要求延期", "Introduced the new product line", "Lunch with procurement",
        "Technical Q&A with engineers", "合同条款沟通", "Reference visit arranged", "",
    ]
)  # fmt: skip


@dataclass
class Deals:
    n: int
    customer: np.ndarray
    owner: np.ndarray
    stage: np.ndarray  # stage code
    created: np.ndarray  # epoch seconds
    entered: np.ndarray
    closed_day: np.ndarray  # window day, -1 when open
    amount: np.ndarray  # minor units
    stalled: np.ndarray


def build_deals(ctx: Ctx, n: int, ppl: People, cu: Customers) -> tuple[Deals, dict, dict]:
    rng, nd = ctx.rng, ctx.n_days
    n_open = round(n * 0.19)
    is_open = np.zeros(n, dtype=bool)
    is_open[rng.choice(n, n_open, replace=False)] = True
    # the day the deal was decided (today for open ones) and its customer
    end_day = np.where(is_open, nd, ctx.seasonal_days(0, nd - 1, n))
    healthy = np.flatnonzero((cu.churn > nd) & ~cu.declining)
    cust = pick(rng, cu.weight, n)
    bad = (end_day >= cu.churn[cust]) | (
        cu.declining[cust] & (end_day > nd - 365) & (rng.random(n) < 0.65)
    )
    cust[bad] = healthy[pick(rng, cu.weight[healthy], int(bad.sum()))]
    owner = np.where(end_day < cu.handover[cust], cu.prev[cust], cu.owner[cust])
    tier = cu.tier[cust]
    major = np.exp(rng.normal(np.log(110_000), 0.95, n)) * TIER_AMOUNT[tier]
    major = np.clip(major, 20_000, 6_000_000)
    # outcome: regions differ, new hires win less, very large deals are harder
    tenure = end_day - ppl.start[owner] - 55  # about the owner's tenure when it was created
    p_win = 0.68 * REGION_WIN[cu.region[cust]] * np.where(tenure < 90, 0.42, 1.0)
    p_win *= np.where((tenure >= 90) & (tenure < 180), 0.8, 1.0) * np.where(major > 1e6, 0.85, 1)
    won = ~is_open & (rng.random(n) < p_win)
    lost_at = pick(rng, [0.3, 0.3, 0.25, 0.15], n)
    open_at = pick(rng, [0.34, 0.27, 0.22, 0.17], n)
    t = np.where(is_open, 8 + open_at, np.where(won, 0, 3 + lost_at))
    back = rng.random(n)
    t = np.where(won & (back < 0.03), 1, np.where(won & (back > 0.98), 2, t))
    t = np.where((t == 5) & (back < 0.06), 7, t)
    t = np.where((t == 9) & (back < 0.04), 12, np.where((t == 10) & (back < 0.05), 13, t))
    neg_open = is_open & (TPL[t, TPL_LEN[t] - 1] == N)
    big = np.zeros(n, dtype=bool)  # both approval paths, even in a small demo
    big[rng.choice(np.flatnonzero(neg_open), (neg_open.sum() + 2) // 3, replace=False)] = True
    major[big] = rng.uniform(520_000, 3_000_000, int(big.sum()))
    amount = (np.round(major / 100) * 100).astype(np.int64) * 100

    # stage history rows: durations in each stage, anchored at the close (or now for open deals)
    ln = TPL_LEN[t]
    starts = group_starts(ln)
    d_of = np.repeat(np.arange(n), ln)
    pos = np.arange(len(d_of)) - starts[d_of]
    to_stage = TPL[t[d_of], pos]
    from_stage = np.where(pos > 0, TPL[t[d_of], np.maximum(pos - 1, 0)], -1)
    size_f = np.where(major > 1e6, 1.4, 1.0)[d_of]
    dur = LIMIT[np.maximum(from_stage, 0)] * rng.gamma(2.0, 0.33, len(d_of)) * size_f * DAY
    dur = np.where(pos > 0, dur + rng.integers(0, 36_000, len(d_of)), 0.0)
    cs = np.cumsum(dur)
    rel = cs - cs[starts[d_of]]
    last = starts + ln - 1
    total = rel[last]
    cur = TPL[t, ln - 1]
    stall = np.zeros(n, dtype=bool)
    stall[rng.choice(np.flatnonzero(is_open), round(n_open * 0.2), replace=False)] = True
    in_stage = np.where(
        stall,
        LIMIT[np.minimum(cur, 3)] + rng.uniform(1, 70, n),
        LIMIT[np.minimum(cur, 3)] * rng.uniform(0.05, 0.95, n),
    )
    lower = ctx.day_to_s(ppl.start[owner]) + 3_600  # nobody sells before they are hired
    anchor = np.where(
        is_open,
        ctx.now_s - (in_stage * DAY).astype(np.int64),
        ctx.day_to_s(end_day) + ctx.work_seconds(n),
    )
    fix = anchor < lower + 2 * DAY
    anchor = np.where(
        fix & is_open,
        lower + ((ctx.now_s - lower) * rng.uniform(0.3, 0.9, n)).astype(np.int64),
        np.where(fix, lower + 2 * DAY + ctx.work_seconds(n), anchor),
    )
    created = anchor - total
    squeeze = np.where(created < lower, (anchor - lower) / np.maximum(total, 1), 1.0)
    created = np.maximum(created, lower).astype(np.int64)
    times = created[d_of] + (rel * squeeze[d_of]).astype(np.int64) + pos

    # ids follow creation time
    perm = np.argsort(created, kind="stable")
    inv = np.empty(n, dtype=np.int64)
    inv[perm] = np.arange(n)
    r_order = np.argsort(inv[d_of] * 8 + pos, kind="stable")
    d_of, to_stage, from_stage, times = (
        inv[d_of][r_order],
        to_stage[r_order],
        from_stage[r_order],
        times[r_order],
    )
    (cust, owner, t, amount, created, is_open, stall, end_day, major) = (
        a[perm] for a in (cust, owner, t, amount, created, is_open, stall, end_day, major)
    )
    last = group_starts(TPL_LEN[t]) + TPL_LEN[t] - 1
    stage = TPL[t, TPL_LEN[t] - 1]
    entered = times[last]
    closed = ~is_open
    stalled = is_open & ((ctx.now_s - entered) > LIMIT[np.minimum(stage, 3)] * DAY)

    today = ctx.today_day
    exp_open = np.where(stage == N, rng.integers(3, 45, n), rng.integers(10, 150, n))
    slip = is_open & (rng.random(n) < np.where(stalled, 0.45, 0.08))
    exp_close = np.where(
        closed,
        entered // DAY + rng.integers(-10, 7, n),
        np.where(slip, today - rng.integers(1, 40, n), today + exp_open),
    )
    exp_close = np.maximum(exp_close, created // DAY)
    pushes = np.where(
        stalled, pick(rng, [0.15, 0.3, 0.25, 0.18, 0.12], n), pick(rng, [0.6, 0.25, 0.1, 0.05], n)
    )
    lost_reason = np.where(
        stage == L, obj(LOST_REASONS)[pick(rng, [0.28, 0.25, 0.15, 0.14, 0.1, 0.08], n)], None
    )
    year = obj([str(y) for y in range(1970, 2200)])[(created // DAY // 365.2425).astype(int)]
    deals = Deals(
        n,
        cust,
        owner,
        stage,
        created,
        entered,
        np.where(closed, entered // DAY - ctx.start_day, -1),
        amount,
        stalled,
    )
    opp = {
        "id": np.arange(1, n + 1),
        "customer_id": cust + 1,
        "owner_id": owner + 1,
        "title": TITLES[rng.integers(0, len(TITLES), n)] + " " + year,
        "amount_minor": amount,
        "expected_close": exp_close,
        "stage": STAGE_NAMES[stage],
        "probability": PROB[stage],
        "lost_reason": lost_reason,
        "created_at": created,
        "stage_entered_at": entered,
        "closed_at": np.where(closed, entered, -1),
        "close_date_pushes": pushes,
        "last_activity_at": None,  # set from the activities
        "approval": np.full(n, None, dtype=object),
        "version": np.ones(n, dtype=np.int64),
    }
    history = {
        "id": np.arange(1, len(d_of) + 1),
        "opportunity_id": d_of + 1,
        "from_stage": np.where(from_stage >= 0, STAGE_NAMES[np.maximum(from_stage, 0)], None),
        "to_stage": STAGE_NAMES[to_stage],
        "changed_at": times,
        "changed_by": ppl.login[owner[d_of]],
    }
    return deals, opp, history


def build_approvals(ctx: Ctx, deals: Deals, opp: dict, ppl: People) -> dict:
    rng = ctx.rng
    idx = np.flatnonzero((deals.stage == N) & (deals.closed_day < 0))
    anc = np.arange(len(ppl.manager))  # becomes the regional manager above each person
    for _ in range(6):
        anc = np.where(ppl.manager[np.maximum(anc, 0)] > 0, ppl.manager[np.maximum(anc, 0)], anc)
    cols: dict[str, list] = {k: [] for k in ("opportunity_id", "approver_role", "status")}
    cols |= {"requested_at": [], "decided_at": [], "decided_by": []}
    for i in idx.tolist():
        roles = approvers_for(int(deals.amount[i]))
        done = rng.random() < 0.4
        ok = [done or rng.random() < 0.4 for _ in roles]
        if not done and all(ok):
            ok[-1] = False
        asked = int(deals.entered[i])
        opp["approval"][i] = "approved" if all(ok) else "pending"
        for role, yes in zip(roles, ok, strict=True):
            cols["opportunity_id"].append(i + 1)
            cols["approver_role"].append(role)
            cols["status"].append("approved" if yes else "pending")
            cols["requested_at"].append(asked)
            at = asked + int((ctx.now_s - asked) * rng.uniform(0.1, 0.6)) if yes else -1
            cols["decided_at"].append(at)
            who = ppl.login[anc[deals.owner[i]]] if role == "director" else ppl.login[0]
            cols["decided_by"].append(who if yes else None)
    return {"id": np.arange(1, len(cols["status"]) + 1), **cols}


def build_orders(ctx: Ctx, n: int, deals: Deals, cu: Customers, prod: dict) -> tuple[dict, dict]:
    rng, nd = ctx.rng, ctx.n_days
    won = np.flatnonzero(deals.stage == W)
    first_won = np.full(cu.n, nd + 1)
    np.minimum.at(first_won, deals.customer[won], deals.closed_day[won])
    n_rep = max(0, n - len(won))
    est = np.flatnonzero(first_won < nd - 2)
    n_rep = n_rep if len(est) else 0
    c_rep = est[pick(rng, cu.weight[est], n_rep)]
    d_rep = ctx.seasonal_days(first_won[c_rep] + 1, np.minimum(cu.churn[c_rep], nd))
    keep = ~(cu.declining[c_rep] & (d_rep > nd - 365) & (rng.random(n_rep) < 0.65))
    c_rep, d_rep = c_rep[keep], d_rep[keep]
    cust = np.concatenate([deals.customer[won], c_rep])
    day = np.concatenate(
        [np.minimum(deals.closed_day[won] + rng.integers(0, 4, len(won)), nd - 1), d_rep]
    )
    opp_id = np.concatenate([won + 1, np.full(len(c_rep), -1)])
    rep_major = np.clip(np.exp(rng.normal(np.log(25_000), 0.9, len(c_rep))), 1_500, 1_500_000)
    target = np.concatenate([deals.amount[won], rep_major * TIER_AMOUNT[cu.tier[c_rep]] * 100])
    perm = np.lexsort((opp_id, day))
    cust, day, opp_id, target = cust[perm], day[perm], opp_id[perm], target[perm]
    m = len(cust)
    n_lines = np.where(
        opp_id > 0, 1 + pick(rng, [0.35, 0.35, 0.2, 0.1], m), 1 + pick(rng, [0.6, 0.4], m)
    )
    starts = group_starts(n_lines)
    o_of = np.repeat(np.arange(m), n_lines)
    r = rng.random(len(o_of)) + 0.2
    share = target[o_of] * r / np.add.reduceat(r, starts)[o_of]
    price = prod["list_price_minor"]
    by_price = np.argsort(price)
    top = np.searchsorted(price[by_price], share, side="right") - 1
    k = np.maximum(top - rng.integers(0, 9, len(o_of)), 0)
    product = by_price[np.clip(k, 0, len(price) - 1)]
    disc = rng.uniform(0.0, 0.18, len(o_of))
    unit = np.maximum((price[product] * (1 - disc)) // 100 * 100, 100).astype(np.int64)
    qty = np.maximum(np.round(share / unit), 1).astype(np.int64)
    ret = np.flatnonzero((rng.random(m) < 0.02) & (qty[starts] > 1))  # a return: quantity < 0
    f = starts[ret]
    o_of = np.concatenate([o_of, ret])
    product = np.concatenate([product, product[f]])
    unit = np.concatenate([unit, unit[f]])
    qty = np.concatenate([qty, -np.maximum(qty[f] // 4, 1)])
    lo = np.argsort(o_of, kind="stable")
    o_of, product, unit, qty = o_of[lo], product[lo], unit[lo], qty[lo]
    amount = np.add.reduceat(qty * unit, group_starts(np.bincount(o_of, minlength=m)))

    # invoices: terms, and who pays on time, late, partly or not at all
    chan = cu.rows["channel"]
    terms = np.where((chan[cust] == "distributor") | (cu.tier[cust] == 0), 60, 30)
    due = day + terms
    late_p = cu.late_payer[cust]
    fate = np.where(
        late_p, pick(rng, [0.35, 0.45, 0.08, 0.12], m), pick(rng, [0.84, 0.11, 0.03, 0.02], m)
    )
    fate = np.where((fate == 3) & (due < nd - 365), 1, fate)
    on_time = day + rng.integers(3, 61, m) % (terms - 2) + 3
    late = due + rng.integers(1, 76, m)
    fate = np.where((fate == 1) & (late >= nd), 3, fate)
    paid_day = np.select([fate == 0, fate == 1, fate == 2], [on_time, late, on_time], -1)
    paid = np.select(
        [fate <= 1, fate == 2], [amount, (amount * rng.uniform(0.3, 0.8, m)).astype(np.int64)], 0
    )
    early = (due >= nd) & (rng.random(m) < 0.4) & (day < nd - 3)
    paid_day = np.where(
        due >= nd,
        np.where(early, day + 3 + rng.integers(0, 1 << 30, m) % np.maximum(nd - day - 3, 1), -1),
        paid_day,
    )
    paid = np.where(due >= nd, np.where(early, amount, 0), paid)
    paid_day = np.where(paid_day >= nd, -1, paid_day)
    paid = np.where(paid_day < 0, 0, paid)
    s = ctx.start_day
    orders = {
        "id": np.arange(1, m + 1),
        "customer_id": cust + 1,
        "opportunity_id": opp_id,
        "order_date": day + s,
        "due_date": due + s,
        "amount_minor": amount,
        "paid_minor": paid,
        "paid_date": np.where(paid_day >= 0, paid_day + s, -1),
        "version": np.ones(m, dtype=np.int64),
    }
    lines = {
        "id": np.arange(1, len(o_of) + 1),
        "order_id": o_of + 1,
        "product_id": product + 1,
        "quantity": qty,
        "unit_price_minor": unit,
        "unit_cost_minor": prod["unit_cost_minor"][product],
    }
    return orders, lines


def build_activities(ctx: Ctx, n: int, deals: Deals, opp: dict, ppl: People, cu: Customers) -> dict:
    rng, nd = ctx.rng, ctx.n_days
    total = n * (3 if n <= 100_000 else 2)
    n_deal = max(n, round(total * 0.72))
    is_open = deals.closed_day < 0
    end = np.where(is_open, ctx.now_s - 3_600, deals.entered)
    end = np.where(deals.stalled, deals.entered + (ctx.now_s - deals.entered) // 7, end)
    span = np.maximum(end - deals.created, 60)
    extra = pick(rng, 1 + span / (30 * DAY), n_deal - n)
    d = np.concatenate([np.arange(n), extra])
    t_deal = deals.created[d] + (rng.random(len(d)) * span[d]).astype(np.int64)
    last = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last, d, t_deal)
    opp["last_activity_at"] = last
    _next_steps(ctx, n, deals, opp, is_open)
    m = max(0, total - n_deal)
    c = pick(rng, cu.weight, m)
    day = ctx.seasonal_days(0, nd, m)
    day = np.where(day >= cu.churn[c], day * cu.churn[c] // nd, day)
    day = np.where(cu.declining[c] & (day > nd - 365) & (rng.random(m) < 0.6), day - 365, day)
    who = np.where(day < cu.handover[c], cu.prev[c], cu.owner[c])
    t_cust = ctx.day_to_s(day) + ctx.work_seconds(m)
    at = np.concatenate([t_deal, t_cust])
    kind = np.concatenate(
        [pick(rng, [0.3, 0.3, 0.15, 0.13, 0.12], len(d)), pick(rng, [0.5, 0.35, 0.15], m)]
    )
    cols = {
        "kind": obj(["visit", "call", "email", "meeting", "demo"])[kind],
        "person_id": np.concatenate([deals.owner[d], who]) + 1,
        "customer_id": np.concatenate([deals.customer[d], c]) + 1,
        "opportunity_id": np.concatenate([d + 1, np.full(m, -1)]),
        "occurred_at": at,
        "note": NOTES[rng.integers(0, len(NOTES), len(at))],
    }
    order = np.argsort(at, kind="stable")
    return {"id": np.arange(1, len(at) + 1)} | {k: v[order] for k, v in cols.items()}


NEXT_STEPS = np.array(
    ["发送报价单", "安排技术交流", "确认预算", "约见采购负责人", "提交方案", "安排现场演示",
     "Send the revised quote", "Book the demo", "Confirm the budget", "Meet procurement",
     "Send the proposal", "Call about the pilot results"], dtype=object,
)  # fmt: skip
COMPETITORS = np.array(
    ["Siemens", "Honeywell", "汇川技术", "中控技术", "Emerson", "和利时"], dtype=object
)


def _next_steps(ctx: Ctx, n: int, deals: Deals, opp: dict, is_open: np.ndarray) -> None:
    """What the rep agreed to do next: most open deals have a step, a stalled one often not, and
    some steps are late; a deal lost to a competitor names one. Drawn from a stream of their
    own, so the rest of the demo is the same as without them."""
    rng = np.random.default_rng(ctx.seed + 29)
    has = is_open & (rng.random(n) < np.where(deals.stalled, 0.3, 0.8))
    late = rng.random(n) < np.where(deals.stalled, 0.5, 0.1)
    due = ctx.today_day + np.where(late, -rng.integers(1, 15, n), rng.integers(0, 21, n))
    opp["next_step"] = np.where(has, NEXT_STEPS[rng.integers(0, len(NEXT_STEPS), n)], "")
    opp["next_step_date"] = np.where(has, due, -1)
    lost_to = np.asarray(opp["lost_reason"] == "competitor", dtype=bool)
    opp["competitor"] = np.where(lost_to, COMPETITORS[rng.integers(0, len(COMPETITORS), n)], "")
