"""Pipeline movement: the week's waterfall from the quarter's open pipeline at the week's start
to the one now, each deal in exactly one bucket.

The pipeline is the open deals due before the end of the current quarter (overdue ones
included), at the amount and close date they had at the moment. A deal's bucket, first match
wins:

1. **won** / **lost**: closed now, and either in the start pipeline or closed this week; it
   takes out its start amount (0 if it was not in the start pipeline — created, or due in a
   later quarter, and closed in the week).
2. **new**: in the pipeline now, not at the start, and created in the week or reopened (closed
   at the start): + its amount now.
3. **pulled in**: in the pipeline now, open at the start but due after the quarter then: + now.
4. **pushed out**: in the start pipeline, open now but due after the quarter: − its start amount.
5. **increased** / **decreased**: in both, the amount now above / below the start amount:
   + the difference. In both at the same amount: unchanged (no bucket, nothing to add).

So start + Σ buckets = end for every person, by construction and whatever happened in
between. Only deals changed in the week are read one by one (the review's "changes since"
readers: the stage history and the audit log); the rest are in both pipelines at the same amount
and come from one aggregate. A deal belongs to its owner now, at both ends (one handed over in
the week moves with all its figures).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from salestui.db.queries.moments import day, later_than
from salestui.kernel.domain import LOST, OPEN_STAGES, WON
from salestui.kernel.i18n import N_
from salestui.kernel.org import subtree_ids

BUCKETS: tuple[str, ...] = (
    "new",
    "pulled_in",
    "pushed_out",
    "increased",
    "decreased",
    "won",
    "lost",
)
LABELS: dict[str, str] = {
    "start": N_("Start"),
    "new": N_("New"),
    "pulled_in": N_("Pulled in"),
    "pushed_out": N_("Pushed out"),
    "increased": N_("Increased"),
    "decreased": N_("Decreased"),
    "won": N_("Won"),
    "lost": N_("Lost"),
    "end": N_("End"),
}
FIELDS = ("amount_minor", "expected_close")


class DealState(NamedTuple):  # a tuple: thousands are made per load
    stage: str
    amount_minor: int
    close: date


def in_pipeline(state: DealState | None, quarter_end: date) -> bool:
    return state is not None and state.stage in OPEN_STAGES and state.close < quarter_end


def bucket_of(
    then: DealState | None, now: DealState, quarter_end: date, *, closed_in_week: bool
) -> tuple[str | None, int]:
    """The deal's bucket (None: unchanged, or never in either pipeline) and what it adds to the
    pipeline; ``then`` None for a deal created in the week."""
    was, now_in = in_pipeline(then, quarter_end), in_pipeline(now, quarter_end)
    return _bucket(then, now, was, now_in, closed_in_week)


def _bucket(then, now, was: bool, now_in: bool, closed_in_week: bool) -> tuple[str | None, int]:
    start = then.amount_minor if was else 0
    if now.stage not in OPEN_STAGES:
        if was or closed_in_week:
            return ("won" if now.stage == WON else "lost"), -start
        return None, 0
    if now_in and not was:
        reopened = then is not None and then.stage in (WON, LOST)
        return ("new" if then is None or reopened else "pulled_in"), now.amount_minor
    if was and not now_in:
        return "pushed_out", -start
    if was and now_in and now.amount_minor != start:
        return ("increased" if now.amount_minor > start else "decreased"), now.amount_minor - start
    return None, 0


@dataclass
class Waterfall:
    """One scope's figures: deals and amounts (minor units) at the start and the end, and per
    bucket the deals in it and what they add (negative for what leaves)."""

    start_deals: int = 0
    start_minor: int = 0
    end_deals: int = 0
    end_minor: int = 0
    deals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    minor: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))

    def add(self, other: Waterfall) -> None:
        self.start_deals += other.start_deals
        self.start_minor += other.start_minor
        self.end_deals += other.end_deals
        self.end_minor += other.end_minor
        for b in BUCKETS:
            self.deals[b] += other.deals[b]
            self.minor[b] += other.minor[b]

    @property
    def quiet(self) -> bool:
        return not (self.start_deals or self.end_deals or any(self.deals.values()))


def summed(parts: Iterable[Waterfall]) -> Waterfall:
    out = Waterfall()
    for w in parts:
        out.add(w)
    return out


class Touched(NamedTuple):
    """A deal changed in the week: as it is now, and as it was at the week's start."""

    id: int
    owner_id: int
    now: DealState
    then: DealState | None  # None: created in the week
    closed_in_week: bool


def touched_deals(moved: Iterable, changes: Iterable, since: datetime) -> list[Touched]:
    """From ``db.queries.review.deals_moved_since`` (stage then and now) and
    ``deal_field_changes`` (amount and close date changes, oldest first: the first one's old
    value is the one at ``since``). A deal only in the second kept its stage since."""
    now: dict[int, DealState] = {}
    stage_then: dict[int, str | None] = {}
    info: dict[int, tuple[int, bool, bool]] = {}  # owner, created in the week, closed in it
    first_old: dict[tuple[int, str], str] = {}

    after = later_than(since)

    def remember(r) -> None:
        if r.id in now:
            return
        now[r.id] = DealState(r.stage, int(r.amount_minor), day(r.expected_close))
        info[r.id] = (int(r.owner_id), after(r.created_at), after(r.closed_at))

    for r in moved:
        remember(r)
        stage_then[r.id] = r.stage_then
    for r in changes:
        remember(r)
        first_old.setdefault((r.id, r.field), r.old)
    out = []
    for deal_id, state in now.items():
        owner, created, closed = info[deal_id]
        then = None
        if not created:
            stage = stage_then[deal_id] if deal_id in stage_then else state.stage
            amount = first_old.get((deal_id, "amount_minor"))
            close = first_old.get((deal_id, "expected_close"))
            then = DealState(
                stage or OPEN_STAGES[0],  # no history before the week: it was open
                state.amount_minor if amount is None else int(amount),
                state.close if close is None else day(close),
            )
        out.append(Touched(deal_id, owner, state, then, closed))
    return out


def waterfalls(
    end_rows: Iterable, touched: Iterable[Touched], quarter_end: date
) -> dict[int, Waterfall]:
    """Per owner. ``end_rows``: owner_id, deals, amount_minor of the pipeline now
    (``db.queries.movement.open_pipeline_by_owner``); a deal not touched is in it at both ends
    with the same amount, so the start is the end with the touched deals put back as they were."""
    return with_ends(end_rows, adjustments(touched, quarter_end))


def adjustments(touched: Iterable[Touched], quarter_end: date) -> dict[int, Waterfall]:
    """Per owner, what the touched deals change: the start's deals and amount against the end's
    (each deal in the pipeline now taken out, each in it at the start put back as it was), and
    the buckets; the ends are 0."""
    out: dict[int, Waterfall] = {}
    for t in touched:
        w = out.get(t.owner_id) or out.setdefault(t.owner_id, Waterfall())
        was, now_in = in_pipeline(t.then, quarter_end), in_pipeline(t.now, quarter_end)
        if now_in:
            w.start_deals -= 1
            w.start_minor -= t.now.amount_minor
        if was:
            w.start_deals += 1
            w.start_minor += t.then.amount_minor
        bucket, delta = _bucket(t.then, t.now, was, now_in, t.closed_in_week)
        if bucket is not None:
            w.deals[bucket] += 1
            w.minor[bucket] += delta
    return out


def with_ends(end_rows: Iterable, changed: Mapping[int, Waterfall]) -> dict[int, Waterfall]:
    """Each owner's waterfall: the end as read, the start the end with ``changed`` added."""
    out: dict[int, Waterfall] = {}
    for r in end_rows:
        w = out[int(r.owner_id)] = Waterfall()
        w.end_deals, w.end_minor = int(r.deals), int(r.amount_minor)
        w.start_deals, w.start_minor = w.end_deals, w.end_minor
    for owner, delta in changed.items():
        w = out.get(owner) or out.setdefault(owner, Waterfall())
        w.add(delta)
    return out


# the per-owner adjustments as kept (``salestui.runtime.maintained.kept_per_person``)
KEPT_COLUMNS = (
    "owner_id",
    "start_deals",
    "start_minor",
    *(f"deals_{b}" for b in BUCKETS),
    *(f"minor_{b}" for b in BUCKETS),
)


def week_adjustments(week: date, quarter_end: date, session, today: date, ids=None):
    """:func:`adjustments` of the deals touched since the first moment of ``week`` (the
    person's clock), of the owners ``ids`` (None: everyone's), as a Table of
    :data:`KEPT_COLUMNS` — one part of a maintained read."""
    from salestui.db.queries.executor import Table
    from salestui.db.queries.review import deal_field_changes, deals_moved_since
    from salestui.kernel.clock import day_start

    since = day_start(week)
    moved = deals_moved_since(session, ids, since)
    changes = deal_field_changes(session, ids, since, FIELDS)
    found = adjustments(touched_deals(moved, changes, since), quarter_end)
    rows = [
        (owner, w.start_deals, w.start_minor, *w.deals.values(), *w.minor.values())
        for owner, w in found.items()
    ]
    return Table(KEPT_COLUMNS, rows)


def kept_adjustments(columns) -> dict[int, Waterfall]:
    """:func:`week_adjustments`' rows (as kept columns) back as waterfalls."""
    out: dict[int, Waterfall] = {}
    n = len(BUCKETS)
    for row in zip(*(a.tolist() for a in columns.arrays), strict=True):
        w = out[row[0]] = Waterfall(start_deals=row[1], start_minor=row[2])
        w.deals = dict(zip(BUCKETS, row[3 : 3 + n], strict=True))
        w.minor = dict(zip(BUCKETS, row[3 + n :], strict=True))
    return out


@dataclass(frozen=True)
class Line:
    label: str
    depth: int
    team: bool  # a roll-up of someone and everyone below them
    figures: Waterfall


def rollup_lines(people: Sequence, seen: Iterable[int] | None, by_owner: Mapping) -> list[Line]:
    """The org tree as the viewer sees it (``seen``: the owners in view, None for all): each
    manager's team (they and everyone below, adding up), their own deals under it, then their
    reports; the first line is everything in view. People with no figures are left out."""
    seen = None if seen is None else set(seen)
    visible = [p for p in people if seen is None or p.id in seen]
    ids = {p.id for p in visible}
    children: dict[int | None, list] = {}
    for p in sorted(visible, key=lambda p: p.display_name.casefold()):
        children.setdefault(p.manager_id if p.manager_id in ids else None, []).append(p)
    lines = [Line("Everyone in view", 0, True, summed(by_owner.values()))]

    def walk(p, depth: int) -> None:
        own = by_owner.get(p.id, Waterfall())
        kids = children.get(p.id, [])
        if kids:
            team = summed(by_owner.get(i, Waterfall()) for i in subtree_ids(visible, p.id))
            if team.quiet:
                return
            lines.append(Line(f"{p.display_name} · team", depth, True, team))
            depth += 1
        if not own.quiet:
            lines.append(Line(p.display_name, depth, False, own))
        for k in kids:
            walk(k, depth)

    for root in children.get(None, []):
        walk(root, 0)
    return lines


@dataclass(frozen=True)
class Movement:
    week_start: date
    as_of: datetime
    quarter_end: date  # the pipeline: open deals due before this day
    total: Waterfall
    lines: tuple[Line, ...]


def load_movement(conn, scope, now: datetime) -> Movement:
    """The waterfall of the viewer's scope (``salestui.scope.load_scope``: the viewer rule) for
    the week holding ``now`` (the team's first weekday, setting ``week_start``)."""
    from functools import partial

    from salestui.context import reopened
    from salestui.db.queries.movement import open_pipeline_by_owner
    from salestui.kernel.periods import add_months, quarter_start, week_bounds
    from salestui.runtime.columns import NumericPart
    from salestui.runtime.maintained import kept_per_person

    week = week_bounds(now.date(), scope.first_weekday)[0]
    quarter_end = add_months(quarter_start(now.date()), 3)
    ends = open_pipeline_by_owner(conn, scope.owners, quarter_end)
    # the week's touched deals, everyone's kept and brought up to date from the owners whose
    # deals changed since (migration 0018)
    part = NumericPart(partial(week_adjustments, week, quarter_end), ("<i8",) * len(KEPT_COLUMNS))
    name = f"movement|{week.isoformat()}|{quarter_end.isoformat()}"
    found = kept_per_person(reopened(conn), conn, name, part, now.date(), scope.owners)
    by_owner = with_ends(ends, kept_adjustments(found))
    lines = rollup_lines(scope.people, scope.owners, by_owner)
    return Movement(week, now, quarter_end, lines[0].figures, tuple(lines))
