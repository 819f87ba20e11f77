"""The review's pipeline-movement section as the screen and ``salestui report weekly`` show it:
the waterfall's chart, its table and the roll-up lines (``salestui.review.waterfall`` works
the figures out)."""

from __future__ import annotations

from salestui.kernel.dates import shown_date
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import format_amount, format_compact, money_plain
from salestui.review.charts import _short, nice_ticks
from salestui.review.waterfall import BUCKETS, LABELS, Movement, Waterfall


def signed(minor: int) -> str:
    """+15,000 / −450,000 / 0: what a bucket adds to the pipeline."""
    if minor == 0:
        return "0"
    return ("+" if minor > 0 else "−") + format_amount(abs(minor))


def pipeline_words(m: Movement) -> str:
    """What "the pipeline" is, said beside every showing of it."""
    return _("open deals due before {end} (overdue included), from {start} 00:00 to now").format(
        end=shown_date(m.quarter_end), start=shown_date(m.week_start)
    )


def line_words(ln) -> str:
    """A roll-up line's label (English "· team" in the JSON report) as a person reads it."""
    if ln.depth == 0 and ln.label == "Everyone in view":
        return _("Everyone in view")
    if ln.team and ln.label.endswith(" · team"):
        return ln.label.removesuffix(" · team") + " · " + _("team")
    return ln.label


def draw_movement(plt, w: Waterfall) -> None:
    """What each bucket added to the pipeline (up) or took out of it (down); the start and the
    end are in the title, since they would dwarf the bars."""
    plt.clear_data()
    plt.clear_figure() if hasattr(plt, "clear_figure") else None
    values = [w.minor[b] for b in BUCKETS]
    plt.bar(
        [_(LABELS[b]) for b in BUCKETS],
        [v / 100 for v in values],
        width=0.6,
    )  # one colour: plotext misplaces a list of colours per bar
    high, low = max([0, *values]), min([0, *values])
    ticks = [-t for t in reversed(nice_ticks(-low, 3)) if t] + nice_ticks(high, 3)
    plt.yticks([t / 100 for t in ticks], [_short(t) for t in ticks])
    plt.title(
        _("Pipeline {start} → {end} ({change}) this week").format(
            start=format_amount(w.start_minor),
            end=format_amount(w.end_minor),
            change=signed(w.end_minor - w.start_minor),
        )
    )


def signed_compact(minor: int) -> str:
    """+15.0k / −450.0k / 0: a bucket's addition in a narrow column."""
    if minor == 0:
        return "0"
    return ("+" if minor > 0 else "−") + format_compact(abs(minor))


def figures_row(w: Waterfall) -> list[str]:
    """Start, each bucket's addition, end (a line of the report's roll-up table)."""
    return [
        format_amount(w.start_minor),
        *(signed(w.minor[b]) for b in BUCKETS),
        format_amount(w.end_minor),
    ]


def narrow_row(w: Waterfall) -> list[str]:
    """Start, added (new, pulled in, increased), taken out (pushed out, decreased), won, lost,
    end — compact, for a line of the screen's roll-up at 80 columns."""
    added = w.minor["new"] + w.minor["pulled_in"] + w.minor["increased"]
    taken = w.minor["pushed_out"] + w.minor["decreased"]
    return [
        format_compact(w.start_minor),
        *(signed_compact(v) for v in (added, taken, w.minor["won"], w.minor["lost"])),
        format_compact(w.end_minor),
    ]


def waterfall_rows(w: Waterfall) -> list[list[str]]:
    """Step (English: shown with ``_()``), deals, amount: the waterfall read top to bottom."""
    return [
        [LABELS["start"], f"{w.start_deals:,}", format_amount(w.start_minor)],
        *([LABELS[b], f"{w.deals[b]:,}", signed(w.minor[b])] for b in BUCKETS),
        [LABELS["end"], f"{w.end_deals:,}", format_amount(w.end_minor)],
    ]


def movement_md(m: Movement, table) -> str:
    """The report's section; ``table``: the report's Markdown table maker."""
    from salestui.review.charts import chart_text

    out = [_("The pipeline: {what}.").format(what=pipeline_words(m)) + "\n"]
    out.append(
        table(
            [N_("Step"), N_("Deals"), N_("Amount")],
            [[_(step), *figures] for step, *figures in waterfall_rows(m.total)],
            {1, 2},
        )
    )
    out.append("\n```\n" + chart_text(draw_movement, m.total, height=14) + "\n```\n")
    head = [N_("Who"), LABELS["start"], *(LABELS[b] for b in BUCKETS), LABELS["end"]]
    rows = [
        ["\u00a0\u00a0" * ln.depth + line_words(ln), *figures_row(ln.figures)] for ln in m.lines[1:]
    ]
    if rows:
        out.append(
            "\n"
            + _("Per person and team (a team line holds its manager and everyone below):")
            + "\n"
        )
        out.append(table(head, rows, set(range(1, len(head)))))
    return "\n".join(out)


def _json(w: Waterfall) -> dict:
    def step(deals: int, minor: int) -> dict:
        return {"deals": deals, "amount": money_plain(minor)}

    return {
        "start": step(w.start_deals, w.start_minor),
        **{b: step(w.deals[b], w.minor[b]) for b in BUCKETS},
        "end": step(w.end_deals, w.end_minor),
    }


def movement_json(m: Movement) -> dict:
    """Stable keys: start, new, pulled_in, pushed_out, increased, decreased, won, lost, end —
    each {deals, amount}; a bucket's amount is what it added (negative: took out)."""
    return {
        "week_start": m.week_start.isoformat(),
        "due_before": m.quarter_end.isoformat(),
        "total": _json(m.total),
        "lines": [
            {"who": ln.label, "depth": ln.depth, "team": ln.team, **_json(ln.figures)}
            for ln in m.lines[1:]
        ],
    }
