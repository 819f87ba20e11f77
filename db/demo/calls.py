"""A history of weekly forecast calls, so the accuracy screen is alive on first start.

Every person calls their scope's quarter each week, for the 4 quarters before today's and today's
up to last week: far from the outcome in week 1 (20–40 % off, each person leaning their own way —
a sandbagger calls low, an optimist high), converging on what closed by week 13. A manager calls
the sum of their reports' calls, nudged by their judgment. The outcomes are one grouped sum over
the generated deals (no query); a random stream of its own (the seed + 61), so the calls are new
rows only and no other figure of the demo changed.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from salestui.db.demo.base import DAY, EPOCH, Ctx
from salestui.db.demo.people import People
from salestui.db.demo.sales import Deals, W
from salestui.kernel.periods import add_months, quarter_start, week_bounds

WEEKS = 13
QUARTERS = 5  # the 4 before today's and today's
ROUND = 100_000  # calls are round thousands


def build_calls(ctx: Ctx, ppl: People, deals: Deals) -> dict:
    rng = np.random.default_rng(ctx.seed + 61)
    n = len(ppl.login)
    q_now = quarter_start(ctx.today)
    starts = [add_months(q_now, -3 * k) for k in range(QUARTERS - 1, -1, -1)]
    bounds = np.array([(s - EPOCH).days for s in [*starts, add_months(q_now, 3)]])
    won = deals.stage == W
    day = deals.closed_day[won] + ctx.start_day
    q = np.searchsorted(bounds, day, side="right") - 1
    inside = (q >= 0) & (q < QUARTERS)
    own = np.zeros((n, QUARTERS), dtype=np.int64)
    np.add.at(own, (deals.owner[won][inside], q[inside]), deals.amount[won][inside])
    # today's quarter has not closed: its calls aim at where it is heading
    elapsed = max((ctx.today - q_now).days, 7) / ((add_months(q_now, 3) - q_now).days)
    own[:, -1] = (own[:, -1] / min(1.0, elapsed + 0.1)).astype(np.int64)
    # who leans which way: about one in six sandbags, one in six is an optimist
    lean = rng.normal(0.0, 0.08, n)
    kind = rng.random(n)
    lean[kind < 1 / 6] = -rng.uniform(0.2, 0.4, int((kind < 1 / 6).sum()))
    lean[kind > 5 / 6] = rng.uniform(0.2, 0.4, int((kind > 5 / 6).sum()))
    manages = np.isin(np.arange(n), ppl.manager)
    lean[manages] = np.clip(lean[manages] / 3, -0.12, 0.12)  # a manager's judgment is milder
    depth = _depth(ppl.manager)
    order = np.argsort(-depth, kind="stable")  # reports before their managers
    reports = [np.flatnonzero(ppl.manager == i) for i in range(n)]
    rows: dict[str, list] = {k: [] for k in ("person_id", "period_start", "week_start")}
    rows |= {"amount_minor": [], "note": [], "made_at": [], "made_by": []}
    here = _present(ctx, ppl, bounds)
    for qi, q0 in enumerate(starts):
        w1 = week_bounds(q0, 0)[0]
        for k in range(1, WEEKS + 1):
            week = w1 + timedelta(days=7 * (k - 1))
            wd = (week - EPOCH).days
            if wd + 7 > ctx.today_day:
                break  # only whole weeks gone by
            f = (WEEKS - k) / (WEEKS - 1)  # 1 in week 1, 0 in week 13
            noise = rng.normal(0.0, 0.06, n) * f
            call = np.zeros(n)
            for i in order:
                base = own[i, qi] + call[reports[i]].sum()
                call[i] = max(0.0, base * (1 + f * (lean[i] + noise[i])))
            made = rng.integers(0, 5, n)
            skip = (rng.random(n) < 0.05) & ~manages  # a rep forgets now and then
            for i in np.flatnonzero(here[:, qi] & ~skip):
                rows["person_id"].append(i + 1)
                rows["period_start"].append((q0 - EPOCH).days)
                rows["week_start"].append(wd)
                rows["amount_minor"].append(int(round(call[i] / ROUND)) * ROUND)
                rows["note"].append("")
                at = (wd + int(made[i])) * DAY + 3_600 + int(rng.integers(0, 30_000))
                rows["made_at"].append(min(at, ctx.now_s - 1))
                rows["made_by"].append(str(ppl.login[i]))
    out = {"id": np.arange(1, len(rows["person_id"]) + 1)}
    for key, values in rows.items():
        out[key] = values if key in ("note", "made_by") else np.array(values, dtype=np.int64)
    return out


def _depth(manager: np.ndarray) -> np.ndarray:
    depth = np.zeros(len(manager), dtype=np.int64)
    for i in range(len(manager)):
        j, d = manager[i], 0
        while j >= 0 and d < len(manager):
            j, d = manager[j], d + 1
        depth[i] = d
    return depth


def _present(ctx: Ctx, ppl: People, bounds: np.ndarray) -> np.ndarray:
    """Whether each person worked there during each quarter (hired before its end, not gone
    before its start)."""
    start = ppl.start[:, None] + ctx.start_day
    end = ppl.end[:, None] + ctx.start_day
    return (start < bounds[None, 1:]) & (end > bounds[None, :-1])
