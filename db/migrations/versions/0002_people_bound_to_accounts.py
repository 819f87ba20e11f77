"""people bound to OS accounts; administrators as a flag

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

A person gets ``os_user`` (the OS account, on PostgreSQL the database role, that salestui acts
as them for) and ``admin`` (an administrator: sees and changes everything, may act for anyone).
The old role ``admin`` becomes a manager who is an administrator.

A database made before bindings existed must stay usable by whoever ran it: the account that owns
the SQLite file (on PostgreSQL the role running the upgrade) is bound to the top manager. The
caller says so once (``notices`` in Alembic's config attributes, see ``salestui.db.engine``).
"""

import os

import sqlalchemy as sa
import sqlmodel
from alembic import context, op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN and a unique index: a batch copy of ``person`` on SQLite would drop the
    # table every other table points at, which its foreign keys refuse inside the transaction.
    op.add_column(
        "person", sa.Column("admin", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("person", sa.Column("os_user", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.create_index("uq_person_os_user", "person", ["os_user"], unique=True)
    op.execute(
        sa.text("UPDATE person SET admin = :yes, role = 'manager' WHERE role = 'admin'").bindparams(
            yes=True
        )
    )
    _bind_the_owner_to_the_top_manager()


def _account(conn) -> str | None:
    """Who ran salestui on this database until now: the SQLite file's owner, the PostgreSQL role."""
    if conn.dialect.name == "sqlite":
        path = conn.engine.url.database
        if not path or path == ":memory:" or not os.path.exists(path):
            return None
        import pwd

        try:
            return pwd.getpwuid(os.stat(path).st_uid).pw_name
        except KeyError:  # a uid with no name on this machine
            return None
    return conn.execute(sa.text("SELECT current_user")).scalar()


def _bind_the_owner_to_the_top_manager() -> None:
    conn = op.get_bind()
    people = conn.execute(
        sa.text("SELECT id, login, manager_id, active FROM person ORDER BY id")
    ).all()
    if not people:
        return
    account = _account(conn)
    if not account:
        return
    below: dict[int | None, list[int]] = {}
    for p in people:
        below.setdefault(p.manager_id, []).append(p.id)

    def size(pid: int) -> int:
        seen, stack = {pid}, [pid]
        while stack:
            for child in below.get(stack.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return len(seen)

    tops = [p for p in people if p.manager_id is None and p.active] or [
        p for p in people if p.manager_id is None
    ]
    if not tops:
        return
    top = max(tops, key=lambda p: (size(p.id), -p.id))
    conn.execute(
        sa.text("UPDATE person SET os_user = :account WHERE id = :id"),
        {"account": account, "id": top.id},
    )
    notices = context.config.attributes.setdefault("notices", [])
    notices.append(
        f"people are now bound to OS accounts: {account} (who ran salestui on this database "
        f"until now) is bound to the top manager {top.login}; they can bind the others"
    )


def downgrade() -> None:
    op.drop_index("uq_person_os_user", table_name="person")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("os_user")
        batch_op.drop_column("admin")
