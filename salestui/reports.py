"""Reports for scripts and for checking: rows in, Markdown / CSV / JSON text out. Pure functions.

Money: Markdown shows it as people read it (``1,350,000.00``); CSV and JSON carry it as a string
in major units with exactly two decimals and no separators (``"1350000.00"``), so a script reads
it exactly with ``Decimal`` and never meets a float's rounding.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from salestui.dates import local
from salestui.domain import LOST, MINOR_PER_MAJOR, WON
from salestui.money import format_amount, weighted_minor

FORMATS: tuple[str, ...] = ("md", "csv", "json")


def money_plain(minor: int) -> str:
    """123456 → '1234.56': exact, parseable, for CSV and JSON."""
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(int(minor)), MINOR_PER_MAJOR)
    return f"{sign}{whole}.{cents:02d}"


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # the Markdown header
    money: bool = False
    right: bool = False  # right-aligned in Markdown (numbers)
    thousands: bool = True  # 12,345 in Markdown; off for ids


def _cell_md(value, column: Column) -> str:
    if value is None:
        return ""
    if column.money:
        return format_amount(value, decimals=True)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if column.thousands else str(value)
    return str(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _cell_plain(value, column: Column):
    if value is None:
        return None
    return money_plain(value) if column.money else value


def render_table(
    columns: Sequence[Column], rows: Iterable[Mapping], fmt: str, *, meta: Mapping | None = None
) -> str:
    """One table as ``md`` (GitHub style), ``csv`` (header row first) or ``json``.

    JSON is ``{**meta, "rows": [...]}``, each row keyed by the columns' keys; Markdown puts ``meta``
    nowhere (the caller writes a heading); CSV has the columns only.
    """
    rows = list(rows)
    if fmt == "md":
        lines = [
            "| " + " | ".join(c.title for c in columns) + " |",
            "|" + "|".join("---:" if c.right else "---" for c in columns) + "|",
        ]
        lines += [
            "| " + " | ".join(_cell_md(r.get(c.key), c) for c in columns) + " |" for r in rows
        ]
        return "\n".join(lines) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([c.key for c in columns])
        for r in rows:
            writer.writerow(
                ["" if (v := _cell_plain(r.get(c.key), c)) is None else v for c in columns]
            )
        return out.getvalue()
    if fmt == "json":
        body = dict(meta or {})
        body["rows"] = [{c.key: _cell_plain(r.get(c.key), c) for c in columns} for r in rows]
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


# --- the pipeline report ---------------------------------------------------------------------

PIPELINE_COLUMNS: tuple[Column, ...] = (
    Column("stage", "Stage"),
    Column("deals", "Deals", right=True),
    Column("amount", "Amount", money=True, right=True),
    Column("weighted", "Weighted", money=True, right=True),
    Column("stalled", "Stalled", right=True),
    Column("closed_within_days", "Closed within (days)", right=True),
)


def pipeline_rows(stage_totals, total, closes: Mapping[str, tuple[int, int]], recent_days: int):
    """Rows of the pipeline report: each open stage, ``Total``, then Won and Lost recently closed.

    ``stage_totals`` are :class:`salestui.db.queries.board.StageTotals`, ``total`` a
    :class:`salestui.pipeline.PipelineTotal`, ``closes`` stage → (count, amount_minor).
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
            "stage": "Total",
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
) -> str:
    rows = pipeline_rows(stage_totals, total, closes, recent_days)
    if fmt == "md":
        limits = ", ".join(f"{s} {d}d" for s, d in stall_days.items())
        head = (
            f"# Pipeline — {scope}\n\n"
            f"As of {local(as_of)}. Stalled: longer in the stage than its limit ({limits}). "
            f"Won and Lost: closed in the last {recent_days} days.\n\n"
        )
        return head + render_table(PIPELINE_COLUMNS, rows, "md")
    meta = {
        "report": "pipeline",
        "as_of": as_of.isoformat(),
        "scope": scope,
        "stall_days": dict(stall_days),
        "recent_close_days": recent_days,
        "money": "major units, two decimals, as strings",
    }
    return render_table(PIPELINE_COLUMNS, rows, fmt, meta=meta)


# --- the audit log -----------------------------------------------------------------------------

LOG_COLUMNS: tuple[Column, ...] = (
    Column("at", "At (local)"),
    Column("by", "By"),
    Column("table", "Table"),
    Column("row", "Row", right=True, thousands=False),
    Column("field", "Field"),
    Column("old", "Old"),
    Column("new", "New"),
)


def log_rows(entries) -> list[dict]:
    """Audit entries (:class:`salestui.db.queries.audit.AuditEntry`) as report rows, at in local time."""
    return [
        {
            "at": local(e.at, "%Y-%m-%d %H:%M:%S"),
            "by": e.by_login,
            "table": e.table_name,
            "row": e.row_id,
            "field": e.field,
            "old": e.old,
            "new": e.new,
        }
        for e in entries
    ]


def log_report(entries, *, fmt: str, filters: Mapping[str, object]) -> str:
    rows = log_rows(entries)
    if fmt == "md":
        said = ", ".join(f"{k} {v}" for k, v in filters.items() if v is not None)
        head = (
            f"# Audit log{' — ' + said if said else ''}\n\n{len(rows):,} changes, newest first.\n\n"
        )
        return head + render_table(LOG_COLUMNS, rows, "md")
    meta = {"report": "log", **{k: v for k, v in filters.items()}}
    return render_table(LOG_COLUMNS, rows, fmt, meta=meta)
