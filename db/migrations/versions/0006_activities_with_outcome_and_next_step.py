"""activities with duration, outcome and next step; a deal's next step

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28

A logged activity keeps how long it took, what came of it and the next step agreed (with its
date); that next step becomes the deal's (``opportunity.next_step`` / ``next_step_date``), which
the board shows and marks when missing. Activities already logged have none of these. An
approval keeps the approver's comment (``approval.comment``).
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    # Plain ADD COLUMNs (see 0002: a batch copy would drop tables others point at)
    op.add_column("activity", sa.Column("duration_minutes", sa.Integer(), nullable=True))
    op.add_column("activity", sa.Column("outcome", TEXT(), nullable=False, server_default=""))
    op.add_column("activity", sa.Column("next_step", TEXT(), nullable=False, server_default=""))
    op.add_column("activity", sa.Column("next_step_date", sa.Date(), nullable=True))
    op.add_column("opportunity", sa.Column("next_step", TEXT(), nullable=False, server_default=""))
    op.add_column("opportunity", sa.Column("next_step_date", sa.Date(), nullable=True))
    op.add_column("approval", sa.Column("comment", TEXT(), nullable=False, server_default=""))


def downgrade() -> None:
    # Plain DROP COLUMNs (SQLite ≥ 3.35): a batch copy would drop a table others point at,
    # which fails as soon as a row points at it
    op.drop_column("approval", "comment")
    op.drop_column("opportunity", "next_step_date")
    op.drop_column("opportunity", "next_step")
    for column in ("next_step_date", "next_step", "outcome", "duration_minutes"):
        op.drop_column("activity", column)
