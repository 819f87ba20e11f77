"""a deal's competitor and the note on its lost reason

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28

A deal names the competitor it is up against (``opportunity.competitor``) and, once lost, says
in a free-text note more than the reason's one word (``opportunity.lost_note``). Deals already
stored have neither.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    # Plain ADD COLUMNs (see 0002: a batch copy would drop tables others point at)
    op.add_column("opportunity", sa.Column("competitor", TEXT(), nullable=False, server_default=""))
    op.add_column("opportunity", sa.Column("lost_note", TEXT(), nullable=False, server_default=""))


def downgrade() -> None:
    # Plain DROP COLUMNs (SQLite ≥ 3.35): a batch copy would drop a table others point at,
    # which fails as soon as a row points at it
    op.drop_column("opportunity", "lost_note")
    op.drop_column("opportunity", "competitor")
