"""How each team chart is drawn on a plotext ``Plot``: data in (from salestui.team.trends),
marks out. No Textual, no queries — a widget's ``replot()`` calls one of these, and so does the
benchmark that times a redraw.
"""

from __future__ import annotations

from collections.abc import Sequence

from salestui.kernel.dates import SHORT_MONTH, shown_date
from salestui.kernel.domain import MINOR_PER_MAJOR
from salestui.kernel.format import percent, rounded, to_points
from salestui.team.trends import (
    NEW_HIRE_MONTHS,
    ChannelFigures,
    Concentration,
    LineContribution,
    MonthChange,
    QuadrantPoint,
    Ramp,
)

MILLION = 1_000_000 * MINOR_PER_MAJOR


def _reset(plt, title: str) -> None:
    plt.clear_data()
    plt.clear_figure()
    plt.title(title)


def revenue_vs_target(plt, months: Sequence[MonthChange], who: str) -> None:
    _reset(plt, "revenue vs target, millions")
    if not months:
        return
    labels = [shown_date(m.month, SHORT_MONTH) for m in months]
    xs = list(range(1, len(months) + 1))
    plt.bar(xs, [m.revenue / MILLION for m in months], label="revenue", color="blue")
    targets = [(x, m.target / MILLION) for x, m in zip(xs, months, strict=True) if m.target]
    if targets:
        plt.plot([x for x, _ in targets], [t for _, t in targets], label="target", color="red")
    step = max(1, len(xs) // 6)
    plt.xticks(xs[::step], labels[::step])


def month_on_month(plt, months: Sequence[MonthChange]) -> None:
    _reset(plt, "change in % — month on month, year on year")
    if not months:
        return
    xs = list(range(1, len(months) + 1))
    mom = [(x, to_points(m.mom)) for x, m in zip(xs, months, strict=True) if m.mom is not None]
    yoy = [(x, to_points(m.yoy)) for x, m in zip(xs, months, strict=True) if m.yoy is not None]
    if mom:
        plt.plot([x for x, _ in mom], [y for _, y in mom], label="MoM %", color="cyan")
    if yoy:
        plt.plot([x for x, _ in yoy], [y for _, y in yoy], label="YoY %", color="magenta")
    plt.horizontal_line(0, color="gray")
    step = max(1, len(xs) // 6)
    plt.xticks(xs[::step], [shown_date(m.month, SHORT_MONTH) for m in months][::step])


def ramp(plt, data: Ramp) -> None:
    new = percent(to_points(data.new_hires), points=True)
    old = percent(to_points(data.seniors), points=True)
    _reset(
        plt, f"win rate by month of tenure · first {NEW_HIRE_MONTHS} months {new} vs seniors {old}"
    )
    shown = [(k, w, lo) for k, w, lo in data.by_month if w + lo]
    if not shown:
        return
    plt.bar(
        [k for k, _, _ in shown],
        [rounded(100 * w / (w + lo), 1) for _, w, lo in shown],
        color=["red" if k <= 3 else "blue" for k, _, _ in shown],
    )
    plt.xlabel("month of tenure (last = that month and later)")
    plt.ylim(0, 100)


def quadrants(plt, points: Sequence[QuadrantPoint], a_med: float, e_med: float) -> None:
    _reset(plt, "ability (revenue per closed deal, k) × effort (activities)")
    if not points:
        return
    colours = {"star": "green", "talent": "cyan", "worker": "orange", "needs help": "red"}
    for name, colour in colours.items():
        sel = [p for p in points if p.quadrant == name]
        if sel:
            plt.scatter(
                [p.effort for p in sel],
                [p.ability / 1000 for p in sel],
                label=f"{name} {len(sel)}",
                color=colour,
            )
    plt.vertical_line(e_med, color="gray")
    plt.horizontal_line(a_med / 1000, color="gray")


def concentration(plt, data: Concentration | None) -> None:
    if data is None:
        _reset(plt, "revenue share by region: no revenue in the period")
        return
    top3, bottom2 = (
        percent(to_points(share, missing=0.0), points=True) for share in (data.top3, data.bottom2)
    )
    _reset(plt, f"revenue share by region · top 3 {top3} · bottom 2 {bottom2}")
    names = [n for n, _ in data.shares]
    plt.bar(
        names,
        [to_points(s, missing=0.0) for _, s in data.shares],
        orientation="horizontal",
        color="blue",
    )


def product_lines(plt, lines: Sequence[LineContribution]) -> None:
    _reset(plt, "product-line contribution (millions): revenue and margin")
    if not lines:
        return
    plt.multiple_bar(
        [ln.name for ln in lines],
        [[ln.revenue / MILLION for ln in lines], [ln.margin / MILLION for ln in lines]],
        labels=["revenue", "margin"],
        color=["blue", "green"],
    )


def channels(plt, rows: Sequence[ChannelFigures]) -> None:
    _reset(plt, "channels: revenue (millions) and win rate (%)")
    if not rows:
        return
    plt.multiple_bar(
        [c.channel for c in rows],
        [[c.revenue / MILLION for c in rows], [to_points(c.win_rate, missing=0.0) for c in rows]],
        labels=["revenue M", "win rate %"],
        color=["blue", "orange"],
    )
