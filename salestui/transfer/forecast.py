"""A deal row's ``forecast_category`` (预测类别) on import: the word as a person types it
(``kernel.forecast.read_category``), refused on a closed deal as the board refuses it.

An export writes the category each deal counts under, so reading it back must not turn every
default into an owner's word: a word equal to what the row's stage and close date give today is
stored as "as the stage says" (``default`` says so outright), a won deal's ``closed`` and a lost
one's blank as nothing."""

from __future__ import annotations

from datetime import date, datetime

from salestui.kernel.clock import local_day
from salestui.kernel.domain import OPEN_STAGES, WON
from salestui.kernel.forecast import (
    CATEGORIES,
    CLOSED,
    CategoryRules,
    closed_refusal,
    default_category,
    read_category,
)
from salestui.transfer.records import RowProblem

FIELD = "forecast_category"


def forecast_cell(v: dict, stage: str | None, now: datetime, rules: CategoryRules) -> None:
    """Replace the row's text by the category it names (None: as the stage says), or drop it
    when there is nothing to keep."""
    if FIELD not in v:
        return
    raw = str(v.pop(FIELD)).strip()
    if stage == WON and raw.lower() == CLOSED:
        return
    if raw.lower() in ("default", "as the stage says"):
        v[FIELD] = None
        return
    category = read_category(raw)
    if category is None:
        raise RowProblem(
            FIELD, f"is not a forecast category; use one of {', '.join(CATEGORIES)}", raw
        )
    if (why := closed_refusal(stage)) is not None:
        raise RowProblem(FIELD, f"the deal is {stage}: {why}", raw)
    close = v.get("expected_close")
    if stage in OPEN_STAGES and isinstance(close, date):
        if category == default_category(stage, close, local_day(now), rules):
            category = None
    v[FIELD] = category
