"""``salestui report forecast-accuracy`` as Markdown, CSV or JSON: one row per level (a person's
subtree), keys stable for scripts. Percentages are plain numbers (12.5 = 12.5 %), one decimal.
"""

from __future__ import annotations

import json

from salestui.forecast.accuracy import METHODS, WEEKS, Error
from salestui.forecast.accuracy_load import Accuracy, Line
from salestui.kernel.i18n import N_, _
from salestui.kernel.money import money_plain
from salestui.kernel.report_table import Column, render_table, view_line

COLUMNS = (
    Column("login", N_("Login")),
    Column("person", N_("Level")),
    Column("depth", N_("Depth"), right=True),
    Column("actual_minor", N_("Closed"), money=True, right=True),
    Column("last_call_minor", N_("Last call"), money=True, right=True),
    Column("calls_mape_pct", N_("Calls MAPE %"), right=True),
    Column("calls_bias_pct", N_("Calls bias %"), right=True),
    Column("pipeline_mape_pct", N_("Pipeline MAPE %"), right=True),
    Column("trend_mape_pct", N_("Trend MAPE %"), right=True),
    Column("closest", N_("Closest"), words=True),
    Column("note", N_("Note"), words=True),
)


def pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def row(line: Line, *, indent: bool = False) -> dict:
    calls = line.errors["calls"]
    return {
        "login": line.login,
        "person": ("· " * line.depth if indent else "") + line.name,
        "depth": line.depth,
        "actual_minor": line.actual,
        "last_call_minor": line.calls[max(line.calls)] if line.calls else None,
        "calls_mape_pct": pct(calls.mape),
        "calls_bias_pct": pct(calls.bias),
        "pipeline_mape_pct": pct(line.errors["pipeline"].mape),
        "trend_mape_pct": pct(line.errors["trend"].mape),
        "closest": line.best or "",
        "note": calls.why_none,
    }


def render(acc: Accuracy, fmt: str) -> str:
    if fmt == "json":
        body = {**_meta(acc), "rows": [_json_row(x) for x in acc.lines]}
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    rows = [row(x, indent=fmt == "md") for x in acc.lines]
    if fmt == "csv":
        return render_table(COLUMNS, rows, fmt)
    head = "# " + _("Forecast accuracy {quarter}").format(quarter=acc.quarter.label) + "\n\n"
    head += view_line(acc.view)
    head += _(
        "Calls made in weeks 1–{weeks} against the Won deals closed in the quarter; MAPE = mean "
        "of |call − closed| / closed over the weeks with a call, bias = the signed mean "
        "(+ = over-called)."
    ).format(weeks=WEEKS)
    head += "\n\n"
    return head + render_table(COLUMNS, rows, fmt)


def _meta(acc: Accuracy) -> dict:
    return {
        "quarter": acc.quarter.label,
        "view": acc.view,
        "weeks": [w.isoformat() for w in acc.weeks],
        "methods": list(METHODS),
    }


def _json_row(line: Line) -> dict:
    out = row(line)
    for method in METHODS:
        e: Error = line.errors[method]
        out[f"{method}_mape_pct"], out[f"{method}_bias_pct"] = pct(e.mape), pct(e.bias)
    out["actual_minor"] = money_plain(line.actual)
    out["trend_minor"] = None if line.trend is None else money_plain(line.trend)
    last = out["last_call_minor"]
    out["last_call_minor"] = None if last is None else money_plain(last)
    out["weeks"] = [
        {
            "week": k,
            "call_minor": None if k not in line.calls else money_plain(line.calls[k]),
            "pipeline_minor": None if k not in line.pipeline else money_plain(line.pipeline[k]),
        }
        for k in range(1, WEEKS + 1)
    ]
    return out
