"""The customer health score of README "Customer tiers": four parts of 0–25."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from tests.oracle.frames import Clock, between, last_12_months

COMPETITOR_WORDS = ("competitor", "竞争", "竞品", "对手")


def clamp(x: float) -> float:
    return max(0.0, min(25.0, x))


def parts(frames, clock: Clock, t: pd.DataFrame) -> pd.DataFrame:
    today = clock.today
    w0, w1 = last_12_months(today)
    ids = t.index
    p = pd.DataFrame(index=ids)

    def frequency(c) -> float:
        if c.orders_prev == 0:
            return 25.0 if c.orders > 0 else 0.0
        return clamp(25 * c.orders / c.orders_prev)

    p["frequency"] = [frequency(c) for c in t.itertuples()]

    opp = frames["opportunity"]
    newest = opp.groupby("customer_id")["created_at"].max().map(lambda ts: (today - ts.date()).days)

    def need(cid) -> float:
        d = newest.get(cid)
        if d is None:
            return 0.0
        # the last N days: today and the N - 1 before; the year: the last 12 months
        return (
            25.0
            if d < 90
            else 15.0
            if d < 180
            else 5.0
            if today - timedelta(days=int(d)) >= w0
            else 0.0
        )

    p["need"] = [need(cid) for cid in ids]

    nps = frames["nps_answer"]
    nps = nps[between(nps["answered_on"], w0, w1)]
    comp = frames["complaint"]
    comp = comp[between(comp["opened_at"], w0, w1)]
    late = comp["first_response_at"].fillna(clock.local_now) - comp["opened_at"] > timedelta(
        hours=48
    )

    def service(cid) -> float:
        answers = nps[nps["customer_id"] == cid]["score"]
        if len(answers):
            promoters = (answers >= 9).sum() / len(answers)
            detractors = (answers <= 6).sum() / len(answers)
            base = 25 * (100 * (promoters - detractors) + 100) / 200
        else:
            base = 25.0
        mine = comp["customer_id"] == cid
        return clamp(base - 5 * int(mine.sum()) - 5 * int((mine & late).sum()))

    p["service"] = [service(cid) for cid in ids]

    closed = opp[opp["stage"].isin(["Won", "Lost"]) & between(opp["closed_at"], w0, w1)]
    acts = frames["activity"]
    acts = acts[between(acts["occurred_at"], w0, w1)]
    naming = (
        acts["note"].fillna("").str.lower().map(lambda n: any(w in n for w in COMPETITOR_WORDS))
    )

    def competitor(cid) -> float:
        mine = closed[closed["customer_id"] == cid]
        lost_share = (mine["lost_reason"] == "competitor").mean() if len(mine) else 0.0
        a = acts["customer_id"] == cid
        act_share = naming[a].mean() if a.sum() else 0.0
        return clamp(25 - 15 * lost_share - 10 * act_share)

    p["competitor"] = [competitor(cid) for cid in ids]
    return p


def health_score(frames, clock: Clock, t: pd.DataFrame) -> pd.Series:
    """Each part rounded half up to a whole point, then added."""
    p = parts(frames, clock, t)
    return p.map(lambda x: int(x + 0.5 + 1e-9)).sum(axis=1)
