"""`salestui report pipeline`: what the board shows, per open stage and in total, as md / csv /
json. Pure: the board's totals in, text out."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from salestui.kernel.dates import local
from salestui.kernel.domain import LOST, WON
from salestui.kernel.i18n import N_, _, ngettext
from salestui.kernel.money import weighted_minor
from salestui.kernel.report_table import Column, render_table, view_line

PIPELINE_COLUMNS: tuple[Column, ...] = (
    Column("stage", N_("Stage"), words=True),
    Column("deals", N_("Deals"), right=True),
    Column("amount", N_("Amount"), money=True, right=True),
    Column("weighted", N_("Weighted"), money=True, right=True),
    Column("stalled", N_("Stalled"), right=True),
    Column("closed_within_days", N_("Closed within (days)"), right=True),
)
TOTAL = N_("Total")


def pipeline_rows(stage_totals, total, closes: Mapping[str, tuple[int, int]], recent_days: int):
    """Rows of the pipeline report: each open stage, ``Total``, then Won and Lost recently closed.

    ``stage_totals`` are :class:`salestui.db.queries.board.StageTotals`, ``total`` a
    :class:`salestui.board.metrics.PipelineTotal`, ``closes`` stage → (count, amount_minor).
    Each stage's weighted amount is rounded on its own; the total is rounded once, as the board does.
    """
    rows = [
        {
            "stage": t.stage,
            "deals": t.count,
            "amount": t.amount_minor,
            "weighted": weighted_minor(t.weighted_x100),
            "stalled": t.stalled,
            "closed_within_days": None,
        }
        for t in stage_totals
    ]
    rows.append(
        {
            "stage": TOTAL,
            "deals": total.count,
            "amount": total.amount_minor,
            "weighted": total.weighted_minor,
            "stalled": total.stalled,
            "closed_within_days": None,
        }
    )
    for stage in (WON, LOST):
        count, amount = closes.get(stage, (0, 0))
        rows.append(
            {
                "stage": stage,
                "deals": count,
                "amount": amount,
                "weighted": None,
                "stalled": None,
                "closed_within_days": recent_days,
            }
        )
    return rows


def pipeline_report(
    stage_totals,
    total,
    closes: Mapping[str, tuple[int, int]],
    *,
    recent_days: int,
    stall_days: Mapping[str, int],
    as_of: datetime,
    scope: str,
    fmt: str,
    view: str = "",
) -> str:
    rows = pipeline_rows(stage_totals, total, closes, recent_days)
    if fmt == "md":
        limits = _(", ").join(
            ngettext("{stage} {n} day", "{stage} {n} days", d).format(stage=_(s), n=d)
            for s, d in stall_days.items()
        )
        head = (
            "# " + _("Pipeline — {scope}").format(scope=scope) + "\n\n"
            + view_line(view)
            + _("As of {when}.").format(when=local(as_of)) + " "
            + _("Stalled: longer in the stage than its limit ({limits}).").format(limits=limits)
            + " "
            + ngettext(
                "Won and Lost: closed in the last {n} day.",
                "Won and Lost: closed in the last {n} days.",
                recent_days,
            ).format(n=recent_days)
            + "\n\n"
        )  # fmt: skip
        return head + render_table(PIPELINE_COLUMNS, rows, "md")
    meta = {
        "report": "pipeline",
        "as_of": as_of.isoformat(),
        "scope": scope,
        "view": view,
        "stall_days": dict(stall_days),
        "recent_close_days": recent_days,
        "money": "major units, two decimals, as strings",
    }
    return render_table(PIPELINE_COLUMNS, rows, fmt, meta=meta)
