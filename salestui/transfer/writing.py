"""Exported values as the importer reads them back: money ``1234.50``, ISO dates, UTC times."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TextIO

from salestui.db.queries.moments import aware
from salestui.kernel.csv_cells import CsvOut
from salestui.kernel.domain import MINOR_PER_MAJOR

MONEY_COLUMNS = frozenset({"amount", "list_price", "unit_cost", "unit_price", "paid"})


def money_text(minor: int) -> str:
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(int(minor)), MINOR_PER_MAJOR)
    return f"{sign}{whole}.{cents:02d}"


def cell(column: str, value: object, row: dict | None = None) -> object:
    """One value for a file; ``row`` lets a target's value be money only for revenue."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return aware(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if column in MONEY_COLUMNS or (column == "value" and row and row.get("metric") == "revenue"):
        return money_text(int(value))
    return value


def _cells(columns, rows):
    for row in rows:
        named = dict(zip(columns, row, strict=True))
        yield [cell(c, v, named) for c, v in named.items()]


def write_csv(out: TextIO, columns, rows) -> None:
    writer = CsvOut(out)
    writer.writerow(columns)
    writer.writerows([str(c) for c in cells] for cells in _cells(columns, rows))


def write_json(out: TextIO, columns, rows) -> None:
    records = [dict(zip(columns, cells, strict=True)) for cells in _cells(columns, rows)]
    json.dump(records, out, ensure_ascii=False, indent=1)
    out.write("\n")
