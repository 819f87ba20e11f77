"""Two customers that are one company become one: everything of the one merged away — deals,
orders, contacts, activities, complaints, NPS answers, the action items about it, the leads
converted into it — moves to the one kept, and the merged customer is removed, kept whole in the audit log so the merge can be undone.

Who may merge: whoever may change both customers (their owners are the person or below them;
an administrator). One transaction; every moved row and the removed customer in one audit batch.

The undo puts the merged customer back under its own id and moves back every row the merge
moved that still belongs to the kept customer; a row moved elsewhere since stays where it is and
is named. What was added to the kept customer after the merge stays with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlmodel import Session

from salestui.db import tables as t
from salestui.db.tables import AuditLog, Customer
from salestui.kernel.dates import utc_now
from salestui.kernel.errors import DomainError
from salestui.kernel.i18n import _, ngettext
from salestui.kernel.org import may_change
from salestui.services.audit import append, as_text, new_batch, typed
from salestui.services.imports.store import CREATED, DELETED
from salestui.services.rules import actor_row

MERGED = "*merged*"  # the audit row that opens a merge: on the kept customer, old = merged id
UNDO = "undo:"
# What belongs to a customer, by table and column; ``versioned``: a moved row's version goes up,
# so a form still open on it cannot save over the move.
MOVED = (
    ("opportunity", t.Opportunity, "customer_id", True),
    ("sales_order", t.SalesOrder, "customer_id", True),
    ("activity", t.Activity, "customer_id", False),
    ("complaint", t.Complaint, "customer_id", False),
    ("nps_answer", t.NpsAnswer, "customer_id", False),
    ("action_item", t.ActionItem, "link_id", True),
    ("contact", t.Contact, "customer_id", True),
    ("lead", t.Lead, "customer_id", True),
)


@dataclass(frozen=True)
class Merged:
    batch: str
    merged_id: int
    kept_id: int
    moved: dict[str, int] = field(default_factory=dict)
    message: str = ""


def _customer(session: Session, customer_id: int) -> Customer:
    found = session.get(Customer, customer_id)
    if found is None:
        raise DomainError(
            _("customer #{customer_id} does not exist (it may have been merged)").format(
                customer_id=customer_id
            )
        )
    return found


def _may_change_both(session: Session, actor_login: str, *customers: Customer):
    actor, people = actor_row(session, actor_login)
    for c in customers:
        if c.owner_id is not None and not may_change(people, actor.id, c.owner_id):
            owner = next((p.display_name for p in people if p.id == c.owner_id), "someone else")
            raise DomainError(
                _(
                    "“{name}” belongs to {owner}; you may merge only your own customers and those of people who report to you"
                ).format(name=c.name, owner=owner)
            )
    return actor


def _rows(table, column: str, customer_id: int):
    where = table.c[column] == customer_id
    if "link_type" in table.c:
        where = where & (table.c.link_type == "customer")
    return where


def belongings(session, customer_id: int) -> dict[str, int]:
    """What a merge of the customer would move, by table (those with rows only): the figures a
    person confirms before merging, counted by the same MOVED the merge moves by."""
    from sqlalchemy import func

    out = {}
    for name, model, column, _kind in MOVED:
        table = model.__table__
        n = session.execute(
            select(func.count()).select_from(table).where(_rows(table, column, customer_id))
        ).scalar_one()
        if n:
            out[name] = int(n)
    return out


def moved_words(moved: dict[str, int]) -> str:
    """``3 opportunity, 2 sales order`` as a person reads it: ``3 deals, 2 orders``."""
    parts = []
    for name, n in moved.items():
        if name in _MOVED_WORDS:
            parts.append(_MOVED_WORDS[name](n).format(n=f"{n:,}"))
        else:
            parts.append(f"{n} {name.replace('_', ' ')}")
    return _(", ").join(parts) or _("nothing")


# what a merge moves, as a person counts it
_MOVED_WORDS = {
    "opportunity": lambda n: ngettext("{n} deal", "{n} deals", n),
    "sales_order": lambda n: ngettext("{n} order", "{n} orders", n),
    "activity": lambda n: ngettext("{n} activity", "{n} activities", n),
    "complaint": lambda n: ngettext("{n} complaint", "{n} complaints", n),
    "nps_answer": lambda n: ngettext("{n} NPS answer", "{n} NPS answers", n),
    "action_item": lambda n: ngettext("{n} action item", "{n} action items", n),
    "contact": lambda n: ngettext("{n} contact", "{n} contacts", n),
    "lead": lambda n: ngettext("{n} lead", "{n} leads", n),
}


def merge_customers(
    session: Session,
    actor_login: str,
    merged_id: int,
    kept_id: int,
    now: datetime | None = None,
) -> Merged:
    """Merge customer ``merged_id`` into ``kept_id``; raises DomainError having written nothing."""
    now = now or utc_now()
    if merged_id == kept_id:
        raise DomainError(_("a customer cannot be merged into itself"))
    merged, kept = _customer(session, merged_id), _customer(session, kept_id)
    actor = _may_change_both(session, actor_login, merged, kept)
    conn = session.connection()
    batch = new_batch()
    audit = [(t.Customer.__tablename__, kept_id, MERGED, str(merged_id), merged.name)]
    moved: dict[str, int] = {}
    for name, model, column, versioned in MOVED:
        table = model.__table__
        found = conn.execute(
            select(table.c.id, *([table.c.version] if versioned else [])).where(
                _rows(table, column, merged_id)
            )
        ).all()
        if not found:
            continue
        audit += _repoint(conn, name, table, column, versioned, found, merged_id, kept_id)
        moved[name] = len(found)
    whole = {
        c.name: as_text(getattr(merged, c.name)) for c in Customer.__table__.c if c.name != "id"
    }
    session.delete(merged)
    session.flush()
    audit.append(("customer", merged_id, DELETED, json.dumps(whole, ensure_ascii=False), None))
    _audit(conn, actor.login, now, batch, audit)
    session.commit()
    what = moved_words(moved)
    return Merged(
        batch,
        merged_id,
        kept_id,
        moved,
        _("merged “{merged}” into “{kept}”: moved {what}; undo with: {command}").format(
            merged=merged.name,
            kept=kept.name,
            what=what,
            command=f"salestui customer merge --undo {batch}",
        ),
    )


def _repoint(conn, name, table, column, versioned, rows, old: int, new: int) -> list[tuple]:
    """``rows`` (id, version) of ``table`` from customer ``old`` to ``new``, versions up; their
    audit rows."""
    ids = [r.id for r in rows]
    for start in range(0, len(ids), 500):
        values = {column: new}
        if versioned:
            values["version"] = table.c.version + 1
        conn.execute(update(table).where(table.c.id.in_(ids[start : start + 500])).values(**values))
    audit = []
    for r in rows:
        audit.append((name, r.id, column, str(old), str(new)))
        if versioned:
            audit.append((name, r.id, "version", str(r.version), str(r.version + 1)))
    return audit


def _audit(conn, actor: str, now: datetime, batch: str, rows) -> None:
    append(
        conn,
        [
            dict(at=now, by_login=actor, table_name=tn, row_id=i, field=f, old=o, new=n,
                 batch=batch)
            for tn, i, f, o, n in rows
        ],
    )  # fmt: skip


def undo_merge(
    session: Session, actor_login: str, batch: str, now: datetime | None = None
) -> Merged:
    """Undo the merge ``batch``; raises DomainError having written nothing."""
    now = now or utc_now()
    batch = str(batch or "").strip()
    rows = session.execute(
        select(AuditLog.table_name, AuditLog.row_id, AuditLog.field, AuditLog.old)
        .where(AuditLog.batch == batch)
        .order_by(AuditLog.id)
    ).all()
    opening = next((r for r in rows if r.field == MERGED), None)
    if opening is None:
        raise DomainError(
            _("no customer merge {batch} (the merge's answer names it)").format(batch=repr(batch))
        )
    if session.execute(select(AuditLog.id).where(AuditLog.batch == UNDO + batch).limit(1)).first():
        raise DomainError(_("merge {batch} was already undone").format(batch=batch))
    kept_id, merged_id = opening.row_id, int(opening.old)
    kept = _customer(session, kept_id)
    if session.get(Customer, merged_id) is not None:
        raise DomainError(
            _("customer #{merged_id} is there again; nothing to undo").format(merged_id=merged_id)
        )
    removed = next(r for r in rows if r.field == DELETED)
    values = {
        k: typed("customer", k, v) for k, v in json.loads(removed.old).items() if k != "version"
    }
    back = Customer(id=merged_id, **values, version=int(json.loads(removed.old)["version"]) + 1)
    actor = _may_change_both(session, actor_login, kept, back)
    conn = session.connection()
    conn.execute(insert(Customer.__table__).values(id=merged_id, **back.model_dump(exclude={"id"})))
    audit = [("customer", merged_id, CREATED, None, back.name)]
    moved: dict[str, int] = {}
    stayed = 0
    columns = {name: (model, column, versioned) for name, model, column, versioned in MOVED}
    for name, (model, column, versioned) in columns.items():
        ids = [r.row_id for r in rows if r.table_name == name and r.field == column]
        if not ids:
            continue
        table = model.__table__
        still = conn.execute(
            select(table.c.id, *([table.c.version] if versioned else [])).where(
                table.c.id.in_(ids), _rows(table, column, kept_id)
            )
        ).all()
        stayed += len(ids) - len(still)
        audit += _repoint(conn, name, table, column, versioned, still, kept_id, merged_id)
        moved[name] = len(still)
    _audit(conn, actor.login, now, UNDO + batch, audit)
    session.commit()
    what = moved_words(moved)
    left = _("; {n} moved elsewhere since stay where they are").format(n=stayed) if stayed else ""
    return Merged(
        batch,
        merged_id,
        kept_id,
        moved,
        _("undid merge {batch}: “{name}” is back with {what}").format(
            batch=batch, name=back.name, what=what
        )
        + left,
    )
