"""people stamped when their deals, stage history or activities change

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-29

Stage durations, effort allocation and the week's pipeline movement (the review's sections,
`report weekly`) read the 430,000 stints and 380,000 activities of the last 90 days and the
39,000 deals moved this week at 1,000,000 deals: 0.7, 0.4 and 0.4 s of every review, in every
process, because anything changed. They are kept computed instead (``figure_store``, as the
customer figures since 0010) and brought up to date from the people whose rows changed since:
triggers stamp in ``owner_touch``, with the next change number, in the write's own
transaction, whatever wrote it (a move, an import, an undo, a reassignment, plain SQL),

- the owner of every stage change added, changed (its deal's owner, the moment it entered its
  stage…) or removed;
- the person of every activity added, changed or removed;
- the owner of every deal added, changed (its stage, amount, close date, owner…) or removed;
- the people of a deal's activities that name no customer, when the deal's customer changes
  (they reach the customer through the deal).

On SQLite a stage change added gets its entering moment and its owner in one update (0014's
and 0017's insert triggers made one), which stamps its owner once. A person's stints are read
again through their deals (no index led by the owner: keeping one cost an import of 100,000
deals 2.5 s). A database upgraded to this keeps nothing yet; the first reader computes
everything once.
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
_DEALS_OWNER = "(SELECT o.owner_id FROM opportunity o WHERE o.id = NEW.opportunity_id)"

# SQLite: a stage change added got its entering moment (0014) and its owner (0017) from two
# triggers, two updates of the new row; one update now sets both — and stamps its owner once,
# through the update trigger below (three stamps a row made an import of 100,000 deals 3-4 s
# slower, past its 15 s). The same definitions as 0014's and 0017's.
_ENTERED = (
    "(SELECT MAX(p.changed_at) FROM stage_change p "
    "WHERE p.opportunity_id = stage_change.opportunity_id "
    "AND p.changed_at < stage_change.changed_at)"
)
_KEEP_ADDED = (
    "CREATE TRIGGER enter_own_stage_change_insert AFTER INSERT ON stage_change BEGIN "
    f"UPDATE stage_change SET entered_at = {_ENTERED}, owner_id = CASE WHEN id = NEW.id "
    f"THEN {_DEALS_OWNER} ELSE owner_id END WHERE opportunity_id = NEW.opportunity_id "
    "AND changed_at >= NEW.changed_at; END"
)
_KEPT_APART = [  # as 0014 and 0017 made them, for a downgrade
    "CREATE TRIGGER enter_stage_change_insert AFTER INSERT ON stage_change BEGIN "
    f"UPDATE stage_change SET entered_at = {_ENTERED} WHERE opportunity_id = NEW.opportunity_id "
    "AND changed_at >= NEW.changed_at; END",
    "CREATE TRIGGER own_stage_change_insert AFTER INSERT ON stage_change BEGIN "
    f"UPDATE stage_change SET owner_id = {_DEALS_OWNER} WHERE id = NEW.id; END",
]
_DEALS_PEOPLE = (
    "INSERT INTO owner_touch (owner_id, seq) SELECT DISTINCT a.person_id, " + _NEXT + " FROM "
    "activity a WHERE a.opportunity_id = NEW.id AND a.customer_id IS NULL AND a.person_id IS "
    "NOT NULL ON CONFLICT (owner_id) DO UPDATE SET seq = excluded.seq;"
)


# The columns of a deal the people's kept figures read (the week's movement): an update of
# others alone (its title, next step, version, the stages reached kept from its history…)
# stamps nobody. A kept figure reading another column of a deal adds it here.
DEAL_COLUMNS_READ = (
    "owner_id", "stage", "amount_minor", "expected_close", "created_at", "closed_at",
    "stage_entered_at",
)  # fmt: skip


def _row_triggers(
    table: str, column: str, inserted: str | None, read: tuple[str, ...] = ()
) -> list[str]:
    """``inserted`` None: a row added is stamped by the update that keeps it (stage_change);
    ``read``: an update stamps only when one of these columns changed (every update without)."""
    added = [
        f"CREATE TRIGGER stamp_owner_{table}_insert AFTER INSERT ON {table} "
        f"BEGIN {_STAMP.format(owner=inserted)} END"
    ]
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in read)
    return [
        *(added if inserted else []),
        f"CREATE TRIGGER stamp_owner_{table}_update_new AFTER UPDATE ON {table} "
        + (f"WHEN {changed} " if changed else "")
        + f"BEGIN {_STAMP.format(owner=f'NEW.{column}')} END",
        f"CREATE TRIGGER stamp_owner_{table}_update_old AFTER UPDATE ON {table} "
        f"WHEN NEW.{column} IS NOT OLD.{column} BEGIN {_STAMP.format(owner=f'OLD.{column}')} END",
        f"CREATE TRIGGER stamp_owner_{table}_delete AFTER DELETE ON {table} "
        f"BEGIN {_STAMP.format(owner=f'OLD.{column}')} END",
    ]


_SQLITE = [
    *_row_triggers("stage_change", "owner_id", None),
    *_row_triggers("activity", "person_id", "NEW.person_id"),
    *_row_triggers("opportunity", "owner_id", "NEW.owner_id", DEAL_COLUMNS_READ),
    "CREATE TRIGGER stamp_owner_opportunity_customer AFTER UPDATE OF customer_id ON opportunity "
    f"WHEN NEW.customer_id IS NOT OLD.customer_id BEGIN {_DEALS_PEOPLE} END",
]
_SQLITE_NAMES = [
    *(f"{t}_{k}" for t in ("stage_change", "activity", "opportunity") for k in
      ("insert", "update_new", "update_old", "delete")),
    "opportunity_customer",
]  # fmt: skip

# PostgreSQL: one number per statement (transition tables), from the counter customer stamps
# take theirs from — one series, handed out in commit order.
_PG_PUT = (
    "INSERT INTO owner_touch (owner_id, seq) SELECT DISTINCT {who}, number FROM {rows} "
    "WHERE {who} IS NOT NULL ON CONFLICT (owner_id) DO UPDATE SET seq = EXCLUDED.seq;"
)


def _pg_function(name: str, old: str, new: str, inserted: str) -> str:
    return f"""
CREATE FUNCTION {name}() RETURNS trigger AS $$
DECLARE
    number bigint;
BEGIN
    UPDATE change_counter SET n = n + 1 WHERE id = 1 RETURNING n INTO number;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {old}
    END IF;
    IF TG_OP = 'UPDATE' THEN
        {new}
    END IF;
    IF TG_OP = 'INSERT' THEN
        {inserted}
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


_PG_FUNCTIONS = {
    "salestui_stamp_owners": _pg_function(
        "salestui_stamp_owners",
        _PG_PUT.format(who="t.owner_id", rows="old_rows t"),
        _PG_PUT.format(who="t.owner_id", rows="new_rows t"),
        _PG_PUT.format(
            who="t.owner_id", rows="new_rows n JOIN opportunity t ON t.id = n.opportunity_id"
        ),
    ),
    "salestui_stamp_people": _pg_function(
        "salestui_stamp_people",
        _PG_PUT.format(who="t.person_id", rows="old_rows t"),
        _PG_PUT.format(who="t.person_id", rows="new_rows t"),
        _PG_PUT.format(who="t.person_id", rows="new_rows t"),
    ),
    "salestui_stamp_deals_owners": _pg_function(
        "salestui_stamp_deals_owners",
        _PG_PUT.format(who="t.owner_id", rows="old_rows t"),
        _PG_PUT.format(who="t.owner_id", rows="new_rows t"),
        _PG_PUT.format(who="t.owner_id", rows="new_rows t"),
    ),
    # a deal's customer changed: the people of its activities that name none
    "salestui_stamp_deals_people": _pg_function(
        "salestui_stamp_deals_people",
        "NULL;",
        "INSERT INTO owner_touch (owner_id, seq) SELECT DISTINCT a.person_id, number "
        "FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN activity a ON a.opportunity_id = "
        "n.id WHERE n.customer_id IS DISTINCT FROM o.customer_id AND a.customer_id IS NULL "
        "AND a.person_id IS NOT NULL ON CONFLICT (owner_id) DO UPDATE SET seq = EXCLUDED.seq;",
        "NULL;",
    ),
}
_PG_WHEN = {
    "insert": "AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows",
}
# trigger name → (table, when, function)
_PG_TRIGGERS = {
    **{
        f"stamp_owner_{table}_{kind}": (table, when.format(table=table), function)
        for table, function in (
            ("stage_change", "salestui_stamp_owners"),
            ("activity", "salestui_stamp_people"),
            ("opportunity", "salestui_stamp_deals_owners"),
        )
        for kind, when in _PG_WHEN.items()
    },
    "stamp_owner_opportunity_customer": (
        "opportunity",
        _PG_WHEN["update"].format(table="opportunity"),
        "salestui_stamp_deals_people",
    ),
}


def upgrade() -> None:
    op.create_table(
        "owner_touch",
        sa.Column("owner_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("owner_id", name=op.f("pk_owner_touch")),
    )
    op.create_index("ix_owner_touch_seq", "owner_touch", ["seq"])
    if op.get_bind().dialect.name == "postgresql":
        for statement in _PG_FUNCTIONS.values():
            op.execute(statement)
        for name, (_table, when, function) in _PG_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {name} {when} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
    else:
        for statement in _SQLITE:
            op.execute(statement)
        op.execute("DROP TRIGGER enter_stage_change_insert")
        op.execute("DROP TRIGGER own_stage_change_insert")
        op.execute(_KEEP_ADDED)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, (table, _when, _function) in _PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for function in _PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    else:
        for name in _SQLITE_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS stamp_owner_{name}")
        op.execute("DROP TRIGGER IF EXISTS enter_own_stage_change_insert")
        for statement in _KEPT_APART:
            op.execute(statement)
    # kept figures no journal will bring up to date any more
    op.execute("DELETE FROM figure_store WHERE name LIKE 'stage\\_stints|%' ESCAPE '\\'")
    op.execute("DELETE FROM figure_store WHERE name LIKE 'effort\\_counts|%' ESCAPE '\\'")
    op.drop_index("ix_owner_touch_seq", table_name="owner_touch")
    op.drop_table("owner_touch")
