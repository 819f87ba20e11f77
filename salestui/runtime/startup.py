"""What runs before the first frame: the opening screen's data read in a thread while the caller
goes on importing Textual (which takes longer than the SQL, and SQLite lets go of the GIL while it
works). The screen takes the result instead of reading again.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from salestui.context import AppContext

# How long the opening screen, mounted before its data is in, waits for it (the first frame cannot
# show the figures sooner; meanwhile the main thread lays out an empty board it will lay out
# again and holds the GIL against the read): at 1,000,000 deals the read ends 10–60 ms after
# the mount. A longer read leaves the screen to show "reading…" and take it from a worker.
MOUNT_WAIT_S = 0.3

# While the read and the import run together: every row fetched hands the GIL back and forth with
# the importing thread, and each handover waits up to the switch interval (5 ms by default).
PREFETCH_SWITCH_INTERVAL_S = 0.0001


# What the first change needs (with the engine, so the first `]` is as quick as the next), and
# the form the first keys open: imported first by the board's warm-up after its first frame.
FIRST_CHANGE_MODULES = ("salestui.services.deals", "salestui.screens.common.activity_form")

# What the other screens import when their key is first pressed (their Textual modules, their
# loads, pandas and numpy for the figures, plotext for the charts), imported by the warm-up
# next, while a person reads the board: at 1,000 deals the first `2`, `3` and `5` waited
# 1.0–1.1 s, 0.3–0.6 s of it for these imports.
WARM_UP_MODULES = (
    "pandas",
    "salestui.runtime.maintained",
    "salestui.runtime.columns",
    "salestui.runtime.frames",
    "salestui.db.queries.touches",
    "salestui.customers.load",
    "salestui.customers.kept",
    "salestui.customers.table",
    "salestui.screens.customers.screen",
    "salestui.team.load",
    "salestui.screens.team.screen",
    "salestui.actions.load",
    "salestui.actions.inbox",
    "salestui.actions.groups",
    "salestui.db.queries.review",
    "salestui.screens.actions.screen",
    "salestui.screens.actions.approvals",
    "salestui.review.load",
    "salestui.review.waterfall",
    "salestui.review.movement",
    "salestui.review.report",
    "salestui.db.queries.movement",
    "salestui.review.stage_effort",
    "salestui.screens.review.screen",
    "salestui.screens.review.charts",
    "salestui.services.lead_list",
    "salestui.screens.leads.screen",
    "salestui.forecast.load",
    "salestui.db.queries.forecast",
    "salestui.screens.forecast.screen",
)


def warm_up(ctx: AppContext) -> None:
    """The board's warm-up (``BoardScreen._warm_up``): :data:`FIRST_CHANGE_MODULES`, the
    engine (SQLAlchemy), then :data:`WARM_UP_MODULES`, one after another in the caller's thread
    (a worker's: the UI thread gets the interpreter back at every switch interval, and a key
    pressed meanwhile that needs a module being imported waits for that import alone); on a
    large file the worker processes last (``runtime.reads.start_workers``)."""
    import importlib

    for name in FIRST_CHANGE_MODULES:
        importlib.import_module(name)
    ctx.engine  # noqa: B018
    for name in WARM_UP_MODULES:
        importlib.import_module(name)
    from salestui.runtime.reads import scans_in_processes, start_workers

    if scans_in_processes(ctx):  # the other screens' big reads go to worker processes
        start_workers()


def start_prefetch(ctx: AppContext, read: Callable[[AppContext], Any]) -> None:
    """Run ``read(ctx)`` in a thread; its Future waits in ``ctx.prefetch`` for the screen."""
    future: Future = Future()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(PREFETCH_SWITCH_INTERVAL_S)

    def run() -> None:
        try:
            future.set_result(read(ctx))
        except BaseException as exc:  # the screen reads again and reports it its own way
            future.set_exception(exc)
        finally:
            sys.setswitchinterval(interval)

    ctx.prefetch = future
    threading.Thread(target=run, name="salestui-prefetch", daemon=True).start()


def take_prefetch(ctx: AppContext) -> Future | None:
    """The prefetch, once: its Future, or None (none started, or taken already)."""
    future, ctx.prefetch = ctx.prefetch, None
    return future


def ready_by_mount(future: Future | None) -> bool:
    """Whether the prefetch has its result (or failed) now or within :data:`MOUNT_WAIT_S`."""
    if future is None:
        return False
    from concurrent.futures import wait

    return bool(wait([future], timeout=MOUNT_WAIT_S).done)


def prefetched(future: Future | None) -> Any | None:
    """The prefetch's result, waiting for it if need be; None if there was none or it failed (the
    caller reads itself and reports what is wrong its own way)."""
    if future is None:
        return None
    try:
        return future.result()
    except Exception:
        return None
