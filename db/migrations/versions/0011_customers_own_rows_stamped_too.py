"""the customers' own rows stamped in the change journal too

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28

The customer table kept between processes also shows each customer's own row: its name,
industry, owner and region, and the owner's and the region's names. Until now a reader read
every customer's row again to find a rename (audited, never stamped). Triggers now stamp a
customer in ``customer_touch`` when its row is added, changed or removed, and every customer
of a person or a region whose name changes. Every input of the table is then stamped, and a
reader brings a kept table up to date from the touched customers alone.
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_NEXT = "(SELECT COALESCE(MAX(seq), 0) + 1 FROM customer_touch)"
_ON_CONFLICT = "ON CONFLICT (customer_id) DO UPDATE SET seq = excluded.seq;"

# SQLite: row triggers, the next number the highest stamped + 1 (writers take turns), as in 0010.
_SQLITE = [
    "CREATE TRIGGER stamp_customer_insert AFTER INSERT ON customer BEGIN "
    f"INSERT INTO customer_touch (customer_id, seq) VALUES (NEW.id, {_NEXT}) {_ON_CONFLICT} END",
    "CREATE TRIGGER stamp_customer_update AFTER UPDATE ON customer BEGIN "
    f"INSERT INTO customer_touch (customer_id, seq) VALUES (NEW.id, {_NEXT}) {_ON_CONFLICT} END",
    "CREATE TRIGGER stamp_customer_delete AFTER DELETE ON customer BEGIN "
    f"INSERT INTO customer_touch (customer_id, seq) VALUES (OLD.id, {_NEXT}) {_ON_CONFLICT} END",
    "CREATE TRIGGER stamp_person_rename AFTER UPDATE OF display_name ON person "
    "WHEN NEW.display_name IS NOT OLD.display_name BEGIN "
    f"INSERT INTO customer_touch (customer_id, seq) SELECT id, {_NEXT} FROM customer "
    f"WHERE owner_id = NEW.id {_ON_CONFLICT} END",
    "CREATE TRIGGER stamp_region_rename AFTER UPDATE OF name ON region "
    "WHEN NEW.name IS NOT OLD.name BEGIN "
    f"INSERT INTO customer_touch (customer_id, seq) SELECT id, {_NEXT} FROM customer "
    f"WHERE region_id = NEW.id {_ON_CONFLICT} END",
]
_SQLITE_NAMES = (
    "stamp_customer_insert",
    "stamp_customer_update",
    "stamp_customer_delete",
    "stamp_person_rename",
    "stamp_region_rename",
)

# PostgreSQL: one stamp per statement (transition tables), the counter row held until commit.
_PG_STAMP = """
    UPDATE change_counter SET n = n + 1 WHERE id = 1 RETURNING n INTO number;
    INSERT INTO customer_touch (customer_id, seq)
    SELECT DISTINCT {ids}, number {rows}
    ON CONFLICT (customer_id) DO UPDATE SET seq = EXCLUDED.seq;
"""


def _rename(function: str, name: str, link: str) -> str:
    """A function stamping every customer whose ``link`` names a row whose ``name`` changed."""
    stamp = _PG_STAMP.format(
        ids="c.id",
        rows=f"FROM customer c JOIN new_rows n ON c.{link} = n.id "
        f"JOIN old_rows o ON o.id = n.id WHERE n.{name} IS DISTINCT FROM o.{name}",
    )
    return f"""
CREATE FUNCTION {function}() RETURNS trigger AS $$
DECLARE
    number bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
               WHERE n.{name} IS DISTINCT FROM o.{name}) THEN
        {stamp}
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


_PG_FUNCTIONS = {
    "salestui_stamp_customer_rows": """
CREATE FUNCTION salestui_stamp_customer_rows() RETURNS trigger AS $$
DECLARE
    number bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN
        {old}
    ELSE
        {new}
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
""".format(
        old=_PG_STAMP.format(ids="id", rows="FROM old_rows"),
        new=_PG_STAMP.format(ids="id", rows="FROM new_rows"),
    ),
    "salestui_stamp_owner_rename": _rename(
        "salestui_stamp_owner_rename", "display_name", "owner_id"
    ),
    "salestui_stamp_region_rename": _rename("salestui_stamp_region_rename", "name", "region_id"),
}

# trigger name → (table, when, function)
_PG_TRIGGERS = {
    "stamp_customer_insert": (
        "customer",
        "AFTER INSERT ON customer REFERENCING NEW TABLE AS new_rows",
        "salestui_stamp_customer_rows",
    ),
    "stamp_customer_update": (
        "customer",
        "AFTER UPDATE ON customer REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "salestui_stamp_customer_rows",
    ),
    "stamp_customer_delete": (
        "customer",
        "AFTER DELETE ON customer REFERENCING OLD TABLE AS old_rows",
        "salestui_stamp_customer_rows",
    ),
    "stamp_person_rename": (
        "person",
        "AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "salestui_stamp_owner_rename",
    ),
    "stamp_region_rename": (
        "region",
        "AFTER UPDATE ON region REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "salestui_stamp_region_rename",
    ),
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for sql in _PG_FUNCTIONS.values():
            op.execute(sql)
        for name, (_table, when, function) in _PG_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {name} {when} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
    else:
        for statement in _SQLITE:
            op.execute(statement)
    # figures kept before this are not trusted (their key read audit ids, now left out)
    op.execute("DELETE FROM figure_store")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, (table, _when, _function) in _PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for function in _PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    else:
        for name in _SQLITE_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DELETE FROM figure_store")
