"""The team screen's effort line says the review's figures (tests/team/test_effort.py's)."""

from __future__ import annotations

from datetime import date

from salestui.kernel.periods import last_days
from salestui.screens.team.effort import effort_text
from salestui.team.effort import Effort, EffortShare


def test_the_line_names_who_falls_short():
    team = EffortShare("Mei East and team", None, 7, 5, 4, 3)  # 71 %, 75 %
    wang = EffortShare("Wang Fang", 4, 2, 1, 1, 0)  # 50 %, 0 %
    li = EffortShare("李伟", 3, 5, 4, 3, 3)  # 80 %, 100 %
    e = Effort(last_days(date(2026, 11, 20), 90), 70, team, (wang, li))
    text = effort_text(e).plain
    assert text == (
        "Effort on the top 20 % of customers (2026-08-23 – 2026-11-20, target 70 %): "
        "activities 71% · visits 75% · short: Wang Fang 50%/0%"
    )
