"""The manager-changeable thresholds of DOMAIN.md: defaults in code, overrides in the database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from salestui.kernel.domain import DEFAULT_PROBABILITY, DEFAULT_STALL_DAYS, OPEN_STAGES, STAGES


@dataclass(frozen=True)
class Rules:
    stall_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_STALL_DAYS))
    probability: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_PROBABILITY))
    recent_close_days: int = 30


def int_setting(
    settings: Mapping[str, str],
    key: str,
    default: int,
    *,
    lo: int | None = None,
    hi: int | None = None,
) -> int:
    """A whole-number setting: ``default`` when unset or not a whole number, else the value
    held within [``lo``, ``hi``] — a typo never stops the app, a wild value is kept sane."""
    raw = settings.get(key)
    try:
        value = default if raw is None else int(str(raw).strip())
    except ValueError:
        value = default
    if lo is not None:
        value = max(lo, value)
    if hi is not None:
        value = min(hi, value)
    return value


def rules_from(settings: Mapping[str, str]) -> Rules:
    """Settings rows such as ``stall_days.Proposal = 45`` override the defaults; junk is ignored."""
    return Rules(
        stall_days={
            s: int_setting(settings, f"stall_days.{s}", DEFAULT_STALL_DAYS[s], lo=1)
            for s in OPEN_STAGES
        },
        probability={
            s: int_setting(settings, f"probability.{s}", DEFAULT_PROBABILITY[s], lo=0, hi=100)
            for s in STAGES
        },
        recent_close_days=int_setting(settings, "recent_close_days", 30, lo=1),
    )
