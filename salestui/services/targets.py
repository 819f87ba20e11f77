"""Targets set and changed by a manager for a person, a team, a region or the company.

A target belongs to one scope, one period (a month, a quarter or a year) and one metric; there is
never a second one for the same three — a change names the version it read. A quarter can be
spread over its months in the same transaction.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlmodel import Session

from salestui.db.queries.people import PersonRow, all_regions
from salestui.db.queries.team import target_row
from salestui.db.tables import Target
from salestui.kernel.clock import local_day
from salestui.kernel.dates import utc_now
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_amount, parse_amount
from salestui.kernel.org import subtree_ids
from salestui.kernel.periods import Period, parse_period
from salestui.services.audit import new_batch, record
from salestui.services.rules import actor_row
from salestui.services.text import refuse_control_characters
from salestui.team.metrics import METRICS, SCOPES

COUNT_LIMIT = 10**9  # a count target beyond it is a typing slip (and SQLite's integers end)
METRIC_WORDS = {
    "revenue": N_("revenue"),
    "new_customers": N_("new customers"),
    "visits": N_("visits"),
}


def parse_value(metric: str, text: str | int) -> int:
    """Revenue in money (stored in minor units), the others as a whole positive count."""
    if metric == "revenue":
        value = text if isinstance(text, int) else parse_amount(str(text), field="the target")
    else:
        raw = str(text).strip().replace(",", "")
        # \d: decimal digits of any script, which int() reads; isdigit() also passes "²"
        if not re.fullmatch(r"-?\d+", raw):
            raise DomainError(
                _("the {METRIC_WORDS} target must be a whole number, not {text}").format(
                    METRIC_WORDS=METRIC_WORDS[metric], text=repr(text)
                )
            )
        digits = raw.lstrip("-").lstrip("0") or "0"  # int() reads at most 4,300 digits
        value = int(digits[: len(str(COUNT_LIMIT)) + 1]) * (-1 if raw.startswith("-") else 1)
        if value > COUNT_LIMIT:
            raise DomainError(
                _("the {METRIC_WORDS} target is more than {COUNT_LIMIT}").format(
                    METRIC_WORDS=METRIC_WORDS[metric], COUNT_LIMIT=format(COUNT_LIMIT, ",")
                )
            )
    if value <= 0:
        raise DomainError(_("a target must be a positive number"))
    return value


def shown(metric: str, value: int) -> str:
    return format_amount(value) if metric == "revenue" else f"{value:,}"


def _scope_name(session, people: list[PersonRow], scope_type: str, scope_id: int | None) -> str:
    if scope_type == "company":
        return _("the company")
    if scope_type == "region":
        region = next((r for r in all_regions(session) if r.id == scope_id), None)
        if region is None:
            raise DomainError(_("there is no region #{scope_id}").format(scope_id=scope_id))
        return _("region {name}").format(name=region.name)
    person = next((p for p in people if p.id == scope_id), None)
    if person is None:
        raise DomainError(_("there is no person #{scope_id}").format(scope_id=scope_id))
    if scope_type == "team":
        return _("{name}'s team").format(name=person.display_name)
    return person.display_name


def check_may_set(
    people: list[PersonRow], actor: PersonRow, scope_type: str, scope_id: int | None
) -> None:
    """A manager sets targets for people and teams below them, for a region whose people all
    report to them, and (the top of the org) for the company; an admin for anyone."""
    if actor.admin:
        return
    if actor.role != "manager":
        raise DomainError(_("only a manager sets targets"))
    below = subtree_ids(people, actor.id) - {actor.id}
    if scope_type in ("person", "team"):
        person = next(p for p in people if p.id == scope_id)
        if person.id not in below:
            raise DomainError(
                _(
                    "{display_name} does not report to you: you set targets only for people below you"
                ).format(display_name=person.display_name)
            )
        if scope_type == "team" and not any(p.manager_id == person.id for p in people):
            raise DomainError(
                _("{display_name} has no team; set a person target instead").format(
                    display_name=person.display_name
                )
            )
    elif scope_type == "region":
        outside = [
            p
            for p in people
            if p.region_id == scope_id and p.active and p.id not in below and p.id != actor.id
        ]
        if outside:
            raise DomainError(
                _("{display_name} works in that region but does not report to you").format(
                    display_name=outside[0].display_name
                )
            )
    elif actor.manager_id is not None:
        raise DomainError(_("only the top of the organisation sets the company target"))


def set_target(
    session: Session,
    actor_login: str,
    *,
    scope_type: str,
    scope_id: int | None,
    period: str | Period,
    metric: str,
    value: str | int,
    version: int | None = None,
    spread: bool = False,
    now: datetime | None = None,
) -> str:
    """Create a target (``version`` None) or change the one of that version; ``spread`` also
    writes a quarter's three month targets (value split evenly, the odd units to the first)."""
    now = now or utc_now()
    refuse_control_characters(
        {"scope": scope_type, "period": period, "metric": metric, "value": value}
    )
    actor, people = actor_row(session, actor_login)
    if scope_type not in SCOPES:
        raise DomainError(
            _("a target is for a {value}, not {scope_type}").format(
                value=", a ".join(SCOPES), scope_type=repr(scope_type)
            )
        )
    if scope_type == "company":
        scope_id = None
    elif scope_id is None:
        raise DomainError(
            _("choose the {scope_type} the target is for").format(scope_type=scope_type)
        )
    if metric not in METRICS:
        raise DomainError(
            _("a target counts {value}, not {metric}").format(
                value=_(", ").join(_(w) for w in METRIC_WORDS.values()), metric=repr(metric)
            )
        )
    when = period if isinstance(period, Period) else parse_period(period, local_day(now))
    amount = parse_value(metric, value)
    name = _scope_name(session, people, scope_type, scope_id)
    check_may_set(people, actor, scope_type, scope_id)
    if spread and when.kind != "quarter":
        raise DomainError(_("only a quarterly target is spread over its months"))
    if spread and version is not None:
        raise DomainError(_("spread a quarter when you first set it; change each month on its own"))
    batch = new_batch()
    what = _("{metric} target of {name} for {period}").format(
        metric=_(METRIC_WORDS[metric]), name=name, period=when.label
    )
    existing = target_row(session, scope_type, scope_id, when.kind, when.start, metric)
    if version is None:
        if existing is not None:
            raise DomainError(
                _(
                    "{name} already has a {value} for {label} ({value2}); change that one instead"
                ).format(
                    name=name,
                    value=what.split(" of ")[0],
                    label=when.label,
                    value2=shown(metric, existing.value),
                )
            )
        rows = [(when, amount)]
        if spread:
            base, extra = divmod(amount, 3)
            months = [Period("month", d) for d in when.month_starts()]
            rows += [(m, base + (1 if i < extra else 0)) for i, m in enumerate(months)]
            for m, _count in rows[1:]:
                if target_row(session, scope_type, scope_id, "month", m.start, metric):
                    raise DomainError(
                        _("{name} already has a month target for {label}").format(
                            name=name, label=m.label
                        )
                    )
            if base == 0:
                raise DomainError(_("the quarter's target is too small to spread over 3 months"))
        for p, v in rows:
            _create(session, actor.login, scope_type, scope_id, p, metric, v, batch, now)
        session.commit()
        if spread:
            said = _("set the {what} to {value} and spread over its 3 months")
        else:
            said = _("set the {what} to {value}")
        return said.format(what=what, value=shown(metric, amount))
    if existing is None:
        raise DomainError(
            _("the {what} no longer exists (someone removed it); set it anew").format(what=what)
        )
    row = session.get(Target, existing.id)
    if row.version != version:
        raise DomainError(
            _("the {what} was changed by someone else meanwhile; reopen and retry").format(
                what=what
            )
        )
    old = row.value
    row.value, row.version = amount, row.version + 1
    session.add(row)
    record(
        session,
        actor=actor.login,
        table="target",
        row_id=row.id,
        changes={"value": (old, amount)},
        batch=batch,
        at=now,
    )
    session.commit()
    return _("changed the {what} from {old} to {new}").format(
        what=what, old=shown(metric, old), new=shown(metric, amount)
    )


def _create(session, login, scope_type, scope_id, period: Period, metric, value, batch, now):
    row = Target(
        scope_type=scope_type,
        scope_id=scope_id,
        period_type=period.kind,
        period_start=period.start,
        metric=metric,
        value=value,
    )
    session.add(row)
    session.flush()
    record(
        session,
        actor=login,
        table="target",
        row_id=row.id,
        changes={
            "*created*": (None, f"{scope_type}:{scope_id} {period.label} {metric}"),
            "value": (None, value),
        },
        batch=batch,
        at=now,
    )
