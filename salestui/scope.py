"""Whose rows a screen or report covers, with the settings it is read under: the person acting
and their part of the org (the rule itself is :mod:`salestui.kernel.viewer`'s), loaded once on a
read connection so every feature that needs it — the review, the action plans, the inbox — gets
the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from salestui.db.queries.moments import aware, midnight
from salestui.db.queries.people import PersonRow, all_people, org_changes_since
from salestui.db.queries.settings import settings_map
from salestui.kernel.errors import DomainError
from salestui.kernel.org import subtree_ids
from salestui.kernel.org_history import AS_NOW, attribution_day, org_as_of, org_view
from salestui.kernel.periods import add_months, first_weekday
from salestui.kernel.settings import Rules, rules_from
from salestui.kernel.viewer import Viewer


@dataclass(frozen=True)
class Scope:
    """Who the review is for and whose deals it covers."""

    login: str
    label: str
    owners: tuple[int, ...] | None  # None: everyone
    settings: dict[str, str]
    rules: Rules
    first_weekday: int
    people: tuple[PersonRow, ...]
    view: str = ""  # whose view, as the review's header says it


def viewer_for(conn, login: str) -> Viewer:
    """The person acting and the org, for a report or export: a login the database does not
    know is refused rather than shown anything."""
    viewer = Viewer.of(all_people(conn), login)
    if viewer.person is None:
        raise DomainError(f"no person with login {login!r} in this database (use --user LOGIN)")
    return viewer


def load_scope(conn, login: str) -> Scope:
    """Whose deals the review covers is the viewer rule's (``salestui.kernel.viewer``)."""
    viewer = viewer_for(conn, login)
    people = viewer.people
    settings = settings_map(conn)
    return Scope(
        login,
        viewer.scope_label(),
        viewer.seen_owner_ids(),
        settings,
        rules_from(settings),
        first_weekday(settings),
        tuple(people),
        viewer.whose_view(),
    )


def teams_by_month(
    conn, people: Sequence[PersonRow], me_id: int, months: Sequence[date], today: date
) -> dict[date, tuple[int, ...]]:
    """``me_id`` and everyone below them in each month, as the org stood at the month's end
    (``salestui.kernel.org_history``; today's org for the month still running, or for every
    month with setting ``org.history = now``): whose closed months a manager's figures hold."""

    def team(org) -> tuple[int, ...]:
        then = [replace(p, manager_id=org[p.id][0], region_id=org[p.id][1]) for p in people]
        return tuple(sorted(subtree_ids(then, me_id)))

    now = tuple(sorted(subtree_ids(people, me_id)))
    ends = {m: attribution_day(add_months(m, 1), today) for m in months}
    if org_view(settings_map(conn)) == AS_NOW or all(d is None for d in ends.values()):
        return dict.fromkeys(months, now)
    changes = org_changes_since(conn, midnight(min(d for d in ends.values() if d)))
    out: dict[date, tuple[int, ...]] = {}
    for month, day in ends.items():
        moment = None if day is None else aware(midnight(day))
        since = [c for c in changes if moment is not None and c.at >= moment]
        out[month] = team(org_as_of(people, since)) if since else now
    return out
