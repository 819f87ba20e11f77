"""``kill -9`` at a random moment of imports and undos, again and again (issue 12: at least 50).

Run: ``uv run python tests/benchmarks/bench_crash.py [KILLS] [ROWS]``. On one seeded file, each
round starts a real ``salestui import`` (or, on a batch imported whole, ``salestui import --undo``)
and, once the batch has begun writing (its ``import_batch`` row says so), kills it with SIGKILL
after a random delay within the batch's usual writing time; then runs ``salestui
report pipeline`` as the next person would, and checks: ``PRAGMA integrity_check`` is ok, the
audit chain verifies, no batch is left unfinished, and the deals are all there or none of them
(the batch whole or absent). Prints a table of the outcomes and the failures (target: 0).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import seed, write_csv  # noqa: E402

KILLS = int(sys.argv[1]) if len(sys.argv) > 1 else 50
ROWS = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000


def salestui(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "salestui", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def finished(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "salestui", *args], capture_output=True, text=True, timeout=600
    )


def one(db: Path, sql: str):
    con = sqlite3.connect(db, timeout=60)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def main() -> None:
    from salestui.identity import os_account

    tmp = Path(tempfile.mkdtemp(prefix="salestui-crash-"))
    db = tmp / "crash.db"
    seed(db)
    con = sqlite3.connect(db)
    con.execute("UPDATE person SET os_user = ? WHERE login = 'admin'", (os_account(),))
    con.commit()
    con.close()
    deals_csv = tmp / "deals.csv"
    write_csv(deals_csv, ROWS)
    base = one(db, "SELECT count(*) FROM opportunity")

    started = time.perf_counter()
    first = finished("import", "opportunities", str(deals_csv), "--db", str(db))
    import_took = time.perf_counter() - started
    batch = first.stdout.split("salestui import --undo ")[1].split()[0]
    started = time.perf_counter()
    finished("import", "--undo", batch, "--db", str(db))
    undo_took = time.perf_counter() - started
    # the writing phase alone: from the batch's row to its end, by its own heartbeat
    import_writes, undo_writes = 0.75 * import_took, 0.75 * undo_took
    print(f"{ROWS:,} deals: an import takes {import_took:.1f} s, its undo {undo_took:.1f} s "
          "(each with the interpreter's start); kills land within the first 3/4 of that after "
          "the batch begins")  # fmt: skip

    outcomes: Counter = Counter()
    failures: list[str] = []
    rng = random.Random(12)
    for n in range(KILLS):
        undoing = n % 2 == 1
        if undoing:
            done = finished("import", "opportunities", str(deals_csv), "--db", str(db))
            batch = done.stdout.split("salestui import --undo ")[1].split()[0]
            proc = salestui("import", "--undo", batch, "--db", str(db))
            delay = rng.uniform(0, undo_writes)
        else:
            proc = salestui("import", "opportunities", str(deals_csv), "--db", str(db))
            delay = rng.uniform(0, import_writes)
        state = "undoing" if undoing else "writing"
        watch = f"SELECT count(*) FROM import_batch WHERE state = '{state}'"
        while proc.poll() is None and not one(db, watch):
            time.sleep(0.005)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        after = finished("report", "pipeline", "--db", str(db))
        said = after.stderr
        kind = "undo" if undoing else "import"
        if "its import was cut short" in said:
            outcomes[f"{kind} killed: rolled back on the next start"] += 1
        elif "its undo was cut short" in said:
            outcomes[f"{kind} killed: completed on the next start"] += 1
        else:
            outcomes[f"{kind} killed before it began or after it ended"] += 1
        ok = one(db, "PRAGMA integrity_check")
        left = one(db, "SELECT count(*) FROM import_batch WHERE state IN "
                       "('writing', 'undoing', 'rolling back')")  # fmt: skip
        deals = one(db, "SELECT count(*) FROM opportunity")
        verify = finished("log", "--verify", "--db", str(db))
        problems = []
        if ok != "ok":
            problems.append(f"integrity: {ok}")
        if left:
            problems.append(f"{left} batch(es) unfinished")
        if deals not in (base, base + ROWS):
            problems.append(f"{deals - base} deals of the batch there (half a batch)")
        if after.returncode != 0 or verify.returncode != 0:
            problems.append(f"report/verify failed: {after.stderr[-200:]} {verify.stdout[-200:]}")
        if deals == base + ROWS:  # the next round starts clean
            batch = one(db, "SELECT batch FROM import_batch WHERE state = 'done' "
                            "ORDER BY started_at DESC LIMIT 1")  # fmt: skip
            finished("import", "--undo", batch, "--db", str(db))
        if problems:
            failures.append(f"round {n + 1} ({kind}, killed after {delay:.2f} s): {problems}")
        print(f"round {n + 1}: {kind} killed after {delay:.2f} s — "
              f"{'; '.join(problems) or 'whole'}", flush=True)  # fmt: skip

    print(f"\n{KILLS} kills, {ROWS:,}-deal batches\n")
    print("| outcome | rounds |\n|---|---|")
    for what, n in sorted(outcomes.items()):
        print(f"| {what} | {n} |")
    print(f"| integrity, audit chain, whole-or-absent failures | {len(failures)} |")
    for f in failures:
        print(f"  {f}")


if __name__ == "__main__":
    main()
