"""`report customers` from README "Customer tiers" and "Definitions every figure shares"."""

from __future__ import annotations

import math
from datetime import timedelta

import pandas as pd

from tests.oracle.frames import Clock, between, half_up, last_12_months, major

KEY_ACCOUNT = 5_000_000_00
GROWTH = 1_000_000_00
OPEN = ("Prospect", "Qualified", "Proposal", "Negotiation")


def pct1(num: int, den: int) -> str | None:
    """An exact ratio as a percentage with one decimal, half up."""
    if den == 0:
        return None
    tenths = half_up(num * 1000, den)
    sign = "-" if tenths < 0 else ""
    return f"{sign}{abs(tenths) // 10}.{abs(tenths) % 10}"


def scores(values: pd.Series) -> pd.Series:
    """⌈5 × rank ÷ n⌉, the best value ranked n, ties sharing the highest rank."""
    n = len(values)
    ranks = values.rank(method="max", ascending=True)
    return ranks.map(lambda r: math.ceil(5 * r / n)).astype(int)


def customer_table(frames, clock: Clock) -> pd.DataFrame:
    """One row per customer with every figure of the list (raw, in minor units)."""
    today = clock.today
    w0, w1 = last_12_months(today)
    p0, p1 = last_12_months(today, back=1)
    cust = frames["customer"].set_index("id")
    orders = frames["sales_order"]
    opp = frames["opportunity"]
    out = pd.DataFrame(index=cust.index)
    in12 = orders[between(orders["order_date"], w0, w1)]
    inprev = orders[between(orders["order_date"], p0, p1)]
    real = orders[orders["amount_minor"] > 0]
    real12 = real[between(real["order_date"], w0, w1)]
    realprev = real[between(real["order_date"], p0, p1)]
    out["revenue"] = in12.groupby("customer_id")["amount_minor"].sum()
    out["revenue_prev"] = inprev.groupby("customer_id")["amount_minor"].sum()
    out["orders"] = real12.groupby("customer_id").size()
    out["orders_prev"] = realprev.groupby("customer_id").size()
    out = out.fillna(0).astype(int)
    out["last_order"] = real.groupby("customer_id")["order_date"].max()
    out["first_order"] = real.groupby("customer_id")["order_date"].min()
    out["days_since"] = out["last_order"].map(lambda d: None if pd.isna(d) else (today - d).days)

    # RFM among the customers who ordered in the last 12 months
    ordered = out[out["orders"] > 0]
    out["r"] = out["f"] = out["m"] = 0
    if len(ordered):
        out.loc[ordered.index, "r"] = scores(-ordered["days_since"])
        out.loc[ordered.index, "f"] = scores(ordered["orders"])
        out.loc[ordered.index, "m"] = scores(ordered["revenue"])

    def segment(c) -> str:
        if c.days_since is not None and c.days_since >= 180:
            return "churned"
        if c.r >= 4 and c.f >= 4 and c.m >= 4:
            return "high value"
        if c.r >= 3 and (c.f >= 3 or c.m >= 3):
            return "potential"
        return "general"

    out["segment"] = [segment(c) for c in out.itertuples()]

    # ABC over 12-month revenue, most first
    ranked = out.sort_values(["revenue"], ascending=False, kind="stable")
    total = int(ranked["revenue"].clip(lower=0).sum())
    abc, before = {}, 0
    for cid, rev in ranked["revenue"].items():
        if rev > 0 and before * 100 < 80 * total:
            abc[cid] = "A"
        elif rev > 0 and before * 100 < 95 * total:
            abc[cid] = "B"
        else:
            abc[cid] = "C"
        before += max(int(rev), 0)
    out["abc"] = pd.Series(abc)
    out["tier"] = out["revenue"].map(
        lambda r: "key account" if r >= KEY_ACCOUNT else "growth" if r >= GROWTH else "potential"
    )

    def lifecycle(c) -> str:
        if pd.isna(c.first_order):
            return "awareness"
        if c.days_since >= 180:
            return "churned"
        if c.first_order >= w0:
            return "development"
        if c.revenue_prev > 0 and c.revenue * 10 <= c.revenue_prev * 7:
            return "decline"
        return "mature"

    out["lifecycle"] = [lifecycle(c) for c in out.itertuples()]

    # overdue, receivable, open pipeline
    inv = orders[orders["amount_minor"] > 0].copy()
    inv["open"] = (inv["amount_minor"] - inv["paid_minor"]).clip(lower=0)
    overdue = inv[inv["due_date"] < today]
    out["overdue"] = overdue.groupby("customer_id")["open"].sum()
    out["receivable"] = inv.groupby("customer_id")["open"].sum()
    live = opp[opp["stage"].isin(OPEN)]
    out["open_pipeline"] = live.groupby("customer_id")["amount_minor"].sum()
    for col in ("overdue", "receivable", "open_pipeline"):
        out[col] = out[col].fillna(0).astype(int)
    out["health"] = health(frames, clock, out)
    out["churn_warning"] = churn_warnings(frames, clock, out.index)
    return out


def health(frames, clock: Clock, out: pd.DataFrame) -> pd.Series:
    from tests.oracle.health import health_score

    return health_score(frames, clock, out)


def churn_warnings(frames, clock: Clock, ids) -> pd.Series:
    """Orders, and activities, of the last 90 days at most half the customer's own rate over the
    360 days before (with at least 4 then); the reasons in words."""
    today = clock.today
    recent0 = today - timedelta(days=89)
    before0 = recent0 - timedelta(days=360)
    before1 = recent0 - timedelta(days=1)
    orders = frames["sales_order"]
    orders = orders[orders["amount_minor"] > 0]
    acts = frames["activity"].dropna(subset=["customer_id"])
    kinds = {
        "orders": (orders["customer_id"], orders["order_date"]),
        "activities": (acts["customer_id"].astype(int), acts["occurred_at"].dt.date),
    }
    reasons = {cid: [] for cid in ids}
    for kind, (who, when) in kinds.items():
        recent = who[between(when, recent0, today)].value_counts()
        before = who[between(when, before0, before1)].value_counts()
        for cid in ids:
            then, now = int(before.get(cid, 0)), int(recent.get(cid, 0))
            usual = then * 90 / 360
            if then >= 4 and now <= usual / 2:
                reasons[cid].append(f"{kind} {now} in 90 days, usually {usual:g}")
    return pd.Series({cid: "; ".join(r) for cid, r in reasons.items()})


def customers(frames, clock: Clock) -> dict:
    t = customer_table(frames, clock)
    people = frames["person"].set_index("id")["display_name"]
    regions = frames["region"].set_index("id")["name"]
    cust = frames["customer"].set_index("id")
    rows = []
    for cid, c in t.iterrows():
        rows.append(
            {
                "id": int(cid),
                "name": cust.at[cid, "name"],
                "segment": c["segment"],
                "r": int(c["r"]),
                "f": int(c["f"]),
                "m": int(c["m"]),
                "abc": c["abc"],
                "tier": c["tier"],
                "lifecycle": c["lifecycle"],
                "health": int(c["health"]),
                "health_warning": "yes" if c["health"] < 80 else "no",
                "churn_warning": c["churn_warning"],
                "open_pipeline": major(int(c["open_pipeline"])),
                "revenue_12m": major(int(c["revenue"])),
                "revenue_change_pct": pct1(
                    int(c["revenue"] - c["revenue_prev"]), int(c["revenue_prev"])
                )
                if c["revenue_prev"] > 0
                else None,
                "overdue": major(int(c["overdue"])),
                "last_order": None if pd.isna(c["last_order"]) else c["last_order"].isoformat(),
                "owner": people.get(cust.at[cid, "owner_id"]),
                "region": regions.get(cust.at[cid, "region_id"]),
            }
        )
    return {"summary": summary(frames, clock, t), "rows": {r["id"]: r for r in rows}}


def summary(frames, clock: Clock, t: pd.DataFrame) -> dict:
    today = clock.today
    w0, w1 = last_12_months(today)
    orders = frames["sales_order"]
    due = orders[(orders["amount_minor"] > 0) & between(orders["due_date"], w0, w1)]
    total = int(t["revenue"].sum())
    groups = []
    for label, mask in (
        *((f"class {k}", t["abc"] == k) for k in "ABC"),
        *((k, t["tier"] == k) for k in ("key account", "growth", "potential")),
        ("all", t["abc"].notna()),
    ):
        rev = int(t.loc[mask, "revenue"].sum())
        groups.append(
            {
                "group": label,
                "customers": int(mask.sum()),
                "revenue_12m": major(rev),
                "revenue_share_pct": pct1(rev, total) if total > 0 else None,
            }
        )
    a = t[t["abc"] == "A"]
    receivable = int(t["receivable"].sum())
    return {
        "customers": len(t),
        "a_customers": len(a),
        "a_revenue_share_pct": pct1(int(a["revenue"].sum()), total) if total > 0 else None,
        "key_accounts": int((t["tier"] == "key account").sum()),
        "health_warnings": int((t["health"] < 80).sum()),
        "churn_warnings": int((t["churn_warning"] != "").sum()),
        "overdue": major(int(t["overdue"].sum())),
        "receivable": major(receivable),
        "collection_rate_pct": pct1(int(due["paid_minor"].sum()), int(due["amount_minor"].sum())),
        "dso_days": pct1(receivable * 365, total * 100) if total > 0 else None,
        "groups": groups,
    }


def comparable(app: dict) -> dict:
    return {**app, "rows": {r["id"]: r for r in app["rows"]}}
