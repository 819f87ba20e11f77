"""The figures triggers keep as data changes, checked against what they are kept from and worked
out again where they disagree (``salestui check``, ``salestui check --repair``).

Each is the one definition its filler uses (the demo build, the migrations' first fill): the
stage totals (migration 0012), each stage change's entering moment (0014) and its deal's owner
(0017), each deal's stages reached (0016). They can only disagree when something wrote with
the triggers dropped or disabled, or a foreign tool edited the kept columns themselves.
Plain SQLite (the stdlib driver): ``salestui check`` reads a file read-only and never migrates.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from salestui.db.queries.board import STAGE_TOTALS
from salestui.db.queries.durations import ENTERED, OWNER
from salestui.db.queries.review import REACHED
from salestui.kernel.i18n import N_

# a stage total with nothing in it is as good as none (a trigger leaves the row at 0)
_KEPT_TOTALS = (
    "SELECT owner_id, stage, deals, amount_minor, weighted_x100 FROM stage_total "
    "WHERE deals <> 0 OR amount_minor <> 0 OR weighted_x100 <> 0"
)


@dataclass(frozen=True)
class Kept:
    what: str  # the words for it (translated when shown)
    table: str
    column: str  # present from its migration on
    count: str  # how many rows disagree
    repair: tuple[str, ...]  # statements that work it out again where it disagrees


KEPT: tuple[Kept, ...] = (
    Kept(
        N_("stage totals (owner and stage rows)"),
        "stage_total",
        "weighted_x100",
        f"SELECT (SELECT COUNT(*) FROM ({STAGE_TOTALS} EXCEPT {_KEPT_TOTALS})) "
        f"+ (SELECT COUNT(*) FROM ({_KEPT_TOTALS} EXCEPT {STAGE_TOTALS}))",
        (
            "DELETE FROM stage_total",
            "INSERT INTO stage_total (owner_id, stage, deals, amount_minor, weighted_x100) "
            + STAGE_TOTALS,
        ),
    ),
    Kept(
        N_("entering moments of stage changes"),
        "stage_change",
        "entered_at",
        f"SELECT COUNT(*) FROM stage_change WHERE entered_at IS NOT {ENTERED}",
        (f"UPDATE stage_change SET entered_at = {ENTERED} WHERE entered_at IS NOT {ENTERED}",),
    ),
    Kept(
        N_("owners of stage changes"),
        "stage_change",
        "owner_id",
        f"SELECT COUNT(*) FROM stage_change WHERE owner_id IS NOT {OWNER}",
        (f"UPDATE stage_change SET owner_id = {OWNER} WHERE owner_id IS NOT {OWNER}",),
    ),
    Kept(
        N_("stages each deal reached"),
        "opportunity",
        "stages_reached",
        f"SELECT COUNT(*) FROM opportunity WHERE stages_reached IS NOT {REACHED}",
        (
            f"UPDATE opportunity SET stages_reached = {REACHED} WHERE stages_reached IS NOT {REACHED}",
        ),
    ),
)


def _present(conn: sqlite3.Connection, kept: Kept) -> bool:
    columns = {row[1] for row in conn.execute(f"PRAGMA table_info({kept.table})")}
    return kept.column in columns


def disagreeing(conn: sqlite3.Connection) -> list[tuple[Kept, int]]:
    """Each kept figure this file has (an older schema has fewer) with how many of its rows
    disagree with what it is kept from; only those that do."""
    found = []
    for kept in KEPT:
        if _present(conn, kept):
            n = int(conn.execute(kept.count).fetchone()[0])
            if n:
                found.append((kept, n))
    return found


def repair(conn: sqlite3.Connection, wrong: list[tuple[Kept, int]]) -> None:
    """Work out again, in one transaction, the kept figures :func:`disagreeing` found. Rows
    that agree are not written (a deal's update would stamp its customer in the change journal
    for nothing), so a row that came right meanwhile costs nothing."""
    with conn:
        for kept, _n in wrong:
            for statement in kept.repair:
                conn.execute(statement)
