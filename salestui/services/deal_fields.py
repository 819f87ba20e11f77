"""What a deal's own fields may hold, whichever door writes them (the form, ``salestui deal``,
an activity's next step, an import's row): one check each, a :class:`DomainError` naming the
field when it fails.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from salestui.db.queries.moments import aware
from salestui.db.tables import OpportunityLine
from salestui.kernel.dates import parse_day
from salestui.kernel.deal_lines import amount_follows_lines
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.kernel.money import parse_amount

MAX_TITLE = 200
MAX_COMPETITOR = 200
MAX_NEXT_STEP = 2000
MAX_LOST_NOTE = 2000


def check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise DomainError(_("the deal needs a title"))
    if len(title) > MAX_TITLE:
        raise DomainError(
            _("the title is longer than {MAX_TITLE} characters").format(MAX_TITLE=MAX_TITLE)
        )
    return title


def check_amount(amount: str | int) -> int:
    minor = amount if isinstance(amount, int) else parse_amount(amount)
    if minor < 0:
        raise DomainError(_("amount cannot be negative"))
    return minor


def refuse_amount_with_lines(session: Session, deal_id: int) -> None:
    """A deal with product lines is worth their sum: its amount is not typed at any door."""
    count = session.exec(
        select(func.count())
        .select_from(OpportunityLine)
        .where(OpportunityLine.opportunity_id == deal_id)
    ).one()
    if count:
        raise DomainError(amount_follows_lines(int(count)))


def one_line(value: str | None, what: str, limit: int) -> str:
    """A short text (a competitor, a next step) on one line: runs of spaces and line breaks
    become one space."""
    text = " ".join(str(value or "").split())
    if len(text) > limit:
        raise DomainError(
            _("the {what} is longer than {limit} characters").format(what=what, limit=limit)
        )
    return text


def lost_note(value: str | None) -> str:
    """The note on a lost reason keeps its lines (a story of why), trimmed at both ends."""
    text = str(value or "").strip()
    if len(text) > MAX_LOST_NOTE:
        raise DomainError(
            _("the lost note is longer than {MAX_LOST_NOTE} characters").format(
                MAX_LOST_NOTE=MAX_LOST_NOTE
            )
        )
    return text


def next_step(
    step: str | None,
    step_date: str | date | None,
    today: date,
    *,
    kept_date: date | None = None,
) -> tuple[str, date | None]:
    """A next step and its date go together, and a date set now is not in the past (``today``
    on the person's clock); ``kept_date``, the one the deal already has, may stay as it is."""
    text = one_line(step, "next step", MAX_NEXT_STEP)
    day = None
    if step_date is not None and str(step_date).strip():
        day = parse_day(step_date, field="next step date")
        if day < today and day != kept_date:
            raise DomainError(_("the next step's date {day} is in the past").format(day=day))
    if text and day is None:
        raise DomainError(_("a next step needs its date (YYYY-MM-DD)"))
    if day is not None and not text:
        raise DomainError(_("say what the next step is, not only its date"))
    return text, day


def last_activity_after(last: datetime | None, moment: datetime) -> datetime | None:
    """The deal's last activity once one at ``moment`` is logged (by hand or imported): None
    when it does not move — an older activity never takes it back."""
    last, moment = aware(last), aware(moment)
    return moment if last is None or moment > last else None
