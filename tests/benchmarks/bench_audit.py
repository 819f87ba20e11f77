"""The audit chain's costs: `log --verify` on 1,000,000 rows, and what the hash adds to a stage move.

Run: ``uv run python tests/benchmarks/bench_audit.py [ROWS] [MOVES]``. Targets: the walk ≤ 5 s
(shown against a bare SELECT of the same rows through the same driver cursor, in the same run);
the chaining ≤ 1 ms per stage move (moves with and without it, interleaved, in the same run, on a
copy of the 1,000,000-deal demo under /tmp/salestui-bench, which stays read only). Also shown:
chaining the million rows as migration 0003 does for an upgraded database, and appending 100,000
rows in one call as an import does. The machine's speed is printed first: the figures of a busy
machine are comparable within a run, not with those of another run.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import insert, text
from sqlmodel import Session

from salestui.db.engine import make_engine, open_database
from salestui.db.queries.audit_chain import verify
from salestui.db.tables import AuditLog
from salestui.services import audit
from salestui.services.deals import move_stage

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
MOVES = int(sys.argv[2]) if len(sys.argv) > 2 else 200
APPENDED = min(ROWS, 100_000)  # one large import's audit rows, each with a moment of its own
RUNS = 3
DEMO = Path("/tmp/salestui-bench/demo-1000000.db")
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
FIELDS = ("stage", "probability", "stage_entered_at", "version")


def rows(n: int):
    for i in range(n):
        at = NOW - timedelta(seconds=n - i)
        yield (at.strftime("%Y-%m-%d %H:%M:%S.%f"), f"rep{i % 50:02d}", "opportunity",
               1 + i % 100_000, FIELDS[i % 4], f"old {i}", f"new {i}", f"b{i // 4:08x}")  # fmt: skip


def at_0002(path: Path) -> None:
    engine = make_engine(str(path))
    cfg = Config()
    cfg.set_main_option("script_location", "salestui.db:migrations")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    engine.dispose()


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def the_log(folder: Path) -> None:
    path = folder / "log.db"
    at_0002(path)
    raw = sqlite3.connect(path)
    raw.executemany(
        "INSERT INTO audit_log (at, by_login, table_name, row_id, field, old, new, batch) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows(ROWS),
    )
    raw.commit()
    raw.close()
    upgrade = timed(lambda: open_database(str(path), notice=lambda _: None).dispose())

    appended = folder / "appended.db"
    engine = open_database(str(appended), notice=lambda _: None)
    keys = audit.ENTRY

    batch = [
        dict(zip(keys, (datetime.fromisoformat(r[0] + "+00:00"), *r[1:]), strict=True))
        for r in rows(APPENDED)
    ]

    def append_all() -> None:
        with engine.begin() as conn:
            audit.append(conn, batch)

    append = timed(append_all)
    engine.dispose()

    engine = make_engine(str(path))
    walks, bares = [], []
    for _ in range(RUNS):
        with engine.connect() as conn:
            cur = conn.connection.driver_connection.cursor()
            start = time.perf_counter()
            cur.execute(
                "SELECT id, at, by_login, table_name, row_id, field, old, new, batch, "
                "prev_hash, hash FROM audit_log ORDER BY id"
            )
            n = sum(1 for _ in cur)
            bares.append(time.perf_counter() - start)
            start = time.perf_counter()
            verdict = verify(conn)
            walks.append(time.perf_counter() - start)
            assert n == ROWS and verdict.entries == ROWS and verdict.broken is None
    engine.dispose()
    b, w = statistics.median(bares), statistics.median(walks)
    print(f"audit log of {ROWS:,} rows (SQLite), median of {RUNS}")
    print(f"{'':44} {'seconds':>8} {'ratio':>6}")
    print(f"{'bare SELECT of the same rows':44} {b:8.2f} {1:6.2f}")
    print(f"{'log --verify walk (target ≤ 5 s)':44} {w:8.2f} {w / b:6.2f}")
    print(f"{'upgrade 0002 → 0003 chaining every row':44} {upgrade:8.2f}")
    print(f"{f'append {APPENDED:,} rows in one call (an import)':44} {append:8.2f}")


PLAIN_IDS = iter(range(10**9, 2 * 10**9))  # clear of the chained rows' ids, which follow the head


def plain_append(conn, entries) -> list[int]:
    """The write before the chain: the rows inserted, no head, no hash."""
    rows = [{"id": next(PLAIN_IDS), **e} for e in entries]
    conn.execute(insert(AuditLog.__table__), rows)
    return [r["id"] for r in rows]


def the_moves(folder: Path) -> None:
    path = folder / "demo.db"
    shutil.copy(DEMO, path)
    engine = open_database(str(path), notice=lambda _: None)
    with engine.connect() as conn:
        deals = conn.execute(
            text(
                "SELECT id, version FROM opportunity WHERE stage = 'Prospect' ORDER BY id LIMIT :n"
            ),
            {"n": 2 * MOVES},
        ).all()
    chained, plain = [], []  # (whole move, the audit write within it), seconds
    real = audit.append
    spent = [0.0]

    def measured(write):
        def run(conn, entries):
            start = time.perf_counter()
            try:
                return write(conn, entries)
            finally:
                spent[0] += time.perf_counter() - start

        return run

    try:
        for i, (deal_id, version) in enumerate(deals):
            with_chain = i % 2 == 0
            audit.append = measured(real if with_chain else plain_append)
            spent[0] = 0.0
            with Session(engine) as s:
                start = time.perf_counter()
                move_stage(s, "demo", deal_id, "Qualified", version, now=NOW)
                took = time.perf_counter() - start
            (chained if with_chain else plain).append((took, spent[0]))
    finally:
        audit.append = real
    with engine.connect() as conn:
        assert verify(conn).broken is not None  # the unchained rows are found, as they must be
    engine.dispose()

    def ms(runs, k):
        return statistics.median(r[k] for r in runs) * 1000

    print(f"\nstage move on {DEMO.name} (1,000,000 deals), median of {MOVES} each, interleaved")
    print(f"{'':44} {'move ms':>8} {'audit write ms':>15}")
    print(f"{'without the chain (insert only)':44} {ms(plain, 0):8.2f} {ms(plain, 1):15.3f}")
    print(f"{'with the chain':44} {ms(chained, 0):8.2f} {ms(chained, 1):15.3f}")
    print(
        f"{'the chain adds (target ≤ 1 ms)':44} {ms(chained, 0) - ms(plain, 0):8.2f} "
        f"{ms(chained, 1) - ms(plain, 1):15.3f}"
    )


def machine() -> str:
    """How busy this machine is while it runs: the benchmarks share two cores."""
    start = time.perf_counter()
    for _ in range(1000):
        sum(range(1000))
    return f"sum(range(1000)) took {(time.perf_counter() - start) * 1000:.1f} µs here"


def main() -> None:
    print(machine())
    with tempfile.TemporaryDirectory(prefix="bench-audit-", dir="/tmp") as tmp:
        the_log(Path(tmp))
        if DEMO.exists():
            the_moves(Path(tmp))
        else:
            print(f"\n{DEMO} is missing: no stage-move figures")


if __name__ == "__main__":
    main()
