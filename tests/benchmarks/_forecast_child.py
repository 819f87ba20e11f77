"""One measured run in a fresh interpreter (spawned by bench_forecast.py); prints one JSON line.

``forecast DB``: salestui opened straight on the forecast (mode 7) — the time to its first
frame and to the roll-up drawn (every line, both tables' figures and the calls).
"""

from __future__ import annotations

import json
import resource
import sys
import time

T_START = time.perf_counter()


def forecast(db: str) -> None:
    from salestui.app import SalestuiApp
    from salestui.context import AppContext
    from salestui.db.engine import check_database
    from salestui.screens.forecast.screen import ForecastScreen

    marks: dict[str, float] = {}
    on_mount, on_loaded = ForecastScreen.on_mount, ForecastScreen.on_forecast_screen_loaded

    def mounted(self):
        on_mount(self)
        self.app.call_after_refresh(lambda: marks.setdefault("frame", time.perf_counter()))

    def loaded(self, event):
        on_loaded(self, event)

        def drawn():
            marks["drawn"] = time.perf_counter()
            marks["lines"] = len(event.view.lines)
            self.app.exit()

        self.app.call_after_refresh(drawn)

    ForecastScreen.on_mount, ForecastScreen.on_forecast_screen_loaded = mounted, loaded
    SalestuiApp.DEFAULT_MODE = "forecast"  # as if `7` were pressed before the first frame
    t_app0 = time.perf_counter()
    SalestuiApp(AppContext(check_database(db), "demo")).run(headless=True, size=(120, 40))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"process_s": marks["drawn"] - T_START, "app_s": marks["drawn"] - t_app0,
                      "frame_s": marks["frame"] - t_app0, "lines": marks["lines"],
                      "rss_mb": rss}))  # fmt: skip


if __name__ == "__main__":
    forecast(sys.argv[2])
