"""Marking a weekly review done: its snapshot becomes what the next review compares against.

The snapshot is a settings row (``review.snapshot.<login>``) holding JSON: a handful of figures,
not rows, since deal-level changes are read back from the stage history and the audit log. Each
review marked done is audited, so the history of reviews is in the audit log.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from salestui.db.tables import Setting
from salestui.kernel.dates import utc_now
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.review.changes import Snapshot, snapshot_key
from salestui.services.audit import new_batch, record
from salestui.services.rules import actor_row


def mark_review_done(
    session: Session,
    actor_login: str,
    kpis: dict[str, float | None],
    forecast_minor: int,
    *,
    now: datetime | None = None,
) -> Snapshot:
    now = now or utc_now()
    actor, _row = actor_row(session, actor_login)
    if not kpis:
        raise DomainError(_("the review has no figures yet; wait for it to load, then press d"))
    snap = Snapshot(now, actor.login, dict(kpis), int(forecast_minor))
    key = snapshot_key(actor.login)
    row = session.get(Setting, key)
    old = row.value if row is not None else None
    if row is None:
        session.add(Setting(key=key, value=snap.to_json()))
    else:
        row.value = snap.to_json()
        session.add(row)
    record(
        session,
        actor=actor.login,
        table="setting",
        row_id=0,
        changes={key: (old, snap.to_json())},
        batch=new_batch(),
        at=now,
    )
    session.commit()
    return snap
