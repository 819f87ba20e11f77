"""The leaderboard as lines: the org tree (team → regions → managers → reps) folded and sorted, or
a flat ranking of people. Pure: people, parts and targets in, lines out.

Every line's figures come from :func:`salestui.team.metrics.group_figures` over the people it
covers, so a fold changes what is shown, never what a line says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from salestui.kernel.i18n import _
from salestui.kernel.money import format_amount
from salestui.team.metrics import (
    Figures,
    Member,
    Parts,
    Targets,
    TeamRules,
    children_of,
    group_figures,
    median_visits,
    subtree,
)

SORT_KEYS: tuple[str, ...] = (
    "name",
    "revenue",
    "target",
    "attainment",
    "won",
    "win_rate",
    "average_deal",
    "cycle_days",
    "new_customers",
    "visits",
    "collection_rate",
    "score",
)


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    manager_id: int | None
    region_id: int | None
    role: str = "rep"


@dataclass(frozen=True)
class Line:
    key: str  # "root", "region:3", "person:7"
    depth: int
    label: str
    kind: str  # root / region / team / person
    person_id: int | None
    region_id: int | None
    figures: Figures
    has_children: bool
    folded: bool
    size: int  # people covered
    team_size: int = 0  # a manager's whole team, when the line covers only part of it


def _sort_value(line: Line, key: str):
    if key == "name":
        return line.label.lower()
    return getattr(line.figures, key)


def sort_lines(lines: list[Line], key: str, descending: bool) -> list[Line]:
    """Sorted by ``key``; a missing figure (no target, no closed deal) always goes last."""
    present = [ln for ln in lines if _sort_value(ln, key) is not None]
    missing = [ln for ln in lines if _sort_value(ln, key) is None]
    present.sort(key=lambda ln: _sort_value(ln, key), reverse=descending)
    return present + missing


@dataclass(frozen=True)
class Board:
    people: Sequence[Person]
    parts: Mapping[int, Parts]
    targets: Targets
    rules: TeamRules
    regions: Mapping[int, str]
    root_id: int | None  # the viewer whose team is shown; None = the company
    root_label: str
    circles: tuple[str, ...] = ()  # management circles in the data, said rather than followed

    @property
    def members(self) -> list[Member]:
        return [Member(p.id, p.manager_id, p.region_id) for p in self.people]

    def visible(self) -> list[int]:
        if self.root_id is None:
            return [p.id for p in self.people]
        return subtree(children_of(self.members), self.root_id)

    def team_median(self) -> float:
        return median_visits(self.parts, self.targets, self.visible())

    def lines(
        self, folded: set[str], sort_key: str = "revenue", descending: bool = True
    ) -> list[Line]:
        """The tree, depth first, children sorted; a folded line hides what is below it."""
        seen = set(self.visible())
        by_id = {p.id: p for p in self.people if p.id in seen}
        kids = children_of(Member(p.id, p.manager_id, p.region_id) for p in by_id.values())
        med = self.team_median()

        def fig(scope, members):
            return group_figures(scope, members, self.parts, self.targets, med, self.rules, kids)

        everyone = sorted(seen)
        root_scope = ("company", None) if self.root_id is None else ("team", self.root_id)
        if len(everyone) == 1 and self.root_id is not None:
            root_scope = ("person", self.root_id)  # a rep's own line
        root = Line(
            "root",
            0,
            self.root_label,
            "root",
            self.root_id,
            None,
            fig(root_scope, everyone),
            True,
            "root" in folded,
            len(everyone),
        )
        out = [root]
        if root.folded:
            return out
        all_in_region: dict[int | None, int] = {}
        for p in self.people:
            all_in_region[p.region_id] = all_in_region.get(p.region_id, 0) + 1
        region_lines = []
        for rid in sorted({p.region_id for p in by_id.values()}, key=lambda r: (r is None, r)):
            members = [p.id for p in by_id.values() if p.region_id == rid]
            whole = all_in_region.get(rid) == len(members)
            scope = ("region", rid) if whole else ("people", rid)
            region_lines.append(
                Line(
                    f"region:{rid}",
                    1,
                    self.regions.get(rid, "(no region)") if rid is not None else "(no region)",
                    "region",
                    None,
                    rid,
                    fig(scope, members),
                    True,
                    f"region:{rid}" in folded,
                    len(members),
                )
            )

        def region_boss(pid: int) -> int | None:
            """The nearest manager above ``pid`` in ``pid``'s region, whoever is between: the
            line ``pid`` shows under (None: at the top of the region)."""
            rid, up, seen = by_id[pid].region_id, by_id[pid].manager_id, {pid}
            while up in by_id and up not in seen:
                if by_id[up].region_id == rid:
                    return up
                seen.add(up)
                up = by_id[up].manager_id
            return None

        under: dict[int | None, list[int]] = {}
        for pid in by_id:
            under.setdefault(region_boss(pid), []).append(pid)

        def in_region(pid: int) -> list[int]:
            """The person and everyone of their team in the same region, reporting to them
            directly or through people elsewhere: the lines below a region add up to it (a
            team spread over regions shows in each its part)."""
            rid = by_id[pid].region_id
            return sorted(k for k in subtree(kids, pid) if by_id[k].region_id == rid)

        def person_line(pid: int, depth: int) -> Line:
            p = by_id[pid]
            team = subtree(kids, pid)
            here = in_region(pid)
            has_reports = len(here) > 1
            if not has_reports:
                scope = ("person", pid)
            else:  # the team's own target only when the whole team is on this line
                scope = ("team", pid) if len(here) == len(team) else ("people", pid)
            return Line(
                f"person:{pid}",
                depth,
                p.name,
                "team" if has_reports else "person",
                pid,
                p.region_id,
                fig(scope, here),
                has_reports,
                f"person:{pid}" in folded,
                len(here),
                len(team) if has_reports and len(here) < len(team) else 0,
            )

        def walk(line: Line) -> None:
            out.append(line)
            if line.folded:
                return
            if line.kind == "region":
                top = [k for k in under.get(None, ()) if by_id[k].region_id == line.region_id]
            else:
                top = list(under.get(line.person_id, ()))
            below = [person_line(k, line.depth + 1) for k in top]
            for child in sort_lines(below, sort_key, descending):
                walk(child)

        for region in sort_lines(region_lines, sort_key, descending):
            walk(region)
        return out

    def target_note(self) -> str | None:
        """Why the top line's revenue target is not what its regions' targets add up to, or None
        when it is: a company (or team) target set for the group itself, or one rolled up along
        the org where a team's own target counts, beside regions that add up their people's."""
        regions = {f"region:{p.region_id}" for p in self.people}
        root, *region_lines = self.lines(regions)
        target = root.figures.target
        found = [ln.figures.target for ln in region_lines if ln.figures.target is not None]
        if target is None or not region_lines or sum(found) == target:
            return None
        own = ("company", None) if self.root_id is None else ("team", self.root_id)
        if own in self.targets.revenue:
            how = _("is the company's own") if self.root_id is None else _("is the team's own")
        else:
            how = _("counts team targets")
        return _("target {amount} {how}; its regions add up to {sum}").format(
            amount=format_amount(target), how=how, sum=format_amount(sum(found))
        )

    def ranking(self, sort_key: str = "revenue", descending: bool = True) -> list[Line]:
        """Every visible person on their own figures, sorted: the leaderboard as a race."""
        med = self.team_median()
        by_id = {p.id: p for p in self.people}
        lines = [
            Line(
                f"person:{pid}",
                0,
                by_id[pid].name,
                "person",
                pid,
                by_id[pid].region_id,
                group_figures(("person", pid), [pid], self.parts, self.targets, med, self.rules),
                False,
                False,
                1,
            )
            for pid in self.visible()
            if ("person", pid) in self.targets.revenue or pid in self.parts
        ]
        return sort_lines(lines, sort_key, descending)
