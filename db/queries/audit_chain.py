"""The audit log's hash chain: the canonical form of a row, the link, and the walk that checks it.

Each row's ``hash`` is SHA-256 over the previous row's hash and the row's canonical form, id
included, so an edited, deleted, inserted or renumbered row breaks the chain where it happened;
``prev_hash`` keeps the link the row was written with, which tells a deletion before a row from an
edit of it. ``audit_head`` holds the last id and hash written, so a deleted tail shows too, and
appenders serialize on it (``services/audit.py`` appends, the migration chains old rows: both
through :func:`link`, the only definition of a row's hash).

The walk reads through the driver's own cursor: a million rows through SQLAlchemy's rows cost
seconds more than the hashing itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256

GENESIS = "0" * 64  # what the first row links to
COLUMNS = "id, at, by_login, table_name, row_id, field, old, new, batch"


def at_text(at: datetime | str) -> str:
    """A moment as the chain hashes it: as stored on SQLite (text, taken as it is), else UTC."""
    if type(at) is str:
        return at
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(" ", "microseconds")  # SQLite's own form: 2026-11-20 10:00:00.000000


def _t(value: str | None) -> str:
    return "~" if value is None else f"{len(value)}:{value}"


def canonical(id, at, by_login, table_name, row_id, field, old, new, batch) -> str:
    """A row's content as one string; every text is length-prefixed, so no two rows share one."""
    at = at_text(at)
    return (
        f"{id}|{len(at)}:{at}|{_t(by_login)}|{_t(table_name)}|{row_id}|{_t(field)}|"
        f"{_t(old)}|{_t(new)}|{_t(batch)}"
    )


def link(prev_hash: str, *row) -> str:
    """The hash of a row (its columns in :data:`COLUMNS` order) chained onto ``prev_hash``."""
    return sha256(f"{prev_hash}\n{canonical(*row)}".encode()).hexdigest()


@dataclass(frozen=True)
class Broken:
    """The first row where the chain breaks (``id`` None: the log ends before the head)."""

    id: int | None
    at: datetime | str | None
    by_login: str | None
    what: str


@dataclass(frozen=True)
class Verdict:
    entries: int
    broken: Broken | None


def _cursor(conn):
    """A driver cursor over the whole log in id order; on PostgreSQL a server-side one."""
    raw = conn.connection.driver_connection
    sql = f"SELECT {COLUMNS}, prev_hash, hash FROM audit_log ORDER BY id"
    if conn.dialect.name == "postgresql":
        cur = raw.cursor(name="salestui_audit_verify")
        cur.itersize = 20000
    else:
        cur = raw.cursor()
    cur.execute(sql)
    return cur


def head(conn) -> tuple[int, str] | None:
    raw = conn.connection.driver_connection
    cur = raw.cursor()
    cur.execute("SELECT last_id, hash FROM audit_head WHERE id = 1")
    row = cur.fetchone()
    cur.close()
    return None if row is None else (int(row[0]), row[1])


def verify(conn) -> Verdict:
    """Walk the chain from the first row to the head; the first break found is named."""
    top = head(conn)
    cur = _cursor(conn)
    count, prev, back, before = 0, GENESIS, None, None  # back: the hash before ``prev``
    try:
        rows = iter(cur)
        row = next(rows, None)
        while row is not None:
            after = next(rows, None)
            *content, prev_hash, stored = row
            what, at = None, content
            if prev_hash is None or stored is None:
                what = "inserted: it carries no hash (written around salestui)"
            elif prev_hash != prev:
                if after is not None and after[-2] == prev:
                    what = "inserted: the chain runs from the row before it to the row after it"
                elif back is not None and prev_hash == back:
                    what = "inserted: the chain runs from the row before it to the row after it"
                    at, count = before, count - 1
                elif before is None:
                    what = "rows deleted before it: it does not link to the start of the log"
                else:
                    what = (
                        f"rows deleted before it: it does not link to #{before[0]}, the row before"
                    )
            elif stored != link(prev, *content):
                what = "edited: its content no longer matches its hash"
            elif top is not None and content[0] > top[0]:
                what = f"inserted: it comes after the last entry written (#{top[0]})"
            if what is not None:
                return Verdict(count, Broken(at[0], at[1], at[2], what))
            count += 1
            back, prev, before, row = prev, stored, content, after
    finally:
        cur.close()
    if top is None:
        return Verdict(count, Broken(None, None, None, "the chain's head is missing"))
    last = before[0] if before else 0
    if (last, prev) != top:
        if top[0] > last:
            what = f"tail deleted: the log ends at #{last}, the last entry written was #{top[0]}"
        else:
            what = "the chain's head does not match the last entry"
        return Verdict(count, Broken(None, None, None, what))
    return Verdict(count, None)
