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

from salestui.kernel.i18n import _

GENESIS = "0" * 64  # what the first row links to
COLUMNS = "id, at, by_login, table_name, row_id, field, old, new, batch"


def at_text(at: datetime | str) -> str:
    """A moment as the chain hashes it: as stored on SQLite (text, taken as it is), else UTC."""
    if type(at) is str:
        return at
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(" ", "microseconds")  # SQLite's own form: 2026-11-20 10:00:00.000000


def canonical(id, at, by_login, table_name, row_id, field, old, new, batch) -> str:
    """A row's content as one string; every text is length-prefixed (None is ``~``), so no two
    rows share one. Written out inline: the walk runs it a million times."""
    at = at if type(at) is str else at_text(at)
    return (
        f"{id}|{len(at)}:{at}|"
        f"{'~' if by_login is None else f'{len(by_login)}:{by_login}'}|"
        f"{'~' if table_name is None else f'{len(table_name)}:{table_name}'}|{row_id}|"
        f"{'~' if field is None else f'{len(field)}:{field}'}|"
        f"{'~' if old is None else f'{len(old)}:{old}'}|"
        f"{'~' if new is None else f'{len(new)}:{new}'}|"
        f"{'~' if batch is None else f'{len(batch)}:{batch}'}"
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
        for row in rows:
            *content, prev_hash, stored = row
            if prev_hash != prev or stored != link(prev, *content):
                broken = _first_break(row, next(rows, None), prev, back, before)
                return Verdict(count - (broken.id != content[0]), broken)  # the row before: -1
            if top is not None and content[0] > top[0]:
                what = _("inserted: it comes after the last entry written (#{id})").format(
                    id=top[0]
                )
                return Verdict(count, Broken(content[0], content[1], content[2], what))
            count += 1
            back, prev, before = prev, stored, content
    finally:
        cur.close()
    if top is None:
        return Verdict(count, Broken(None, None, None, _("the chain's head is missing")))
    last = before[0] if before else 0
    if (last, prev) != top:
        if top[0] > last:
            what = _(
                "tail deleted: the log ends at #{last}, the last entry written was #{id}"
            ).format(last=last, id=top[0])
        else:
            what = _("the chain's head does not match the last entry")
        return Verdict(count, Broken(None, None, None, what))
    return Verdict(count, None)


def _first_break(row, after, prev: str, back: str | None, before: list | None) -> Broken:
    """What is wrong where the chain breaks at ``row``: the row after it and the two hashes
    before it tell an insertion from a deletion before the row, and both from an edit."""
    *content, prev_hash, stored = row
    named = content
    if prev_hash is None or stored is None:
        what = _("inserted: it carries no hash (written around salestui)")
    elif prev_hash != prev:
        if after is not None and after[-2] == prev:
            what = _("inserted: the chain runs from the row before it to the row after it")
        elif back is not None and prev_hash == back:
            what = _("inserted: the chain runs from the row before it to the row after it")
            named = before
        elif before is None:
            what = _("rows deleted before it: it does not link to the start of the log")
        else:
            what = _("rows deleted before it: it does not link to #{id}, the row before").format(
                id=before[0]
            )
    else:
        what = _("edited: its content no longer matches its hash")
    return Broken(named[0], named[1], named[2], what)
