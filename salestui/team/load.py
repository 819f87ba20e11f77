"""What the team screen and `report team` need from the database, one worker call (or the CLI's)
each: the leaderboard (the org, the period's parts per person and its targets, as a
:class:`Board`), a person's three years, and the charts' figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from salestui.db.queries.moments import midnight
from salestui.db.queries.people import PersonRow, all_people, all_regions, org_changes_since
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
    product_line_open_lines,
    product_line_sales,
    revenue_by_region_month,
    targets_between,
    with_parts,
)
from salestui.kernel.deal_lines import open_by_line
from salestui.kernel.i18n import _
from salestui.kernel.invoices import collection_basis, collection_window
from salestui.kernel.org import circles, subtree_ids
from salestui.kernel.org_history import AS_NOW, attribution_day, last_day, org_as_of, org_view
from salestui.kernel.periods import Period, add_months
from salestui.kernel.viewer import Viewer
from salestui.scope import teams_by_month
from salestui.team.leaderboard import Board, Person
from salestui.team.metrics import (
    Parts,
    TeamRules,
    resolve_targets,
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
    view: str = ""  # whose view, as a report's header says it
    collection_basis: str = ""  # what the collection rate is over ("invoices due 2026-Q4 to date")
    org_basis: str = ""  # "org as of 2026-09-30" where the org then is not today's


def period_parts(conn, start: date, end: date, today: date) -> dict[int, Parts]:
    """Each person's additive parts of [start, end): five GROUP BY queries, merged. Collections
    count the invoices falling due in the period up to ``today``."""
    acc: dict[int, dict] = {}

    def slot(pid: int) -> dict:
        return acc.setdefault(int(pid), {})

    for r in closed_by_owner(conn, start, end):
        s = slot(r.owner_id)
        if r.stage == "Won":
            s["won"], s["revenue"] = int(r.deals), int(r.amount_minor)
            s["cycle_days"] = float(r.cycle_days)
        else:
            s["lost"] = int(r.deals)
    for r in new_customers_by_owner(conn, start, end):
        slot(r.owner_id)["new_customers"] = int(r.customers)
    for r in activities_by_person(conn, start, end):
        s = slot(r.person_id)
        s["visits"], s["activities"] = int(r.visits or 0), int(r.activities)
    for r in collections_by_owner(conn, collection_window(start, end, today)):
        s = slot(r.owner_id)
        s["due"], s["paid"] = int(r.due_minor), int(r.paid_minor)
    return {pid: Parts(**values) for pid, values in acc.items()}


def attributed_people(
    conn, people: list[PersonRow], period: Period, today: date, view: str, root: int | None
) -> tuple[list[PersonRow], str]:
    """The people with the manager and region ``period`` is attributed with
    (``salestui.kernel.org_history``), and how the org is named where that differs, for the
    people under ``root`` then or now, from today's: "org as of 2026-09-30", or "org as it is
    now" when setting ``org.history = now`` keeps today's for a closed period; "" where the same.
    """
    closed = attribution_day(period.end, today)
    if closed is None:
        return people, ""
    then = org_as_of(people, org_changes_since(conn, midnight(closed)))
    was = [replace(p, manager_id=then[p.id][0], region_id=then[p.id][1]) for p in people]
    moved = {p.id for p, w in zip(people, was, strict=True) if p != w}
    if root is not None and moved:
        moved &= subtree_ids(people, root) | subtree_ids(was, root)
    if not moved:
        return people, ""
    if view == AS_NOW:
        return people, "org as it is now"
    return was, f"org as of {last_day(period.end)}"


def shown(people: list[PersonRow], parts: Mapping[int, Parts]) -> list[PersonRow]:
    """Who has a line (README, the team screen's "Listed"): the active, who left but has a figure
    or an activity in the period, and every manager above them — one who has left still heads the
    team they had, counted in its people."""
    boss = {p.id: p.manager_id for p in people}
    keep = {p.id for p in people if p.active or p.id in parts}
    for pid in list(keep):
        up = boss.get(pid)
        while up is not None and up in boss and up not in keep:
            keep.add(up)
            up = boss.get(up)
    return [p for p in people if p.id in keep]


def load_team(conn, login: str, period: Period, today: date, *, figures: bool = True) -> TeamData:
    """The leaderboard of ``period`` as ``login`` sees it. ``figures=False``: the same people,
    lines and targets without the period's figures (every part empty) — who is listed needs only
    which of the people who left have a part (:func:`with_parts`), not the sums of everyone's."""
    current = all_people(conn)
    viewer = Viewer.of(current, login)
    root, label, role = viewer.race()
    if root is None:
        label = _("Company")
    elif label != viewer.person.display_name:
        label = _("Team of {name}").format(name=viewer.person.display_name)
    settings = settings_map(conn)
    rules: TeamRules = team_rules_from(settings)
    people, org_basis = attributed_people(conn, current, period, today, org_view(settings), root)
    if figures:
        parts = period_parts(conn, period.start, period.end, today)
    else:
        due = collection_window(period.start, period.end, today)
        gone = [p.id for p in people if not p.active]
        parts = {pid: Parts() for pid in with_parts(conn, gone, period.start, period.end, due)}
    board = Board(
        people=tuple(
            Person(p.id, p.display_name, p.manager_id, p.region_id, p.role)
            for p in shown(people, parts)
        ),
        parts=parts,
        targets=resolve_targets(
            targets_between(conn, period.start, period.end), period.kind, period.start
        ),
        rules=rules,
        regions={r.id: r.name for r in all_regions(conn)},
        root_id=root,
        root_label=label,
        circles=tuple(circles(people)),
    )
    me = viewer.person
    basis = collection_basis(period.label, period.start, period.end, today)
    return TeamData(board, period, me.id, role, len(current), viewer.whose_view(), basis, org_basis)


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
    created in the 12 months up to the period's end. A manager's figures are their team's, each
    month's the team they had at its end."""
    people = all_people(conn)
    me = next(p for p in people if p.id == person_id)
    end = min(period.end, add_months(date(today.year, today.month, 1), 1))  # no future months
    start = add_months(end, -HISTORY_MONTHS)
    months = [add_months(start, i) for i in range(HISTORY_MONTHS)]
    teams = teams_by_month(conn, people, me.id, months, today)
    revenue: dict[str, int] = {}
    for members in set(teams.values()):  # one query per team the months had (mostly one)
        theirs = {f"{m:%Y-%m}" for m, t in teams.items() if t == members}
        for r in monthly_revenue(conn, members, start, end):
            if _month_key(r.month) in theirs:
                revenue[_month_key(r.month)] = int(r.won_minor)
    wanted = {f"{m:%Y-%m}": set(t) for m, t in teams.items()}
    targets: dict[str, int] = {}
    for t in targets_between(conn, start, end):
        key = _month_key(t.period_start)
        if (t.scope_type, t.period_type, t.metric) == ("person", "month", "revenue") and (
            t.scope_id in wanted.get(key, ())
        ):
            targets[key] = targets.get(key, 0) + int(t.value)
    series = [
        (month, revenue.get(f"{month:%Y-%m}", 0), targets.get(f"{month:%Y-%m}")) for month in months
    ]
    team = teams[months[-1]]  # the period's: its last month ends with it
    since = add_months(end, -12)
    entered = {r.stage: int(r.deals) for r in funnel_entered(conn, team, since, end)}
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
            people[r.owner_id].hire_date,
            date(int(r.month[:4]), int(r.month[5:7]), 1),
            int(r.won),
            int(r.lost),
        )
        for r in closed_by_owner_month(conn, owner_ids, hist_start, period.end)
        if r.owner_id in people and people[r.owner_id].role == "rep"
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
    for r in revenue_by_region_month(conn, owner_ids, heat_start, period.end):
        row = heat.setdefault(r.region, [0] * 12)
        i = index.get(_month_key(r.month))
        if i is not None:
            row[i] += int(r.won_minor)
            if period.contains(months[i]):
                in_period[r.region] = in_period.get(r.region, 0) + int(r.won_minor)
    for region in heat:
        in_period.setdefault(region, 0)
    by_channel: dict[str, list[int]] = {}
    for r in closed_by_channel(conn, owner_ids, period.start, period.end):
        slot = by_channel.setdefault(r.channel or "(none)", [0, 0, 0])
        if r.stage == "Won":
            slot[0] += int(r.amount_minor or 0)
            slot[1] += int(r.deals)
        else:
            slot[2] += int(r.deals)
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
            (
                (r.product_line, int(r.revenue_minor or 0), int(r.cost_minor or 0))
                for r in product_line_sales(conn, owner_ids, period.start, period.end)
            ),
            open_by_line(product_line_open_lines(conn, owner_ids)),
        ),
        channels((ch, r, w, lo) for ch, (r, w, lo) in by_channel.items()),
    )
