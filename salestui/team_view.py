"""What the team screen and `report team` need from the database, gathered in one call a worker
(or the CLI) makes: the org, the period's parts per person and its targets, as a :class:`Board`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from salestui.db.queries.people import all_people, all_regions
from salestui.db.queries.settings import settings_map
from salestui.db.queries.team import (
    activities_by_person,
    closed_by_owner,
    collections_by_owner,
    new_customers_by_owner,
    targets_between,
)
from salestui.metrics_team import Parts, TeamRules, resolve_targets, team_rules_from
from salestui.periods import Period
from salestui.team_board import Board, Person


@dataclass(frozen=True)
class TeamData:
    board: Board
    period: Period
    viewer_id: int | None
    viewer_role: str
    people_count: int


def period_parts(conn, start: date, end: date) -> dict[int, Parts]:
    """Each person's additive parts of [start, end): five GROUP BY queries, merged."""
    acc: dict[int, dict] = {}

    def slot(pid: int) -> dict:
        return acc.setdefault(int(pid), {})

    for owner, stage, n, amount, days in closed_by_owner(conn, start, end):
        s = slot(owner)
        if stage == "Won":
            s["won"], s["revenue"], s["cycle_days"] = int(n), int(amount), float(days)
        else:
            s["lost"] = int(n)
    for owner, n in new_customers_by_owner(conn, start, end):
        slot(owner)["new_customers"] = int(n)
    for person, visits, n in activities_by_person(conn, start, end):
        s = slot(person)
        s["visits"], s["activities"] = int(visits or 0), int(n)
    for owner, due, paid in collections_by_owner(conn, start, end):
        s = slot(owner)
        s["due"], s["paid"] = int(due), int(paid)
    return {pid: Parts(**values) for pid, values in acc.items()}


def visible_root(people, login: str) -> tuple[int | None, str, str]:
    """Whose team the viewer sees: a manager their own, a rep their manager's (the race they are
    in), the top of the org and admins everyone. Returns (root id, label, role)."""
    me = next((p for p in people if p.login == login), None)
    if me is None or me.role == "admin" or me.manager_id is None:
        return None, "Company", me.role if me else "admin"
    if me.role == "manager":
        return me.id, f"Team of {me.display_name}", me.role
    boss = next((p for p in people if p.id == me.manager_id), None)
    if boss is None:
        return None, "Company", me.role
    return boss.id, f"Team of {boss.display_name}", me.role


def load_team(conn, login: str, period: Period) -> TeamData:
    people = all_people(conn)
    root, label, role = visible_root(people, login)
    rules: TeamRules = team_rules_from(settings_map(conn))
    parts = period_parts(conn, period.start, period.end)
    board = Board(
        people=tuple(
            Person(p.id, p.display_name, p.manager_id, p.region_id, p.role)
            for p in people
            if p.active or p.id in parts  # who left still counts for what they closed
        ),
        parts=parts,
        targets=resolve_targets(
            targets_between(conn, period.start, period.end), period.kind, period.start
        ),
        rules=rules,
        regions={r.id: r.name for r in all_regions(conn)},
        root_id=root,
        root_label=label,
    )
    me = next((p for p in people if p.login == login), None)
    return TeamData(board, period, me.id if me else None, role, len(people))
