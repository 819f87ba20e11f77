"""The writes a person makes, end to end as they trigger them, on 10,000 / 100,000 / 1,000,000
deals (issue 14: a stage move, an activity and an approval each ≤ 50 ms at 1,000,000 deals).

    uv run python tests/benchmarks/bench_writes.py [--sizes 10000,100000,1000000] [--reps 30]
        [--warm 3] [--cli 5]

Each write goes through the door a person uses: the board's ``]`` (``AppContext.write`` of
``move_stage``, then the card read again), ``salestui deal move``'s service call (the deal found
by its id, its fields read before and after, the move), a win of a Negotiation deal whose
approvals are given, a lost deal, an activity with a next step, an approval approved, and
``approval list --mine`` (for the VP, who holds every sign-off, and for a regional manager).
Rounds are interleaved over the sizes, so the machine's noise hits every size alike: read the
1,000,000 column against the 10,000 one of the same run. Then one `salestui deal move` as a
process (interpreter start included) on the smallest and the largest database.

The demos (``build_demo``, seed 7, as ``bench_board.demo_db`` makes them) are built once per
schema head as ``writes-N-at-REV.db`` under $SALESTUI_BENCH_DIR (default /tmp/salestui-bench)
and stay read only: every run writes on a fresh copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_board import ROOT as _ROOT  # noqa: E402
from tests.benchmarks.bench_board import start_env, steady_bytecode  # noqa: E402

ACTOR = "demo"  # the VP: may change every deal, holds every sign-off (director by the org,
MANAGER = "mhernandez"  # the others as an administrator); a regional manager lists theirs
STEP = "send the offer"


def at_head(deals: int) -> Path:
    """A demo of ``deals`` built by today's generator at the schema's head, once, beside the
    other benchmarks' demos: its VP is an administrator bound to the account running this, so
    the CLI process acts as them. (The older cached demos predate the administrators.)"""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", "salestui.db:migrations")
    head = ScriptDirectory.from_config(cfg).get_current_head()
    folder = Path(os.environ.get("SALESTUI_BENCH_DIR", "/tmp/salestui-bench"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"writes-{deals}-at-{head}.db"
    if not path.exists():
        from salestui.db.demo.build import build_demo
        from salestui.db.engine import open_database
        from salestui.identity import os_account

        t = time.perf_counter()
        tmp = path.with_suffix(".building")
        for leftover in folder.glob(tmp.name + "*"):
            leftover.unlink()
        engine = open_database(str(tmp), notice=lambda _: None)
        build_demo(engine, deals=deals, seed=7, top_login=ACTOR, os_user=os_account())
        engine.dispose()
        tmp.rename(path)
        print(f"built {path} ({deals:,} deals) in {time.perf_counter() - t:.1f} s", flush=True)
    return path


def spread(conn, sql: str, n: int) -> list[tuple]:
    """``n`` rows of ``sql`` scattered over the table (not its first ids), the same every run."""
    return conn.execute(f"{sql} ORDER BY (id * 2654435761) % 1000003 LIMIT {n}").fetchall()


def candidates(path: Path, n: int) -> dict[str, list]:
    """Distinct rows for each write, so no write finds its row changed by another."""
    conn = sqlite3.connect(path)
    open_deals = "SELECT id FROM opportunity WHERE stage = '{}' AND owner_id != 1"
    qualified = [r[0] for r in spread(conn, open_deals.format("Qualified"), 2 * n)]
    proposal = [r[0] for r in spread(conn, open_deals.format("Proposal"), 2 * n)]
    found = {
        "board": [r[0] for r in spread(conn, open_deals.format("Prospect"), n)],
        "cli": qualified[:n],
        "lose": qualified[n:],
        "negotiation": proposal[:n],
        "activity": proposal[n:],
        "win": [
            r[0]
            for r in spread(
                conn,
                "SELECT id FROM opportunity WHERE stage = 'Negotiation' AND approval = 'approved' "
                "AND owner_id != 1",
                n,
            )
        ],
        "decide": [
            r[0]
            for r in spread(
                conn,
                "SELECT id FROM approval WHERE status = 'pending' AND opportunity_id IN "
                "(SELECT id FROM opportunity WHERE stage = 'Negotiation' AND owner_id != 1 "
                "AND approval = 'pending')",
                n,
            )
        ],
    }
    conn.close()
    for name, ids in found.items():
        assert len(ids) == n, f"{path.name}: only {len(ids)} rows for {name}"
    return found


class Doors:
    """One database's writes, each as its door makes it."""

    def __init__(self, path: Path, n: int) -> None:
        from salestui.context import AppContext
        from salestui.db.engine import open_database

        self.path = path
        self.rows = candidates(path, n)
        self.engine = open_database(str(path), notice=lambda _: None)
        self.ctx = AppContext(self.engine, ACTOR)

    def board(self, deal_id: int) -> float:
        from salestui.db.queries.board import deal_card
        from salestui.services.deals import move_stage

        card = self.ctx.read(deal_card, deal_id)  # what the board holds before `]`
        start = time.perf_counter()
        self.ctx.write(move_stage, ACTOR, deal_id, "Qualified", card.version, now=self.ctx.now())
        self.ctx.read(deal_card, deal_id)
        return time.perf_counter() - start

    def _cli(self, deal_id: int, **kwargs) -> float:
        from salestui.cli.deals import _changing, _move
        from salestui.cli.options import local_clock, write_with

        start = time.perf_counter()
        write_with(self.engine, _changing, ACTOR, str(deal_id), _move, now=local_clock(), **kwargs)
        return time.perf_counter() - start

    def cli(self, deal_id: int) -> float:
        return self._cli(deal_id, to_stage="Proposal")

    def negotiation(self, deal_id: int) -> float:
        return self._cli(deal_id, to_stage="Negotiation")

    def win(self, deal_id: int) -> float:
        return self._cli(deal_id, to_stage="Won")

    def lose(self, deal_id: int) -> float:
        return self._cli(deal_id, to_stage="Lost", lost_reason="price")

    def activity(self, deal_id: int) -> float:
        from salestui.services.activities import log_activity

        now = self.ctx.now()
        start = time.perf_counter()
        self.ctx.write(
            log_activity, ACTOR, kind="call", deal_id=deal_id, duration="20",
            outcome="interested", note="asked for the price list", next_step=STEP,
            next_date=now.date() + timedelta(days=7), now=now,
        )  # fmt: skip
        return time.perf_counter() - start

    def decide(self, approval_id: int) -> float:
        from salestui.services.approvals import decide

        start = time.perf_counter()
        self.ctx.write(decide, ACTOR, approval_id, approve=True, comment="ok", now=self.ctx.now())
        return time.perf_counter() - start

    def _list(self, who: str) -> float:
        from sqlmodel import Session

        from salestui.cli.approvals import _listed

        start = time.perf_counter()
        with Session(self.engine) as session:
            self.listed = len(_listed(session, who, None, True, False))
        return time.perf_counter() - start

    def mine_vp(self, _: int) -> float:
        return self._list(ACTOR)

    def mine_manager(self, _: int) -> float:
        return self._list(MANAGER)


WRITES = (
    ("board", "stage move: board `]` (write + card read)", "board"),
    ("cli", "stage move: `deal move` service call", "cli"),
    ("negotiation", "move into Negotiation (asks sign-offs)", "negotiation"),
    ("win", "win, its sign-offs given", "win"),
    ("lose", "lost, with a reason", "lose"),
    ("activity", "activity with a next step", "activity"),
    ("decide", "approval approved (decide)", "decide"),
    ("mine_vp", "`approval list --mine`, the VP", None),
    ("mine_manager", "`approval list --mine`, a region's manager", None),
)


def cli_process(path: Path, deal_id: int, cold: bool) -> float:
    """One `salestui deal move` from the interpreter's start to its exit."""
    cmd = [sys.executable, "-m", "salestui", "deal", "move", str(deal_id), "--to", "Proposal",
           "--db", str(path)]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=_ROOT, capture_output=True, text=True, env=start_env(cold))
    took = time.perf_counter() - start
    assert done.returncode == 0 and "moved to Proposal" in done.stdout, done.stderr
    return took


def machine() -> str:
    """How busy this machine is while it runs: the benchmarks share two cores."""
    start = time.perf_counter()
    for _ in range(1000):
        sum(range(1000))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"sum(range(1000)) × 1000 took {(time.perf_counter() - start) * 1000:.1f} ms; load {load}"
    )


def ms(xs: list[float]) -> tuple[float, float]:
    xs = sorted(xs)
    p95 = xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]
    return statistics.median(xs) * 1000, p95 * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--reps", type=int, default=30)
    ap.add_argument("--warm", type=int, default=3)
    ap.add_argument("--cli", type=int, default=5, help="process runs per size (0: none)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    n = args.warm + args.reps
    print(machine(), flush=True)
    heads = {size: at_head(size) for size in sizes}
    with tempfile.TemporaryDirectory(prefix="bench-writes-", dir="/tmp") as tmp:
        doors = {}
        for size in sizes:
            work = Path(tmp) / f"demo-{size}.db"
            shutil.copy(heads[size], work)
            doors[size] = Doors(work, n + 2 * args.cli)
        times: dict[tuple[int, str], list[float]] = {}
        for i in range(n):  # interleaved: round i of every write on every size
            for key, _, rows in WRITES:
                for size in sizes:
                    took = getattr(doors[size], key)(doors[size].rows[rows][i] if rows else 0)
                    if i >= args.warm:
                        times.setdefault((size, key), []).append(took)
        listed = {size: (d._list(ACTOR), d.listed, d._list(MANAGER), d.listed)
                  for size, d in doors.items()}  # fmt: skip
        print(f"\nmedian / p95 ms of {args.reps} each after {args.warm} warm-up, interleaved")
        head = "".join(f"{f'{s:,} deals':>18}" for s in sizes)
        print(f"{'':44}{head}{'big ÷ small':>14}")
        for key, label, _ in WRITES:
            cells = [ms(times[(s, key)]) for s in sizes]
            line = "".join(f"{f'{m:.1f} / {p:.1f}':>18}" for m, p in cells)
            print(f"{label:44}{line}{cells[-1][0] / cells[0][0]:13.2f}×")
        print(
            "pending sign-offs listed (VP / manager): "
            + ", ".join(f"{s:,}: {v[1]:,} / {v[3]:,}" for s, v in listed.items())
        )
        if args.cli:
            steady_bytecode()
            ends = (sizes[0], sizes[-1])
            spare = {s: doors[s].rows["cli"][n:] for s in ends}
            for d in doors.values():
                d.engine.dispose()
            runs: dict[tuple[int, bool], list[float]] = {}
            for i in range(2 * args.cli):
                for size in ends:
                    cold = i % 2 == 1
                    runs.setdefault((size, cold), []).append(
                        cli_process(doors[size].path, spare[size][i], cold)
                    )
            print(f"\n`salestui deal move ID --to Proposal` as a process, median of {args.cli}")
            for cold, how in ((False, "bytecode compiled"), (True, "compiling every start")):
                cells = "".join(
                    f"{f'{s:,}: {statistics.median(runs[(s, cold)]) * 1000:.0f} ms':>22}"
                    for s in ends
                )
                print(f"{how:44}{cells}")
    print("\n" + machine())


if __name__ == "__main__":
    main()
