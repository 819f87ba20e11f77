"""``salestui report forecast``: the roll-up as Markdown, CSV or JSON — the screen's figures
(``salestui.forecast.load``), one row per line, with stable machine keys."""

from __future__ import annotations

from salestui.forecast.load import ForecastView
from salestui.forecast.rollup import Line
from salestui.kernel.i18n import N_, _
from salestui.kernel.report_table import Column, render_table

COLUMNS = [
    Column("level", N_("Level"), right=True, thousands=False),
    Column("kind", N_("Line"), words=True),
    Column("login", N_("Login")),
    Column("name", N_("Name")),
    Column("closed", N_("Closed"), money=True, right=True),
    Column("commit", N_("Commit"), money=True, right=True),
    Column("best_case", N_("Best case"), money=True, right=True),
    Column("pipeline", N_("Pipeline"), money=True, right=True),
    Column("omitted", N_("Omitted"), money=True, right=True),
    Column("weighted", N_("Weighted"), money=True, right=True),
    Column("trend", N_("Trend"), money=True, right=True),
    Column("call", N_("Call"), money=True, right=True),
    Column("call_week", N_("Call's week")),
    Column("call_older", N_("Older call"), words=True),
    Column("reports_called", N_("Reports' calls"), money=True, right=True),
    Column("judgment", N_("Judgment"), money=True, right=True),
]


def line_row(line: Line) -> dict:
    f, call = line.figures, line.call
    return {
        "level": line.level,
        "kind": line.kind,
        "login": line.login,
        "name": line.name,
        "closed": f.closed,
        "commit": f.commit,
        "best_case": f.best_case,
        "pipeline": f.pipeline,
        "omitted": f.omitted,
        "weighted": f.weighted,
        "trend": line.trend,
        "call": call.amount_minor if call else None,
        "call_week": call.week_start.isoformat() if call else None,
        "call_older": (call.older if call else None),
        "reports_called": line.reports_called,
        "judgment": line.judgment,
    }


def render(view: ForecastView, fmt: str) -> str:
    rows = [line_row(ln) for ln in view.lines]
    if fmt != "md":
        meta = {
            "report": "forecast",
            "viewer": view.login,
            "period": view.period.label,
            "period_start": view.period.start.isoformat(),
            "week_start": view.week.isoformat(),
            "trend_method": view.trend_method,
        }
        return render_table(COLUMNS, rows, fmt, meta=meta)
    for r in rows:
        r["name"] = "  " * r["level"] + r["name"]
        r["call_older"] = N_("older") if r["call_older"] else ""
    head = "# " + _("Forecast — {period}").format(period=view.period.label) + "\n\n"
    head += _(
        'Calls of the week of {week} ("older": the person\'s latest earlier call this quarter). '
        "Commit, best case and pipeline are open deals expected to close in the quarter, each "
        "under its category (omitted: shown, not in any forecast); weighted: amount × stage "
        "probability; judgment: a manager's call − their direct reports' calls."
    ).format(week=f"{view.week:%Y-%m-%d}")
    if view.trend_method:
        head += " " + _("Trend: {method}.").format(method=_(view.trend_method))
    empty = _("Nothing to show.") + "\n"
    return head + "\n\n" + (render_table(COLUMNS, rows, "md") if rows else empty)
