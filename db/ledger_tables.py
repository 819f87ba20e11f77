"""The record-keeping tables: settings, the audit log and its head, import batches."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, LargeBinary
from sqlmodel import Field, SQLModel

import salestui.db.columns  # noqa: F401  (the naming convention before any table)


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_row", "table_name", "row_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    by_login: str = Field(index=True)
    table_name: str
    row_id: int
    field: str
    old: str | None = None
    new: str | None = None
    batch: str | None = Field(default=None, index=True)
    # The hash chain (db/queries/audit_chain.py): the previous row's hash, and this row's.
    prev_hash: str | None = None
    hash: str | None = None


class AuditHead(SQLModel, table=True):
    """The last audit row written, in one row: appenders lock it, a deleted tail shows by it."""

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)
    id: int = Field(default=1, primary_key=True)
    last_id: int = 0
    hash: str


class ImportBatch(SQLModel, table=True):
    """An import and its undo, written in chunks: how far each has got, so that one cut short
    (a kill, a crash, a lost connection) is rolled back or completed on the next start.

    ``state``: writing → done → undoing → undone; writing → rolled back. ``owner`` is the
    writing process (``host pid``) and ``beat_at`` the moment of its last chunk: a batch whose
    owner is gone is what the next start finishes.
    """

    __tablename__ = "import_batch"
    batch: str = Field(primary_key=True)
    kind: str
    source: str
    by_login: str
    started_at: datetime
    state: str = Field(index=True)
    owner: str
    beat_at: datetime
    undone_by: str | None = None


# The change journal behind maintained figures (salestui/runtime/maintained.py). Triggers on every
# table a per-customer figure reads (migration 0010) stamp the customers a write touched with the
# next number of ``change_counter``; a figure stored in ``figure_store`` names the number it was
# computed at, so a reader recomputes only the customers touched since — whatever door the write
# came through (a screen, the command line, an import, its undo, a merge, plain SQL).


class ChangeCounter(SQLModel, table=True):
    """One row: the number of the last change stamped, on a database server. Each stamping
    statement locks it until it commits, so numbers are handed out in commit order. (SQLite's
    writers take turns: there the number is the highest in ``customer_touch``.)"""

    __tablename__ = "change_counter"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)
    id: int = Field(default=1, primary_key=True)
    n: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))


class CustomerTouch(SQLModel, table=True):
    """Per customer, the number of the last change to anything its figures read."""

    __tablename__ = "customer_touch"
    __table_args__ = (Index("ix_customer_touch_seq", "seq"),)
    customer_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    seq: int = Field(sa_column=Column(BigInteger, nullable=False))


class OwnerTouch(SQLModel, table=True):
    """Per person, the number of the last change to their stage history or their activities
    (migration 0018): the kept stage durations and effort counts read again only the people
    stamped since."""

    __tablename__ = "owner_touch"
    __table_args__ = (Index("ix_owner_touch_seq", "seq"),)
    owner_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    seq: int = Field(sa_column=Column(BigInteger, nullable=False))


class FigureStore(SQLModel, table=True):
    """Figures computed once and kept for every process: which day (and clock) they are for,
    the change number they include, and their content (compressed JSON, never pickle)."""

    __tablename__ = "figure_store"
    name: str = Field(primary_key=True)
    day: date
    seq: int = Field(sa_column=Column(BigInteger, nullable=False))
    payload: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class StageTotal(SQLModel, table=True):
    """Per owner and stage: the deals, their amount and weighted amount (amount × probability),
    kept by triggers on ``opportunity`` in each write's transaction (migration 0012); the board's
    totals sum the rows of the owners a viewer may see instead of every open deal."""

    __tablename__ = "stage_total"
    owner_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    stage: str = Field(primary_key=True)
    deals: int = Field(sa_column=Column(BigInteger, nullable=False))
    amount_minor: int = Field(sa_column=Column(BigInteger, nullable=False))
    weighted_x100: int = Field(sa_column=Column(BigInteger, nullable=False))
