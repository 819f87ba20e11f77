"""The team screen's chart figures: ramp, quadrants, concentration, heat, product lines, channels,
month-on-month / year-on-year and the funnel. Pure functions over small aggregated rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from salestui.kernel.domain import OPEN_STAGES, WON
from salestui.team.metrics import ratio, win_rate

NEW_HIRE_MONTHS = 3  # the seeds' "first 3 months"
SENIOR_AFTER_MONTHS = 12  # a senior has more than a year of tenure


def tenure_month(hired: date, month: date) -> int:
    """1 in the month of hire, 2 the month after, …; 0 or less before the hire."""
    return (month.year - hired.year) * 12 + month.month - hired.month + 1


@dataclass(frozen=True)
class Ramp:
    by_month: list[tuple[int, int, int]]  # (tenure month, won, lost), months 1..cap
    new_hires: float | None  # win rate in the first 3 months
    seniors: float | None  # win rate after 12 months
    new_closed: int
    senior_closed: int


def new_hire_ramp(rows: Iterable[tuple[date | None, date, int, int]], cap: int = 24) -> Ramp:
    """``rows`` are (hire date, close month, won, lost) per rep and month; months past ``cap``
    fall into the last bucket. Win rates are Σwon / Σ(won + lost) over every rep in the bucket."""
    won = [0] * (cap + 1)
    lost = [0] * (cap + 1)
    new = [0, 0]
    old = [0, 0]
    for hired, month, w, lo in rows:
        if hired is None:
            continue
        t = tenure_month(hired, month)
        if t < 1:
            continue
        k = min(t, cap)
        won[k] += w
        lost[k] += lo
        if t <= NEW_HIRE_MONTHS:
            new[0] += w
            new[1] += lo
        elif t > SENIOR_AFTER_MONTHS:
            old[0] += w
            old[1] += lo
    return Ramp(
        [(k, won[k], lost[k]) for k in range(1, cap + 1)],
        win_rate(*new),
        win_rate(*old),
        sum(new),
        sum(old),
    )


QUADRANTS = {
    (True, True): "star",  # able and busy
    (True, False): "talent",  # able, too few visits: push effort
    (False, True): "worker",  # busy, does not convert: coach skill
    (False, False): "needs help",
}


@dataclass(frozen=True)
class QuadrantPoint:
    person_id: int
    ability: float  # revenue per closed deal = win rate × average deal size (major units)
    effort: int  # visits + other activities
    quadrant: str


def quadrants(
    rows: Iterable[tuple[int, int, int, int, int]],
) -> tuple[list[QuadrantPoint], float, float]:
    """``rows``: (person, revenue minor, won, lost, activities). Ability = revenue ÷ closed deals,
    i.e. win rate × average deal; a figure at the median counts as high. Returns the points and
    the two medians (ability, effort)."""
    raw = [(pid, (rev / 100) / (w + lo) if w + lo else 0.0, acts) for pid, rev, w, lo, acts in rows]
    if not raw:
        return [], 0.0, 0.0
    a_med = float(median(a for _, a, _ in raw))
    e_med = float(median(e for _, _, e in raw))
    points = [QuadrantPoint(pid, a, e, QUADRANTS[(a >= a_med, e >= e_med)]) for pid, a, e in raw]
    return points, a_med, e_med


@dataclass(frozen=True)
class Concentration:
    shares: list[tuple[str, float]]  # region, share of revenue, largest first
    top3: float
    bottom2: float


def concentration(revenue_by_region: Mapping[str, int]) -> Concentration | None:
    """Share of revenue of the 3 largest regions and of the 2 smallest (regions with no revenue
    count among the smallest). None when there is no revenue at all."""
    total = sum(revenue_by_region.values())
    if total <= 0:
        return None
    ordered = sorted(revenue_by_region.items(), key=lambda kv: (-kv[1], kv[0]))
    shares = [(name, rev / total) for name, rev in ordered]
    top = sum(s for _, s in shares[:3])
    bottom = sum(s for _, s in shares[-2:]) if len(shares) >= 2 else shares[-1][1]
    return Concentration(shares, top, bottom)


def heat_levels(matrix: Mapping[str, Sequence[int]]) -> dict[str, list[int]]:
    """Each cell's shade 0–4: 0 for no revenue, else its rank among the non-zero cells in
    quartiles (1 = lowest quarter … 4 = highest), so one huge month cannot wash out the rest."""
    values = sorted(v for row in matrix.values() for v in row if v > 0)
    if not values:
        return {k: [0] * len(v) for k, v in matrix.items()}
    n = len(values)
    cuts = [values[min(n - 1, (n * q) // 4)] for q in (1, 2, 3)]

    def level(v: int) -> int:
        if v <= 0:
            return 0
        return 1 + sum(v >= c for c in cuts)

    return {k: [level(v) for v in row] for k, row in matrix.items()}


@dataclass(frozen=True)
class LineContribution:
    name: str
    revenue: int
    margin: int
    margin_pct: float | None
    revenue_share: float | None
    margin_share: float | None
    pipeline: int = 0  # open deals' product lines now (not the period's): their totals


def product_lines(
    rows: Iterable[tuple[str, int, int]], pipeline: dict[str, int] | None = None
) -> list[LineContribution]:
    """(product line, revenue minor, cost minor) → revenue, margin, margin %, shares; by revenue.
    ``pipeline``: product line → the open deals' line totals; a line with pipeline and no revenue
    yet is listed too."""
    pipeline = pipeline or {}
    rows = list(rows)
    seen = {name for name, _, _ in rows}
    rows += [(name, 0, 0) for name in sorted(pipeline) if name not in seen]
    rev_total = sum(r for _, r, _ in rows)
    mar_total = sum(r - c for _, r, c in rows)
    out = [
        LineContribution(
            name or "(none)",
            r,
            r - c,
            ratio(r - c, r),
            ratio(r, rev_total),
            ratio(r - c, mar_total) if mar_total > 0 else None,
            pipeline.get(name, 0),
        )
        for name, r, c in rows
    ]
    return sorted(out, key=lambda x: (-x.revenue, -x.pipeline, x.name))


@dataclass(frozen=True)
class ChannelFigures:
    channel: str
    revenue: int
    won: int
    win_rate: float | None
    average_deal: int | None
    share: float | None


def channels(rows: Iterable[tuple[str, int, int, int]]) -> list[ChannelFigures]:
    """(channel, revenue minor, won, lost) → revenue, win rate, average deal, share of revenue."""
    from salestui.team.metrics import average_deal

    rows = list(rows)
    total = sum(r for _, r, _, _ in rows)
    out = [
        ChannelFigures(ch, r, w, win_rate(w, lo), average_deal(r, w), ratio(r, total))
        for ch, r, w, lo in rows
    ]
    return sorted(out, key=lambda x: (-x.revenue, x.channel))


@dataclass(frozen=True)
class MonthChange:
    month: date
    revenue: int
    target: int | None
    mom: float | None  # vs the month before
    yoy: float | None  # vs the same month a year before


def month_changes(series: Sequence[tuple[date, int, int | None]]) -> list[MonthChange]:
    """``series``: consecutive months (month, revenue, target). Change = (now − then) ÷ then;
    None when ``then`` is 0 or outside the series."""
    out = []
    for i, (month, rev, tgt) in enumerate(series):
        prev = series[i - 1][1] if i >= 1 else None
        year = series[i - 12][1] if i >= 12 else None
        out.append(
            MonthChange(
                month,
                rev,
                tgt,
                ratio(rev - prev, prev) if prev else None,
                ratio(rev - year, year) if year else None,
            )
        )
    return out


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    entered: int
    conversion: float | None  # entered the next stage ÷ entered this one
    drop_off: float | None


def funnel(entered: Mapping[str, int]) -> list[FunnelStep]:
    """Stage-to-stage conversion from the history: deals that ever entered each stage."""
    chain = [*OPEN_STAGES, WON]
    steps = []
    for i, stage in enumerate(chain):
        n = entered.get(stage, 0)
        if i + 1 < len(chain):
            conv = ratio(entered.get(chain[i + 1], 0), n)
            steps.append(FunnelStep(stage, n, conv, None if conv is None else 1 - conv))
        else:
            steps.append(FunnelStep(stage, n, None, None))
    return steps
