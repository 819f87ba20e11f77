"""Random event histories: whatever happens to a deal, the waterfall built from what the readers
give (stage then, the first old value of each field since the week's start, the pipeline now)
starts at the pipeline as it truly stood at the week's start, ends at the one now, and the
buckets make up the difference, each deal counted at most once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from salestui.kernel.domain import STAGES
from salestui.review.waterfall import (
    BUCKETS,
    DealState,
    bucket_of,
    in_pipeline,
    touched_deals,
    waterfalls,
)

T0 = datetime(2026, 11, 16, tzinfo=UTC)  # the week's start
NOW = T0 + timedelta(hours=100)
Q_END = date(2027, 1, 1)
CLOSES = [
    date(2026, 9, 30),
    date(2026, 12, 1),
    date(2026, 12, 31),
    date(2027, 1, 1),
    date(2027, 3, 1),
]


def _at(hours: int) -> datetime:
    return T0 + timedelta(hours=hours)


event = st.tuples(
    st.integers(-300, 99),  # hours from the week's start (every event before NOW)
    st.sampled_from(["stage", "amount_minor", "expected_close"]),
    st.integers(0, 10),
)
deal = st.tuples(
    st.integers(1, 3),  # owner
    st.integers(-400, 99),  # created, hours from the week's start
    st.sampled_from(STAGES[:4]),  # created in an open stage
    st.integers(0, 9),
    st.sampled_from(CLOSES),
    st.lists(event, max_size=6),
)


def _history(d):
    """(state at each moment) → the state at ``moment``, and the stage's entry and close times."""
    owner, born, stage, amount, close, events = d
    steps = [
        (born, "stage", stage),
        (born, "amount_minor", amount * 1000),
        (born, "expected_close", close),
    ]
    for hours, kind, v in sorted(events):
        if hours <= born:
            continue
        value = {
            "stage": STAGES[v % len(STAGES)],
            "amount_minor": v * 1000,
            "expected_close": CLOSES[v % 5],
        }[kind]
        steps.append((hours, kind, value))
    return owner, born, steps


def _state(steps, hours):
    now = {}
    for at, kind, value in steps:
        if at <= hours:
            now[kind] = value
    if not now:
        return None
    return DealState(now["stage"], now["amount_minor"], now["expected_close"])


@settings(max_examples=300, deadline=None)
@given(st.lists(deal, max_size=12))
def test_start_plus_the_buckets_is_the_end(deals):
    moved, changes, ends = [], [], {}
    truth_start, truth_end, buckets = {}, {}, {}
    for i, d in enumerate(deals, start=1):
        owner, born, steps = _history(d)
        then, now = _state(steps, 0), _state(steps, 100)
        stage_moves = [(at, v) for at, k, v in steps if k == "stage"]
        # the app writes a stage change only when the stage changes
        kept = [stage_moves[0]] + [
            m for a, m in zip(stage_moves, stage_moves[1:], strict=False) if m[1] != a[1]
        ]
        entered = kept[-1][0]
        closes = [at for at, v in kept if v in ("Won", "Lost")]
        closed_at = _at(closes[-1]) if now.stage in ("Won", "Lost") else None
        row = dict(
            id=i, owner_id=owner, amount_minor=now.amount_minor, expected_close=now.close,
            stage=now.stage, created_at=_at(born), closed_at=closed_at,
        )  # fmt: skip
        if entered > 0:  # deals_moved_since
            before = [v for at, v in kept if at <= 0]
            moved.append(SimpleNamespace(**row, stage_then=before[-1] if before else None))
        last = {}
        for at, kind, value in steps:  # deal_field_changes: changes after creation, oldest first
            if kind != "stage" and at > born and last.get(kind) != value:
                if at > 0:
                    changes.append((at, SimpleNamespace(**row, field=kind, old=str(last[kind]))))
            if kind != "stage":
                last[kind] = value
        if in_pipeline(now, Q_END):
            n, total = ends.get(owner, (0, 0))
            ends[owner] = (n + 1, total + now.amount_minor)
        truth_start[owner] = truth_start.get(owner, 0) + (
            then.amount_minor if in_pipeline(then, Q_END) else 0
        )
        truth_end[owner] = truth_end.get(owner, 0) + (
            now.amount_minor if in_pipeline(now, Q_END) else 0
        )
        b, _ = bucket_of(then, now, Q_END, closed_in_week=closed_at is not None and closed_at > T0)
        if b is not None:
            buckets[owner] = buckets.get(owner, 0) + 1
    changes = [c for _, c in sorted(changes, key=lambda c: c[0])]
    end_rows = [SimpleNamespace(owner_id=o, deals=n, amount_minor=a) for o, (n, a) in ends.items()]
    out = waterfalls(end_rows, touched_deals(moved, changes, T0), Q_END)
    for owner in set(truth_start) | set(out):
        w = out.get(owner)
        start, end = truth_start.get(owner, 0), truth_end.get(owner, 0)
        if w is None:
            assert start == end == 0
            continue
        assert (w.start_minor, w.end_minor) == (start, end)
        assert w.start_minor + sum(w.minor[b] for b in BUCKETS) == w.end_minor
        assert sum(w.deals.values()) == buckets.get(owner, 0)
