"""Likely duplicate customers over 125,000 customers (issue 15's target: ≤ 2 s).

Run: ``uv run python tests/benchmarks/bench_duplicates.py [CUSTOMERS]``. The names are the demo's
(``salestui demo --deals 1000000`` makes 125,000 customers; the same generator is called here, so
no database is needed), read as ``salestui customer duplicates`` reads them. Shown against two
baselines in the same run, as this machine is shared and noisy: Python summing 10 million
integers, and folding the case of every name (the least any finder must do per name).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from types import SimpleNamespace

import numpy as np

from salestui.customers.duplicates import likely_duplicates
from salestui.db.demo.base import INDUSTRIES
from salestui.db.demo.people import _company_names

CUSTOMERS = int(sys.argv[1]) if len(sys.argv) > 1 else 125_000
RUNS = 3


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    ctx = SimpleNamespace(rng=np.random.default_rng(7), seed=7)
    names = _company_names(ctx, ctx.rng.integers(0, len(INDUSTRIES), CUSTOMERS), CUSTOMERS)
    rows = list(enumerate(names.tolist(), 1))
    base, fold, find = [], [], []
    for _ in range(RUNS):
        base.append(timed(lambda: sum(range(10_000_000)))[0])
        fold.append(timed(lambda: [n.casefold() for _, n in rows])[0])
        seconds, pairs = timed(lambda: likely_duplicates(rows))
        find.append(seconds)
    b, f, d = (statistics.median(x) for x in (base, fold, find))
    why = Counter(p.why.split(" % ")[0].split(" ")[0] for p in pairs)
    print(f"{CUSTOMERS:,} customers, medians of {RUNS}")
    print(f"{'':32} {'seconds':>8} {'× sum':>7}")
    print(f"{'baseline: sum of 10,000,000':32} {b:8.2f} {1:7.1f}")
    print(f"{'baseline: casefold every name':32} {f:8.2f} {f / b:7.1f}")
    print(f"{'likely duplicates':32} {d:8.2f} {d / b:7.1f}   target ≤ 2 s")
    print(f"{len(pairs):,} pairs: " + ", ".join(f"{k} {v:,}" for k, v in why.items()))


if __name__ == "__main__":
    main()
