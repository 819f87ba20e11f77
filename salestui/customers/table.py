"""The customer tiers table and its header summary: every figure of the list, computed once over
all customers (quintiles and ABC rank the whole company), then sorted and filtered in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from salestui.customers.health import CustomerRules, churn_warnings, customer_frame, health_scores
from salestui.customers.tiers import (
    TIERS,
    abc_classes,
    account_tiers,
    behaviour_changes,
    days_sales_outstanding,
    lifecycle_stages,
    overdue_share,
    revenue_change_pct,
    rfm_scores,
)
from salestui.kernel.invoices import collection_rate

if TYPE_CHECKING:
    import pandas as pd

    from salestui.db.queries.customers import CustomerInputs, TierInputs

# The list's columns, in order; the sort keys of the screen and the report's header.
TABLE_COLUMNS = (
    "name",
    "segment",
    "rfm",
    "abc",
    "tier",
    "lifecycle",
    "health",
    "churn",
    "open_pipeline",
    "revenue_12m",
    "revenue_change",
    "overdue",
    "last_order",
    "owner",
    "region",
)


def _tiers(table: pd.DataFrame, rules: CustomerRules) -> None:
    """The tiers that rank each customer against the whole company (RFM quintiles, ABC) and
    the account tier, set on ``table`` in place."""
    rfm = rfm_scores(table, rules)
    table["recency_days"] = rfm["recency_days"]
    table["segment"] = rfm["segment"]
    table["r"], table["f"], table["m"] = rfm["r"], rfm["f"], rfm["m"]
    table["rfm"] = rfm["r"] * 100 + rfm["f"] * 10 + rfm["m"]
    table["abc"] = abc_classes(table["revenue_12m"])
    table["tier"] = account_tiers(table["revenue_12m"])


# The columns set by ranking the whole company (:func:`company_wide`): every other column of the
# table is the customer's own (:func:`per_customer`), whoever else changes.
COMPANY_WIDE = ("recency_days", "segment", "r", "f", "m", "rfm", "abc", "tier", "behaviour_change")
# The customer's own columns :func:`company_wide` ranks by — with the day, its only inputs: a
# table brought up to date where none of them changed for any customer keeps its ranks
# (``tests/customers/test_table.py`` changes every other column and finds the ranks the same).
COMPANY_INPUTS = (
    "orders_12m",
    "orders_total",
    "last_order",
    "revenue_12m",
    "orders_180d",
    "orders_180_540d",
    "revenue_180d",
    "revenue_180_540d",
)


def _life(frame: pd.DataFrame, rules: CustomerRules) -> pd.DataFrame:
    """``frame`` with each customer's lifecycle stage and revenue change (the tiers' own part)."""
    table = frame.copy()
    table["lifecycle"] = lifecycle_stages(frame, rules)
    table["revenue_change"] = revenue_change_pct(frame["revenue_12m"], frame["revenue_prev_12m"])
    return table


def per_customer(frame: pd.DataFrame, rules: CustomerRules) -> pd.DataFrame:
    """The figures of each customer from its own inputs alone (``customer_frame``'s row)."""
    table = _life(frame, rules)
    health = health_scores(frame, rules)
    for col in ("frequency", "need", "satisfaction", "competition", "health"):
        table[col] = health[col]
    table["health_warning"] = health["warning"]
    reasons = {w.customer_id: w.reason for w in churn_warnings(frame, rules)}
    table["churn_reason"] = table.index.map(lambda c: reasons.get(int(c), ""))
    table["churn"] = table["churn_reason"] != ""
    table["collection_rate"] = collection_rate(frame["paid_on_due_12m"], frame["due_12m"])
    table["overdue_share"] = overdue_share(frame["overdue"], frame["receivable"])
    table["dso"] = days_sales_outstanding(frame["receivable"], frame["revenue_12m"])
    return table


def company_wide(table: pd.DataFrame, rules: CustomerRules) -> pd.DataFrame:
    """``table`` of :func:`per_customer` with the :data:`COMPANY_WIDE` columns set (in place)."""
    _tiers(table, rules)
    key = (table["tier"] == TIERS[0]) | (table["abc"] == "A")
    table["behaviour_change"] = behaviour_changes(table, key, rules)
    return table


def same_inputs(table: pd.DataFrame, fresh: pd.DataFrame) -> bool:
    """Whether ``fresh`` (some of ``table``'s customers, computed again) holds the same
    :data:`COMPANY_INPUTS` as ``table`` for each of them, exactly (missing equals missing)."""
    import pandas as pd

    before = table.loc[fresh.index]
    for column in COMPANY_INPUTS:
        if column not in before.columns or column not in fresh.columns:
            return False
        try:
            pd.testing.assert_series_equal(
                before[column], fresh[column], check_dtype=False, check_exact=True,
                check_names=False,
            )  # fmt: skip
        except AssertionError:
            return False
    return True


def customer_table(
    inputs: CustomerInputs, now: datetime, rules: CustomerRules | None = None
) -> pd.DataFrame:
    """One row per customer with every list figure, plus the inputs the detail explains."""
    rules = rules or CustomerRules()
    return company_wide(per_customer(customer_frame(inputs, now), rules), rules)


# What the tiers' first read leaves missing (NaN, False for the flags) until the whole table.
PENDING_NUMBERS = (
    "frequency",
    "need",
    "satisfaction",
    "competition",
    "health",
    "open_pipeline",
    "overdue",
    "receivable",
    "due_12m",
    "paid_on_due_12m",
    "collection_rate",
    "overdue_share",
    "dso",
)
PENDING_FLAGS = ("health_warning", "churn")


def tier_table(
    inputs: TierInputs, now: datetime, rules: CustomerRules | None = None
) -> pd.DataFrame:
    """The list's rows with the tiers alone (segment, RFM, ABC, tier, lifecycle, revenue and
    its change, last order): what a screen shows while the rest is read. The other figures
    are missing; ``attrs['partial']`` says so."""
    import numpy as np

    rules = rules or CustomerRules()
    frame = customer_frame(inputs, now)
    table = _life(frame, rules)
    _tiers(table, rules)
    for col in PENDING_NUMBERS:
        table[col] = np.nan
    for col in PENDING_FLAGS:
        table[col] = False
    table["churn_reason"] = ""
    table["behaviour_change"] = ""
    table.attrs["partial"] = True
    return table


def is_partial(table: pd.DataFrame) -> bool:
    return bool(table.attrs.get("partial", False))


@dataclass(frozen=True)
class TierSummary:
    """The header's story: how few customers carry the revenue, and what needs attention."""

    customers: int
    revenue_12m: int
    by_class: dict[str, tuple[int, int]]  # A/B/C → (customers, revenue)
    by_tier: dict[str, tuple[int, int]]  # key account/growth/potential → (customers, revenue)
    a_share: float | None  # share of revenue held by the A customers
    health_warnings: int
    churn_warnings: int
    overdue: int
    receivable: int
    collection_rate: float | None
    overdue_share: float | None
    dso: float | None


def tier_summary(table: pd.DataFrame) -> TierSummary:
    """Totals over the rows given (all customers, or those a person sees)."""

    def split(col: str, keys) -> dict[str, tuple[int, int]]:
        counts = table[col].value_counts()
        revenue = table.groupby(col)["revenue_12m"].sum()
        return {k: (int(counts.get(k, 0)), int(revenue.get(k, 0))) for k in keys}

    total = int(table["revenue_12m"].sum())
    by_class = split("abc", ("A", "B", "C"))
    receivable = int(table["receivable"].sum())
    overdue = int(table["overdue"].sum())
    return TierSummary(
        customers=len(table),
        revenue_12m=total,
        by_class=by_class,
        by_tier=split("tier", TIERS),
        a_share=by_class["A"][1] / total if total > 0 else None,
        health_warnings=int(table["health_warning"].sum()),
        churn_warnings=int(table["churn"].sum()),
        overdue=overdue,
        receivable=receivable,
        collection_rate=collection_rate(
            int(table["paid_on_due_12m"].sum()), int(table["due_12m"].sum())
        ),
        overdue_share=overdue_share(overdue, receivable),
        dso=days_sales_outstanding(receivable, total),
    )


@dataclass(frozen=True)
class TableFilter:
    """What the list shows; every field narrows it (None / "" = no narrowing)."""

    owner_ids: frozenset[int] | None = None  # whom the person may see, or a chosen owner
    segment: str | None = None
    abc: str | None = None
    tier: str | None = None
    health_below: bool = False
    churn: bool = False
    region_id: int | None = None
    text: str = ""


def filter_table(table: pd.DataFrame, flt: TableFilter) -> pd.DataFrame:
    keep = table["name"].notna()
    if flt.owner_ids is not None:
        keep &= table["owner_id"].isin(list(flt.owner_ids))
    for col, value in (("segment", flt.segment), ("abc", flt.abc), ("tier", flt.tier)):
        if value:
            keep &= table[col] == value
    if flt.health_below:
        keep &= table["health_warning"]
    if flt.churn:
        keep &= table["churn"]
    if flt.region_id is not None:
        keep &= table["region_id"] == flt.region_id
    needle = flt.text.strip().lower()
    if needle:
        hay = table["name"].str.lower() + " " + table["owner"].str.lower()
        keep &= hay.str.contains(needle, regex=False)
    return table[keep]


def sort_table(table: pd.DataFrame, column: str, descending: bool) -> pd.DataFrame:
    """Sorted by one list column, ties by customer id; empty values last either way."""
    if column not in TABLE_COLUMNS:
        raise ValueError(f"unknown column {column!r}")
    key = table[column]
    if column == "churn":
        key = key.astype("int64")
    elif column == "last_order":
        import pandas as pd

        key = pd.to_datetime(key)
    ordered = table.assign(_key=key, _id=table.index).sort_values(
        ["_key", "_id"], ascending=[not descending, True], na_position="last", kind="stable"
    )
    return ordered.drop(columns=["_key", "_id"])
