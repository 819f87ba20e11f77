"""What the action plans screen shows, gathered on one read connection: items grouped by when
they are due (with whether their warning has cleared) and the quarter's milestones."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from salestui.db.queries.actions import ItemRow
from salestui.metrics_actions import GROUPS, Milestone, due_group, milestones
from salestui.metrics_review import add_months, quarter_start
from salestui.review_data import Scope


@dataclass(frozen=True)
class ItemLine:
    item: ItemRow
    group: str
    warning: str  # "" (manual), "live", or "cleared"


def mine(scope: Scope) -> Scope:
    """The same viewer with only their own items."""
    me = next(p for p in scope.people if p.login == scope.login)
    return replace(scope, owners=(me.id,), label=me.display_name)


def load_items(conn, scope: Scope, now: datetime) -> list[ItemLine]:
    from salestui.db.queries.actions import open_items
    from salestui.warnings_inbox import live_warning_keys

    items = open_items(conn, scope.owners, limit=1000)
    keys = [i.warning_key for i in items if i.warning_key]
    live = live_warning_keys(conn, scope, keys, now) if keys else set()
    today = now.date()
    lines = [
        ItemLine(
            i,
            due_group(i.due, today, scope.first_weekday),
            "" if not i.warning_key else ("live" if i.warning_key in live else "cleared"),
        )
        for i in items
    ]
    return sorted(lines, key=lambda line: GROUPS.index(line.group))


def load_milestones(conn, scope: Scope, now: datetime) -> list[Milestone]:
    from salestui.db.queries.review import month_targets, quarter_targets, won_by_day

    q0 = quarter_start(now.date())
    q1 = add_months(q0, 3)
    target = quarter_targets(conn, scope.owners, q0)["target_quarter_minor"]
    months = month_targets(conn, scope.owners, q0, q1)
    won = won_by_day(conn, scope.owners, q0, q1)
    return milestones(q0, target, months, won, now.date(), scope.first_weekday)
