"""The manager-changeable thresholds of DOMAIN.md: defaults in code, overrides in the database."""

from __future__ import annotations

from dataclasses import dataclass, field

from salestui.kernel.domain import DEFAULT_PROBABILITY, DEFAULT_STALL_DAYS, OPEN_STAGES, STAGES


@dataclass(frozen=True)
class Rules:
    stall_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_STALL_DAYS))
    probability: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_PROBABILITY))
    recent_close_days: int = 30


def _int(raw: str | None, default: int) -> int:
    try:
        return int(str(raw).strip()) if raw is not None else default
    except ValueError:
        return default


def rules_from(settings: dict[str, str]) -> Rules:
    """Settings rows such as ``stall_days.Proposal = 45`` override the defaults; junk is ignored."""
    return Rules(
        stall_days={
            s: max(1, _int(settings.get(f"stall_days.{s}"), DEFAULT_STALL_DAYS[s]))
            for s in OPEN_STAGES
        },
        probability={
            s: min(100, max(0, _int(settings.get(f"probability.{s}"), DEFAULT_PROBABILITY[s])))
            for s in STAGES
        },
        recent_close_days=max(1, _int(settings.get("recent_close_days"), 30)),
    )
