"""`salestui log`: the audit log as md / csv / json. Pure: audit entries in, text out."""

from __future__ import annotations

from collections.abc import Mapping

from salestui.kernel.dates import local
from salestui.kernel.report_table import Column, render_table, view_line

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


def log_report(entries, *, fmt: str, filters: Mapping[str, object], view: str = "") -> str:
    rows = log_rows(entries)
    if fmt == "md":
        said = ", ".join(f"{k} {v}" for k, v in filters.items() if v is not None)
        head = f"# Audit log{' — ' + said if said else ''}\n\n" + view_line(view)
        head += f"{len(rows):,} changes, newest first.\n\n"
        return head + render_table(LOG_COLUMNS, rows, "md")
    meta = {"report": "log", "view": view, **{k: v for k, v in filters.items()}}
    return render_table(LOG_COLUMNS, rows, fmt, meta=meta)
