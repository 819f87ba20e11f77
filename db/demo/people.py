"""Master data of the demo: regions, the org tree, customers and products."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from faker import Faker

from salestui.db.demo.base import (
    CN_CITIES,
    CN_CORE_1,
    CN_CORE_2,
    CN_GIVEN,
    CN_INDUSTRY_WORDS,
    CN_SUFFIXES,
    CN_SURNAMES,
    EN_INDUSTRY_WORDS,
    EN_SUFFIXES,
    INDUSTRIES,
    REGIONS,
    Ctx,
    obj,
    pick,
)

REGION_SHARE = np.array([r[2] for r in REGIONS])
REGION_WIN = np.array([r[3] for r in REGIONS])


@dataclass
class People:
    login: np.ndarray  # object
    manager: np.ndarray  # 0-based index, -1 for the top
    region: np.ndarray  # 0-based region index
    is_rep: np.ndarray
    start: np.ndarray  # window day the person started (may be negative: before the window)
    end: np.ndarray  # window day the person left (n_days + 1 when still here)
    senior: np.ndarray  # rep employed for the whole window
    rows: dict


def regions_table() -> dict:
    return {
        "id": np.arange(1, len(REGIONS) + 1),
        "name": [r[0] for r in REGIONS],
        "region_class": [r[1] for r in REGIONS],
    }


def build_people(ctx: Ctx, n_deals: int, top_login: str) -> People:
    rng, nd = ctx.rng, ctx.n_days
    n = int(np.clip(n_deals // 2000, 25, 500))
    nr = len(REGIONS)
    n_rm = int(np.clip(round(n * 0.03), 2, 8))
    n_pm = int(np.clip(round(n * 0.06), n_rm, 40))
    n_cs = max(n_pm, round(n * 0.12))
    n_rep = n - 1 - n_rm - n_pm - n_cs

    def spread(k: int) -> np.ndarray:  # one per region first, then by share of business
        first = np.arange(min(k, nr))
        return np.concatenate([first, pick(rng, REGION_SHARE, k - len(first))]).astype(np.int64)

    rm_region = np.arange(n_rm)
    region_rm = np.arange(nr) % n_rm  # which regional manager a region reports to
    pm_region, cs_region, rep_region = spread(n_pm), spread(n_cs), spread(n_rep)
    base_rm, base_pm, base_cs = 1, 1 + n_rm, 1 + n_rm + n_pm

    def cover(unit_region: np.ndarray, base: int, upper_of_region) -> np.ndarray:
        """Index of the unit that covers each region (same region, else same boss, else any)."""
        out = np.empty(nr, dtype=np.int64)
        for k in range(nr):
            same = np.flatnonzero(unit_region == k)
            if len(same) == 0:
                same = np.flatnonzero(upper_of_region(unit_region) == upper_of_region(k))
            out[k] = base + (same[k % len(same)] if len(same) else k % len(unit_region))
        return out

    pm_of_region = cover(pm_region, base_pm, lambda r: region_rm[r])
    cs_of_region = cover(cs_region, base_cs, lambda r: pm_of_region[r])
    manager = np.concatenate(
        [
            [-1],
            np.zeros(n_rm, dtype=np.int64),
            base_rm + region_rm[pm_region],
            pm_of_region[cs_region],
            np.empty(n_rep, dtype=np.int64),
        ]
    )
    # reps: several supervisors in a region share its reps round-robin
    for k in range(nr):
        mine = np.flatnonzero(rep_region == k)
        sups = base_cs + np.flatnonzero(cs_region == k)
        if len(sups) == 0:
            sups = np.array([cs_of_region[k]])
        manager[1 + n_rm + n_pm + n_cs + mine] = sups[np.arange(len(mine)) % len(sups)]
    region = np.concatenate([[0], rm_region, pm_region, cs_region, rep_region])
    role = ["manager"] * (n - n_rep) + ["rep"] * n_rep
    title = (
        ["VP sales"]
        + ["regional manager"] * n_rm
        + ["province manager"] * n_pm
        + ["city supervisor"] * n_cs
        + ["sales rep"] * n_rep
    )
    is_rep = np.arange(n) >= n - n_rep

    # employment: seniors, leavers (inactive now), hires during the window, hires of the last 90 days
    start = -rng.integers(30, 8 * 365, n)
    end = np.full(n, nd + 1)
    reps = np.flatnonzero(is_rep)
    order = rng.permutation(reps)
    n_leave, n_new = max(1, round(n_rep * 0.06)), max(2, round(n_rep * 0.12))
    n_mid = max(2, round(n_rep * 0.2))
    leavers = order[:n_leave]
    recent = order[n_leave : n_leave + n_new]
    mid = order[n_leave + n_new : n_leave + n_new + n_mid]
    end[leavers] = rng.integers(int(nd * 0.25), int(nd * 0.9), n_leave)
    start[recent] = rng.integers(nd - 88, nd - 6, n_new)
    start[mid] = rng.integers(int(nd * 0.08), nd - 100, n_mid)
    senior = is_rep & (start < 0) & (end > nd)

    names, logins = _person_names(ctx, n, top_login)
    rows = {
        "id": np.arange(1, n + 1),
        "login": logins,
        "display_name": names,
        "role": role,
        "title": title,
        "manager_id": manager + 1,
        "region_id": region + 1,
        "hire_date": ctx.start_day + start,
        "active": end > nd,
        "version": np.ones(n, dtype=np.int64),
    }
    rows["manager_id"][0] = -1
    return People(obj(logins), manager, region, is_rep, start, end, senior, rows)


def _person_names(ctx: Ctx, n: int, top_login: str) -> tuple[list[str], list[str]]:
    rng = ctx.rng
    en = Faker("en_US")
    en.seed_instance(ctx.seed)
    names, logins, seen = [], [], {top_login}
    for i in range(n):
        if i > 0 and rng.random() < 0.3:
            first, last = en.first_name(), en.last_name()
            name, base = f"{first} {last}", f"{first[0]}{last}".lower()
        else:
            s, s_py = CN_SURNAMES[rng.integers(len(CN_SURNAMES))]
            k = 1 + int(rng.random() < 0.6)
            given = [CN_GIVEN[j] for j in rng.integers(0, len(CN_GIVEN), k)]
            name = s + "".join(g[0] for g in given)
            base = s_py + "".join(g[1] for g in given)
        base = "".join(ch for ch in base if ch.isascii() and ch.isalnum()) or "user"
        login, j = base, 2
        while login in seen:
            login, j = f"{base}{j}", j + 1
        if i == 0:
            login = top_login
        seen.add(login)
        names.append(name)
        logins.append(login)
    if n > 5:
        names[5] = LONG_PERSON  # after the draws: nothing else changes
    return names, logins


@dataclass
class Customers:
    n: int
    weight: np.ndarray  # share of the business each customer brings
    tier: np.ndarray  # 0 key account, 1 growth, 2 potential
    region: np.ndarray
    owner: np.ndarray  # person index owning it now
    prev: np.ndarray  # person index owning it before `handover`
    handover: np.ndarray  # window day
    churn: np.ndarray  # window day after which nothing happens (n_days + 1 when none)
    declining: np.ndarray
    late_payer: np.ndarray
    unhappy: np.ndarray
    name: np.ndarray  # object
    rows: dict


def build_customers(ctx: Ctx, n_deals: int, ppl: People) -> Customers:
    rng, nd = ctx.rng, ctx.n_days
    n = max(60, n_deals // 8)
    weight = np.minimum(rng.pareto(1.6, n) + 0.3, 40.0)
    rank = np.argsort(-weight, kind="stable")
    tier = np.full(n, 2)
    tier[rank[: int(n * 0.18)]] = 1
    tier[rank[: max(3, int(n * 0.025))]] = 0
    weight[tier == 0] *= 2.5
    reps = np.flatnonzero(ppl.is_rep & (ppl.end > nd))
    # regions get their share of the business; the three biggest accounts, one each to the
    # three biggest regions
    region = pick(rng, REGION_SHARE, n)
    region[rank[:3]] = [0, 1, 2]
    owner = np.empty(n, dtype=np.int64)
    for k in range(len(REGIONS)):
        mine = np.flatnonzero(region == k)
        cand = reps[ppl.region[reps] == k]
        cand = cand if len(cand) else reps
        w = np.where(ppl.start[cand] > nd - 90, 0.35, 1.0)  # new hires start with few accounts
        owner[mine] = cand[pick(rng, w, len(mine))]
    # who owned it before: a senior for a new hire's customers; sometimes a rep who has left
    seniors = np.flatnonzero(ppl.senior)
    leavers = np.flatnonzero(ppl.is_rep & (ppl.end <= nd))
    prev, handover = owner.copy(), np.zeros(n, dtype=np.int64)
    hired = ppl.start[owner] > 0
    prev[hired] = seniors[rng.integers(0, len(seniors), hired.sum())]
    handover[hired] = ppl.start[owner[hired]]
    inherit = ~hired & (rng.random(n) < 0.15) & (len(leavers) > 0)
    if inherit.any():
        prev[inherit] = leavers[rng.integers(0, len(leavers), inherit.sum())]
        handover[inherit] = ppl.end[prev[inherit]]
    churn = np.full(n, nd + 1)
    churned = (tier > 0) & (rng.random(n) < 0.07)
    churn[churned] = rng.integers(nd - 560, nd - 200, churned.sum())
    declining = ~churned & (rng.random(n) < 0.08)
    declining[rank[1]] = True  # a key account whose orders are falling off
    industry = rng.integers(0, len(INDUSTRIES), n)
    sizes = np.array(["small", "medium", "large", "enterprise"], dtype=object)
    size = np.where(
        tier == 0, 3, np.where(tier == 1, 1 + (rng.random(n) < 0.5), rng.random(n) < 0.3)
    )
    channel = np.where(tier == 0, 0, pick(rng, [0.55, 0.3, 0.15], n))
    name = _with_long_names(_company_names(ctx, industry, n))
    rows = {
        "id": np.arange(1, n + 1),
        "name": name,
        "industry": obj(INDUSTRIES)[industry],
        "region_id": region + 1,
        "channel": np.array(["direct", "distributor", "e-commerce"], dtype=object)[channel],
        "size": sizes[size],
        "owner_id": owner + 1,
        "created_at": None,  # filled in once the first deal of each customer is known
        "version": np.ones(n, dtype=np.int64),
    }
    return Customers(
        n, weight, tier, region, owner, prev, handover, churn, declining,
        late_payer=rng.random(n) < 0.06, unhappy=rng.random(n) < 0.05, name=name, rows=rows,
    )  # fmt: skip


# Names as long as Chinese teams really write them — a registered company name, an emoji, Latin
# among the CJK — so every screen shows how it crops and wraps them (issue 17). They take fixed
# places and draw nothing from the random stream: the rest of the demo is as it was.
LONG_NAMES = (
    "深圳市腾讯计算机系统有限公司🚀",
    "北京字节跳动网络技术有限公司 ByteDance 🎵",
    "🌟华为技术有限公司（东莞松山湖基地）Huawei Technologies",
    "中国平安人寿保险股份有限公司上海分公司 Ping An Life",
    "Müller & Søn 精密机械（苏州）有限公司 ⚙️",
)


LONG_PERSON = "欧阳娜娜·阿依古丽 (Ouyang Nana) 🌸"


def _with_long_names(names: np.ndarray) -> np.ndarray:
    """Every 8th customer from the fourth on takes one of :data:`LONG_NAMES`."""
    for k, long_name in enumerate(LONG_NAMES):
        at = 3 + 8 * k
        if at < len(names):
            names[at] = long_name
    return names


def _company_names(ctx: Ctx, industry: np.ndarray, n: int, latin_share: float = 0.25) -> np.ndarray:
    """Unique company names: 上海华信科技有限公司 style for most, Latin ones for the rest."""
    rng = ctx.rng
    latin = rng.random(n) < latin_share
    out = np.empty(n, dtype=object)
    k = int((~latin).sum())
    n1, n2, nc = len(CN_CORE_1), len(CN_CORE_2), len(CN_CITIES)
    ns = len(CN_SUFFIXES)
    space = nc * n1 * n2 * 2 * ns
    code = rng.choice(space, k, replace=k > space // 2)  # unique unless asked for very many
    city, rest = code // (n1 * n2 * 2 * ns), code % (n1 * n2 * 2 * ns)
    c1, c2, wv, suf = rest // (n2 * 2 * ns), rest // (2 * ns) % n2, rest // ns % 2, rest % ns
    c2 = np.where(np.array(CN_CORE_1)[c1] == np.array(CN_CORE_2)[c2], (c2 + 1) % n2, c2)
    ind = industry[~latin]
    cn_words = [CN_INDUSTRY_WORDS[i][w] for i, w in zip(ind.tolist(), wv.tolist(), strict=True)]
    out[~latin] = [
        CN_CITIES[a] + CN_CORE_1[b] + CN_CORE_2[c] + w + CN_SUFFIXES[s]
        for a, b, c, w, s in zip(
            city.tolist(), c1.tolist(), c2.tolist(), cn_words, suf.tolist(), strict=True
        )
    ]
    m = n - k
    fk = Faker("en_US")
    fk.seed_instance(ctx.seed + 1)
    surnames = sorted({fk.last_name() for _ in range(600)})
    ns = len(surnames)
    space = ns * (ns + 1) * 2 * len(EN_SUFFIXES)
    code = rng.choice(space, m, replace=m > space // 2)
    s1, rest = code // ((ns + 1) * 10), code % ((ns + 1) * 10)
    s2, wv, suf = rest // 10, rest // 5 % 2, rest % 5
    ind = industry[latin]
    out[latin] = [
        surnames[a] + ("" if b == ns else " & " + surnames[b]) + " "
        + EN_INDUSTRY_WORDS[i][w] + " " + EN_SUFFIXES[s]
        for a, b, i, w, s in zip(s1.tolist(), s2.tolist(), ind.tolist(), wv.tolist(), suf.tolist(), strict=True)
    ]  # fmt: skip
    return out


PRODUCT_LINES = (  # line, SKU prefix, models, list price range (major), margin range
    ("Sensors", "SEN", ("Pressure sensor", "Flow meter", "Gas detector", "Vibration probe",
                        "Temperature node", "Level gauge"), (800, 12_000), (0.35, 0.5)),
    ("Controllers", "CTL", ("Edge controller", "PLC module", "Motion drive", "Gateway",
                            "HMI panel", "Safety relay"), (6_000, 90_000), (0.25, 0.4)),
    ("Software", "SW", ("Fleet monitor licence", "Analytics suite", "MES connector",
                        "Mobile app seat", "Cloud storage plan", "API package"),
     (20_000, 260_000), (0.7, 0.88)),
    ("Services", "SRV", ("Installation", "Training day", "Annual maintenance", "Audit",
                         "Integration project", "On-site support"), (5_000, 120_000), (0.3, 0.55)),
    ("Spare parts", "SPR", ("Cable kit", "Power unit", "Filter pack", "Mounting set",
                            "Battery pack", "Display unit"), (150, 4_000), (0.2, 0.45)),
)  # fmt: skip


def products_table(ctx: Ctx) -> dict:
    rng = ctx.rng
    rows: dict[str, list] = {k: [] for k in ("sku", "name", "product_line")}
    price, cost = [], []
    for line, prefix, models, (lo, hi), (m_lo, m_hi) in PRODUCT_LINES:
        for j, model in enumerate(models):
            p = int(np.exp(rng.uniform(np.log(lo), np.log(hi))) // 10 * 10)
            rows["sku"].append(f"{prefix}-{1000 + 10 * j + int(rng.integers(0, 10))}")
            rows["name"].append(f"{model} {prefix[0]}{100 * (j + 1)}")
            rows["product_line"].append(line)
            price.append(p * 100)
            cost.append(int(p * 100 * (1 - rng.uniform(m_lo, m_hi))))
    n = len(price)
    return {"id": np.arange(1, n + 1), **rows,
            "list_price_minor": np.array(price), "unit_cost_minor": np.array(cost)}  # fmt: skip
