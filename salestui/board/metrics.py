"""Pipeline figures the board shows: days in stage, stalled and why, totals. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salestui.kernel.dates import days_between, shown_date
from salestui.kernel.domain import OPEN_STAGES
from salestui.kernel.i18n import _
from salestui.kernel.money import weighted_minor


@dataclass(frozen=True)
class PipelineTotal:
    count: int
    amount_minor: int
    weighted_minor: int
    stalled: int


def days_in_stage(stage_entered_at: datetime, now: datetime) -> int:
    return max(0, days_between(stage_entered_at, now))


def is_stalled(
    stage: str, stage_entered_at: datetime, now: datetime, limits: dict[str, int]
) -> bool:
    """Open and longer in its stage than the stage's limit (DOMAIN.md: strictly exceeds)."""
    return stage in OPEN_STAGES and days_in_stage(stage_entered_at, now) > limits[stage]


def stall_reasons(
    *,
    stage: str,
    stage_entered_at: datetime,
    last_activity_at: datetime | None,
    close_date_pushes: int,
    expected_close: date,
    now: datetime,
    limits: dict[str, int],
) -> list[str]:
    """Why a stalled deal is stalled, in the words a manager uses; empty when it is not."""
    if not is_stalled(stage, stage_entered_at, now, limits):
        return []
    days = days_in_stage(stage_entered_at, now)
    reasons = [
        _("{days}d in {stage} (limit {limit}d)").format(
            days=days, stage=_(stage), limit=limits[stage]
        )
    ]
    if last_activity_at is None:
        reasons.append(_("no activity logged"))
    else:
        n = days_between(last_activity_at, now)
        reasons.append(_("last activity {n}d ago").format(n=n))
    if close_date_pushes:
        reasons.append(_("close date pushed {n}×").format(n=close_date_pushes))
    if expected_close < now.date():
        reasons.append(_("close date {day} passed").format(day=shown_date(expected_close)))
    return reasons


def pipeline_total(stage_totals) -> PipelineTotal:
    """The whole open pipeline from per-stage aggregates (weighted rounded once, at the end)."""
    rows = list(stage_totals)
    return PipelineTotal(
        count=sum(r.count for r in rows),
        amount_minor=sum(r.amount_minor for r in rows),
        weighted_minor=weighted_minor(sum(r.weighted_x100 for r in rows)),
        stalled=sum(r.stalled for r in rows),
    )
