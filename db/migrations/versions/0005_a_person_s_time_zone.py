"""a person's time zone

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28

``person.timezone``: the IANA zone (``Asia/Shanghai``) whose calendar the person's "today",
periods and windows follow, and in which every moment is shown to them. Empty, as every person
starts after the upgrade: the system's zone, as before.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (see 0002: a batch copy of ``person`` would drop the table others point at)
    op.add_column(
        "person",
        sa.Column(
            "timezone", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
        ),
    )


def downgrade() -> None:
    # Plain DROP COLUMNs (SQLite ≥ 3.35): a batch copy would drop a table others point at,
    # which fails as soon as a row points at it
    op.drop_column("person", "timezone")
