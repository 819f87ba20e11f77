"""Board speed against a bare Textual app (the floor), measured in one run. Prints a table.

    uv run python tests/benchmarks/bench_board.py [--runs 7] [--big 1000000] [--moves 15]

First frame: from a fresh interpreter's start to the board painted with its data (and from the
App's start, imports excluded). Stage move: `]` pressed → row committed → card redrawn. Memory:
peak RSS of the board process with the big database against the small one.
Demo databases are built once under $SALESTUI_BENCH_DIR (default /tmp/salestui-bench).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
CHILD = [sys.executable, str(HERE.parent / "_board_child.py")]


def demo_db(deals: int) -> str:
    folder = Path(os.environ.get("SALESTUI_BENCH_DIR", "/tmp/salestui-bench"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"demo-{deals}.db"
    if not path.exists():
        from salestui.db.demo.build import build_demo
        from salestui.db.engine import open_database

        t = time.perf_counter()
        tmp = path.with_suffix(".building")
        for leftover in folder.glob(tmp.name + "*"):
            leftover.unlink()
        engine = open_database(str(tmp))
        build_demo(engine, deals=deals, seed=7, top_login="demo")
        engine.dispose()
        tmp.rename(path)
        print(f"built {path} ({deals:,} deals) in {time.perf_counter() - t:.1f} s", flush=True)
    return str(path)


def working_bench(name: str, more=None):
    """The command line of a benchmark that writes (``--deals``, ``--runs``; ``more(parser)``
    adds its own), the bytecode made steady and its working copy of the demo: ``(args, db)``."""
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--deals", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    if more is not None:
        more(ap)
    args = ap.parse_args()
    steady_bytecode()
    return args, working_copy(args.deals, name)


def working_copy(deals: int, name: str) -> str:
    """A copy of the benchmark demo of ``deals`` (``name-<deals>.db`` beside it), upgraded to
    this code's schema before any clock starts: for benchmarks whose runs write (what a screen
    keeps for the next reader, a move)."""
    import shutil

    from salestui.db.engine import open_database

    source = demo_db(deals)
    copy = str(Path(source).with_name(f"{name}-{deals}.db"))
    shutil.copyfile(source, copy)
    open_database(copy).dispose()
    return copy


def start_env(cold: bool) -> dict[str, str]:
    """``cold``: every start compiles its imports, as `uv run salestui` does where
    PYTHONDONTWRITEBYTECODE is set (this machine) — bytecode looked for in an empty folder and
    never written. Otherwise the bytecode of :func:`steady_bytecode` is used."""
    env = dict(os.environ)
    if cold:
        import tempfile

        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="salestui-nopyc-")
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_child(cmd: list[str], cold: bool = False) -> dict:
    """Run one measuring child (a fresh interpreter) and read the JSON line it prints last."""
    wall0 = time.perf_counter()
    out = subprocess.run(
        cmd, capture_output=True, text=True, cwd=ROOT, check=True, env=start_env(cold)
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - wall0
    return result


def child(*args: str, cold: bool = False) -> dict:
    return run_child(CHILD + list(args), cold)


def steady_bytecode() -> None:
    """Compile every module the app and the floor import, as a person's second start finds them
    (Python writes bytecode on the first; where PYTHONDONTWRITEBYTECODE is set, or uv installed
    without compiling, every start would compile its imports again and blur the comparison)."""
    import compileall
    import sysconfig

    for folder in (
        sysconfig.get_paths()["purelib"],
        ROOT / "salestui",
        ROOT / "screens",
        ROOT / "db",
    ):
        compileall.compile_dir(str(folder), quiet=2, workers=0)


def main() -> None:
    steady_bytecode()
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--big", type=int, default=1_000_000)
    ap.add_argument("--moves", type=int, default=15)
    args = ap.parse_args()
    small, big = demo_db(args.small), demo_db(args.big)

    runs: dict[str, list[dict]] = {}
    child("floor"), child("board", small), child("board", big)  # warm the disk cache
    for _ in range(args.runs):  # interleaved, so machine noise hits every measure alike
        for cold in (False, True):
            for name, cmd in (
                ("floor", ("floor",)),
                ("small", ("board", small)),
                ("big", ("board", big)),
            ):
                runs.setdefault((name, cold), []).append(child(*cmd, cold=cold))

    def med(name: str, key: str, cold: bool = False) -> float:
        return statistics.median(r[key] for r in runs[(name, cold)])

    move = child("move", big, str(args.moves))

    rows = [
        ("floor: bare Textual app, 1 line", "floor"),
        (f"board, {args.small:,} deals", "small"),
        (f"board, {args.big:,} deals", "big"),
    ]
    for cold, how in (
        (False, "bytecode compiled (a second start)"),
        (True, "compiling every start (PYTHONDONTWRITEBYTECODE, as here)"),
    ):
        print(f"\nFirst full frame, {how}, median of {args.runs} runs (120×40, headless)")
        print(f"{'':38} {'process':>9} {'× floor':>8} {'in-app':>8} {'× floor':>8} {'peak RSS':>9}")
        for label, name in rows:
            p, a = med(name, "process_s", cold), med(name, "app_s", cold)
            print(
                f"{label:38} {p:8.3f}s {p / med('floor', 'process_s', cold):7.2f}× "
                f"{a:7.3f}s {a / med('floor', 'app_s', cold):7.2f}× {med(name, 'rss_mb', cold):7.1f}MB"
            )
    extra = med("big", "rss_mb") - med("small", "rss_mb")
    print(f"\nMemory, {args.big:,} deals over {args.small:,}: {extra:+.1f} MB (target ≤ 50 MB)")
    print(
        f"Stage move with {args.big:,} deals (] → committed → redrawn), median of "
        f"{len(move['all'])}: {move['median_s'] * 1000:.1f} ms (target ≤ 50 ms)"
    )


if __name__ == "__main__":
    main()
