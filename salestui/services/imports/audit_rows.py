"""The audit rows of an import batch, kept column by column while a chunk is written."""

from __future__ import annotations

from datetime import datetime

from salestui.services.audit import as_text
from salestui.services.imports.store import CREATED, column_default


class AuditRows:
    """The batch's audit rows, kept column by column: a 100,000-row import audits every row."""

    def __init__(self) -> None:
        self.tables: list[str] = []
        self.ids: list[int] = []
        self.fields: list[str] = []
        self.old: list[object] = []
        self.new: list[object] = []

    def append(self, row: tuple[str, int, str, object, object]) -> None:
        table, row_id, field, old, new = row
        self.tables.append(table)
        self.ids.append(row_id)
        self.fields.append(field)
        self.old.append(old)
        self.new.append(new)

    def extend(self, rows) -> None:
        for row in rows:
            self.append(row)

    def created(self, table: str, ids: list[int], labels: list[object]) -> None:
        self.tables += [table] * len(ids)
        self.ids += ids
        self.fields += [CREATED] * len(ids)
        self.old += [None] * len(ids)
        self.new += labels

    def created_rows(self, table: str, ids: list[int], rows: list[dict], label: str) -> None:
        """Rows just written, named by their label as stored (the column's default if unset)."""
        default = column_default(table, label)
        self.created(table, ids, [row.get(label, default) for row in rows])

    def entries(self, actor: str, now: datetime, batch: str) -> list[dict]:
        """The rows for :func:`append`; a label that is not text is stored as its text."""
        return [
            {"at": now, "by_login": actor, "batch": batch, "table_name": table, "row_id": i,
             "field": field, "old": as_text(old), "new": as_text(new)}
            for table, i, field, old, new in zip(
                self.tables, self.ids, self.fields, self.old, self.new, strict=True
            )
        ]  # fmt: skip
