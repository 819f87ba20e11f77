"""What changed since the last review: from its snapshot and the history written after it.

A review marked done (`d`) keeps a small snapshot — when, by whom, its KPIs and its forecast — in
a settings row. Deal-level changes come from the append-only stage history and the audit log since
that moment, so the snapshot never has to copy a million deals. Pure functions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from salestui.db.queries.moments import aware
from salestui.kernel.domain import LOST, OPEN_STAGES, WON

SNAPSHOT_PREFIX = "review.snapshot."
BIG_DEAL_MINOR_DEFAULT = 500_000 * 100  # the approval threshold: a deal that needs sign-off


def snapshot_key(login: str) -> str:
    return SNAPSHOT_PREFIX + login


@dataclass(frozen=True)
class Snapshot:
    taken_at: datetime
    by: str
    kpis: dict[str, float | None]
    forecast_minor: int

    def to_json(self) -> str:
        return json.dumps(
            {
                "taken_at": self.taken_at.astimezone(UTC).isoformat(),
                "by": self.by,
                "kpis": self.kpis,
                "forecast_minor": self.forecast_minor,
            },
            sort_keys=True,
        )

    @staticmethod
    def from_json(text: str | None) -> Snapshot | None:
        """None for no snapshot or one that cannot be read (a first review, in effect)."""
        if not text:
            return None
        try:
            raw = json.loads(text)
            taken = aware(datetime.fromisoformat(raw["taken_at"]))
            return Snapshot(taken, str(raw["by"]), dict(raw["kpis"]), int(raw["forecast_minor"]))
        except (ValueError, KeyError, TypeError):
            return None


@dataclass(frozen=True)
class DealMove:
    id: int
    title: str
    owner: str
    amount_minor: int
    from_stage: str | None  # where it stood at the last review (None: created since)
    to_stage: str
    direction: str  # "forward", "backward", "won", "lost", "new", "reopened"


@dataclass(frozen=True)
class Changes:
    since: datetime
    first_review: bool  # no snapshot: the last 7 days are shown instead
    moved: tuple[DealMove, ...] = ()
    won: tuple[DealMove, ...] = ()
    lost: tuple[DealMove, ...] = ()
    slipped: tuple[tuple[int, str, str, str], ...] = ()  # id, title, old close, new close
    new_big: tuple[tuple[int, str, str, int], ...] = ()  # id, title, owner, amount
    kpi_changes: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    forecast: tuple[int, int] | None = None  # (at the last review, now)


def changes_since(now: datetime, snapshot: Snapshot | None) -> datetime:
    """The moment changes are counted from: the last review, else a week ago."""
    return snapshot.taken_at if snapshot is not None else now - timedelta(days=7)


def _direction(before: str | None, after: str) -> str:
    """A deal created and closed inside the window is won or lost (it is new as well: its
    ``from_stage`` is None), so every deal closed since is counted where it closed."""
    if after == WON:
        return "won"
    if after == LOST:
        return "lost"
    if before is None:
        return "new"
    if before in (WON, LOST):
        return "reopened"
    if before in OPEN_STAGES and after in OPEN_STAGES:
        return "forward" if OPEN_STAGES.index(after) > OPEN_STAGES.index(before) else "backward"
    return "forward"


def classify_moves(moves: Iterable[tuple]) -> list[DealMove]:
    """``moves``: (id, title, owner, amount, stage before the period, stage now), one per deal.

    Only the net move counts: Proposal → Qualified → Proposal is no change; Proposal → Qualified
    is a deal that moved backwards.
    """
    out = []
    for deal_id, title, owner, amount, before, after in moves:
        if before == after:
            continue
        out.append(
            DealMove(deal_id, title, owner, amount, before, after, _direction(before, after))
        )
    return out


def build_changes(
    now: datetime,
    snapshot: Snapshot | None,
    moves: Iterable[tuple],
    slips: Iterable[tuple],
    new_deals: Iterable[tuple],
    kpis_now: Mapping[str, float | None],
    forecast_now: int,
    big_deal_minor: int = BIG_DEAL_MINOR_DEFAULT,
) -> Changes:
    """Everything the review's "since the last review" section lists.

    ``slips``: (id, title, old close, new close) from the audit log — only later dates count.
    ``new_deals``: (id, title, owner, amount) created since; those at or over ``big_deal_minor``
    are listed.
    """
    classified = classify_moves(moves)
    slipped = tuple(s for s in slips if str(s[3]) > str(s[2]))
    by_deal: dict[int, tuple] = {}
    for s in slipped:  # several pushes of one deal: from the first old date to the last new one
        first = by_deal.get(s[0])
        by_deal[s[0]] = (s[0], s[1], first[2] if first else s[2], s[3])
    kpi_changes = {}
    if snapshot is not None:
        kpi_changes = {k: (snapshot.kpis.get(k), v) for k, v in kpis_now.items()}
    return Changes(
        since=changes_since(now, snapshot),
        first_review=snapshot is None,
        moved=tuple(m for m in classified if m.direction in ("forward", "backward", "reopened")),
        won=tuple(m for m in classified if m.direction == "won"),
        lost=tuple(m for m in classified if m.direction == "lost"),
        slipped=tuple(by_deal.values()),
        new_big=tuple(d for d in new_deals if d[3] >= big_deal_minor),
        kpi_changes=kpi_changes,
        forecast=(snapshot.forecast_minor, forecast_now) if snapshot is not None else None,
    )
