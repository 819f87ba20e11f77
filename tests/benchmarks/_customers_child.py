"""One measured run in a fresh interpreter (spawned by bench_customers.py); prints one JSON line.

``screen DB``: salestui opened straight on the customer tiers screen: its first frame (header
and empty list, before the figures) and the moment the figures are drawn.
``figures DB``: the per-customer SQL aggregates and the pandas scoring, timed apart.
"""

from __future__ import annotations

import json
import sys
import time

T_START = time.perf_counter()


def screen(db: str) -> None:
    from salestui.app import SalestuiApp
    from salestui.context import AppContext
    from salestui.db.engine import check_database
    from salestui.screens.customers import CustomersScreen

    stamps: dict[str, float] = {}
    mounted = CustomersScreen.on_mount
    loaded = CustomersScreen.on_customers_screen_loaded

    def on_mount(self) -> None:
        mounted(self)
        self.app.call_after_refresh(lambda: stamps.setdefault("first", time.perf_counter()))

    def on_loaded(self, event) -> None:
        loaded(self, event)
        self.app.call_after_refresh(lambda: self.app.exit(time.perf_counter()))

    CustomersScreen.on_mount = on_mount
    CustomersScreen.on_customers_screen_loaded = on_loaded

    SalestuiApp.DEFAULT_MODE = "customers"  # as if `2` had been pressed on opening
    app = SalestuiApp(AppContext(check_database(db), "demo"))
    filled = app.run(headless=True, size=(120, 40))
    print(json.dumps({"first_s": stamps["first"] - T_START, "filled_s": filled - T_START}))


def figures(db: str) -> None:
    from datetime import UTC, datetime

    import pandas  # noqa: F401  (imported before the clock starts: not a figure's cost)

    from salestui.context import AppContext
    from salestui.customer_view import read_inputs
    from salestui.metrics_customer_table import customer_table
    from salestui.metrics_customer_tiers import (
        abc_classes,
        account_tiers,
        lifecycle_stages,
        rfm_scores,
    )
    from salestui.metrics_customers import customer_frame

    ctx = AppContext(db, "demo")
    now = datetime.now(UTC)
    t0 = time.perf_counter()
    inputs = read_inputs(ctx, now.date())
    t1 = time.perf_counter()
    frame = customer_frame(inputs, now)
    rfm_scores(frame)
    abc_classes(frame["revenue_12m"])
    account_tiers(frame["revenue_12m"])
    lifecycle_stages(frame)
    t2 = time.perf_counter()
    table = customer_table(inputs, now)
    t3 = time.perf_counter()
    print(
        json.dumps(
            {
                "sql_s": t1 - t0,
                "tiers_pandas_s": t2 - t1,
                "all_pandas_s": t3 - t2,
                "customers": len(table),
                "orders": int(table["orders_total"].sum()),
            }
        )
    )


if __name__ == "__main__":
    {"screen": screen, "figures": figures}[sys.argv[1]](*sys.argv[2:])
