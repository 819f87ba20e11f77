"""Time spent in each stage, and where activities went: the reads behind stage durations and
effort allocation (``salestui.board.durations``, ``salestui.team.effort``).

A *stint* is one stay of a deal in one stage: from the stage-history row that entered it to the
row that left it (``from_stage`` = that stage). A stint counts in a window when it was LEFT in
the window (half-open, as every period), so a deal that went back and came again has two
stints. The time entering is the deal's previous history row's, kept on each row as
``entered_at`` (migration 0014's triggers); a row with no earlier one has no stint. A stint is
its deal's owner's now, kept on each row as ``owner_id`` (migration 0017's triggers).
"""

from __future__ import annotations

from datetime import datetime

from salestui.db.queries.executor import Row, Session, Table, owned_by, rows, table
from salestui.db.queries.team import _days
from salestui.kernel.domain import OPEN_STAGES

# each stage change's deal's owner (the definition migration 0017's triggers keep in
# ``owner_id``; the demo build fills it so, ``salestui check`` compares)
OWNER = "(SELECT o.owner_id FROM opportunity o WHERE o.id = stage_change.opportunity_id)"
OWNER_FILL = f"UPDATE stage_change SET owner_id = {OWNER}"

# when each stage change's deal entered the stage it leaves: its latest change strictly before
# (the definition migration 0014's triggers keep in ``entered_at``; the demo build fills it so)
ENTERED = (
    "(SELECT MAX(p.changed_at) FROM stage_change p "
    "WHERE p.opportunity_id = stage_change.opportunity_id "
    "AND p.changed_at < stage_change.changed_at)"
)
ENTERED_FILL = f"UPDATE stage_change SET entered_at = {ENTERED}"


def _stints(
    conn: Session, owners, start: datetime, end: datetime, p: dict, *, few: bool = False
) -> tuple[str, str]:
    """The days expression and the FROM … WHERE of the stints left in [start, end), as ``t``
    (owner_id, stage, left_at, entered_at). ``few``: the owners are a few (those a kept read
    reads again), found through their deals (each deal's history is one range of an index)
    rather than in the window's range — an index led by the owner cost an import of 100,000
    deals 2.5 s. A stint's owner is its deal's owner (kept so by triggers, migration 0017)."""
    p.update(s=start, e=end, open_stages=OPEN_STAGES)
    source, deals = "stage_change sc", ""
    if few and owners is not None:  # CROSS JOIN: SQLite walks the deals first
        source = "opportunity o CROSS JOIN stage_change sc"
        deals = " AND sc.opportunity_id = o.id AND o.owner_id IN :owners"
    inner = (
        "SELECT sc.owner_id AS owner_id, sc.from_stage AS stage, sc.changed_at AS left_at, "
        f"sc.entered_at AS entered_at FROM {source} "
        "WHERE sc.changed_at >= :s AND sc.changed_at < :e AND sc.from_stage IN :open_stages"
        + owned_by("sc.owner_id", owners, p)
        + deals
    )
    where = f"FROM ({inner}) t WHERE t.entered_at IS NOT NULL"
    return _days(conn, "t.left_at", "t.entered_at"), where


def stage_stints(
    conn: Session, owners, start: datetime, end: datetime, *, few: bool = False
) -> Table:
    """owner_id (the deal's owner now), stage_no (the stage's place in ``OPEN_STAGES``), days —
    one row per stint left in [start, end) (plain numbers: 430,000 rows at 1,000,000 deals,
    kept as machine values, ``salestui.runtime.maintained``)."""
    p: dict = {}
    days, where = _stints(conn, owners, start, end, p, few=few)
    cases = " ".join(f"WHEN :stage{i} THEN {i}" for i in range(len(OPEN_STAGES)))
    p.update({f"stage{i}": s for i, s in enumerate(OPEN_STAGES)})
    sql = (
        f"SELECT t.owner_id AS owner_id, CASE t.stage {cases} END AS stage_no, "
        f"CAST({days} AS DOUBLE PRECISION) AS days {where}"
    )
    return table(conn, sql, p)


def stage_day_sums(conn: Session, owners, start: datetime, end: datetime) -> list[Row]:
    """stage, stints, days (their sum) — the board's averages, summed by the database."""
    p: dict = {}
    days, where = _stints(conn, owners, start, end, p)
    sql = (
        f"SELECT t.stage AS stage, COUNT(*) AS stints, COALESCE(SUM({days}), 0) AS days "
        f"{where} GROUP BY t.stage"
    )
    return rows(conn, sql, p)


def effort_counts(conn: Session, owners, start: datetime, end: datetime) -> list[Row]:
    """person_id, customer_id, activities, visits in [start, end): the activities that reached a
    customer — named on the activity, or else through its deal. A lead's contact has none.

    The two ways apart (UNION ALL): only an activity that names no customer looks up its deal
    (at 1,000,000 deals, 0.44 s instead of 0.94 s for a join on every activity)."""
    p: dict = {"s": start, "e": end}
    window = "a.occurred_at >= :s AND a.occurred_at < :e" + owned_by("a.person_id", owners, p)
    sql = (
        "SELECT t.person_id AS person_id, t.customer_id AS customer_id, COUNT(*) AS activities, "
        "SUM(CASE WHEN t.kind = 'visit' THEN 1 ELSE 0 END) AS visits FROM ("
        "SELECT a.person_id AS person_id, a.customer_id AS customer_id, a.kind AS kind "
        f"FROM activity a WHERE {window} AND a.customer_id IS NOT NULL "
        "UNION ALL SELECT a.person_id, o.customer_id, a.kind "
        "FROM activity a JOIN opportunity o ON o.id = a.opportunity_id "
        f"WHERE {window} AND a.customer_id IS NULL AND o.customer_id IS NOT NULL"
        ") t GROUP BY t.person_id, t.customer_id"
    )
    return rows(conn, sql, p)
