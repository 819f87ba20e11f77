"""The weekly forecast call: a person's number for their own scope's quarter (DOMAIN.md
"Forecasting"). Every call is a new row — the week's call is the last one made in it — and
audited, so accuracy can be read week by week afterwards.

Nobody calls for someone else, an administrator included: a call is its maker's own word on
their scope, and a manager's judgment is read against their reports' own calls. A manager's
number for their team is their own call, made for their whole scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from salestui.db.queries.moments import aware
from salestui.db.queries.settings import settings_map
from salestui.db.tables import ForecastCall
from salestui.forecast.load import read_quarter
from salestui.kernel.clock import local_day
from salestui.kernel.dates import utc_now
from salestui.kernel.errors import DomainError
from salestui.kernel.forecast import call_week
from salestui.kernel.i18n import _
from salestui.kernel.money import format_amount, parse_amount
from salestui.kernel.periods import Period
from salestui.services.audit import new_batch, record
from salestui.services.rules import actor_row
from salestui.services.text import refuse_control_characters

NOTE_LIMIT = 500


@dataclass(frozen=True)
class CallDone:
    call_id: int
    person: str
    period: str
    week_start: str
    amount_minor: int
    batch: str
    message: str


def submit_call(
    session: Session,
    actor_login: str,
    amount: str | int,
    *,
    note: str | None = None,
    period: str | Period | None = None,
    person: str | None = None,
    now: datetime | None = None,
) -> CallDone:
    """Record ``actor_login``'s call of ``amount`` for this quarter or the next (``period``);
    ``person``: whose scope, refused unless it is the actor's own."""
    now = aware(now or utc_now())
    refuse_control_characters({"call": amount, "note": note, "period": period, "person": person})
    actor, people = actor_row(session, actor_login)
    if person is not None and person.strip() != actor.login:
        other = next((p for p in people if p.login == person.strip()), None)
        whose = other.display_name if other is not None else repr(person.strip())
        raise DomainError(
            _(
                "you call only your own scope, not {whose}'s: each person makes their own call"
            ).format(whose=whose)
        )
    if not actor.active:
        raise DomainError(
            _("{display_name} is no longer active and makes no calls").format(
                display_name=actor.display_name
            )
        )
    today = local_day(now)
    quarter = period if isinstance(period, Period) else read_quarter(period, today)
    this = Period.containing("quarter", today)
    if quarter not in (this, this.step(1)):
        raise DomainError(
            _("a call is for this quarter ({label}) or the next ({label2}), not {label3}").format(
                label=this.label, label2=this.step(1).label, label3=quarter.label
            )
        )
    minor = amount if isinstance(amount, int) else parse_amount(str(amount), field="the call")
    if minor < 0:
        raise DomainError(_("a call cannot be negative"))
    text = " ".join((note or "").split())
    if len(text) > NOTE_LIMIT:
        raise DomainError(
            _("the note is {n} characters; at most {NOTE_LIMIT} please").format(
                n=format(len(text), ","), NOTE_LIMIT=NOTE_LIMIT
            )
        )
    week = call_week(today, settings_map(session))
    row = ForecastCall(
        person_id=actor.id,
        period_start=quarter.start,
        week_start=week,
        amount_minor=minor,
        note=text,
        made_at=now,
        made_by=actor.login,
    )
    session.add(row)
    session.flush()
    batch = new_batch()
    changes = {
        "*created*": (None, minor),
        "person_id": (None, actor.id),
        "period_start": (None, quarter.start),
        "week_start": (None, week),
    }
    if text:
        changes["note"] = (None, text)
    record(session, actor=actor.login, table="forecast_call", row_id=row.id, changes=changes,
           batch=batch, at=now)  # fmt: skip
    session.commit()
    message = _("called {amount} for {quarter}, the week of {week}").format(
        amount=format_amount(minor), quarter=quarter.label, week=f"{week:%Y-%m-%d}"
    )
    return CallDone(row.id, actor.login, quarter.label, week.isoformat(), minor, batch, message)
