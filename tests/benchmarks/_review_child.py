"""One measured run in a fresh interpreter (spawned by bench_review.py); prints one JSON line.

``floor``: a bare Textual app showing one line. ``review DB``: salestui opened straight on the
weekly review (mode 5) — the time to its first frame, to its KPIs drawn, and to every section.
"""

from __future__ import annotations

import json
import resource
import sys
import time

T_START = time.perf_counter()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def floor() -> None:
    from textual.app import App
    from textual.widgets import Static

    class Floor(App):
        def compose(self):
            yield Static("salestui")

        def on_mount(self) -> None:
            self.call_after_refresh(lambda: self.exit(time.perf_counter()))

    t_app0 = time.perf_counter()
    t = Floor().run(headless=True, size=(120, 40))
    print(json.dumps({"process_s": t - T_START, "app_s": t - t_app0, "rss_mb": rss_mb()}))


def review(db: str) -> None:
    from salestui.app import SalestuiApp
    from salestui.context import AppContext
    from salestui.db.engine import check_database
    from salestui.screens.review.screen import ReviewScreen

    marks: dict[str, float] = {}
    on_mount, on_section = ReviewScreen.on_mount, ReviewScreen.on_review_screen_section

    def mounted(self):
        on_mount(self)
        self.app.call_after_refresh(lambda: marks.setdefault("frame", time.perf_counter()))

    def section(self, event):
        on_section(self, event)
        name = event.name
        if name == "problems" and event.data.customers_known:
            name = "customers"
        elif name == "durations" and event.data[1] is not None:
            name = "effort"  # the last figures of all: the effort needs the customer table

        def seen():
            marks.setdefault(name, time.perf_counter())
            if "customers" in marks and "effort" in marks:
                self.app.exit()

        self.app.call_after_refresh(seen)

    ReviewScreen.on_mount, ReviewScreen.on_review_screen_section = mounted, section

    SalestuiApp.DEFAULT_MODE = "review"  # as if `5` were pressed before the first frame
    t_app0 = time.perf_counter()
    SalestuiApp(AppContext(check_database(db), "demo")).run(headless=True, size=(120, 40))
    out = {f"{k}_s": v - t_app0 for k, v in marks.items()}
    out.update(process_s=marks["frame"] - T_START, app_s=marks["frame"] - t_app0, rss_mb=rss_mb())
    print(json.dumps(out))


if __name__ == "__main__":
    if sys.argv[1] == "floor":
        floor()
    else:
        review(sys.argv[2])
