"""Forecast categories (DOMAIN.md "Forecasting"): the words, the default a deal gets from its stage
and close date, and the week a call belongs to — one definition for the board, the forecast
screen, the reports and the imports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from salestui.kernel.domain import LOST, NEGOTIATION, OPEN_STAGES, PROPOSAL, WON
from salestui.kernel.periods import first_weekday, week_bounds

COMMIT, BEST_CASE, PIPELINE, OMITTED, CLOSED = (
    "commit",
    "best case",
    "pipeline",
    "omitted",
    "closed",
)
# what an owner may set on an open deal; a won deal is "closed" and a lost one has none
CATEGORIES: tuple[str, ...] = (COMMIT, BEST_CASE, PIPELINE, OMITTED)


@dataclass(frozen=True)
class CategoryRules:
    """From which stage an open deal closing in time defaults to commit / best case
    (settings ``forecast.commit_from``, ``forecast.best_case_from``)."""

    commit_from: str = NEGOTIATION
    best_case_from: str = PROPOSAL


def category_rules_from(settings: Mapping[str, str]) -> CategoryRules:
    """An unknown stage in a setting falls back to the default: a typo never stops the app."""

    def stage(key: str, default: str) -> str:
        raw = (settings.get(key) or "").strip().lower()
        return next((s for s in OPEN_STAGES if s.lower() == raw), default)

    return CategoryRules(
        commit_from=stage("forecast.commit_from", NEGOTIATION),
        best_case_from=stage("forecast.best_case_from", PROPOSAL),
    )


def default_category(stage: str, expected_close: date, today: date, rules: CategoryRules) -> str:
    """An open deal's category when its owner has set none: a close date already passed says the
    deal is not under control (pipeline); otherwise the stage decides."""
    if expected_close < today:
        return PIPELINE
    rank = OPEN_STAGES.index(stage) if stage in OPEN_STAGES else 0
    if rank >= OPEN_STAGES.index(rules.commit_from):
        return COMMIT
    if rank >= OPEN_STAGES.index(rules.best_case_from):
        return BEST_CASE
    return PIPELINE


def effective_category(
    stored: str | None, stage: str, expected_close: date, today: date, rules: CategoryRules
) -> str | None:
    """The category a deal counts under: ``closed`` when won, none when lost, the owner's when
    set, else the default."""
    if stage == WON:
        return CLOSED
    if stage == LOST:
        return None
    if stored in CATEGORIES:
        return stored
    return default_category(stage, expected_close, today, rules)


def closed_refusal(stage: str) -> str | None:
    """Why a deal in ``stage`` takes no category (None: it is open and does) — the board, the
    command line and the import say the same."""
    if stage == WON:
        return "a won deal counts as closed"
    if stage == LOST:
        return "a lost deal has no category"
    return None


def read_category(text: str) -> str | None:
    """A category as a person types it ("commit", "Best case", "best-case", "bc"); None if it is
    not one."""
    raw = " ".join((text or "").strip().lower().replace("-", " ").replace("_", " ").split())
    aliases = {"bc": BEST_CASE, "best": BEST_CASE, "bestcase": BEST_CASE, "pipe": PIPELINE}
    raw = aliases.get(raw, raw)
    return raw if raw in CATEGORIES else None


def call_week(day: date, settings: Mapping[str, str]) -> date:
    """The first day of the week a call made on ``day`` belongs to (the team's first weekday)."""
    return week_bounds(day, first_weekday(settings))[0]
