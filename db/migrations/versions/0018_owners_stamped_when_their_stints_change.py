"""owners stamped when their stage history changes

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-29

Stage durations (the review's section, `report weekly`) read the 430,000 stints of the last 90
days at 1,000,000 deals and work out each person's medians: 0.7 s of every review, in every
process, because anything changed. They are kept computed instead (``figure_store``, as the
customer figures since 0010) and brought up to date from the owners whose stints changed since:
triggers on ``stage_change`` stamp in ``owner_touch`` the owner of every row added, changed
(its deal's owner, the moment it entered its stage…) or removed, with the next change number,
in the write's own transaction, whatever wrote it (a move, an import, an undo, a reassignment,
plain SQL). An index over (owner_id, changed_at, …) reads one owner's stints in one range.
A database upgraded to this keeps nothing yet; the first reader computes everything once.
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# SQLite: the next number is the highest stamped + 1 (writers take turns), as customer_touch's
_NEXT = "(SELECT COALESCE(MAX(seq), 0) + 1 FROM owner_touch)"
_STAMP = (
    "INSERT INTO owner_touch (owner_id, seq) SELECT {owner}, " + _NEXT + " WHERE {owner} IS NOT "
    "NULL ON CONFLICT (owner_id) DO UPDATE SET seq = excluded.seq;"
)
# a change just added has no owner yet (0017's trigger sets it, which stamps it again): its
# deal's owner is stamped at once
_DEALS_OWNER = "(SELECT o.owner_id FROM opportunity o WHERE o.id = NEW.opportunity_id)"
_SQLITE = [
    "CREATE TRIGGER stamp_owner_stage_change_insert AFTER INSERT ON stage_change "
    f"BEGIN {_STAMP.format(owner=_DEALS_OWNER)} END",
    "CREATE TRIGGER stamp_owner_stage_change_update_new AFTER UPDATE ON stage_change "
    f"BEGIN {_STAMP.format(owner='NEW.owner_id')} END",
    "CREATE TRIGGER stamp_owner_stage_change_update_old AFTER UPDATE ON stage_change "
    f"WHEN NEW.owner_id IS NOT OLD.owner_id BEGIN {_STAMP.format(owner='OLD.owner_id')} END",
    "CREATE TRIGGER stamp_owner_stage_change_delete AFTER DELETE ON stage_change "
    f"BEGIN {_STAMP.format(owner='OLD.owner_id')} END",
]

# PostgreSQL: one number per statement (transition tables), from the counter customer stamps
# take theirs from — one series, handed out in commit order.
_PG_PUT = (
    "INSERT INTO owner_touch (owner_id, seq) SELECT DISTINCT t.owner_id, number FROM {rows} "
    "WHERE t.owner_id IS NOT NULL ON CONFLICT (owner_id) DO UPDATE SET seq = EXCLUDED.seq;"
)
_PG_FUNCTION = f"""
CREATE FUNCTION salestui_stamp_owners() RETURNS trigger AS $$
DECLARE
    number bigint;
BEGIN
    UPDATE change_counter SET n = n + 1 WHERE id = 1 RETURNING n INTO number;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {_PG_PUT.format(rows="old_rows t")}
    END IF;
    IF TG_OP = 'UPDATE' THEN
        {_PG_PUT.format(rows="new_rows t")}
    END IF;
    IF TG_OP = 'INSERT' THEN
        {_PG_PUT.format(rows="new_rows n JOIN opportunity t ON t.id = n.opportunity_id")}
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""
_PG_TRIGGERS = {
    "insert": "AFTER INSERT ON stage_change REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON stage_change REFERENCING OLD TABLE AS old_rows "
    "NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON stage_change REFERENCING OLD TABLE AS old_rows",
}
_SQLITE_NAMES = ("insert", "update_new", "update_old", "delete")


def upgrade() -> None:
    op.create_table(
        "owner_touch",
        sa.Column("owner_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("owner_id", name=op.f("pk_owner_touch")),
    )
    op.create_index("ix_owner_touch_seq", "owner_touch", ["seq"])
    op.create_index(
        "ix_stage_change_owner_left",
        "stage_change",
        ["owner_id", "changed_at", "from_stage", "entered_at"],
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for kind, when in _PG_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER stamp_owner_stage_change_{kind} {when} "
                "FOR EACH STATEMENT EXECUTE FUNCTION salestui_stamp_owners()"
            )
    else:
        for statement in _SQLITE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for kind in _PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS stamp_owner_stage_change_{kind} ON stage_change")
        op.execute("DROP FUNCTION IF EXISTS salestui_stamp_owners()")
    else:
        for kind in _SQLITE_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS stamp_owner_stage_change_{kind}")
    op.execute("DELETE FROM figure_store WHERE name LIKE 'stage\\_stints|%' ESCAPE '\\'")
    op.drop_index("ix_stage_change_owner_left", table_name="stage_change")
    op.drop_index("ix_owner_touch_seq", table_name="owner_touch")
    op.drop_table("owner_touch")
