"""each stage change keeps when its deal entered the stage it leaves

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29

Stage durations (the board's header averages, the review's section, `report weekly`) looked up,
for each of the 430,000 stage changes of the last 90 days at 1,000,000 deals, the deal's
previous change: 1.5 s a read. ``entered_at`` keeps that moment on the row — the latest of the
deal's changes strictly before this one, None for its first — and triggers keep it so however
rows are added, removed or moved in time (a move, an import's history, an undo, plain SQL), in
the write's own transaction. An index over (changed_at, from_stage, entered_at, opportunity_id)
reads a window's stints in one range.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_BEFORE = (
    "(SELECT MAX(p.changed_at) FROM stage_change p "
    "WHERE p.opportunity_id = stage_change.opportunity_id "
    "AND p.changed_at < stage_change.changed_at)"
)
_FILL = f"UPDATE stage_change SET entered_at = {_BEFORE}"
_REDO = "UPDATE stage_change SET entered_at = " + _BEFORE + (
    " WHERE opportunity_id = {row}.opportunity_id AND changed_at {op} {row}.changed_at;"
)

# SQLite: row triggers. The update of entered_at inside them fires none of them again.
_SQLITE = [
    "CREATE TRIGGER enter_stage_change_insert AFTER INSERT ON stage_change "
    f"BEGIN {_REDO.format(row='NEW', op='>=')} END",
    "CREATE TRIGGER enter_stage_change_delete AFTER DELETE ON stage_change "
    f"BEGIN {_REDO.format(row='OLD', op='>')} END",
    "CREATE TRIGGER enter_stage_change_update "
    "AFTER UPDATE OF opportunity_id, changed_at ON stage_change "
    f"BEGIN {_REDO.format(row='OLD', op='>')} {_REDO.format(row='NEW', op='>=')} END",
]

# PostgreSQL: an insert or delete statement brings the rows of the deals it touched up to date
# in one update (transition tables); an update of a change's deal or moment, rare, row by row
# (a trigger naming its columns, so the update of entered_at does not fire it again).
_PG_SINCE = (
    "UPDATE stage_change SET entered_at = " + _BEFORE + " FROM (SELECT opportunity_id AS deal, "
    "MIN(changed_at) AS since FROM {rows} GROUP BY opportunity_id) AS touched "
    "WHERE stage_change.opportunity_id = touched.deal AND stage_change.changed_at {op} "
    "touched.since;"
)
_PG_FUNCTIONS = [
    f"""
CREATE FUNCTION salestui_enter_stage_changes() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_PG_SINCE.format(rows="new_rows", op=">=")}
    ELSE
        {_PG_SINCE.format(rows="old_rows", op=">")}
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
""",
    f"""
CREATE FUNCTION salestui_enter_stage_change_moved() RETURNS trigger AS $$
BEGIN
    {_REDO.format(row="OLD", op=">")}
    {_REDO.format(row="NEW", op=">=")}
    RETURN NULL;
END
$$ LANGUAGE plpgsql
""",
]
_PG_TRIGGERS = {
    "insert": "AFTER INSERT ON stage_change REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION salestui_enter_stage_changes()",
    "delete": "AFTER DELETE ON stage_change REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION salestui_enter_stage_changes()",
    "update": "AFTER UPDATE OF opportunity_id, changed_at ON stage_change "
    "FOR EACH ROW EXECUTE FUNCTION salestui_enter_stage_change_moved()",
}


def upgrade() -> None:
    op.add_column("stage_change", sa.Column("entered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.execute(_FILL)
    op.create_index(
        "ix_stage_change_left",
        "stage_change",
        ["changed_at", "from_stage", "entered_at", "opportunity_id"],
    )
    if op.get_bind().dialect.name == "postgresql":
        for statement in _PG_FUNCTIONS:
            op.execute(statement)
        for kind, when in _PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER enter_stage_change_{kind} {when}")
    else:
        for statement in _SQLITE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for kind in _PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS enter_stage_change_{kind} ON stage_change")
        op.execute("DROP FUNCTION IF EXISTS salestui_enter_stage_changes()")
        op.execute("DROP FUNCTION IF EXISTS salestui_enter_stage_change_moved()")
    else:
        for kind in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS enter_stage_change_{kind}")
    op.drop_index("ix_stage_change_left", table_name="stage_change")
    with op.batch_alter_table("stage_change") as batch:
        batch.drop_column("entered_at")
