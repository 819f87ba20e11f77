"""What the team screen and `report team` need from the database, one worker call (or the CLI's)
each: the leaderboard (the org, the period's parts per person and its targets, as a
:class:`Board`), a person's three years, and the charts' figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from salestui.db.queries.people import all_people, all_regions
from salestui.db.queries.settings import settings_map
from salestui.db.queries.team import (
    activities_by_person,
    closed_by_channel,
    closed_by_owner,
    closed_by_owner_month,
    collections_by_owner,
    funnel_entered,
    monthly_revenue,
    new_customers_by_owner,
    product_line_sales,
    revenue_by_region_month,
    targets_between,
)
from salestui.kernel.periods import Period, add_months
from salestui.kernel.viewer import Viewer
from salestui.team.leaderboard import Board, Person
from salestui.team.metrics import (
    Member,
    Parts,
    TeamRules,
    children_of,
    resolve_targets,
    subtree,
    team_rules_from,
)
from salestui.team.trends import (
    ChannelFigures,
    Concentration,
    FunnelStep,
    LineContribution,
    MonthChange,
    QuadrantPoint,
    Ramp,
    channels,
    concentration,
    funnel,
    heat_levels,
    month_changes,
    new_hire_ramp,
    product_lines,
    quadrants,
)


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


def load_team(conn, login: str, period: Period) -> TeamData:
    people = all_people(conn)
    root, label, role = Viewer.of(people, login).race()
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


# --- the person view and the charts ------------------------------------------------------------

HISTORY_MONTHS = 36


@dataclass(frozen=True)
class PersonDetail:
    person_id: int
    name: str
    team_size: int
    months: list[MonthChange]
    funnel: list[FunnelStep]
    funnel_since: date


def _month_key(value) -> str:
    return str(value)[:7]


def load_person(conn, person_id: int, period: Period, today: date) -> PersonDetail:
    """Three years of months ending with the period's last month; the funnel of the deals
    created in the 12 months up to the period's end. A manager's figures are their team's."""
    people = all_people(conn)
    me = next(p for p in people if p.id == person_id)
    team = subtree(children_of(Member(p.id, p.manager_id, p.region_id) for p in people), me.id)
    end = min(period.end, add_months(date(today.year, today.month, 1), 1))  # no future months
    start = add_months(end, -HISTORY_MONTHS)
    revenue = {_month_key(m): int(v) for m, v in monthly_revenue(conn, team, start, end)}
    wanted = set(team)
    targets: dict[str, int] = {}
    for scope, sid, ptype, pstart, metric, value in targets_between(conn, start, end):
        if scope == "person" and ptype == "month" and metric == "revenue" and sid in wanted:
            key = _month_key(pstart)
            targets[key] = targets.get(key, 0) + int(value)
    series = []
    for i in range(HISTORY_MONTHS):
        month = add_months(start, i)
        key = f"{month:%Y-%m}"
        series.append((month, revenue.get(key, 0), targets.get(key)))
    since = add_months(end, -12)
    entered = {stage: int(n) for stage, n in funnel_entered(conn, team, since, end)}
    return PersonDetail(
        me.id, me.display_name, len(team), month_changes(series), funnel(entered), since
    )


@dataclass(frozen=True)
class ChartsData:
    period: Period
    ramp: Ramp
    quadrant_points: list[QuadrantPoint]
    ability_median: float
    effort_median: float
    names: Mapping[int, str]
    concentration: Concentration | None
    heat_months: list[date]
    heat: dict[str, list[int]]
    heat_levels: dict[str, list[int]]
    product_lines: list[LineContribution]
    channels: list[ChannelFigures]


def load_charts(
    conn,
    owner_ids: Sequence[int] | None,
    period: Period,
    parts: Mapping[int, Parts],
    reps: Sequence[int],
) -> ChartsData:
    """``owner_ids`` None = everyone; ``reps`` are the people placed in the quadrants."""
    people = {p.id: p for p in all_people(conn)}
    hist_start = add_months(period.end, -HISTORY_MONTHS)
    ramp_rows = [
        (
            people[o].hire_date if o in people else None,
            date(int(m[:4]), int(m[5:7]), 1),
            int(w),
            int(lo),
        )
        for o, m, w, lo in closed_by_owner_month(conn, owner_ids, hist_start, period.end)
        if o in people and people[o].role == "rep"
    ]
    points, a_med, e_med = quadrants(
        (
            pid,
            parts.get(pid, Parts()).revenue,
            parts.get(pid, Parts()).won,
            parts.get(pid, Parts()).lost,
            parts.get(pid, Parts()).activities,
        )
        for pid in reps
    )
    heat_start = add_months(period.end, -12)  # a year at most, so it holds the whole period
    months = [add_months(heat_start, i) for i in range(12)]
    index = {f"{m:%Y-%m}": i for i, m in enumerate(months)}
    heat: dict[str, list[int]] = {}
    in_period: dict[str, int] = {}
    for region, month, amount in revenue_by_region_month(conn, owner_ids, heat_start, period.end):
        row = heat.setdefault(region, [0] * 12)
        i = index.get(_month_key(month))
        if i is not None:
            row[i] += int(amount)
            if period.contains(months[i]):
                in_period[region] = in_period.get(region, 0) + int(amount)
    for region in heat:
        in_period.setdefault(region, 0)
    by_channel: dict[str, list[int]] = {}
    for channel, stage, n, amount in closed_by_channel(conn, owner_ids, period.start, period.end):
        slot = by_channel.setdefault(channel or "(none)", [0, 0, 0])
        if stage == "Won":
            slot[0] += int(amount or 0)
            slot[1] += int(n)
        else:
            slot[2] += int(n)
    return ChartsData(
        period,
        new_hire_ramp(ramp_rows),
        points,
        a_med,
        e_med,
        {pid: people[pid].display_name for pid in reps if pid in people},
        concentration(in_period),
        months,
        heat,
        heat_levels(heat),
        product_lines(
            (line, int(r or 0), int(c or 0))
            for line, r, c in product_line_sales(conn, owner_ids, period.start, period.end)
        ),
        channels((ch, r, w, lo) for ch, (r, w, lo) in by_channel.items()),
    )
