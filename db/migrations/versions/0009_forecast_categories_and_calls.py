"""forecast categories on deals and the weekly forecast calls

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28

An open deal may carry the forecast category its owner set (``opportunity.forecast_category``:
commit / best case / pipeline / omitted); empty means "as the settings default it from the stage
and the close date", which is what every deal already stored gets. Each week a person may call
their scope's number for a quarter (``forecast_call``: who, which quarter, which week, the
amount, a note, when and by whom it was made); no calls exist before this. An index holds the
open deals by stage and close date, so a quarter's forecast reads them without the table.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.add_column("opportunity", sa.Column("forecast_category", TEXT(), nullable=True))
    # the open deals expected to close in a period, read index-only by the forecast and the
    # pipeline movement
    op.create_index(
        "ix_opportunity_stage_close",
        "opportunity",
        ["stage", "expected_close", "owner_id", "forecast_category", "amount_minor", "probability"],
    )
    op.create_table(
        "forecast_call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("note", TEXT(), nullable=False, server_default=""),
        sa.Column("made_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("made_by", TEXT(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_forecast_call_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forecast_call")),
    )
    op.create_index(
        "ix_forecast_call_person_period",
        "forecast_call",
        ["person_id", "period_start", "week_start"],
    )


def downgrade() -> None:
    op.drop_index("ix_forecast_call_person_period", table_name="forecast_call")
    op.drop_table("forecast_call")
    op.drop_index("ix_opportunity_stage_close", table_name="opportunity")
    op.drop_column("opportunity", "forecast_category")
