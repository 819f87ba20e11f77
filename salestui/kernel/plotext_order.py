"""plotext drops duplicate points, labels and colours through a ``set``, whose order changes
with each process's hash seed: the same chart came out with its tick labels a column apart from
one run to the next. :func:`steady` makes that step keep the first-seen order (the alternative
plotext itself leaves commented out), so a chart is drawn the same way every time."""

from __future__ import annotations


def _first_seen(data) -> list:
    return list(dict.fromkeys(data))


def steady() -> None:
    """Call before drawing with plotext (idempotent)."""
    import plotext._utility as utility

    utility.no_duplicates = _first_seen
