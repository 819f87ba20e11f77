"""The leaderboard's figures: per person for a period, rolled up along the org tree. Pure functions.

A group's figure (a manager's team, a region, the company) is always computed from the summed
parts of its members — Σrevenue / Σtarget, Σwon / Σ(won + lost), Σcycle days / Σwon — never as
an average of the members' ratios, so a rep with one deal weighs one deal, not one person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median

from salestui.kernel.invoices import collection_rate
from salestui.kernel.settings import int_setting

METRICS: tuple[str, ...] = ("revenue", "new_customers", "visits")
SCOPES: tuple[str, ...] = ("person", "team", "region", "company")


@dataclass(frozen=True)
class TeamRules:
    """Manager-changeable settings: ``score.process_weight_pct``, ``bonus.threshold_pct``,
    ``bonus.share_pct`` (DOMAIN.md defaults 30 % — seed 003 raised it from 15 % —, 120 %, 15 %)."""

    process_weight_pct: int = 30
    bonus_threshold_pct: int = 120
    bonus_share_pct: int = 15


def team_rules_from(settings: Mapping[str, str]) -> TeamRules:
    return TeamRules(
        process_weight_pct=int_setting(
            settings, "score.process_weight_pct", TeamRules.process_weight_pct, lo=0, hi=100
        ),
        bonus_threshold_pct=int_setting(settings, "bonus.threshold_pct", 120, lo=100, hi=1000),
        bonus_share_pct=int_setting(settings, "bonus.share_pct", 15, lo=0, hi=100),
    )


@dataclass(frozen=True)
class Parts:
    """The additive parts of a person's (or a group's) period: everything else is a ratio of them."""

    revenue: int = 0  # minor units, won deals closed in the period
    won: int = 0
    lost: int = 0
    cycle_days: float = 0.0  # Σ (closed − created) in days over the won deals
    new_customers: int = 0
    visits: int = 0
    activities: int = 0
    due: int = 0  # minor units of invoices falling due in the period
    paid: int = 0  # of those, paid

    def __add__(self, other: Parts) -> Parts:
        return Parts(
            self.revenue + other.revenue,
            self.won + other.won,
            self.lost + other.lost,
            self.cycle_days + other.cycle_days,
            self.new_customers + other.new_customers,
            self.visits + other.visits,
            self.activities + other.activities,
            self.due + other.due,
            self.paid + other.paid,
        )


def sum_parts(parts: Iterable[Parts]) -> Parts:
    total = Parts()
    for p in parts:
        total = total + p
    return total


def ratio(num: float, den: float) -> float | None:
    return None if not den else num / den


def attainment(revenue: int, target: int | None) -> float | None:
    """Revenue ÷ target; None without a (positive) target."""
    return ratio(revenue, target) if target and target > 0 else None


def win_rate(won: int, lost: int) -> float | None:
    """won ÷ (won + lost) of the deals closed in the period; None when none closed."""
    return ratio(won, won + lost)


def average_deal(revenue: int, won: int) -> int | None:
    """Average won deal in minor units, rounded half up."""
    return None if won == 0 else (2 * revenue + won) // (2 * won)


def sales_cycle(cycle_days: float, won: int) -> float | None:
    """Average days from created to won."""
    return ratio(cycle_days, won)


def process_score(
    attain: float | None, visits: int, expected_visits: float, weight_pct: int
) -> float | None:
    """0–200 points: (1 − w) × revenue attainment + w × visits ÷ expected visits, each capped at
    200 % so one runaway figure cannot hide the other. None without a revenue target."""
    if attain is None:
        return None
    process = min(visits / expected_visits, 2.0) if expected_visits > 0 else 0.0
    w = weight_pct / 100
    return 100 * ((1 - w) * min(attain, 2.0) + w * process)


def bonus_pool(revenue: int, target: int | None, rules: TeamRules = TeamRules()) -> int:
    """DOMAIN.md: when a team's quarterly attainment exceeds 120 %, 15 % of the revenue above its
    target goes to the pool (minor units, half up). 0 when it does not apply."""
    if not target or target <= 0 or revenue * 100 <= rules.bonus_threshold_pct * target:
        return 0
    excess = revenue - target
    return (excess * rules.bonus_share_pct * 2 + 100) // 200


@dataclass(frozen=True)
class Figures:
    """One leaderboard line, every ratio taken from summed parts."""

    revenue: int
    target: int | None
    attainment: float | None
    won: int
    win_rate: float | None
    average_deal: int | None
    cycle_days: float | None
    new_customers: int
    visits: int
    collection_rate: float | None
    score: float | None
    parts: Parts = field(repr=False, default_factory=Parts)
    new_customers_target: int | None = None
    visits_target: int | None = None


def figures(
    parts: Parts,
    target: int | None,
    expected_visits: float,
    rules: TeamRules,
    new_customers_target: int | None = None,
    visits_target: int | None = None,
) -> Figures:
    """One line's figures; the new-customer and visits targets are shown beside the counts."""
    att = attainment(parts.revenue, target)
    return Figures(
        revenue=parts.revenue,
        target=target,
        attainment=att,
        won=parts.won,
        win_rate=win_rate(parts.won, parts.lost),
        average_deal=average_deal(parts.revenue, parts.won),
        cycle_days=sales_cycle(parts.cycle_days, parts.won),
        new_customers=parts.new_customers,
        visits=parts.visits,
        collection_rate=collection_rate(parts.paid, parts.due),
        score=process_score(att, parts.visits, expected_visits, rules.process_weight_pct),
        parts=parts,
        new_customers_target=new_customers_target,
        visits_target=visits_target,
    )


@dataclass(frozen=True)
class Member:
    id: int
    manager_id: int | None
    region_id: int | None


def children_of(members: Iterable[Member]) -> dict[int | None, list[int]]:
    kids: dict[int | None, list[int]] = {}
    for m in members:
        kids.setdefault(m.manager_id, []).append(m.id)
    return kids


def subtree(kids: Mapping[int | None, list[int]], root: int) -> list[int]:
    out, stack, seen = [], [root], {root}
    while stack:
        node = stack.pop()
        out.append(node)
        for k in kids.get(node, ()):
            if k not in seen:
                seen.add(k)
                stack.append(k)
    return out


@dataclass(frozen=True)
class Targets:
    """Targets of the period, by metric and scope: ``(scope_type, scope_id) → value``."""

    revenue: Mapping[tuple[str, int | None], int]
    visits: Mapping[tuple[str, int | None], int]
    new_customers: Mapping[tuple[str, int | None], int] = field(default_factory=dict)


def group_target(
    table: Mapping[tuple[str, int | None], int],
    scope: tuple[str, int | None],
    members: list[int],
    children: Mapping[int, Sequence[int]] | None = None,
) -> int | None:
    """A group's own target if one is set, else what its parts add up to.

    Along the tree (``children`` given, a team or the company): a manager's own person target
    plus each direct report's — a sub-team's own team target where set, else its own roll-up.
    Elsewhere (a region, a set of people): the sum of the members' person targets.
    """
    if scope in table:
        return table[scope]
    if children is not None and scope[0] in ("team", "company"):
        counted: set[int] = set()  # a circle in bad data is cut where it comes round again

        def rolled(pid: int) -> int | None:
            if pid in counted:
                return None
            counted.add(pid)
            if children.get(pid):
                if ("team", pid) in table:
                    return table[("team", pid)]
                found = [table[("person", pid)]] if ("person", pid) in table else []
                found += [v for k in children[pid] if (v := rolled(k)) is not None]
                return sum(found) if found else None
            return table.get(("person", pid))

        if scope[0] == "team":
            tops = [scope[1]]
        else:
            below = {k for m in members for k in children.get(m, ())}
            tops = [m for m in members if m not in below]
        found = [v for t in tops if (v := rolled(t)) is not None]
        return sum(found) if found else None
    found = [table[("person", m)] for m in members if ("person", m) in table]
    return sum(found) if found else None


def expected_visits(members: list[int], targets: Targets, team_median: float) -> float:
    """Σ over the members with a revenue target: their visits target, else the team median."""
    total = 0.0
    for m in members:
        if ("person", m) in targets.revenue:
            total += targets.visits.get(("person", m), team_median)
    return total


def median_visits(parts: Mapping[int, Parts], targets: Targets, people: Iterable[int]) -> float:
    """The team median of visits over the people who carry a revenue target (none made = 0)."""
    seen = [
        parts[pid].visits if pid in parts else 0
        for pid in people
        if ("person", pid) in targets.revenue
    ]
    return float(median(seen)) if seen else 0.0


def group_figures(
    scope: tuple[str, int | None],
    members: list[int],
    parts: Mapping[int, Parts],
    targets: Targets,
    team_median: float,
    rules: TeamRules,
    children: Mapping[int, Sequence[int]] | None = None,
) -> Figures:
    """The figures of a person (``("person", id)`` with members ``[id]``) or of any group;
    ``children`` (the org tree) lets team targets roll up team by team."""
    summed = sum_parts(parts.get(m, Parts()) for m in members)

    def target_of(table: Mapping[tuple[str, int | None], int]) -> int | None:
        if scope[0] == "person":
            return table.get(scope)
        return group_target(table, scope, members, children)

    return figures(
        summed,
        target_of(targets.revenue),
        expected_visits(members, targets, team_median),
        rules,
        target_of(targets.new_customers),
        target_of(targets.visits),
    )


_FINER = {"month": (), "quarter": ("month",), "year": ("quarter", "month")}


def resolve_targets(rows: Iterable[tuple], kind: str, start) -> Targets:
    """Targets of one period from target rows starting inside it: the period's own target where
    set, else the sum of the finer ones — a year's quarters, each its own target else its
    months' (a quarter spread over its months counts once); a quarter's months. ``rows``: (scope
    type, scope id, period type, period start, metric, value)."""
    found: dict[tuple[str, int | None, str], dict] = {}
    start_text = str(start)[:10]
    for scope_type, scope_id, ptype, pstart, metric, value in rows:
        if ptype == kind and str(pstart)[:10] != start_text:
            continue
        sid = None if scope_type == "company" else scope_id
        slot = found.setdefault((scope_type, sid, metric), {})
        quarter = (int(str(pstart)[5:7]) - 1) // 3 if ptype != kind else None
        by_kind = slot.setdefault(quarter, {})
        by_kind[ptype] = by_kind.get(ptype, 0) + int(value)
    table: dict[str, dict[tuple[str, int | None], int]] = {m: {} for m in METRICS}
    for (scope_type, sid, metric), slot in found.items():
        if metric not in table:
            continue
        own = slot.get(None, {}).get(kind)
        if own is None and _FINER[kind]:
            finer = [
                v.get(_FINER[kind][0], v.get("month")) for q, v in slot.items() if q is not None
            ]
            finer = [v for v in finer if v is not None]
            own = sum(finer) if finer else None
        if own is not None:
            table[metric][(scope_type, sid)] = own
    return Targets(table["revenue"], table["visits"], table["new_customers"])
