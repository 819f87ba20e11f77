"""Undoing an import — or rolling back one cut short — in chunks, all of it or none of it.

Everything is checked before the first write: the batch exists and is not undone, the person may
undo it, no row it touched was changed since by anyone else, and no record made since uses a row
it created. Then the batch is marked ``undoing`` and undone chunk by chunk
(``salestui.services.imports.batches``); each chunk looks at what the rows hold now, so a chunk
done again (after a crash) changes nothing twice. An undo cut short is completed on the next
start; so is the rollback of an import cut short (which skips the checks: nobody chose it).

Every row it deletes is kept whole in the audit log (``old``, as JSON), every field it puts back
says what it held (``old``) and what it holds again (``new``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from salestui.db import tables as t
from salestui.db.busy import DEFAULT_LIMIT_SECONDS
from salestui.db.queries.batches import batch_row
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _
from salestui.services.audit import append, as_text, same, typed
from salestui.services.imports import batches as b
from salestui.services.imports.store import (
    BATCH_TABLE,
    CREATED,
    DELETE_ORDER,
    DELETED,
    MODELS,
    current_rows,
    may_undo,
    runs,
    update_rows,
)
from salestui.services.imports.write import VERSIONED


class _Plan:
    """What the batch did, read from its audit rows."""

    def __init__(self, conn: Connection, batch: str) -> None:
        A = t.AuditLog.__table__
        rows = conn.execute(
            select(A.c.id, A.c.table_name, A.c.row_id, A.c.field, A.c.old)
            .where(A.c.batch == batch)
            .order_by(A.c.id)
        ).all()
        self.first_id = rows[0].id if rows else 0
        self.touched: dict[tuple[str, int], int] = {}  # row → the batch's last audit id on it
        self.created: dict[str, list[int]] = {}
        self.removed: dict[str, list[dict]] = {}
        self.restore: dict[tuple[str, int], dict[str, object]] = {}
        for r in rows:
            if r.table_name == BATCH_TABLE:
                continue
            self.touched[(r.table_name, r.row_id)] = r.id
            if r.field == CREATED:
                self.created.setdefault(r.table_name, []).append(r.row_id)
            elif r.field == DELETED:
                if r.old is None:  # a batch written before deleted rows were kept whole
                    raise DomainError(
                        _(
                            "batch {batch} replaced {table_name} rows it did not keep; it cannot be undone"
                        ).format(batch=batch, table_name=r.table_name)
                    )
                self.removed.setdefault(r.table_name, []).append(
                    {"id": r.row_id, **json.loads(r.old)}
                )
            else:  # the first old value of a field is what it held before the batch
                fields = self.restore.setdefault((r.table_name, r.row_id), {})
                fields.setdefault(r.field, typed(r.table_name, r.field, r.old))
        for table_name, ids in self.created.items():
            made = set(ids)
            for key in [k for k in self.restore if k[0] == table_name and k[1] in made]:
                del self.restore[key]
        for fields in self.restore.values():
            fields.pop("version", None)  # a restored row gets a new version, not its old one


def undo_batch(
    engine: Engine,
    batch: str,
    actor: str,
    now: datetime,
    *,
    on_wait: Callable[[str], None] | None = None,
    limit: float = DEFAULT_LIMIT_SECONDS,
    recovering: bool = False,
) -> tuple[str, dict[str, int]]:
    """Undo ``batch`` (or roll it back, when its import was cut short); returns the state it
    ends in and what was done (counts by table). Raises DomainError having changed nothing."""
    with engine.connect() as conn:
        row = batch_row(conn, batch)
        if row is None:
            raise DomainError(
                _("no import batch {batch} (the summary of each import names its batch)").format(
                    batch=repr(batch)
                )
            )
        if row.state == b.UNDONE:
            raise DomainError(_("batch {batch} was already undone").format(batch=batch))
        if row.state == b.ROLLED_BACK:
            raise DomainError(
                _("batch {batch} was cut short and rolled back: nothing to undo").format(
                    batch=batch
                )
            )
        if not recovering:
            b.refuse_busy(row, now)
        plan = _Plan(conn, batch)
        rolling_back = row.state in (b.WRITING, b.ROLLING_BACK)
        if not recovering:
            may_undo(conn, row.by_login, actor, batch)
        if row.state == b.DONE:
            _refuse_later_changes(conn, batch, plan)
            _refuse_used(conn, batch, plan)
        conn.rollback()
        with b.Chunks(conn, batch, limit=limit, on_wait=on_wait) as chunks:
            marked = b.ROLLING_BACK if rolling_back else b.UNDOING
            if row.state != marked:
                chunks.run(
                    lambda c: b.set_state(c, batch, marked, undone_by=actor), what="the undo"
                )
            counts: dict[str, int] = {}
            _undo_in_chunks(chunks, plan, batch, actor, now, counts)
            final = b.ROLLED_BACK if rolling_back else b.UNDONE

            def finish(c: Connection) -> None:
                if not counts:  # nothing to take back still leaves a trace of the undo
                    _audit(c, actor, now, batch, [(BATCH_TABLE, 0, "*undo*", None, batch)])
                b.set_state(c, batch, final)

            chunks.run(finish, what="the undo")
    return final, counts


def _undo_in_chunks(chunks, plan: _Plan, batch, actor, now, counts: dict[str, int]) -> None:
    def add(done: dict[str, int]) -> None:
        for k, n in done.items():
            counts[k] = counts.get(k, 0) + n

    for part in chunks.slices(list(plan.restore.items())):
        add(chunks.run(lambda c, p=part: _restore(c, p, batch, actor, now), what="the undo"))
    opp_ids = plan.created.get("opportunity", [])
    person_ids = set(plan.created.get("person", []))
    for part in chunks.slices(
        [("opportunity", i) for i in opp_ids] + [("person", i) for i in person_ids]
    ):
        opps = [i for kind, i in part if kind == "opportunity"]
        people = [i for kind, i in part if kind == "person"]
        chunks.run(lambda c, o=opps, p=people: _unlink(c, o, p), what="the undo")
    for table_name in DELETE_ORDER:
        for part in chunks.slices(plan.created.get(table_name, [])):
            add(
                chunks.run(
                    lambda c, n=table_name, p=part: _delete(c, n, p, batch, actor, now),
                    what="the undo",
                )
            )
    for table_name, back in plan.removed.items():  # after the rows that replaced them are gone
        add(chunks.run(lambda c, n=table_name, r=back: _put_back(c, n, r, batch, actor, now),
                       what="the undo"))  # fmt: skip


def _audit(conn, actor, now, batch, rows) -> None:
    append(
        conn,
        [
            dict(at=now, by_login=actor, table_name=tn, row_id=i, field=f, old=o, new=n,
                 batch=f"undo:{batch}")
            for tn, i, f, o, n in rows
        ],
    )  # fmt: skip


def _restore(conn, part, batch, actor, now) -> dict[str, int]:
    audit, done = [], {}
    by_table: dict[str, list] = {}
    for (table_name, row_id), values in part:
        by_table.setdefault(table_name, []).append((row_id, values))
    for table_name, items in by_table.items():
        current = current_rows(conn, table_name, [i for i, _ in items])
        changes = {}
        for row_id, values in items:
            now_there = current.get(row_id)
            if now_there is None:
                continue
            diff = {f: v for f, v in values.items() if not same(now_there.get(f), v)}
            if not diff:
                continue
            if table_name in VERSIONED:
                diff["version"] = now_there["version"] + 1
            changes[row_id] = diff
            audit += [(table_name, row_id, f, as_text(now_there.get(f)), as_text(v))
                      for f, v in diff.items()]  # fmt: skip
        update_rows(conn, table_name, changes)
        if changes:
            done[f"{table_name} restored"] = len(changes)
    _audit(conn, actor, now, batch, audit)
    return done


def _unlink(conn, opp_ids: list[int], person_ids: list[int]) -> None:
    """What the created rows' deletion would trip over: their stage history, their managers."""
    for start in range(0, len(opp_ids), 500):
        chunk = opp_ids[start : start + 500]
        conn.execute(delete(t.StageChange).where(t.StageChange.opportunity_id.in_(chunk)))
    if person_ids:
        conn.execute(update(t.Person).where(t.Person.id.in_(person_ids)).values(manager_id=None))


def _delete(conn, table_name, ids, batch, actor, now) -> dict[str, int]:
    table = MODELS[table_name].__table__
    there = current_rows(conn, table_name, ids)
    if not there:
        return {}
    for start in range(0, len(ids), 500):
        conn.execute(delete(table).where(table.c.id.in_(ids[start : start + 500])))
    _audit(
        conn, actor, now, batch,
        [(table_name, i, DELETED, _whole(row), None) for i, row in there.items()],
    )  # fmt: skip
    return {f"{table_name} deleted": len(there)}


def _whole(row: dict) -> str:
    return json.dumps({k: as_text(v) for k, v in row.items() if k != "id"}, sort_keys=True,
                      ensure_ascii=False)  # fmt: skip


def _put_back(conn, table_name, rows, batch, actor, now) -> dict[str, int]:
    there = current_rows(conn, table_name, [r["id"] for r in rows])
    back = [
        {k: typed(table_name, k, v) if isinstance(v, str) else v for k, v in r.items()}
        for r in rows
        if r["id"] not in there
    ]
    if not back:
        return {}
    conn.execute(insert(MODELS[table_name].__table__), back)
    _audit(conn, actor, now, batch, [(table_name, r["id"], CREATED, None, None) for r in back])
    return {f"{table_name} put back": len(back)}


def _refuse_later_changes(conn, batch: str, plan: _Plan) -> None:
    A = t.AuditLog.__table__
    later = conn.execute(
        select(A.c.id, A.c.table_name, A.c.row_id, A.c.by_login, A.c.at).where(
            A.c.id > plan.first_id, A.c.batch.is_distinct_from(batch)
        )
    )
    for r in later:
        mine = plan.touched.get((r.table_name, r.row_id))
        if mine is not None and r.id > mine:
            raise DomainError(
                _(
                    "{table_name} #{row_id} was changed by {by_login} at {at} after this import; nothing was undone"
                ).format(
                    table_name=r.table_name,
                    row_id=r.row_id,
                    by_login=r.by_login,
                    at=format(r.at, "%Y-%m-%d %H:%M"),
                )
            )


def _refuse_used(conn, batch: str, plan: _Plan) -> None:
    """A record made since that refers to a row the batch created (a deal on an imported
    customer): deleting the row would break it, so nothing is undone."""
    for table_name, ids in plan.created.items():
        made = set(ids)
        for other in SQLModel.metadata.sorted_tables:
            if other.name == "stage_change" and table_name == "opportunity":
                continue  # a created deal's history goes with it
            for fk in other.foreign_keys:
                if fk.column.table.name != table_name:
                    continue
                mine = set(plan.created.get(other.name, ()))
                col = fk.parent
                key = next(iter(other.primary_key.columns))  # id; a link table's first part
                for low, high in runs(sorted(made)):
                    for hit in conn.execute(select(key, col).where(col.between(low, high))):
                        if hit[1] in made and hit[0] not in mine:
                            raise DomainError(
                                _(
                                    "batch {batch} cannot be undone: {name} #{hit}, made after it, uses {table_name} #{hit2} it created; nothing was undone"
                                ).format(
                                    batch=batch,
                                    name=other.name,
                                    hit=hit[0],
                                    table_name=table_name,
                                    hit2=hit[1],
                                )
                            )


def finish_text(batch: str, state: str, counts: dict[str, int]) -> str:
    verb = "rolled back" if state == b.ROLLED_BACK else "undone"
    done = ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "nothing to take back"
    return f"{verb} batch {batch}: {done}"


def finish_interrupted(engine: Engine, pending: list, now: datetime | None = None) -> list[str]:
    """Roll back each import, and complete each undo, that a stopped process left part way
    (``pending``: ``db.queries.batches.unfinished``); one line each for the person."""
    from salestui.db.queries.moments import aware
    from salestui.kernel.dates import utc_now

    now = now or utc_now()
    lines = []
    for row in pending:
        if not b.owner_gone(row.owner, aware(row.beat_at), now, row.batch):
            continue  # still being written by a live process
        what = f"import batch {row.batch} ({row.kind} from {row.source}, by {row.by_login})"
        try:
            state, counts = undo_batch(engine, row.batch, row.by_login, now, recovering=True)
        except Exception as exc:  # the command the person ran still runs; said at each start
            why = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            lines.append(
                f"{what} was cut short and could not be finished now ({why}); it is tried again "
                f"at the next start, or `salestui import --undo {row.batch}`"
            )
            continue
        how = "its import" if state == b.ROLLED_BACK else "its undo"
        lines.append(f"{what}: {how} was cut short; {finish_text(row.batch, state, counts)}")
    return lines
