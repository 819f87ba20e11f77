"""A deal row's ``forecast_category`` (预测类别) on import: the word as a person types it
(``kernel.forecast.read_category``), refused on a closed deal as the board refuses it. An export
writes the effective category, so a won deal's ``closed`` (and a lost one's blank) reads back as
nothing to store."""

from __future__ import annotations

from salestui.kernel.domain import LOST, WON
from salestui.kernel.forecast import CATEGORIES, CLOSED, read_category
from salestui.transfer.records import RowProblem

FIELD = "forecast_category"


def forecast_cell(v: dict, stage: str | None) -> None:
    """Replace the row's text by the category it names, or drop it when there is none to keep."""
    if FIELD not in v:
        return
    raw = str(v.pop(FIELD)).strip()
    if stage == WON and raw.lower() == CLOSED:
        return
    category = read_category(raw)
    if category is None:
        raise RowProblem(
            FIELD, f"is not a forecast category; use one of {', '.join(CATEGORIES)}", raw
        )
    if stage in (WON, LOST):
        why = "a won deal counts as closed" if stage == WON else "a lost deal has no category"
        raise RowProblem(FIELD, f"the deal is {stage}: {why}", raw)
    v[FIELD] = category
