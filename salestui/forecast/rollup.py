"""The forecast roll-up up the org tree (DOMAIN.md "Forecasting"), pure over plain data.

Every person's line holds their own deals and everyone's below them, so a manager's line is the
sum of their own-deals line and their direct reports' lines — the lines add up. The call is each
person's number for their whole scope; a manager's *judgment* is their call minus the sum of
their direct reports' calls (the reports who have called).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from salestui.kernel.forecast import BEST_CASE, CLOSED, COMMIT, OMITTED, PIPELINE
from salestui.kernel.i18n import N_
from salestui.kernel.money import weighted_minor


@dataclass(frozen=True)
class Figures:
    """Money in minor units; commit, best case and pipeline are disjoint (a deal counts once,
    under its category); omitted is shown, never summed into a forecast."""

    closed: int = 0
    commit: int = 0
    best_case: int = 0
    pipeline: int = 0
    omitted: int = 0
    # Σ amount × stage probability (%) of the open deals not omitted, rounded once when shown
    weighted_x100: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def weighted(self) -> int:
        return weighted_minor(self.weighted_x100)

    def plus(self, category: str | None, amount: int, weighted_x100: int) -> Figures:
        """These figures with a group of open deals (or won revenue, ``closed``) added."""
        name = {CLOSED: "closed", COMMIT: "commit", BEST_CASE: "best_case",
                PIPELINE: "pipeline", OMITTED: "omitted"}.get(category or "")  # fmt: skip
        if name is None:
            return self
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values[name] += amount
        if category not in (CLOSED, OMITTED):  # the weighted forecast leaves omitted out
            values["weighted_x100"] += weighted_x100
        return Figures(**values)


@dataclass(frozen=True)
class Call:
    amount_minor: int
    week_start: date
    made_at: datetime
    note: str
    made_by: str
    older: bool  # made before this week: the person has not called this week yet


@dataclass(frozen=True)
class Line:
    """One row of the roll-up. ``kind``: "person" (their scope), "own" (a manager's own deals,
    under them) or "company" (the sum of several tops of the tree)."""

    key: str
    kind: str
    level: int
    person_id: int | None
    login: str
    name: str
    figures: Figures
    trend: int | None = None
    call: Call | None = None
    reports_called: int | None = None  # Σ the direct reports' calls (None: none has called)
    children: tuple[str, ...] = field(default=(), repr=False)

    @property
    def judgment(self) -> int | None:
        """The call above (+) or below (−) the direct reports' calls; None without both."""
        if self.call is None or self.reports_called is None:
            return None
        return self.call.amount_minor - self.reports_called


def week_call(calls: Sequence[Call], this_week: date) -> Call | None:
    """The week's call: the last made in ``this_week``, else the latest earlier one (marked
    older); calls come oldest first."""
    if not calls:
        return None
    last = calls[-1]
    return last if last.week_start >= this_week else Call(**{**last.__dict__, "older": True})


def roll_up(
    people: Sequence,
    seen: set[int],
    own: Mapping[int, Figures],
    calls: Mapping[int, Call],
    trend: Callable[[set[int]], int | None] | None = None,
) -> list[Line]:
    """The lines of the people in ``seen`` (ids), depth first from the tops of what is seen,
    each with their whole scope's figures; a manager with deals of their own gets an "own deals"
    line under them; several tops get a company line above. ``trend(ids)``: the trend forecast
    of those owners together (None: not shown)."""
    seen_people = [p for p in people if p.id in seen]
    kids: dict[int | None, list] = {}
    for p in seen_people:
        up = p.manager_id if p.manager_id in seen else None
        kids.setdefault(up, []).append(p)
    for group in kids.values():
        group.sort(key=lambda p: (p.display_name.casefold(), p.id))

    out: list[Line] = []

    def walk(p, level: int) -> tuple[Figures, set[int]]:
        at = len(out)
        out.append(None)  # type: ignore[arg-type]  # filled in below, after the reports
        below = kids.get(p.id, [])
        mine = own.get(p.id, Figures())
        total, ids, child_keys = mine, {p.id}, []
        if below and mine != Figures():
            child_keys.append(f"own:{p.id}")
            out.append(
                Line(
                    f"own:{p.id}",
                    "own",
                    level + 1,
                    p.id,
                    p.login,
                    N_("own deals"),
                    mine,
                    trend({p.id}) if trend else None,
                )  # fmt: skip
            )
        for child in below:
            child_keys.append(f"person:{child.id}")
            figures, child_ids = walk(child, level + 1)
            total, ids = total + figures, ids | child_ids
        reported = [calls[c.id].amount_minor for c in below if c.id in calls]
        out[at] = Line(
            f"person:{p.id}", "person", level, p.id, p.login, p.display_name, total,
            trend(ids) if trend else None, calls.get(p.id),
            sum(reported) if reported else None, tuple(child_keys),
        )  # fmt: skip
        return total, ids

    tops = kids.get(None, [])
    if len(tops) > 1:
        out.append(None)  # type: ignore[arg-type]
        total, ids = Figures(), set()
        for top in tops:
            figures, top_ids = walk(top, 1)
            total, ids = total + figures, ids | top_ids
        keys = tuple(f"person:{t.id}" for t in tops)
        out[0] = Line("company", "company", 0, None, "", N_("Company"), total,
                      trend(ids) if trend else None, children=keys)  # fmt: skip
    else:
        for top in tops:
            walk(top, 0)
    return out
