"""The pipeline at a past moment (the review's "a week ago"), read from the kept stage totals and
the deals touched since (``db.queries.review.pipeline_then``), against the definition worked out
a second way here, deal by deal in Python: a deal counts when it was created by then and not
closed by then (``closed_at`` none or later), with its amount as it is now, weighted by the
probability setting of the stage it stood in then — its stage now when it entered it by then,
else the latest stage its history had entered by then (none: weight 0).

The demo's deals, and then every kind a shortcut could get wrong, written in plain SQL: deals
created, closed, moved and reopened since; an open deal with a ``closed_at``, a won one without;
a stage no setting knows; a deal that moved since with no history before; for everyone and for
a few owners, at moments from a day to a year back."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from salestui.db.demo.build import build_demo
from salestui.db.engine import open_database
from salestui.db.queries.review import pipeline_then
from salestui.kernel.domain import OPEN_STAGES

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
PROBABILITY = {"Prospect": 10, "Qualified": 25, "Proposal": 55, "Negotiation": 80}


def _when(value) -> datetime | None:
    if value is None:
        return None
    at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def by_definition(conn, owners, at: datetime) -> dict[str, int]:
    deals = conn.execute(text(
        "SELECT id, owner_id, amount_minor, stage, created_at, stage_entered_at, closed_at "
        "FROM opportunity"
    )).all()  # fmt: skip
    history: dict[int, list[tuple[datetime, int, str]]] = {}
    for deal, changed_at, change_id, to_stage in conn.execute(
        text("SELECT opportunity_id, changed_at, id, to_stage FROM stage_change")
    ):
        history.setdefault(int(deal), []).append((_when(changed_at), int(change_id), to_stage))
    open_minor = weighted = 0
    for deal, owner, amount, stage, created, entered, closed in deals:
        if owners is not None and owner not in owners:
            continue
        created, entered, closed = _when(created), _when(entered), _when(closed)
        if created > at or (closed is not None and closed <= at):
            continue
        if entered <= at:
            then = stage
        else:
            before = [h for h in history.get(int(deal), []) if h[0] <= at]
            then = max(before)[2] if before else None
        open_minor += amount
        weighted += amount * PROBABILITY.get(then, 0)
    return {"open_minor": open_minor, "weighted_x100": weighted}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("then") / "d.db")
    engine = open_database(path)
    try:
        build_demo(engine, deals=500, today=TODAY, top_login="boss", seed=5)
    finally:
        engine.dispose()
    return path


def _odd_deals(path: str) -> None:
    """Deals of every kind the kept totals could get wrong, each written as plain SQL would."""
    week = (NOW - timedelta(days=7)).strftime("%Y-%m-%d %H:%M:%S.000000")
    day = (NOW - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S.000000")
    with sqlite3.connect(path) as c:
        ids = [r[0] for r in c.execute("SELECT id FROM opportunity WHERE stage IN "
                                       "('Prospect','Qualified') ORDER BY id LIMIT 6")]  # fmt: skip
        won = [r[0] for r in c.execute(
            "SELECT id FROM opportunity WHERE stage = 'Won' AND closed_at < ? ORDER BY id LIMIT 3",
            (week,),
        )]  # fmt: skip
        # an open deal with a closed_at long ago, and one closed since: open at neither / then
        c.execute("UPDATE opportunity SET closed_at = '2025-01-01 00:00:00.000000' WHERE id = ?",
                  (ids[0],))  # fmt: skip
        c.execute("UPDATE opportunity SET closed_at = ? WHERE id = ?", (day, ids[1]))
        # a won deal with no closed_at: open by the definition, weighted as Won (nothing)
        c.execute("UPDATE opportunity SET closed_at = NULL WHERE id = ?", (won[0],))
        # a stage no setting knows, open: counted, weighted 0
        c.execute("UPDATE opportunity SET stage = 'Paused', closed_at = NULL WHERE id = ?",
                  (ids[2],))  # fmt: skip
        # moved since, with no history at all before then: counted, weighted 0
        c.execute("UPDATE opportunity SET stage_entered_at = ? WHERE id = ?", (day, ids[3]))
        c.execute("DELETE FROM stage_change WHERE opportunity_id = ?", (ids[3],))
        # reopened since: won long ago, back in Negotiation a day ago (its history says so)
        c.execute(
            "UPDATE opportunity SET stage = 'Negotiation', closed_at = NULL, stage_entered_at = ? "
            "WHERE id = ?", (day, won[1]),
        )  # fmt: skip
        c.execute(
            "INSERT INTO stage_change (opportunity_id, from_stage, to_stage, changed_at, "
            "changed_by) VALUES (?, 'Won', 'Negotiation', ?, 'sql')", (won[1], day),
        )  # fmt: skip
        # won long ago, its close date since put a day ago (the stage entered long ago): open
        # then by the definition, weighted as Won (nothing)
        c.execute("UPDATE opportunity SET closed_at = ? WHERE id = ?", (day, won[2]))
        # created a day ago in Proposal, its amount changed since (the amount now counts)
        c.execute("UPDATE opportunity SET created_at = ?, amount_minor = amount_minor + 1 "
                  "WHERE id = ?", (day, ids[4]))  # fmt: skip


def test_the_pipeline_then_is_the_definitions(demo, tmp_path):
    import shutil

    path = str(tmp_path / "odd.db")
    shutil.copy(demo, path)
    engine = open_database(path)
    engine.dispose()
    _odd_deals(path)
    engine = open_database(path)
    try:
        with engine.connect() as conn:
            owners_all = sorted(int(r[0]) for r in conn.execute(
                text("SELECT DISTINCT owner_id FROM opportunity")))  # fmt: skip
            some = tuple(owners_all[::3])
            assert {"Paused", *OPEN_STAGES} <= {
                r[0] for r in conn.execute(text("SELECT DISTINCT stage FROM opportunity"))
            }
            seen = set()
            for owners in (None, some):
                for days in (1, 3, 7, 30, 365):
                    at = NOW - timedelta(days=days)
                    expected = by_definition(conn, owners, at)
                    assert pipeline_then(conn, owners, at, PROBABILITY) == expected, (owners, days)
                    seen.add(expected["open_minor"])
            assert len(seen) >= 8  # the moments and scopes differ: the test can tell them apart
    finally:
        engine.dispose()
