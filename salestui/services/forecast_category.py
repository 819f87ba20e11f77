"""The owner's forecast category on an open deal (DOMAIN.md "Forecasting"): set or cleared from the
board, the deal's detail, the command line — one rule for each door. The words and the default
are ``salestui.kernel.forecast``'s; undo (``u``) puts the old word back like any deal edit."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from salestui.db.queries.settings import settings_map
from salestui.kernel.clock import local_day
from salestui.kernel.dates import utc_now
from salestui.kernel.errors import DomainError
from salestui.kernel.forecast import (
    CATEGORIES,
    category_rules_from,
    closed_refusal,
    effective_category,
    read_category,
)
from salestui.kernel.i18n import _
from salestui.services.audit import new_batch
from salestui.services.deals import (
    Change,
    _check_may_change,
    _check_version,
    load_deal,
    save_changes,
)
from salestui.services.rules import actor_row
from salestui.services.text import refuse_control_characters

# What clears the owner's word, so the stage and close date decide again.
DEFAULT_WORDS = ("default", "as the stage says", "")


def read_choice(text: str | None) -> str | None:
    """What a person asked for: a category, or None for "as the stage says"; an unknown word is
    refused naming the four."""
    raw = " ".join((text or "").strip().lower().split())
    if raw in DEFAULT_WORDS:
        return None
    category = read_category(raw)
    if category is None:
        raise DomainError(
            _(
                "{text} is not a forecast category; use one of {value} or default (as the stage says)"
            ).format(text=repr(text), value=", ".join(CATEGORIES))
        )
    return category


def set_category(
    session: Session,
    actor_login: str,
    deal_id: int,
    version: int,
    category: str | None,
    *,
    now: datetime | None = None,
) -> Change:
    """Set the owner's category (``category``: what was typed; None or "default" clears it)."""
    now = now or utc_now()
    refuse_control_characters({"forecast category": category})
    wanted = read_choice(category)
    actor, people = actor_row(session, actor_login)
    deal = load_deal(session, deal_id)
    _check_may_change(people, actor, deal.owner_id, f"“{deal.title}”")
    _check_version(session, deal, version)
    if (why := closed_refusal(deal.stage)) is not None:
        raise DomainError(
            _("“{title}” is {stage}: {why}").format(title=deal.title, stage=_(deal.stage), why=why)
        )
    rules = category_rules_from(settings_map(session))
    today = local_day(now)
    old = deal.forecast_category
    if old == wanted:
        said = _(wanted) if wanted else _("as the stage says")
        raise DomainError(
            _("“{title}” is already {said}; nothing changed").format(title=deal.title, said=said)
        )
    shown = effective_category(wanted, deal.stage, deal.expected_close, today, rules)
    changes = {"forecast_category": (old, wanted)}
    new_version = save_changes(session, deal, version, changes, actor.login, new_batch(), now)
    if wanted:
        said = _("“{title}” forecast category set to {category}")
    else:
        said = _("“{title}” forecast category as the stage says: {category}")
    return Change(deal.id, new_version, said.format(title=deal.title, category=_(shown)))


def category_of(session: Session, deal_id: int, now: datetime) -> tuple[str | None, bool]:
    """A deal's effective category today and whether its owner set it (False: defaulted)."""
    deal = load_deal(session, deal_id)
    rules = category_rules_from(settings_map(session))
    shown = effective_category(
        deal.forecast_category, deal.stage, deal.expected_close, local_day(now), rules
    )
    return shown, deal.forecast_category is not None and shown == deal.forecast_category
