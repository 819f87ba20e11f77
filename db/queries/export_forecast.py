"""An exported deal's forecast category: the one it counts under today (``closed`` when won,
blank when lost, the owner's or else the default), by ``kernel.forecast``'s one definition."""

from __future__ import annotations

from datetime import date

from salestui.db.queries.moments import day
from salestui.db.queries.settings import settings_map
from salestui.kernel.clock import local_day
from salestui.kernel.dates import utc_now
from salestui.kernel.forecast import category_rules_from, effective_category


def with_effective_category(
    session, found: list[tuple], today: date | None, names: tuple[str, ...]
) -> list[tuple]:
    """``names``: the deal row's columns (where the stage, close date and category stand)."""
    stage, close, cat = (names.index(n) for n in ("stage", "expected_close", "forecast_category"))
    rules = category_rules_from(settings_map(session))
    today = today or local_day(utc_now())
    return [
        (
            *r[:cat],
            effective_category(r[cat], r[stage], day(r[close]), today, rules),
            *r[cat + 1 :],
        )
        for r in found
    ]
