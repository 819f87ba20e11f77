"""The board's first frame in a real (pseudo-)terminal, against two floors in the same run: a
bare Textual app showing one line, and the board's widgets with no data. The board is started
as a person starts it (``salestui --db DB``, the command line included) and as the app alone
(what that command runs last). Prints a table.

    uv run python tests/benchmarks/bench_pty.py [--runs 5] [--big 1000000] [--size 120x40]

Each app runs in a fresh interpreter under a pty of the given size, as a terminal emulator would
run it; the time is from the spawn to the moment the terminal has received the frame holding
the app's finished figures (the text ``weighted`` of the board's summary, a marker in the
floors). Headless runs (bench_board.py) skip the writing to the terminal; this one includes it.
Bytecode is compiled first (a second start), as bench_board.py does.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[2]))

from tests.benchmarks.bench_board import ROOT, demo_db, steady_bytecode  # noqa: E402

CHILD = [sys.executable, str(HERE.parent / "_pty_child.py")]
ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07"
)
MARKERS = {"floor": b"floor-ready", "widgets": b"widgets-ready", "board": b"weighted"}


def first_frame(args: list[str], marker: bytes, cols: int, rows: int) -> tuple[float, int]:
    """Seconds from spawn until ``marker`` has reached the terminal, and the bytes written by
    then."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
    t0 = time.perf_counter()
    proc = subprocess.Popen(CHILD + args, stdin=follower, stdout=follower, stderr=follower,
                            cwd=ROOT, env=env, start_new_session=True)  # fmt: skip
    os.close(follower)
    seen, plain, took = 0, b"", None
    try:
        while took is None and time.perf_counter() - t0 < 60:
            ready, _, _ = select.select([leader], [], [], 1.0)
            if not ready:
                continue
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:
                break
            seen += len(chunk)
            plain = (plain + ESCAPES.sub(b"", chunk))[-4096:]
            if marker in plain:
                took = time.perf_counter() - t0
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(leader)
    if took is None:
        raise RuntimeError(f"{args} never drew {marker!r}")
    return took, seen


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--big", type=int, default=1_000_000)
    ap.add_argument("--size", default="120x40")
    args = ap.parse_args()
    cols, rows = (int(x) for x in args.size.split("x"))
    steady_bytecode()
    small, big = demo_db(args.small), demo_db(args.big)
    from bench_review import bind_top_person

    for db in (small, big):  # `salestui --db` acts as the person bound to this OS account
        bind_top_person(db)
    cases = [
        ("floor: bare Textual app, 1 line", ["floor"], "floor"),
        ("floor: the board's widgets, no data", ["widgets"], "widgets"),
        (f"`salestui --db`, {args.small:,} deals", ["command", small], "board"),
        (f"`salestui --db`, {args.big:,} deals", ["command", big], "board"),
        (f"the app alone, {args.small:,} deals", ["board", small], "board"),
        (f"the app alone, {args.big:,} deals", ["board", big], "board"),
    ]
    for _, argv, kind in cases:  # warm the disk cache
        first_frame(argv, MARKERS[kind], cols, rows)
    times: dict[str, list[float]] = {}
    sizes: dict[str, list[int]] = {}
    for _ in range(args.runs):  # interleaved, so machine noise hits every case alike
        for label, argv, kind in cases:
            took, written = first_frame(argv, MARKERS[kind], cols, rows)
            times.setdefault(label, []).append(took)
            sizes.setdefault(label, []).append(written)
    floor, widgets = (statistics.median(times[cases[i][0]]) for i in (0, 1))
    print(f"\nFirst frame in a pty {cols}×{rows}, median of {args.runs} (bytecode compiled)")
    print(f"{'':38} {'frame':>8} {'× floor':>8} {'× widgets':>10} {'written':>9}")
    for label, _, _ in cases:
        t = statistics.median(times[label])
        kb = statistics.median(sizes[label]) / 1024
        print(f"{label:38} {t:7.3f}s {t / floor:7.2f}× {t / widgets:9.2f}× {kb:7.1f}KB")


if __name__ == "__main__":
    main()
