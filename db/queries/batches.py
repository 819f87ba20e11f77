"""Import batches and how far each has got (``import_batch``, written by
``salestui.services.imports.batches``)."""

from __future__ import annotations

from salestui.db.queries.executor import Row, Session, first, rows

_COLUMNS = (
    "batch AS batch, kind AS kind, source AS source, by_login AS by_login, state AS state, "
    "owner AS owner, beat_at AS beat_at"
)
UNFINISHED = ("writing", "undoing", "rolling back")


def batch_row(conn: Session, batch: str) -> Row | None:
    return first(conn, f"SELECT {_COLUMNS} FROM import_batch WHERE batch = :b", {"b": batch})


def unfinished(conn: Session) -> list[Row]:
    """Batches an import or undo left part way (or is writing now)."""
    return rows(
        conn,
        f"SELECT {_COLUMNS} FROM import_batch WHERE state IN (:w, :u, :r) ORDER BY started_at",
        dict(zip(("w", "u", "r"), UNFINISHED, strict=True)),
    )
