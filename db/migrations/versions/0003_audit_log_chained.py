"""the audit log chained and append-only

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

Anyone who may write the database could ``DELETE FROM audit_log`` and nothing would show it. Each
row now carries ``hash`` (SHA-256 over its content and the previous row's hash, see
``salestui.db.queries.audit_chain``) and ``prev_hash``; ``audit_head`` keeps the last id and
hash written, so a deleted tail shows and appenders serialize on its one row. Triggers refuse
UPDATE and DELETE on the log (and moving the head backwards) on SQLite and PostgreSQL; someone
who drops them can still rewrite rows, but ``salestui log --verify`` then names the first one.

The rows already there are chained here, in id order, in chunks read by id: the driver's own
cursor, and on PostgreSQL a COPY into a temporary table and one UPDATE from it, because a
million single-row UPDATEs through the driver take minutes there.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from salestui.db.queries.audit_chain import COLUMNS, GENESIS, link

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHUNK = 50_000
REFUSE = "the audit log is append-only"

SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, '{REFUSE}: rows cannot be changed'); END""",
    f"""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, '{REFUSE}: rows cannot be deleted'); END""",
    f"""CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
    BEGIN SELECT RAISE(ABORT, '{REFUSE}: its head cannot be deleted'); END""",
    f"""CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
    WHEN NEW.id <> OLD.id OR NEW.last_id < OLD.last_id
    BEGIN SELECT RAISE(ABORT, '{REFUSE}: its head only moves forward'); END""",
)
PG_TRIGGERS = (
    f"""CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '{REFUSE}: % refused', TG_OP; END $$""",
    """CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
    f"""CREATE FUNCTION audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.last_id < OLD.last_id THEN
        RAISE EXCEPTION '{REFUSE}: its head only moves forward (% refused)', TG_OP;
      END IF;
      RETURN NEW;
    END $$""",
    """CREATE TRIGGER audit_head_forward BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_forward()""",
    """CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_head_forward()""",
)


def upgrade() -> None:
    op.add_column(
        "audit_log", sa.Column("prev_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
    )
    op.add_column("audit_log", sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_head_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    conn = op.get_bind()
    last_id, last_hash = _chain_the_rows_there(conn)
    conn.execute(
        sa.text("INSERT INTO audit_head (id, last_id, hash) VALUES (1, :last_id, :hash)"),
        {"last_id": last_id, "hash": last_hash},
    )
    for sql in PG_TRIGGERS if conn.dialect.name == "postgresql" else SQLITE_TRIGGERS:
        op.execute(sql)


def _chain_the_rows_there(conn) -> tuple[int, str]:
    raw = conn.connection.driver_connection
    pg = conn.dialect.name == "postgresql"
    mark = "%s" if pg else "?"
    cur = raw.cursor()
    if pg:
        cur.execute(
            "CREATE TEMP TABLE audit_chain_new (id integer PRIMARY KEY, prev_hash text, hash text)"
            " ON COMMIT DROP"
        )
    last_id, prev = 0, GENESIS
    while True:
        cur.execute(
            f"SELECT {COLUMNS} FROM audit_log WHERE id > {mark} ORDER BY id LIMIT {CHUNK}",
            (last_id,),
        )
        rows = cur.fetchall()
        if not rows:
            break
        chained = []
        for row in rows:
            h = link(prev, *row)
            chained.append((prev, h, row[0]))
            prev = h
        last_id = rows[-1][0]
        if pg:
            with cur.copy("COPY audit_chain_new (prev_hash, hash, id) FROM STDIN") as copy:
                for values in chained:
                    copy.write_row(values)
        else:
            cur.executemany("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", chained)
    if pg:
        cur.execute(
            "UPDATE audit_log a SET prev_hash = n.prev_hash, hash = n.hash "
            "FROM audit_chain_new n WHERE a.id = n.id"
        )
        cur.execute("DROP TABLE audit_chain_new")
    cur.close()
    return last_id, prev


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
        op.drop_table("audit_head")
        op.execute("DROP FUNCTION audit_head_forward()")
    else:
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute("DROP TRIGGER audit_log_no_delete")
        op.drop_table("audit_head")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
