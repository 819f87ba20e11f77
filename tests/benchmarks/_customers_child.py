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
    from salestui.screens.customers.screen import CustomersScreen

    stamps: dict[str, float] = {}
    mounted = CustomersScreen.on_mount
    loaded = CustomersScreen.on_customers_screen_loaded

    def on_mount(self) -> None:
        mounted(self)
        self.app.call_after_refresh(lambda: stamps.setdefault("first", time.perf_counter()))

    def on_loaded(self, event) -> None:
        from salestui.customers.table import is_partial

        loaded(self, event)
        if is_partial(event.table):
            self.app.call_after_refresh(lambda: stamps.setdefault("tiers", time.perf_counter()))
        else:
            self.app.call_after_refresh(lambda: self.app.exit(time.perf_counter()))

    CustomersScreen.on_mount = on_mount
    CustomersScreen.on_customers_screen_loaded = on_loaded

    SalestuiApp.DEFAULT_MODE = "customers"  # as if `2` had been pressed on opening
    app = SalestuiApp(AppContext(check_database(db), "demo"))
    filled = app.run(headless=True, size=(120, 40))
    tiers = stamps.get("tiers", filled)  # the whole table cached: no tiers-only step
    print(
        json.dumps(
            {
                "first_s": stamps["first"] - T_START,
                "tiers_s": tiers - T_START,
                "filled_s": filled - T_START,
            }
        )
    )


def figures(db: str) -> None:
    from datetime import UTC, datetime

    import pandas  # noqa: F401  (imported before the clock starts: not a figure's cost)

    from salestui.context import AppContext
    from salestui.customers.load import InputsReading
    from salestui.customers.table import customer_table, tier_table
    from salestui.db.queries.customers import INPUT_PARTS
    from salestui.db.queries.executor import read_file

    ctx = AppContext(db, "demo")
    now = datetime.now(UTC)
    ctx.submit_reads([INPUT_PARTS[0]], now.date(), processes=True)[0].result()  # pool started
    t0 = time.perf_counter()
    reading = InputsReading(ctx, now.date())
    tiers_in = reading.tiers()
    t1 = time.perf_counter()
    tier_table(tiers_in, now)
    t2 = time.perf_counter()
    inputs = reading.inputs()
    t3 = time.perf_counter()
    table = customer_table(inputs, now)
    t4 = time.perf_counter()
    # one by one, each read as a worker process reads it
    serial = [read_file(db, part, now.date()) for part in INPUT_PARTS]
    t5 = time.perf_counter()
    print(
        json.dumps(
            {
                "tiers_sql_s": t1 - t0,
                "tiers_pandas_s": t2 - t1,
                "tiers_s": t2 - t0,
                "sql_s": t3 - t0 - (t2 - t1),  # every read, less the tier scoring done meanwhile
                "all_pandas_s": t4 - t3,
                "all_s": t4 - t0,
                "sql_in_one_process_s": t5 - t4,
                "customers": len(table),
                "orders": int(table["orders_total"].sum()),
                "same": len(serial[1]) == len(inputs.orders),
            }
        )
    )


if __name__ == "__main__":
    {"screen": screen, "figures": figures}[sys.argv[1]](*sys.argv[2:])
