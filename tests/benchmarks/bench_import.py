"""Importing 100,000 opportunities from CSV against a bare sqlite3 executemany of the same rows.

Run: ``uv run python tests/benchmarks/bench_import.py [ROWS]``. Each run starts from a fresh
copy of one seeded database (1,000 customers, 50 reps); the median of 3 is reported. The import
is the whole service call: read and decode the file, map and check every row, resolve owners
and customers by name, write deals, stage history and audit rows, commit. The bare insert gets
the rows already converted and only inserts the deals. Targets: ≤ 15 s and ≤ 3× the bare insert.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import Session

from salestui.db.engine import open_database
from salestui.db.tables import Customer, Person
from salestui.services.imports.run import ImportOptions, import_file

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
RUNS = 3
STAGES = ("Prospect", "Qualified", "Proposal", "Negotiation", "Won", "Lost")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def seed(path: Path) -> None:
    engine = open_database(str(path))
    with Session(engine) as s:
        s.add(Person(login="admin", display_name="Admin", role="manager", admin=True))
        for i in range(50):
            s.add(Person(login=f"rep{i:02d}", display_name=f"Rep {i:02d}"))
        for i in range(1000):
            s.add(Customer(name=f"Customer {i:04d}", created_at=NOW - timedelta(days=900)))
        s.commit()
    engine.dispose()


def deals(n: int):
    for i in range(n):
        stage = STAGES[i % len(STAGES)]
        created = date(2024, 1, 1) + timedelta(days=i % 600)
        yield {
            "external_id": f"D{i:06d}",
            "title": f"Deal {i}",
            "customer": f"Customer {i % 1000:04d}",
            "owner": f"rep{i % 50:02d}",
            "amount": f"{(i * 37) % 900_000 + 1000:,}.{i % 100:02d}",
            "expected_close": (created + timedelta(days=30 + i % 90)).isoformat(),
            "stage": stage,
            "lost_reason": "price" if stage == "Lost" else "",
            "created_at": created.isoformat(),
        }


def write_csv(path: Path, n: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(next(deals(1))))
        w.writeheader()
        w.writerows(deals(n))


def bare_rows(n: int) -> list[tuple]:
    """The same deals as the importer stores them, converted beforehand."""
    probability = {"Prospect": 10, "Qualified": 25, "Proposal": 50, "Negotiation": 75, "Won": 100,
                   "Lost": 0}  # fmt: skip
    out = []
    for i, d in enumerate(deals(n)):
        created = f"{d['created_at']} 00:00:00.000000"
        closed = f"{d['expected_close']} 00:00:00.000000" if d["stage"] in ("Won", "Lost") else None
        amount = int(d["amount"].replace(",", "").replace(".", ""))
        out.append((
            d["external_id"], 1 + i % 1000, 2 + i % 50, d["title"], amount, d["expected_close"],
            d["stage"], probability[d["stage"]], d["lost_reason"] or None, created, closed or created,
            closed, 0, None, None, 1, "2026-11-20 10:00:00.000000", "admin",
        ))  # fmt: skip
    return out


BARE_SQL = (
    "INSERT INTO opportunity (external_id, customer_id, owner_id, title, amount_minor, "
    "expected_close, stage, probability, lost_reason, created_at, stage_entered_at, closed_at, "
    "close_date_pushes, last_activity_at, approval, version, updated_at, updated_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def time_bare(db: Path, rows: list[tuple]) -> float:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    start = time.perf_counter()
    conn.executemany(BARE_SQL, rows)
    conn.commit()
    elapsed = time.perf_counter() - start
    assert conn.execute("SELECT count(*) FROM opportunity").fetchone()[0] == len(rows)
    conn.close()
    return elapsed


def time_import(db: Path, csv_path: Path) -> float:
    engine = open_database(str(db))
    with Session(engine) as session:
        start = time.perf_counter()
        summary = import_file(
            session, csv_path, ImportOptions(kind="opportunities"), actor="admin", now=NOW
        )
        elapsed = time.perf_counter() - start
    engine.dispose()
    assert summary.created == ROWS, summary.lines()
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seeded = folder / "seeded.db"
        seed(seeded)
        csv_path = folder / "deals.csv"
        write_csv(csv_path, ROWS)
        rows = bare_rows(ROWS)
        bare, imported = [], []
        for run in range(RUNS):
            for target, runner, arg in (
                ("bare", time_bare, rows),
                ("import", time_import, csv_path),
            ):
                db = folder / f"{target}{run}.db"
                shutil.copy(seeded, db)
                (bare if target == "bare" else imported).append(runner(db, arg))
        b, i = statistics.median(bare), statistics.median(imported)
        print(f"{ROWS:,} opportunities, median of {RUNS}")
        print(f"{'':34} {'seconds':>8} {'ratio':>6}")
        print(f"{'bare sqlite3 executemany':34} {b:8.2f} {1:6.2f}")
        print(f"{'salestui import (CSV → committed)':34} {i:8.2f} {i / b:6.2f}")
        print(
            f"targets: ≤ 15 s {'met' if i <= 15 else 'MISSED'}, ≤ 3× {'met' if i <= 3 * b else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
