"""contacts, leads worked in the app, products on deals

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28

A customer has contacts (``contact``: name, title, phone, email, role in the decision) and a deal
names the contacts it involves (``opportunity_contact``). A deal may carry product lines
(``opportunity_line``: product, quantity, unit price, discount in basis points). A lead keeps how
to reach its person (``email``, ``phone``), why it was disqualified (``status_reason``) and what a
conversion made of it (``customer_id``, ``contact_id``); an activity may be a contact with a lead
(``activity.lead_id``). Rows already stored have none of these: no contacts, no lines, leads
and activities as they were.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", TEXT(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("name", TEXT(), nullable=False),
        sa.Column("title", TEXT(), nullable=False),
        sa.Column("phone", TEXT(), nullable=False),
        sa.Column("email", TEXT(), nullable=False),
        sa.Column("role", TEXT(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_contact_customer_id_customer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    op.create_index(op.f("ix_contact_customer_id"), "contact", ["customer_id"])
    op.create_index(op.f("ix_contact_external_id"), "contact", ["external_id"])
    op.create_table(
        "opportunity_contact",
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_opportunity_contact_opportunity_id_opportunity"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_opportunity_contact_contact_id_contact")
        ),
        sa.PrimaryKeyConstraint("opportunity_id", "contact_id", name=op.f("pk_opportunity_contact")),
    )
    op.create_index(
        op.f("ix_opportunity_contact_contact_id"), "opportunity_contact", ["contact_id"]
    )
    op.create_table(
        "opportunity_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price_minor", sa.BigInteger(), nullable=False),
        sa.Column("discount_bp", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_opportunity_line_opportunity_id_opportunity"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_opportunity_line_product_id_product")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity_line")),
    )
    op.create_index(
        op.f("ix_opportunity_line_opportunity_id"), "opportunity_line", ["opportunity_id"]
    )
    op.create_index(op.f("ix_opportunity_line_product_id"), "opportunity_line", ["product_id"])
    # Plain ADD COLUMNs (see 0002: a batch copy would drop tables others point at)
    for column in ("email", "phone", "status_reason"):
        op.add_column("lead", sa.Column(column, TEXT(), nullable=False, server_default=""))
    for table, column, target in (
        ("lead", "customer_id", "customer"),
        ("lead", "contact_id", "contact"),
        ("activity", "lead_id", "lead"),
    ):
        _add_reference(table, column, target)
    op.create_index(op.f("ix_activity_lead_id"), "activity", ["lead_id"])


def _add_reference(table: str, column: str, target: str) -> None:
    """A nullable column pointing at ``target``; SQLite takes the reference inline in ADD COLUMN
    (it cannot ALTER a constraint in), PostgreSQL as a named constraint."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f'ALTER TABLE "{table}" ADD COLUMN {column} INTEGER REFERENCES "{target}" (id)')
        return
    name = op.f(f"fk_{table}_{column}_{target}")
    op.add_column(table, sa.Column(column, sa.Integer(), sa.ForeignKey(f"{target}.id", name=name)))


def downgrade() -> None:
    op.drop_index(op.f("ix_activity_lead_id"), table_name="activity")
    with op.batch_alter_table("activity") as batch:
        batch.drop_column("lead_id")
    with op.batch_alter_table("lead") as batch:
        for column in ("contact_id", "customer_id", "status_reason", "phone", "email"):
            batch.drop_column(column)
    op.drop_table("opportunity_line")
    op.drop_table("opportunity_contact")
    op.drop_table("contact")
