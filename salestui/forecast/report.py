"""``salestui report forecast``: the roll-up as Markdown, CSV or JSON — the screen's figures
(``salestui.forecast.load``), one row per line, with stable machine keys."""

from __future__ import annotations

from salestui.forecast.load import ForecastView
from salestui.forecast.rollup import Line
from salestui.kernel.report_table import Column, render_table

COLUMNS = [
    Column("level", "Level", right=True, thousands=False),
    Column("kind", "Line"),
    Column("login", "Login"),
    Column("name", "Name"),
    Column("closed", "Closed", money=True, right=True),
    Column("commit", "Commit", money=True, right=True),
    Column("best_case", "Best case", money=True, right=True),
    Column("pipeline", "Pipeline", money=True, right=True),
    Column("omitted", "Omitted", money=True, right=True),
    Column("weighted", "Weighted", money=True, right=True),
    Column("trend", "Trend", money=True, right=True),
    Column("call", "Call", money=True, right=True),
    Column("call_week", "Call's week"),
    Column("call_older", "Older call"),
    Column("reports_called", "Reports' calls", money=True, right=True),
    Column("judgment", "Judgment", money=True, right=True),
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
        r["call_older"] = "older" if r["call_older"] else ""
    head = (
        f"# Forecast — {view.period.label}\n\n"
        f'Calls of the week of {view.week:%Y-%m-%d} ("older": the person\'s latest earlier call '
        "this quarter). Commit, best case and pipeline are open deals expected to close in the "
        "quarter, each under its category (omitted: shown, not in any forecast); weighted: "
        "amount × stage probability; judgment: a manager's call − their direct reports' calls."
    )
    if view.trend_method:
        head += f" Trend: {view.trend_method}."
    return head + "\n\n" + (render_table(COLUMNS, rows, "md") if rows else "Nothing to show.\n")
