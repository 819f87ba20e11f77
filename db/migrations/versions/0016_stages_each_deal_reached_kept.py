"""each deal keeps the set of stages it ever entered

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-29

The funnel (the review's section, `report weekly`) grouped the deals of a period by the stages
each ever entered, read from every deal's history: at 1,000,000 deals, 1.3 million history rows
for the last 12 months, 0.9 s a read. ``opportunity.stages_reached`` keeps that set as a bitmask
(one bit per stage, as ``salestui.kernel.domain.STAGE_BIT``; None for a deal with no history),
and triggers keep it so however history rows are added, removed or moved to another deal (a
move, an import, an undo, plain SQL), in the write's own transaction: always the mask worked
out again from the deal's history, never a bit added to what was there. An index over
(created_at, owner_id, stages_reached) reads a period's masks in one range.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# the stages in the order of their bits (this revision's, as it was written)
_BITS = " ".join(
    f"WHEN '{stage}' THEN {1 << i}"
    for i, stage in enumerate(("Prospect", "Qualified", "Proposal", "Negotiation", "Won", "Lost"))
)
# the deal's mask from its history: the sum of the distinct bits is their OR; no rows, NULL
_MASK = (
    f"(SELECT SUM(DISTINCT CASE sc.to_stage {_BITS} ELSE 0 END) FROM stage_change sc "
    "WHERE sc.opportunity_id = {deal})"
)
_FILL = "UPDATE opportunity SET stages_reached = " + _MASK.format(deal="opportunity.id")
_REDO = (
    "UPDATE opportunity SET stages_reached = "
    + _MASK.format(deal="{row}.opportunity_id")
    + " WHERE id = {row}.opportunity_id;"
)

# SQLite: row triggers (the update of an opportunity fires none of them again)
_SQLITE = [
    "CREATE TRIGGER reach_stage_change_insert AFTER INSERT ON stage_change "
    f"BEGIN {_REDO.format(row='NEW')} END",
    "CREATE TRIGGER reach_stage_change_delete AFTER DELETE ON stage_change "
    f"BEGIN {_REDO.format(row='OLD')} END",
    "CREATE TRIGGER reach_stage_change_update AFTER UPDATE OF opportunity_id, to_stage "
    f"ON stage_change BEGIN {_REDO.format(row='OLD')} {_REDO.format(row='NEW')} END",
]

# PostgreSQL: an insert or delete statement works out the masks of the deals it touched in one
# update (transition tables); an update of a change's deal or stage, rare, row by row
_PG_TOUCHED = (
    "UPDATE opportunity SET stages_reached = "
    + _MASK.format(deal="opportunity.id")
    + " FROM (SELECT DISTINCT opportunity_id AS deal FROM {rows}) AS touched "
    "WHERE opportunity.id = touched.deal;"
)
_PG_FUNCTIONS = [
    f"""
CREATE FUNCTION salestui_reach_stages() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_PG_TOUCHED.format(rows="new_rows")}
    ELSE
        {_PG_TOUCHED.format(rows="old_rows")}
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
""",
    f"""
CREATE FUNCTION salestui_reach_stages_moved() RETURNS trigger AS $$
BEGIN
    {_REDO.format(row="OLD")}
    {_REDO.format(row="NEW")}
    RETURN NULL;
END
$$ LANGUAGE plpgsql
""",
]
_PG_TRIGGERS = {
    "insert": "AFTER INSERT ON stage_change REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION salestui_reach_stages()",
    "delete": "AFTER DELETE ON stage_change REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION salestui_reach_stages()",
    "update": "AFTER UPDATE OF opportunity_id, to_stage ON stage_change "
    "FOR EACH ROW EXECUTE FUNCTION salestui_reach_stages_moved()",
}


def _fill_unstamped() -> None:
    """Every deal's mask set without stamping its customer in the change journal (0010): the
    customer figures do not read it, and a stamp on every customer would have the first reader
    after the upgrade compute them all again."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE opportunity DISABLE TRIGGER stamp_opportunity_update")
        op.execute(_FILL)
        op.execute("ALTER TABLE opportunity ENABLE TRIGGER stamp_opportunity_update")
        return
    stamps = op.get_bind().exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'opportunity' "
        "AND name LIKE 'stamp\\_opportunity\\_update%' ESCAPE '\\'"
    ).all()
    for name, _sql in stamps:
        op.execute(f"DROP TRIGGER {name}")
    op.execute(_FILL)
    for _name, sql in stamps:
        op.execute(sql)


def upgrade() -> None:
    op.add_column("opportunity", sa.Column("stages_reached", sa.Integer(), nullable=True))
    _fill_unstamped()
    op.create_index(
        "ix_opportunity_created_reached",
        "opportunity",
        ["created_at", "owner_id", "stages_reached"],
    )
    if op.get_bind().dialect.name == "postgresql":
        for statement in _PG_FUNCTIONS:
            op.execute(statement)
        for kind, when in _PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER reach_stage_change_{kind} {when}")
    else:
        for statement in _SQLITE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for kind in _PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS reach_stage_change_{kind} ON stage_change")
        op.execute("DROP FUNCTION IF EXISTS salestui_reach_stages()")
        op.execute("DROP FUNCTION IF EXISTS salestui_reach_stages_moved()")
    else:
        for kind in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS reach_stage_change_{kind}")
    op.drop_index("ix_opportunity_created_reached", table_name="opportunity")
    # a plain ALTER TABLE (SQLite 3.35 on): a batch copy would lose the deal table's triggers
    op.drop_column("opportunity", "stages_reached")
