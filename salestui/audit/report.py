"""`salestui log`: the audit log as md / csv / json. Pure: audit entries and their names in,
text out. JSON and CSV keep the machine values (ids, logins, minor units, version steps) and
add the names beside them; Markdown is for reading (``salestui.audit.readable``)."""

from __future__ import annotations

from collections.abc import Mapping

from salestui.audit.readable import Names, readable_rows
from salestui.kernel.dates import local
from salestui.kernel.i18n import N_, _, ngettext
from salestui.kernel.report_table import Column, render_table, view_line

LOG_COLUMNS: tuple[Column, ...] = (
    Column("at", "At (local)"),
    Column("by", "By"),
    Column("table", "Table"),
    Column("row", "Row", right=True, thousands=False),
    Column("field", "Field"),
    Column("old", "Old"),
    Column("new", "New"),
    Column("by_name", "By (name)"),
    Column("row_name", "Row (name)"),
)

READ_COLUMNS = (
    ("at", N_("At (local)")),
    ("by", N_("By")),
    ("record", N_("Record")),
    ("field", N_("Field")),
    ("old", N_("Old value")),
    ("new", N_("New value")),
)

FILTER_WORDS = {"since": N_("since {value}"), "by": N_("by {value}"), "limit": N_("newest {value}")}


def log_rows(entries, names: Names | None = None) -> list[dict]:
    """Audit entries (:class:`salestui.db.queries.audit.AuditEntry`) as report rows, at in
    local time; ``by_name`` and ``row_name`` are the names (empty when unknown)."""
    names = names or Names()
    return [
        {
            "at": local(e.at, "%Y-%m-%d %H:%M:%S"),
            "by": e.by_login,
            "table": e.table_name,
            "row": e.row_id,
            "field": e.field,
            "old": e.old,
            "new": e.new,
            "by_name": names.people.get(e.by_login, ""),
            "row_name": names.rows.get((e.table_name, e.row_id), ""),
        }
        for e in entries
    ]


def log_report(
    entries,
    *,
    fmt: str,
    filters: Mapping[str, object],
    view: str = "",
    names: Names | None = None,
) -> str:
    names = names or Names()
    if fmt == "md":
        rows = readable_rows(entries, names)
        said = ", ".join(
            _(FILTER_WORDS[k]).format(value=v) for k, v in filters.items() if v is not None
        )
        title = _("Audit log")
        head = f"# {title}{' — ' + said if said else ''}\n\n" + view_line(view)
        n = len(rows)
        head += ngettext("{n} change, newest first.", "{n} changes, newest first.", n).format(
            n=f"{n:,}"
        )
        hidden = len(entries) - n
        if hidden:
            head += " " + ngettext(
                "{n} version step left out.", "{n} version steps left out.", hidden
            ).format(n=f"{hidden:,}")
        columns = tuple(Column(key, _(title)) for key, title in READ_COLUMNS)
        return head + "\n\n" + render_table(columns, rows, "md")
    meta = {"report": "log", "view": view, **{k: v for k, v in filters.items()}}
    return render_table(LOG_COLUMNS, log_rows(entries, names), fmt, meta=meta)
