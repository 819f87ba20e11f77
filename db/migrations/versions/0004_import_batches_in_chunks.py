"""imports and undos written in chunks, their progress kept

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

A 200,000-row import or undo held the write lock for over a minute; now each commits in chunks,
and ``import_batch`` keeps how far it has got, so that one cut short is rolled back (an import)
or completed (an undo) on the next start. The batches already in the audit log are listed here
as done, or undone where the log holds their undo.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("batch", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("by_login", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("beat_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("undone_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("batch", name=op.f("pk_import_batch")),
    )
    op.create_index(op.f("ix_import_batch_state"), "import_batch", ["state"], unique=False)
    op.execute(
        """INSERT INTO import_batch
             (batch, kind, source, by_login, started_at, state, owner, beat_at, undone_by)
           SELECT a.batch, COALESCE(a.old, ''), COALESCE(a.new, ''), a.by_login, a.at,
                  CASE WHEN u.by_login IS NULL THEN 'done' ELSE 'undone' END, '', a.at, u.by_login
           FROM audit_log a
           LEFT JOIN (SELECT batch, MIN(by_login) AS by_login FROM audit_log
                      WHERE batch LIKE 'undo:%' GROUP BY batch) u ON u.batch = 'undo:' || a.batch
           WHERE a.field = '*batch*' AND a.table_name = 'import'"""
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_import_batch_state"), table_name="import_batch")
    op.drop_table("import_batch")
