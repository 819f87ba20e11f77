"""A teammate's stage move while someone imports 200,000 deals, and while they undo the import.

Run: ``uv run python tests/benchmarks/bench_locks.py [ROWS]``. A second process moves a deal
back and forth through ``AppContext.write`` (as the board's ``]`` does) every 50 ms and times
each move from the key to its commit. Three phases on one seeded file: the mover alone (the
baseline), during the import, during its undo; then the same import and undo written as one
transaction (the chunk as large as the file: how it was before) for contrast. Reported per
phase: moves, median / 95th percentile / max time per move, failures (a move that raised).
Target (issue 12): during an import or undo a move waits well under a second, 0 failures.
"""

from __future__ import annotations

import multiprocessing as mp
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import seed, write_csv  # noqa: E402  (the same seed and file as bench_import)

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000


def mover(db: str, stop, out) -> None:
    from sqlalchemy import text

    from salestui.context import AppContext
    from salestui.db.engine import open_database
    from salestui.services.deals import move_stage

    ctx = AppContext(open_database(db), "admin")
    with ctx.engine.connect() as conn:
        deal_id = conn.execute(text("SELECT id FROM opportunity WHERE title = 'Moved'")).scalar()
    times, failures = [], []
    while not stop.is_set():
        with ctx.engine.connect() as conn:
            version, now_in = conn.execute(
                text("SELECT version, stage FROM opportunity WHERE id = :i"), {"i": deal_id}
            ).one()
        stage = "Prospect" if now_in == "Qualified" else "Qualified"
        started = time.perf_counter()
        try:
            ctx.write(move_stage, "admin", deal_id, stage, version)
            times.append(time.perf_counter() - started)
        except Exception as exc:  # counted, not hidden
            failures.append(f"{type(exc).__name__}: {str(exc)[:80]}")
        time.sleep(0.05)
    out.put((times, failures))


def phase(db: str, work) -> tuple[float, list[float], list[str]]:
    stop, out = mp.Event(), mp.Queue()
    proc = mp.Process(target=mover, args=(db, stop, out))
    proc.start()
    time.sleep(1.0)  # the mover's imports and first move
    started = time.perf_counter()
    work()
    took = time.perf_counter() - started
    stop.set()
    times, failures = out.get()
    proc.join()
    return took, times, failures


def row(name: str, took: float, times: list[float], failures: list[str]) -> str:
    for failure in sorted(set(failures)):
        print(f"  ({name}: {failure})", file=sys.stderr)
    ms = sorted(t * 1000 for t in times)
    p95 = ms[int(len(ms) * 0.95) - 1] if len(ms) >= 20 else ms[-1]
    return (
        f"| {name} | {took:.1f} s | {len(ms)} | {statistics.median(ms):.0f} ms | {p95:.0f} ms | "
        f"{ms[-1]:.0f} ms | {len(failures)} |"
    )


def main() -> None:
    from sqlmodel import Session

    from salestui.db.engine import open_database
    from salestui.services.imports import batches
    from salestui.services.imports.run import ImportOptions, import_file, undo_import

    tmp = Path(tempfile.mkdtemp(prefix="salestui-locks-"))
    base = tmp / "base.db"
    seed(base)
    small = tmp / "one.csv"
    small.write_text(
        "title,customer,owner,amount,stage,expected_close\n"
        "Moved,Customer 0001,admin,100,Prospect,2027-03-31\n"
    )
    engine = open_database(str(base))
    with Session(engine) as s:
        import_file(s, small, ImportOptions("opportunities"), actor="admin")
    engine.dispose()
    big = tmp / "deals.csv"
    write_csv(big, ROWS)
    print(f"{ROWS:,} deals; chunks of about {batches.CHUNK_SECONDS} s\n")
    print("| phase | took | moves | median move | p95 move | max move | failures |")
    print("|---|---|---|---|---|---|---|")
    sized = batches.CHUNK_ROWS
    for label, chunk in (("in chunks", sized), ("one transaction", ROWS + 10)):
        db = tmp / f"{chunk}.db"
        shutil.copy(base, db)
        batches.CHUNK_ROWS = chunk
        batches.FIXED_SIZE = label != "in chunks"  # one transaction: the whole file, unsized
        engine = open_database(str(db))
        done = {}

        def imported(engine=engine, done=done):
            with Session(engine) as s:
                done["batch"] = import_file(
                    s, big, ImportOptions("opportunities"), actor="admin"
                ).batch

        def undone(engine=engine, done=done):
            with Session(engine) as s:
                undo_import(s, done["batch"], actor="admin")

        if label == "in chunks":
            print(row("mover alone (baseline)", *phase(str(db), lambda: time.sleep(5))))
        print(row(f"during the import, {label}", *phase(str(db), imported)), flush=True)
        print(row(f"during its undo, {label}", *phase(str(db), undone)), flush=True)
        engine.dispose()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
