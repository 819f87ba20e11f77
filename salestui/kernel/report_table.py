"""One report table as Markdown, CSV or JSON: rows in, text out. Every report renders through it.

Money: Markdown shows it as people read it (``1,350,000.00``); CSV and JSON carry it as a string
in major units with exactly two decimals and no separators (``"1350000.00"``), so a script reads
it exactly with ``Decimal`` and never meets a float's rounding.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from salestui.kernel.csv_cells import CsvOut
from salestui.kernel.i18n import _
from salestui.kernel.money import format_amount, money_plain

FORMATS: tuple[str, ...] = ("md", "csv", "json")


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # the Markdown header, marked N_ (translated when drawn)
    money: bool = False
    right: bool = False  # right-aligned in Markdown (numbers)
    thousands: bool = True  # 12,345 in Markdown; off for ids
    words: bool = False  # stored English words (a stage, a status): shown translated in Markdown


def _cell_md(value, column: Column) -> str:
    if value is None:
        return ""
    if column.money:
        return format_amount(value, decimals=True)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if column.thousands else str(value)
    if column.words and value != "":
        value = _(str(value))
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
            "| " + " | ".join(_(c.title) for c in columns) + " |",
            "|" + "|".join("---:" if c.right else "---" for c in columns) + "|",
        ]
        lines += [
            "| " + " | ".join(_cell_md(r.get(c.key), c) for c in columns) + " |" for r in rows
        ]
        return "\n".join(lines) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = CsvOut(out)
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


def render_columns(
    columns: Sequence[Column],
    data: Mapping[str, Sequence],
    fmt: str,
    *,
    meta: Mapping | None = None,
) -> str:
    """:func:`render_table` of a table given column by column (``data``: each column's key to
    its values, in row order) — the same text; CSV is written a column at a time (a large
    report's 2.4 million cells), the other formats row by row."""
    if fmt != "csv":
        keys = [c.key for c in columns]
        rows = [
            dict(zip(keys, row, strict=True)) for row in zip(*(data[k] for k in keys), strict=True)
        ]
        return render_table(columns, rows, fmt, meta=meta)
    from salestui.kernel.money import money_plain_column

    out = io.StringIO()
    writer = CsvOut(out)
    writer.writerow([c.key for c in columns])
    writer.write_columns(
        [money_plain_column(data[c.key]) if c.money else list(data[c.key]) for c in columns]
    )
    return out.getvalue()


def view_line(view: str) -> str:
    """The line under a Markdown report's title that says whose view it is (nothing if unsaid)."""
    return _("{view}.").format(view=f"{view[:1].upper()}{view[1:]}") + "\n\n" if view else ""
