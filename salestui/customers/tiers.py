"""Which customers matter: RFM, ABC, account tier, lifecycle, key-customer behaviour change and
collections, as DOMAIN.md defines them, over the frame of ``metrics_customers.customer_frame``.

Quintile scores use the rank of each customer among those who ordered in the last 12 months:
score = ⌈5 × rank / n⌉ with ties sharing the highest rank, so tied customers score alike and a
lone customer scores 5.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from salestui.customers.health import CustomerRules
from salestui.kernel.format import percent
from salestui.kernel.i18n import _
from salestui.kernel.periods import last_days

if TYPE_CHECKING:
    import pandas as pd

KEY_ACCOUNT_MINOR = 5_000_000 * 100
GROWTH_MINOR = 1_000_000 * 100
TIERS = ("key account", "growth", "potential")
SEGMENTS = ("high value", "potential", "general", "churned")


def quintile_scores(values: pd.Series, *, lower_is_better: bool = False) -> pd.Series:
    """1–5 by quintile of rank; ties share the highest rank of their group."""
    import numpy as np

    if values.empty:
        return values.astype("int64")
    ranked = (-values if lower_is_better else values).rank(method="max")
    return np.ceil(5 * ranked / len(values)).astype("int64")


def rfm_scores(frame: pd.DataFrame, rules: CustomerRules | None = None) -> pd.DataFrame:
    """Recency (days since last order), frequency (orders) and monetary (revenue) over the last
    12 months, each scored 1–5 by quintile among customers who ordered; 0 for those who did not.
    Segment: churned (had orders, none in ``churned_after_days``), high value (R, F, M ≥ 4),
    potential (R ≥ 3 and F or M ≥ 3), general (the rest)."""
    import pandas as pd

    rules = rules or CustomerRules()
    today: date = frame.attrs["today"]
    out = pd.DataFrame(index=frame.index)
    active = frame["orders_12m"] > 0
    last = pd.to_datetime(frame["last_order"])
    recency = (pd.Timestamp(today) - last).dt.days
    out["recency_days"] = recency
    for col, series, low in (
        ("r", recency[active].astype("int64"), True),
        ("f", frame.loc[active, "orders_12m"], False),
        ("m", frame.loc[active, "revenue_12m"], False),
    ):
        out[col] = quintile_scores(series, lower_is_better=low).reindex(out.index).fillna(0)
        out[col] = out[col].astype("int64")
    cutoff = last_days(today, rules.churned_after_days).start - timedelta(days=1)
    churned = (frame["orders_total"] > 0) & (last <= pd.Timestamp(cutoff))
    high = (out["r"] >= 4) & (out["f"] >= 4) & (out["m"] >= 4)
    potential = (out["r"] >= 3) & ((out["f"] >= 3) | (out["m"] >= 3))
    out["segment"] = "general"
    out.loc[potential, "segment"] = "potential"
    out.loc[high, "segment"] = "high value"
    out.loc[churned, "segment"] = "churned"
    return out


def abc_classes(revenue: pd.Series) -> pd.Series:
    """A: the top customers by 12-month revenue up to and including the one that reaches 80 %
    of the total; B: on to 95 %; C: the rest, and everyone without positive revenue."""
    import pandas as pd

    out = pd.Series("C", index=revenue.index, dtype="object")
    positive = revenue[revenue > 0]
    total = positive.sum()
    if total <= 0:
        return out
    ordered = positive.sort_index().sort_values(ascending=False, kind="stable")
    before = (ordered.cumsum() - ordered) / total  # share held by the customers ahead of this one
    out[before.index[before < 0.80]] = "A"
    out[before.index[(before >= 0.80) & (before < 0.95)]] = "B"
    return out


def account_tiers(revenue_12m: pd.Series) -> pd.Series:
    """Key account ≥ 5,000,000 a year; growth from 1,000,000; potential below."""
    import numpy as np
    import pandas as pd

    tiers = np.select(
        [revenue_12m >= KEY_ACCOUNT_MINOR, revenue_12m >= GROWTH_MINOR], TIERS[:2], TIERS[2]
    )
    return pd.Series(tiers, index=revenue_12m.index, dtype="object")


def lifecycle_stages(frame: pd.DataFrame, rules: CustomerRules | None = None) -> pd.Series:
    """awareness (never ordered) → development (first order within a year) → mature →
    decline (12-month revenue down ≥ 30 % on the year before) → churned (none in 180 days)."""
    import numpy as np
    import pandas as pd

    from salestui.db.queries.customers import year_before

    rules = rules or CustomerRules()
    today: date = frame.attrs["today"]
    y1 = year_before(today)
    cutoff = last_days(today, rules.churned_after_days).start - timedelta(days=1)
    first = pd.to_datetime(frame["first_order"])
    last = pd.to_datetime(frame["last_order"])
    never = frame["orders_total"] == 0
    churned = ~never & (last <= pd.Timestamp(cutoff))
    young = first > pd.Timestamp(y1)
    prev, now = frame["revenue_prev_12m"], frame["revenue_12m"]
    decline = (prev > 0) & (now <= prev * (1 - rules.decline_drop))
    stages = np.select(
        [never, churned, young, decline],
        ["awareness", "churned", "development", "decline"],
        "mature",
    )
    return pd.Series(stages, index=frame.index, dtype="object")


def revenue_change_pct(now: pd.Series, before: pd.Series) -> pd.Series:
    """Year-on-year change of 12-month revenue in %, NaN without revenue the year before."""
    return 100 * (now - before) / before.where(before > 0)


def behaviour_changes(
    frame: pd.DataFrame, key: pd.Series, rules: CustomerRules | None = None
) -> pd.Series:
    """For key customers (``key`` True): order frequency or average order size over the last
    180 days down ≥ 30 % against the 360 days before (frequency halved to 180 days). Text of
    what moved, or "" for no change."""
    import pandas as pd

    rules = rules or CustomerRules()
    keep = 1 - rules.behaviour_drop
    recent_n, before_n = frame["orders_180d"], frame["orders_180_540d"]
    usual_n = before_n / 2
    freq = key & (before_n >= 2) & (recent_n <= usual_n * keep)
    size_now = frame["revenue_180d"] / recent_n.where(recent_n > 0)
    size_before = frame["revenue_180_540d"] / before_n.where(before_n > 0)
    size = key & (size_now <= size_before * keep)
    out = pd.Series("", index=frame.index, dtype="object")
    hit = (freq | size).to_numpy()
    words = []
    for is_freq, is_size, n, usual, now, before in zip(  # the few hit, value by value
        freq.to_numpy()[hit].tolist(),
        size.to_numpy()[hit].tolist(),
        recent_n.to_numpy()[hit].tolist(),
        usual_n.to_numpy()[hit].tolist(),
        size_now.to_numpy()[hit].tolist(),
        size_before.to_numpy()[hit].tolist(),
        strict=True,
    ):
        parts = []
        if is_freq:
            parts.append(
                _("orders {n} in 180 days, usually {usual}").format(n=int(n), usual=f"{usual:g}")
            )
        if is_size:
            change = 100 * (now - before) / before
            parts.append(
                _("average order {change}").format(
                    change=percent(change, points=True, signed=True, unit=" %")
                )
            )
        words.append(_("; ").join(parts))
    out[hit] = words
    return out


def overdue_share(overdue, receivable):
    """Overdue / receivable; None/NaN with nothing receivable."""
    if isinstance(receivable, int):
        return None if receivable <= 0 else overdue / receivable
    return overdue / receivable.where(receivable > 0)


def days_sales_outstanding(receivable, revenue_12m):
    """Receivable / 12-month revenue × 365 days; None/NaN without positive revenue."""
    if isinstance(revenue_12m, int):
        return None if revenue_12m <= 0 else 365 * receivable / revenue_12m
    return 365 * receivable / revenue_12m.where(revenue_12m > 0)
