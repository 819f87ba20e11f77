"""The one aggregate the pipeline waterfall needs beyond the review's "changes since" readers.

Portable SQL; the sum is done by the database. ``owners``: the owner ids in scope, or None.
"""

from __future__ import annotations

from datetime import date

from salestui.db.queries.executor import Row, Session, owned_by, rows
from salestui.kernel.domain import OPEN_STAGES


def open_pipeline_by_owner(conn: Session, owners, quarter_end: date) -> list[Row]:
    """owner_id, deals, amount_minor of the open deals due before ``quarter_end`` (overdue
    ones included), per owner, as they are now."""
    p: dict = {"open_stages": OPEN_STAGES, "q1": quarter_end}
    sql = (
        "SELECT o.owner_id AS owner_id, COUNT(*) AS deals, "
        "COALESCE(SUM(o.amount_minor), 0) AS amount_minor FROM opportunity o "
        "WHERE o.stage IN :open_stages AND o.expected_close < :q1"
        + owned_by("o.owner_id", owners, p)
        + " GROUP BY o.owner_id"
    )
    return rows(conn, sql, p)
