"""`salestui report customers`: the customer tiers table and its summary as md / csv / json.
Pure: the table of ``metrics_customer_table.customer_table`` in, text out."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from salestui.customers.table import TierSummary
from salestui.customers.tiers import TIERS
from salestui.kernel.dates import local, shown_dates
from salestui.kernel.format import number, numbers, percent
from salestui.kernel.i18n import N_, _, ngettext
from salestui.kernel.money import format_amount, money_plain
from salestui.kernel.report_table import Column, render_columns, render_table, view_line

if TYPE_CHECKING:
    import pandas as pd

CUSTOMER_COLUMNS: tuple[Column, ...] = (
    Column("id", N_("Id"), right=True, thousands=False),
    Column("name", N_("Customer")),
    Column("segment", N_("Segment"), words=True),
    Column("r", "R", right=True),
    Column("f", "F", right=True),
    Column("m", "M", right=True),
    Column("abc", N_("ABC")),
    Column("tier", N_("Tier"), words=True),
    Column("lifecycle", N_("Lifecycle"), words=True),
    Column("health", N_("Health"), right=True),
    Column("health_warning", N_("Health < limit"), words=True),
    Column("churn_warning", N_("Churn warning"), words=True),
    Column("open_pipeline", N_("Open pipeline"), money=True, right=True),
    Column("revenue_12m", N_("Revenue 12m"), money=True, right=True),
    Column("revenue_change_pct", N_("Change %"), right=True),
    Column("overdue", N_("Overdue"), money=True, right=True),
    Column("last_order", N_("Last order")),
    Column("owner", N_("Owner")),
    Column("region", N_("Region")),
)

SUMMARY_COLUMNS: tuple[Column, ...] = (
    Column("group", N_("Group"), words=True),
    Column("customers", N_("Customers"), right=True),
    Column("revenue_12m", N_("Revenue 12m"), money=True, right=True),
    Column("revenue_share_pct", N_("Share %"), right=True),
)
# the words of the summary's groups and of the tier, segment and lifecycle columns (customers.tiers
# keeps them in English), shown translated in Markdown
SHOWN_WORDS = (
    N_("class A"), N_("class B"), N_("class C"), N_("all"), N_("yes"), N_("no"),
    N_("key account"), N_("growth"), N_("potential"),
    N_("high value"), N_("general"), N_("churned"),
    N_("awareness"), N_("development"), N_("mature"), N_("decline"),
)  # fmt: skip


def customer_columns(table: pd.DataFrame) -> dict[str, list]:
    """The report's columns (``CUSTOMER_COLUMNS``' keys to their values, money in minor units),
    most 12-month revenue first (ties by id): worked column by column, never a row at a time
    (125,000 customers)."""
    import numpy as np

    names = (
        "name", "segment", "r", "f", "m", "abc", "tier", "lifecycle", "health",
        "health_warning", "churn_reason", "open_pipeline", "revenue_12m", "revenue_change",
        "overdue", "last_order", "owner", "region",
    )  # fmt: skip
    ordered = table[list(names)].take(
        np.lexsort((table.index.to_numpy(), -table["revenue_12m"].to_numpy(dtype="int64")))
    )

    def whole(name: str) -> list[int]:
        return ordered[name].astype("int64").tolist()

    return {
        "id": ordered.index.astype("int64").tolist(),
        "name": ordered["name"].tolist(),
        "segment": ordered["segment"].tolist(),
        "r": whole("r"),
        "f": whole("f"),
        "m": whole("m"),
        "abc": ordered["abc"].tolist(),
        "tier": ordered["tier"].tolist(),
        "lifecycle": ordered["lifecycle"].tolist(),
        "health": whole("health"),
        "health_warning": np.where(ordered["health_warning"], "yes", "no").tolist(),
        "churn_warning": [
            r if isinstance(r, str) else "" for r in ordered["churn_reason"].tolist()
        ],
        "open_pipeline": whole("open_pipeline"),
        "revenue_12m": whole("revenue_12m"),
        "revenue_change_pct": numbers(ordered["revenue_change"], decimals=1, missing=None),
        "overdue": whole("overdue"),
        "last_order": shown_dates(ordered["last_order"], missing=None),
        "owner": ordered["owner"].tolist(),
        "region": ordered["region"].tolist(),
    }


def summary_rows(s: TierSummary) -> list[dict]:
    def share(revenue: int) -> str | None:
        if s.revenue_12m <= 0:
            return None
        return percent(100 * revenue / s.revenue_12m, points=True, decimals=1, unit="")

    rows = [
        {"group": f"class {k}", "customers": n, "revenue_12m": rev, "revenue_share_pct": share(rev)}
        for k, (n, rev) in s.by_class.items()
    ]
    rows += [
        {"group": k, "customers": n, "revenue_12m": rev, "revenue_share_pct": share(rev)}
        for k, (n, rev) in s.by_tier.items()
    ]
    rows.append(
        {"group": "all", "customers": s.customers, "revenue_12m": s.revenue_12m,
         "revenue_share_pct": share(s.revenue_12m)}
    )  # fmt: skip
    return rows


def customers_report(
    table: pd.DataFrame,
    summary: TierSummary,
    *,
    as_of: datetime,
    scope: str,
    fmt: str,
    summary_only: bool = False,
    view: str = "",
) -> str:
    a_n = summary.by_class["A"][0]
    if fmt == "md":
        head = "# " + _("Customer tiers — {scope}").format(scope=scope) + "\n\n"
        head += view_line(view)
        head += _("As of {when}; revenue over the last 12 months.").format(when=local(as_of))
        head += "\n\n"
        story = []
        if summary.a_share is not None:
            story.append(
                "- "
                + ngettext(
                    "{n} A customer of {total} makes {share} of revenue",
                    "{n} A customers of {total} make {share} of revenue",
                    a_n,
                ).format(
                    n=f"{a_n:,}",
                    total=f"{summary.customers:,}",
                    share=percent(summary.a_share, decimals=1, unit=" %"),
                )
            )
        keys = summary.by_tier[TIERS[0]][0]
        story.append(
            "- " + ngettext("{n} key account", "{n} key accounts", keys).format(n=f"{keys:,}")
        )
        health, churn = summary.health_warnings, summary.churn_warnings
        story.append(
            "- "
            + ngettext("{n} health warning", "{n} health warnings", health).format(n=f"{health:,}")
            + _(", ")
            + ngettext("{n} churn warning", "{n} churn warnings", churn).format(n=f"{churn:,}")
        )
        collected = percent(summary.collection_rate, decimals=1, unit="")
        dso = number(summary.dso)
        story.append(
            "- "
            + _(
                "overdue {overdue} of {receivable} receivable; collected {collected} % of the "
                "invoices due in the last 12 months; DSO {dso} days"
            ).format(
                overdue=format_amount(summary.overdue, decimals=True),
                receivable=format_amount(summary.receivable, decimals=True),
                collected=collected,
                dso=dso,
            )
        )
        text = (
            head
            + "\n".join(story)
            + "\n\n"
            + render_table(SUMMARY_COLUMNS, summary_rows(summary), "md")
        )
        if not summary_only:
            text += "\n" + render_columns(CUSTOMER_COLUMNS, customer_columns(table), "md")
        return text
    if summary_only:
        meta = {"report": "tiers", "scope": scope, "view": view}
        return render_table(SUMMARY_COLUMNS, summary_rows(summary), fmt, meta=meta)
    meta = {
        "report": "customers",
        "as_of": as_of.isoformat(),
        "scope": scope,
        "view": view,
        "money": "major units, two decimals, as strings",
        "summary": {
            "customers": summary.customers,
            "a_customers": a_n,
            "a_revenue_share_pct": percent(summary.a_share, decimals=1, unit="", missing=None),
            "key_accounts": summary.by_tier[TIERS[0]][0],
            "health_warnings": summary.health_warnings,
            "churn_warnings": summary.churn_warnings,
            "overdue": money_plain(summary.overdue),
            "receivable": money_plain(summary.receivable),
            "collection_rate_pct": percent(
                summary.collection_rate, decimals=1, unit="", missing=None
            ),
            "dso_days": number(summary.dso, decimals=1, missing=None),
            "groups": [
                {**r, "revenue_12m": money_plain(r["revenue_12m"])} for r in summary_rows(summary)
            ],
        },
    }
    return render_columns(CUSTOMER_COLUMNS, customer_columns(table), fmt, meta=meta)
