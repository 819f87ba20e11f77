"""the change journal behind maintained figures

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28

Per-customer figures (tiers, health, churn) are kept computed in ``figure_store``, each with the
change number it includes. Triggers on every table those figures read (orders, deals,
activities, NPS answers, complaints) stamp each customer a write touches in ``customer_touch``
with the next change number (on PostgreSQL from ``change_counter``, on SQLite the highest
stamped + 1), in the write's own transaction, whatever wrote it.
A reader then recomputes only the customers stamped after its stored number: a figure is never
stale and never rescans a million rows because one deal moved. A database upgraded to this has
no stored figures yet; the first reader computes them all once.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# The tables whose rows feed the per-customer figures, each by its ``customer_id``.
STAMPED = ("sales_order", "opportunity", "activity", "nps_answer", "complaint")

# On SQLite writers take turns (one write lock), so the next number is the highest stamped + 1,
# read through the index on ``seq``: no counter row to update per row (that doubled the cost of
# a bulk insert). ``change_number`` reads the same highest number there.
_SQLITE_STAMP = (
    "INSERT INTO customer_touch (customer_id, seq) "
    "VALUES ({row}.customer_id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM customer_touch)) "
    "ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;"
)

# On PostgreSQL one stamp per statement (transition tables), not per row: an import of 100,000
# rows bumps the counter once, where row triggers would update its one row 100,000 times.
_PG_FUNCTION = """
CREATE FUNCTION salestui_stamp_customers() RETURNS trigger AS $$
DECLARE
    number bigint;
BEGIN
    UPDATE change_counter SET n = n + 1 WHERE id = 1 RETURNING n INTO number;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO customer_touch (customer_id, seq)
        SELECT DISTINCT customer_id, number FROM old_rows WHERE customer_id IS NOT NULL
        ON CONFLICT (customer_id) DO UPDATE SET seq = EXCLUDED.seq;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO customer_touch (customer_id, seq)
        SELECT DISTINCT customer_id, number FROM new_rows WHERE customer_id IS NOT NULL
        ON CONFLICT (customer_id) DO UPDATE SET seq = EXCLUDED.seq;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""

_PG_TRIGGERS = {
    "insert": "AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows",
}


def _sqlite_triggers(table: str) -> list[str]:
    stamp_new, stamp_old = _SQLITE_STAMP.format(row="NEW"), _SQLITE_STAMP.format(row="OLD")
    return [
        f"CREATE TRIGGER stamp_{table}_insert AFTER INSERT ON {table} "
        f"WHEN NEW.customer_id IS NOT NULL BEGIN {stamp_new} END",
        f"CREATE TRIGGER stamp_{table}_update_new AFTER UPDATE ON {table} "
        f"WHEN NEW.customer_id IS NOT NULL BEGIN {stamp_new} END",
        f"CREATE TRIGGER stamp_{table}_update_old AFTER UPDATE ON {table} "
        "WHEN OLD.customer_id IS NOT NULL AND NEW.customer_id IS NOT OLD.customer_id "
        f"BEGIN {stamp_old} END",
        f"CREATE TRIGGER stamp_{table}_delete AFTER DELETE ON {table} "
        f"WHEN OLD.customer_id IS NOT NULL BEGIN {stamp_old} END",
    ]


def upgrade() -> None:
    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_change_counter_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_counter")),
    )
    op.execute("INSERT INTO change_counter (id, n) VALUES (1, 0)")
    op.create_table(
        "customer_touch",
        sa.Column("customer_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_touch")),
    )
    op.create_index("ix_customer_touch_seq", "customer_touch", ["seq"])
    op.create_table(
        "figure_store",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_figure_store")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for table in STAMPED:
            for kind, when in _PG_TRIGGERS.items():
                op.execute(
                    f"CREATE TRIGGER stamp_{table}_{kind} {when.format(table=table)} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION salestui_stamp_customers()"
                )
    else:
        for table in STAMPED:
            for statement in _sqlite_triggers(table):
                op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in STAMPED:
            for kind in _PG_TRIGGERS:
                op.execute(f"DROP TRIGGER IF EXISTS stamp_{table}_{kind} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS salestui_stamp_customers()")
    else:
        for table in STAMPED:
            for kind in ("insert", "update_new", "update_old", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS stamp_{table}_{kind}")
    op.drop_table("figure_store")
    op.drop_index("ix_customer_touch_seq", table_name="customer_touch")
    op.drop_table("customer_touch")
    op.drop_table("change_counter")
