"""An exported deal's forecast category: the one it counts under today (``closed`` when won,
blank when lost, the owner's or else the default), by ``kernel.forecast``'s one definition."""

from __future__ import annotations

from datetime import date

from salestui.db.queries.moments import day
from salestui.db.queries.settings import settings_map
from salestui.kernel.clock import local_day
from salestui.kernel.dates import utc_now
from salestui.kernel.forecast import category_rules_from, effective_category

# Where the stage, the expected close and the stored category stand in an exported deal row.
_STAGE, _CLOSE, _CATEGORY = 7, 6, -1


def with_effective_category(session, found: list[tuple], today: date | None) -> list[tuple]:
    rules = category_rules_from(settings_map(session))
    today = today or local_day(utc_now())
    return [
        (*r[:_CATEGORY], effective_category(r[_CATEGORY], r[_STAGE], day(r[_CLOSE]), today, rules))
        for r in found
    ]
