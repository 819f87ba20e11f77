"""Whose rows a screen or report covers, with the settings it is read under: the person acting
and their part of the org (the rule itself is :mod:`salestui.kernel.viewer`'s), loaded once on a
read connection so every feature that needs it — the review, the action plans, the inbox — gets
the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from salestui.db.queries.people import PersonRow, all_people
from salestui.db.queries.settings import settings_map
from salestui.kernel.errors import DomainError
from salestui.kernel.periods import first_weekday
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
