"""What the action plans screen shows, gathered on one read connection: items grouped by when
they are due (with whether their warning has cleared) and the quarter's milestones."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from salestui.actions.metrics import (
    CUSTOMER_KINDS,
    GROUPS,
    Milestone,
    due_group,
    milestones,
    warning_kind,
)
from salestui.db.queries.actions import ItemRow
from salestui.kernel.periods import add_months, quarter_start
from salestui.kernel.viewer import Viewer
from salestui.scope import Scope


@dataclass(frozen=True)
class ItemLine:
    item: ItemRow
    group: str
    warning: str  # "" (manual), "live", or "cleared"


def mine(scope: Scope) -> Scope:
    """The same viewer with only their own items."""
    owners, label = Viewer.of(scope.people, scope.login).own()
    return replace(scope, owners=owners, label=label)


def load_items(conn, scope: Scope, now: datetime, *, customers: bool = True) -> list[ItemLine]:
    """``customers=False``: items raised by health or churn warnings show "…" until
    :func:`with_customer_keys` says whether their warning still holds."""
    from salestui.actions.inbox import live_warning_keys
    from salestui.db.queries.actions import open_items

    items = open_items(conn, scope.owners, limit=1000)
    keys = [i.warning_key for i in items if i.warning_key]
    live = live_warning_keys(conn, scope, keys, now, customers=customers) if keys else set()
    today = now.date()
    lines = [
        ItemLine(
            i,
            due_group(i.due, today, scope.first_weekday),
            _state(i.warning_key, live, customers),
        )
        for i in items
    ]
    return sorted(lines, key=lambda line: GROUPS.index(line.group))


def _customer_key(key: str) -> bool:
    return warning_kind(key) in CUSTOMER_KINDS


def _state(key: str | None, live: set[str], judged_customers: bool) -> str:
    if not key:
        return ""
    if _customer_key(key) and not judged_customers:
        return "…"
    return "live" if key in live else "cleared"


def with_customer_keys(lines: list[ItemLine], live: set[str]) -> list[ItemLine]:
    """Judge the items of health and churn warnings once those warnings are known."""
    return [
        replace(x, warning=_state(x.item.warning_key, live, True))
        if x.item.warning_key and _customer_key(x.item.warning_key)
        else x
        for x in lines
    ]


def load_milestones(conn, scope: Scope, now: datetime) -> list[Milestone]:
    from salestui.db.queries.review import month_targets, quarter_targets, won_by_day

    q0 = quarter_start(now.date())
    q1 = add_months(q0, 3)
    target = quarter_targets(conn, scope.owners, q0)["target_quarter_minor"]
    months = month_targets(conn, scope.owners, q0, q1)
    won = won_by_day(conn, scope.owners, q0, q1)
    return milestones(q0, target, months, won, now.date(), scope.first_weekday)
