"""How each team chart is drawn on a plotext ``Plot``: data in (from salestui.team.trends),
marks out. No Textual, no queries — a widget's ``replot()`` calls one of these, and so does the
benchmark that times a redraw.
"""

from __future__ import annotations

from collections.abc import Sequence

from salestui.kernel.dates import SHORT_MONTH, shown_date
from salestui.kernel.domain import MINOR_PER_MAJOR
from salestui.kernel.format import percent, rounded, to_points
from salestui.kernel.i18n import _
from salestui.kernel.plotext_cells import crop
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
NAME_CELLS = 16  # a region, line or channel name on an axis: the rest of the width is the plot's
CHANGE_CLIP = 200.0  # % — past this a month-on-month change is drawn at the edge, labelled


def heat_amount(minor: int) -> str:
    """A heat cell's amount in at most 4 cells (3.4M, 12k, 950; 2.6万, 13亿): the heat table has a
    column a month and must fit 80 columns."""
    from decimal import ROUND_HALF_UP, Decimal

    from salestui.kernel.i18n import language

    major = Decimal(int(minor)) / MINOR_PER_MAJOR
    units = (
        ((10**8, "亿"), (10**4, "万"))
        if language() == "zh"
        else ((10**9, "B"), (10**6, "M"), (10**3, "k"))
    )
    for scale, unit in units:
        if abs(major) >= scale:
            value = major / scale
            places = Decimal("0.1") if abs(value) < 10 else Decimal(1)
            return f"{value.quantize(places, rounding=ROUND_HALF_UP)}{unit}"
    return f"{major.quantize(Decimal(1), rounding=ROUND_HALF_UP)}"


def _reset(plt, title: str) -> None:
    plt.clear_data()
    plt.clear_figure()
    plt.title(title)


def revenue_vs_target(plt, months: Sequence[MonthChange], who: str) -> None:
    _reset(plt, _("Revenue vs target, millions"))
    if not months:
        return
    labels = [shown_date(m.month, SHORT_MONTH) for m in months]
    xs = list(range(1, len(months) + 1))
    plt.bar(xs, [m.revenue / MILLION for m in months], label=_("revenue"), color="blue")
    targets = [(x, m.target / MILLION) for x, m in zip(xs, months, strict=True) if m.target]
    if targets:
        plt.plot([x for x, _ in targets], [t for _, t in targets], label=_("target"), color="red")
    step = max(1, len(xs) // 6)
    plt.xticks(xs[::step], labels[::step])


def _clipped(points: list[tuple[int, float]]) -> tuple[list[float], list[tuple[int, float]]]:
    """Changes past ±CHANGE_CLIP drawn at the limit (one 1,588 % month flattened the rest)."""
    ys = [max(-CHANGE_CLIP, min(CHANGE_CLIP, y)) for _x, y in points]
    return ys, [(x, y) for x, y in points if abs(y) > CHANGE_CLIP]


def month_on_month(plt, months: Sequence[MonthChange]) -> None:
    _reset(plt, _("Change in % — month on month, year on year"))
    if not months:
        return
    xs = list(range(1, len(months) + 1))
    mom = [(x, to_points(m.mom)) for x, m in zip(xs, months, strict=True) if m.mom is not None]
    yoy = [(x, to_points(m.yoy)) for x, m in zip(xs, months, strict=True) if m.yoy is not None]
    clipped: list[tuple[int, float]] = []
    drawn: list[float] = [0.0]
    for points, label, colour in ((mom, _("MoM %"), "cyan"), (yoy, _("YoY %"), "magenta")):
        if points:
            ys, out = _clipped(points)
            plt.plot([x for x, _y in points], ys, label=label, color=colour)
            clipped += out
            drawn += ys
    for x, y in clipped:
        edge = CHANGE_CLIP if y > 0 else -CHANGE_CLIP
        plt.text(percent(y, points=True), x, edge, alignment="center", color="red")
    if clipped:  # room above and below for the labels of the clipped months
        plt.ylim(min(drawn) - 0.15 * CHANGE_CLIP, max(drawn) + 0.15 * CHANGE_CLIP)
    plt.horizontal_line(0, color="gray")
    step = max(1, len(xs) // 6)
    plt.xticks(xs[::step], [shown_date(m.month, SHORT_MONTH) for m in months][::step])


def ramp(plt, data: Ramp) -> None:
    new = percent(to_points(data.new_hires), points=True)
    old = percent(to_points(data.seniors), points=True)
    _reset(
        plt,
        _("Win rate by month of tenure · first {n} months {new} vs seniors {old}").format(
            n=NEW_HIRE_MONTHS, new=new, old=old
        ),
    )
    shown = [(k, w, lo) for k, w, lo in data.by_month if w + lo]
    if not shown:
        return
    plt.bar(
        [k for k, _, _ in shown],
        [rounded(100 * w / (w + lo), 1) for _, w, lo in shown],
        color=["red" if k <= 3 else "blue" for k, _, _ in shown],
    )
    plt.xlabel(_("month of tenure (last = that month and later)"))
    plt.ylim(0, 100)
    # the whole tenure on the axis: one filled month alone was drawn as wide as the plot
    plt.xlim(0.5, len(data.by_month) + 0.5)


def quadrants(plt, points: Sequence[QuadrantPoint], a_med: float, e_med: float) -> None:
    _reset(plt, _("Ability (revenue per closed deal, k) × effort (activities)"))
    if not points:
        return
    colours = {"star": "green", "talent": "cyan", "worker": "orange", "needs help": "red"}
    words = {"star": _("star"), "talent": _("talent"), "worker": _("worker"),
             "needs help": _("needs help")}  # fmt: skip
    for name, colour in colours.items():
        sel = [p for p in points if p.quadrant == name]
        if sel:
            plt.scatter(
                [p.effort for p in sel],
                [p.ability / 1000 for p in sel],
                label=f"{words[name]} {len(sel)}",
                color=colour,
            )
    plt.vertical_line(e_med, color="gray")
    plt.horizontal_line(a_med / 1000, color="gray")


def concentration(plt, data: Concentration | None) -> None:
    if data is None:
        _reset(plt, _("Revenue share by region: no revenue in the period"))
        return
    top3, bottom2 = (
        percent(to_points(share, missing=0.0), points=True) for share in (data.top3, data.bottom2)
    )
    _reset(
        plt,
        _("Revenue share by region · top 3 {top3} · bottom 2 {bottom2}").format(
            top3=top3, bottom2=bottom2
        ),
    )
    names = [crop(n, NAME_CELLS) for n, _s in data.shares]
    plt.bar(
        names,
        [to_points(s, missing=0.0) for _n, s in data.shares],
        orientation="horizontal",
        color="blue",
    )


def product_lines(plt, lines: Sequence[LineContribution]) -> None:
    _reset(plt, _("Product-line contribution (millions): revenue and margin"))
    if not lines:
        return
    plt.multiple_bar(
        [crop(ln.name, NAME_CELLS) for ln in lines],
        [[ln.revenue / MILLION for ln in lines], [ln.margin / MILLION for ln in lines]],
        labels=[_("revenue"), _("margin")],
        color=["blue", "green"],
    )


def channels(plt, rows: Sequence[ChannelFigures]) -> None:
    _reset(plt, _("Channels: revenue (millions) and win rate (%)"))
    if not rows:
        return
    plt.multiple_bar(
        [crop(c.channel, NAME_CELLS) for c in rows],
        [[c.revenue / MILLION for c in rows], [to_points(c.win_rate, missing=0.0) for c in rows]],
        labels=[_("revenue M"), _("win rate %")],
        color=["blue", "orange"],
    )
